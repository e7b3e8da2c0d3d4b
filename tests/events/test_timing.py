"""Upcoming or past, and which day: judged on aware datetimes, shown in Japan time."""

import datetime

import pytest
from django.utils import timezone

from events.calendar_grid import month_weeks
from events.formatting import when_html, when_text
from events.models import Event

from .factories import EventFactory, jst

pytestmark = pytest.mark.django_db


def test_event_ending_in_one_minute_is_upcoming_and_one_ended_a_minute_ago_is_past(client):
    now = timezone.now()
    ending = EventFactory(
        title="まもなく終わるイベント",
        starts_at=now - datetime.timedelta(hours=2),
        ends_at=now + datetime.timedelta(minutes=1),
    )
    ended = EventFactory(
        title="終わったばかりのイベント",
        starts_at=now - datetime.timedelta(hours=2),
        ends_at=now - datetime.timedelta(minutes=1),
    )
    assert list(Event.objects.live().upcoming(now)) == [ending]
    assert list(Event.objects.live().past(now)) == [ended]

    upcoming_page = client.get("/events/").content.decode()
    past_page = client.get("/events/past/").content.decode()
    assert (
        "まもなく終わるイベント" in upcoming_page
        and "終わったばかりのイベント" not in upcoming_page
    )
    assert "終わったばかりのイベント" in past_page and "まもなく終わるイベント" not in past_page
    assert "開催中" in upcoming_page


def test_the_exact_end_is_the_boundary():
    end = jst(2026, 12, 1, 16)
    event = EventFactory(starts_at=end - datetime.timedelta(hours=2), ends_at=end)
    just_before = end - datetime.timedelta(microseconds=1)
    assert list(Event.objects.upcoming(just_before)) == [event]
    assert list(Event.objects.past(end)) == [event]
    assert not event.is_over(just_before) and event.is_over(end)


def test_an_event_at_half_past_midnight_jst_is_on_its_japanese_day(client):
    event = EventFactory(
        title="深夜のオンライン交流会",
        starts_at=jst(2026, 12, 5, 0, 30),
        ends_at=jst(2026, 12, 5, 2, 0),
    )
    assert event.starts_at.astimezone(datetime.UTC).date() == datetime.date(2026, 12, 4)
    assert when_text(event) == "2026年12月5日（土）0:30〜2:00"
    assert '<time datetime="2026-12-05T00:30+09:00">' in str(when_html(event))

    assert list(Event.objects.in_month(2026, 12)) == [event]
    assert not Event.objects.in_month(2026, 11).exists()

    weeks = month_weeks(2026, 12, [event], today=datetime.date(2026, 11, 25))
    days_with_events = [day.date for week in weeks for day in week if day.events]
    assert days_with_events == [datetime.date(2026, 12, 5)]

    html = client.get("/events/calendar/2026/12/").content.decode()
    cell = html.split('<span class="event-calendar__date">5<')[1].split("</td>")[0]
    assert "深夜のオンライン交流会" in cell
    november = client.get("/events/?month=2026-11").content.decode()
    assert "深夜のオンライン交流会" not in november.split('id="event-results"')[1]
    december = client.get("/events/?month=2026-12").content.decode()
    assert "深夜のオンライン交流会" in december.split('id="event-results"')[1]


def test_weekday_of_the_forum_is_monday():
    forum = EventFactory.build(starts_at=jst(2021, 3, 1, 14), ends_at=jst(2021, 3, 1, 16))
    assert when_text(forum) == "2021年3月1日（月）14:00〜16:00"
    assert str(when_html(forum)) == (
        '<time datetime="2021-03-01T14:00+09:00">2021年3月1日（月）14:00</time>〜'
        '<time datetime="2021-03-01T16:00+09:00">16:00</time>'
    )


@pytest.mark.parametrize(
    ("start", "end", "all_day", "expected"),
    [
        (
            jst(2026, 11, 3, 10),
            jst(2026, 11, 4, 17),
            False,
            "2026年11月3日（火）10:00〜11月4日（水）17:00",
        ),
        (
            jst(2026, 12, 31, 22),
            jst(2027, 1, 1, 1, 30),
            False,
            "2026年12月31日（木）22:00〜2027年1月1日（金）1:30",
        ),
        (jst(2026, 11, 3), jst(2026, 11, 3), True, "2026年11月3日（火）"),
        (jst(2026, 11, 3), jst(2026, 11, 5), True, "2026年11月3日（火）〜11月5日（木）"),
    ],
)
def test_multi_day_and_all_day_dates(start, end, all_day, expected):
    event = EventFactory(starts_at=start, ends_at=end, all_day=all_day)
    assert when_text(event) == expected


def test_an_all_day_event_lasts_until_the_end_of_its_last_day_in_japan():
    event = EventFactory(starts_at=jst(2026, 11, 3, 15), ends_at=jst(2026, 11, 4, 9), all_day=True)
    assert event.starts_at == jst(2026, 11, 3)
    assert event.ends_at == jst(2026, 11, 4, 23, 59) + datetime.timedelta(seconds=59)
    assert list(Event.objects.upcoming(jst(2026, 11, 4, 23, 59))) == [event]
    assert list(Event.objects.past(jst(2026, 11, 5))) == [event]
    event.save()  # normalising twice changes nothing
    assert timezone.localdate(event.ends_at) == datetime.date(2026, 11, 4)
    assert event.sequence == 0
