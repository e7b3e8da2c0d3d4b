"""/events/feed.ics and the per-event 「カレンダーに追加」 file (RFC 5545)."""

import datetime
import gzip

import icalendar
import pytest
import vobject

from core.publishing import PublicationStatus
from events.models import Event
from tests.clock import Clock

from .factories import EventFactory, VenueEventFactory, jst

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The feed carries upcoming events and the past 12 months: these tests read it a few
    months after the 2021 forum."""
    return Clock(monkeypatch, now=jst(2021, 6, 1, 10))


@pytest.fixture
def forum():
    return EventFactory(
        title="東北コーディネーター・フォーラム",
        slug="tohoku-coordinator-forum-2021",
        starts_at=jst(2021, 3, 1, 14),
        ends_at=jst(2021, 3, 1, 16),
        participants=100,
        participants_over=True,
    )


def feed(client):
    response = client.get("/events/feed.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def vevents(body):
    return {str(c["UID"]): c for c in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def test_feed_parses_with_icalendar_with_the_forum_at_0500_utc(client, forum):
    body = feed(client)
    calendar = icalendar.Calendar.from_ical(body)
    assert str(calendar["VERSION"]) == "2.0" and "NEXT TOHOKU MEETUP" in str(calendar["PRODID"])
    event = vevents(body)[str(forum.uid)]
    assert event.decoded("DTSTART") == datetime.datetime(2021, 3, 1, 5, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime.datetime(2021, 3, 1, 7, 0, tzinfo=UTC)
    assert b"DTSTART:20210301T050000Z" in body
    assert str(event["SUMMARY"]) == "東北コーディネーター・フォーラム"
    assert event.decoded("DTSTAMP") == forum.updated_at.astimezone(UTC).replace(microsecond=0)
    assert int(event["SEQUENCE"]) == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["DESCRIPTION"]).endswith("/events/tohoku-coordinator-forum-2021/")


def test_the_feed_carries_what_calendars_show_and_the_one_event_file_the_rest(
    client, forum, settings
):
    settings.SITE_URL = "http://testserver"
    page = "http://testserver/events/tohoku-coordinator-forum-2021/"
    event = vevents(feed(client))[str(forum.uid)]
    assert set(event) == {
        "UID", "DTSTAMP", "SEQUENCE", "SUMMARY", "DTSTART", "DTEND", "STATUS", "DESCRIPTION",
        "LOCATION",
    }  # fmt: skip
    assert str(event["DESCRIPTION"]).endswith(f"詳細: {page}")
    single = icalendar.Calendar.from_ical(client.get(forum.get_ics_url()).content)
    [one] = single.walk("VEVENT")
    assert str(one["URL"]) == page
    assert [str(c) for c in one["CATEGORIES"].cats] == ["主催", "オンライン"]
    assert one.decoded("LAST-MODIFIED") == one.decoded("DTSTAMP") == event.decoded("DTSTAMP")
    assert one.decoded("CREATED") == forum.created_at.astimezone(UTC).replace(microsecond=0)


def test_feed_parses_with_vobject_as_well(client, forum):
    VenueEventFactory(title="会場のイベント, セミコロン; 改行\nあり")
    calendar = vobject.readOne(feed(client).decode())
    events = {event.uid.value: event for event in calendar.vevent_list}
    assert len(events) == 2
    parsed = events[str(forum.uid)]
    assert parsed.dtstart.value == datetime.datetime(2021, 3, 1, 5, 0, tzinfo=UTC)
    assert parsed.summary.value == "東北コーディネーター・フォーラム"
    assert parsed.dtstamp.value.tzinfo is not None
    other = next(event for uid, event in events.items() if uid != str(forum.uid))
    assert other.summary.value == "会場のイベント, セミコロン; 改行\nあり"
    assert other.location.value.startswith("仙台市内の会場")


def test_uids_are_stable_across_edits(client, forum):
    before = set(vevents(feed(client)))
    forum.title = "東北コーディネーター・フォーラム（改題）"
    forum.save()
    assert set(vevents(feed(client))) == before == {str(forum.uid)}


def test_a_change_raises_sequence_in_the_feed(client, forum):
    assert int(vevents(feed(client))[str(forum.uid)]["SEQUENCE"]) == 0
    forum.ends_at = jst(2021, 3, 1, 16, 30)
    forum.save()
    assert forum.sequence == 1
    event = vevents(feed(client))[str(forum.uid)]
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTEND") == datetime.datetime(2021, 3, 1, 7, 30, tzinfo=UTC)

    forum.capacity = 200  # not shown in calendars: no new revision
    forum.save()
    assert Event.objects.get(pk=forum.pk).sequence == 1


def test_cancelled_event_carries_status_cancelled_and_shows_chushi(client):
    event = VenueEventFactory(title="中止になる交流会")
    event.state = Event.State.CANCELLED
    event.state_note = "荒天のため中止します。"
    event.save()

    component = vevents(feed(client))[str(event.uid)]
    assert str(component["STATUS"]) == "CANCELLED"
    assert str(component["SUMMARY"]) == "【中止】中止になる交流会"
    assert int(component["SEQUENCE"]) == 1

    single = client.get(event.get_ics_url()).content
    assert b"STATUS:CANCELLED" in single

    page = client.get(event.get_absolute_url()).content.decode()
    assert "このイベントは中止になりました。" in page and "荒天のため中止します。" in page
    assert "中止" in client.get("/events/").content.decode().split('id="event-results"')[1]


def test_postponed_event_is_tentative(client):
    event = EventFactory(state=Event.State.POSTPONED)
    assert str(vevents(feed(client))[str(event.uid)]["STATUS"]) == "TENTATIVE"


def test_all_day_events_use_dates_with_an_exclusive_end(client):
    event = EventFactory(starts_at=jst(2026, 12, 5), ends_at=jst(2026, 12, 6), all_day=True)
    body = feed(client)
    component = vevents(body)[str(event.uid)]
    assert component.decoded("DTSTART") == datetime.date(2026, 12, 5)
    assert component.decoded("DTEND") == datetime.date(2026, 12, 7)
    assert b"DTSTART;VALUE=DATE:20261205" in body


def test_add_to_calendar_downloads_one_event(client, forum):
    EventFactory(title="別のイベント")
    response = client.get(forum.get_ics_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="tohoku-coordinator-forum-2021.ics"'
    )
    events = list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == [str(forum.uid)]
    assert b"REFRESH-INTERVAL" not in response.content
    page = client.get(EventFactory(title="予定").get_absolute_url()).content.decode()
    assert "カレンダーに追加" in page


def test_feed_answers_not_modified_to_a_matching_etag(client, forum):
    first = client.get("/events/feed.ics")
    again = client.get("/events/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    forum.title = "変更後"
    forum.save()
    changed = client.get("/events/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and "変更後".encode() in changed.content


def test_drafts_and_expired_events_are_not_in_the_feed(client, forum):
    feed(client)  # warm the cache, so that the next change must invalidate it
    draft = EventFactory(title="下書きのイベント", status=PublicationStatus.DRAFT)
    assert set(vevents(feed(client))) == {str(forum.uid)}
    draft.status = PublicationStatus.PUBLISHED
    draft.save()
    assert set(vevents(feed(client))) == {str(forum.uid), str(draft.uid)}
    forum.delete()
    assert set(vevents(feed(client))) == {str(draft.uid)}
    assert client.get(EventFactory(status=PublicationStatus.DRAFT).get_ics_url()).status_code == 404


def test_feed_is_compressed_for_clients_that_accept_gzip(client, forum):
    plain = client.get("/events/feed.ics")
    compressed = client.get("/events/feed.ics", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content)
    assert compressed["ETag"] != plain["ETag"]
    assert "Accept-Encoding" in compressed["Vary"] and "Accept-Encoding" in plain["Vary"]
    again = client.get(
        "/events/feed.ics", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=compressed["ETag"]
    )
    assert again.status_code == 304
