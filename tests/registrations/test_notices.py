"""Change notices: when staff change an event's date, time, place, format or state in the admin,
every registrant (確定 and キャンセル待ち) gets one mail saying what changed, with the updated
.ics, once per change."""

import datetime
from html.parser import HTMLParser

import icalendar
import pytest
from django.core import mail as sent_mail
from django.db import transaction

from applications import worker
from core.models import OutboxMessage
from events.models import Event
from registrations import booking, notices
from registrations.models import MailKind, RegistrationNotice
from tests.events.factories import jst
from tests.factories import content_editor

from .factories import (
    OnlineRegistrationEventFactory,
    RegistrationEventFactory,
    person,
    programme,
    register,
)

pytestmark = pytest.mark.django_db


class FormData(HTMLParser):
    """The values a browser would send with the admin's change form, as the page shows them."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            else:
                self.data[name] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def change_url(event):
    return f"/admin/events/event/{event.pk}/change/"


def save_in_admin(client, event, **changes):
    """Open the event's change form in the admin and save it with ``changes``."""
    parser = FormData()
    parser.feed(client.get(change_url(event)).content.decode())
    data = {**parser.data, **changes, "_save": "保存"}
    data.pop("csrfmiddlewaretoken", None)
    response = client.post(change_url(event), data)
    assert response.status_code == 302, response.content.decode()[:4000]
    event.refresh_from_db()
    return response


def change_notices():
    return OutboxMessage.objects.filter(kind=MailKind.EVENT_CHANGED)


def three_registrants(event):
    return [register(event, n) for n in range(3)]


def test_changing_the_start_time_of_an_event_with_3_registrants_queues_3_notices_once(client):
    event = RegistrationEventFactory(
        starts_at=jst(2031, 2, 10, 14), ends_at=jst(2031, 2, 10, 16), capacity=10
    )
    registrations = three_registrants(event)
    cancelled = register(event, 9)
    booking.cancel(cancelled)
    client.force_login(content_editor())

    save_in_admin(client, event, starts_at_1="15:00", ends_at_1="17:00")
    assert event.sequence == 1
    assert change_notices().count() == 3
    # A second save without changes (or the same form sent again) queues nothing.
    save_in_admin(client, event)
    save_in_admin(client, event, starts_at_1="15:00", ends_at_1="17:00")
    assert change_notices().count() == 3
    assert RegistrationNotice.objects.filter(kind="change").count() == 3
    assert {m.recipients[0] for m in change_notices()} == {r.email for r in registrations}

    worker.run_once()
    messages = [m for m in sent_mail.outbox if "変更" in m.subject]
    assert len(messages) == 3
    message = messages[0]
    assert "開催日時の変更のお知らせ" in message.subject
    assert "変更前: 2031年2月10日（月）14:00〜16:00" in message.body
    assert "変更後: 2031年2月10日（月）15:00〜17:00" in message.body
    [(filename, content, _)] = message.attachments
    [component] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert component["sequence"] == 1
    assert component.decoded("dtstart") == jst(2031, 2, 10, 15).astimezone(datetime.UTC)


def test_a_second_change_is_a_second_notice(client):
    event = RegistrationEventFactory()
    three_registrants(event)
    client.force_login(content_editor())
    save_in_admin(client, event, venue_name="仙台国際センター")
    save_in_admin(client, event, venue_name="せんだいメディアテーク")
    assert change_notices().count() == 6
    assert set(RegistrationNotice.objects.values_list("event_sequence", flat=True)) == {1, 2}
    body = change_notices().order_by("pk").last().body
    assert "開催場所の変更のお知らせ" in change_notices().last().subject
    assert "変更前: 仙台国際センター" in body and "変更後: せんだいメディアテーク" in body


def test_a_change_registrants_would_not_see_sends_nothing(client):
    event = RegistrationEventFactory()
    three_registrants(event)
    client.force_login(content_editor())
    save_in_admin(client, event, summary="概要だけを直しました。")
    assert event.sequence == 1  # the calendar shows the summary ...
    assert not change_notices().exists()  # ... but registrants are not mailed about it


def test_cancelling_and_postponing_are_announced_with_staffs_note(client):
    event = RegistrationEventFactory(capacity=1)
    confirmed, waiting = register(event, 0), register(event, 1)
    assert confirmed.is_confirmed and waiting.is_waiting
    client.force_login(content_editor())
    save_in_admin(client, event, state="postponed", state_note="日程は決まり次第お知らせします。")
    postponed = change_notices()
    assert postponed.count() == 2  # 確定 and キャンセル待ち alike
    assert all("開催延期のお知らせ" in m.subject for m in postponed)
    assert "日程は決まり次第お知らせします。" in postponed.first().body
    assert "変更前: 開催予定どおり" in postponed.first().body
    save_in_admin(client, event, state="cancelled", state_note="荒天のため中止します。")
    cancelled = change_notices().filter(subject__contains="開催中止のお知らせ")
    assert cancelled.count() == 2
    body = cancelled.first().body
    assert "変更前: 延期" in body and "変更後: 中止" in body and "荒天のため中止します。" in body

    worker.run_once()
    [message, *_] = [m for m in sent_mail.outbox if "中止" in m.subject]
    [component] = icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert str(component["status"]) == "CANCELLED" and component["sequence"] == event.sequence


def test_an_event_that_is_over_sends_no_notices(client):
    event = RegistrationEventFactory()
    three_registrants(event)
    Event.objects.filter(pk=event.pk).update(
        starts_at=jst(2020, 1, 10, 14), ends_at=jst(2020, 1, 10, 16)
    )
    event.refresh_from_db()
    client.force_login(content_editor())
    save_in_admin(client, event, venue_name="会場名の誤記を訂正")
    assert not change_notices().exists()


def test_a_save_outside_the_admin_is_announced_too_and_a_retry_once():
    event = OnlineRegistrationEventFactory()
    three_registrants(event)
    stored = Event.objects.filter(pk=event.pk).values("sequence", *notices.NOTICE_FIELDS).get()
    event.online_tool = "Zoom"
    with transaction.atomic():
        event.save()
    assert change_notices().count() == 3
    assert "オンライン（Microsoft Teams）" in change_notices().first().body
    # The same change handled again (a retried request, a second process) queues nothing.
    assert notices.queue_change_notices(event, stored) == 0
    assert change_notices().count() == 3


def test_a_notice_recorded_by_another_process_meanwhile_is_not_sent_again():
    event = RegistrationEventFactory()
    registration = register(event)
    session = registration.sessions.get()
    RegistrationNotice.objects.create(
        registration=registration, event=event, kind="change", event_sequence=4
    )
    queued = []
    assert not notices.deliver_once(session, "change", queued.append, 4)
    assert queued == [] and RegistrationNotice.objects.count() == 1
    assert notices.deliver_once(session, "change", queued.append, 5)
    assert len(queued) == 1


def test_a_change_to_one_session_of_a_programme_goes_to_its_registrants():
    series = programme(sessions=3, selectable=True, joining_url="https://example.com/programme")
    first, second, _ = series.sessions.order_by("series_number")
    both = booking.register(series, person(0), sessions=[first, second])
    only_first = booking.register(series, person(1), sessions=[first])
    second.starts_at += datetime.timedelta(hours=1)
    second.ends_at += datetime.timedelta(hours=1)
    second.save()
    [notice] = change_notices()
    assert notice.recipients == [both.email] and only_first.email not in notice.recipients
    assert "第2回 テスト講座" in notice.body and "開催日時の変更のお知らせ" in notice.subject
