"""send_event_reminders: the reminder N days before (site setting, default 2) to confirmed
registrants, and on an online event's day the mail with the joining URL; each once however
often the command runs."""

import datetime
from io import StringIO

import pytest
from django.core import mail as sent_mail
from django.core.management import call_command

from applications import worker
from core.models import OutboxMessage
from pages.models import SiteSettings
from registrations import booking
from registrations.models import MailKind, RegistrationNotice
from tests.clock import Clock
from tests.events.factories import jst

from .factories import OnlineRegistrationEventFactory, RegistrationEventFactory, register

pytestmark = pytest.mark.django_db

SECRET_URL = "https://teams.example.com/l/meetup-join/secret-room"


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch, now=jst(2030, 6, 1, 9))


def run_command(*args):
    out = StringIO()
    call_command("send_event_reminders", *args, stdout=out)
    return out.getvalue()


def queued(kind):
    return OutboxMessage.objects.filter(kind=kind)


def test_the_reminder_goes_two_days_before_once_however_often_the_command_runs(clock):
    event = RegistrationEventFactory(
        starts_at=jst(2030, 6, 5, 14), ends_at=jst(2030, 6, 5, 16), capacity=2
    )
    cancelled, confirmed, waiting, still_waiting = [register(event, n) for n in range(4)]
    booking.cancel(cancelled)  # a seat is free again: the first waiting person is confirmed
    waiting.refresh_from_db()
    assert waiting.is_confirmed and not still_waiting.is_confirmed
    clock.set(jst(2030, 6, 2, 8))
    assert "0 reminders" in run_command()  # three days before: not yet

    clock.set(jst(2030, 6, 3, 7, 5))
    output = run_command()
    assert "2 reminders (2 days before)" in output
    assert "0 reminders" in run_command()
    clock.advance(hours=5)
    run_command()
    reminders = queued(MailKind.REMINDER)
    assert reminders.count() == 2
    assert {m.recipients[0] for m in reminders} == {confirmed.email, waiting.email}
    assert RegistrationNotice.objects.filter(kind="reminder").count() == 2

    worker.run_once()
    run_command()
    worker.run_once()
    sent = [m for m in sent_mail.outbox if "開催日が近づいています" in m.subject]
    assert len(sent) == 2
    assert "2030年6月5日（水）14:00〜16:00" in sent[0].body
    assert sent[0].attachments[0][0] == "event.ics"


def test_the_number_of_days_is_a_site_setting(clock):
    settings_row = SiteSettings.load()
    settings_row.registration_reminder_days = 5
    settings_row.save()
    event = RegistrationEventFactory(starts_at=jst(2030, 6, 6, 14), ends_at=jst(2030, 6, 6, 16))
    clock.set(jst(2030, 5, 25, 10))
    register(event)
    assert "0 reminders (5 days before)" in run_command()
    clock.set(jst(2030, 6, 1, 10))
    assert "1 reminders (5 days before)" in run_command()
    assert "would be queued" in run_command("--dry-run")


def test_no_reminder_for_those_who_registered_on_or_after_the_reminder_day(clock):
    event = RegistrationEventFactory(starts_at=jst(2030, 6, 5, 14), ends_at=jst(2030, 6, 5, 16))
    early = register(event, 0)
    clock.set(jst(2030, 6, 3, 12))
    register(event, 1)  # registered on the reminder day: the registration mail says it all
    run_command()
    [reminder] = queued(MailKind.REMINDER)
    assert reminder.recipients == [early.email]


def test_no_reminder_for_waiting_cancelled_or_a_cancelled_event(clock):
    full = RegistrationEventFactory(
        starts_at=jst(2030, 6, 5, 14), ends_at=jst(2030, 6, 5, 16), capacity=1
    )
    register(full, 0)
    register(full, 1)  # waiting
    gone = register(full, 2)
    booking.cancel(gone)
    called_off = RegistrationEventFactory(
        starts_at=jst(2030, 6, 5, 14), ends_at=jst(2030, 6, 5, 16)
    )
    register(called_off, 3)
    called_off.state = "cancelled"
    called_off.save()
    clock.set(jst(2030, 6, 3, 8))
    run_command()
    assert [m.recipients for m in queued(MailKind.REMINDER)] == [["person0@example.jp"]]


def test_an_online_event_gets_the_joining_url_on_the_day_an_in_person_one_does_not(clock):
    online = OnlineRegistrationEventFactory(
        starts_at=jst(2030, 6, 5, 14), ends_at=jst(2030, 6, 5, 16), joining_url=SECRET_URL
    )
    in_person = RegistrationEventFactory(
        starts_at=jst(2030, 6, 5, 14),
        ends_at=jst(2030, 6, 5, 16),
        joining_url="https://example.com/not-for-a-venue-event",
    )
    register(online, 0)
    register(in_person, 1)

    clock.set(jst(2030, 6, 3, 8))
    run_command()
    assert queued(MailKind.REMINDER).count() == 2
    venue_reminder = queued(MailKind.REMINDER).get(recipients=["person1@example.jp"])
    assert "not-for-a-venue-event" not in venue_reminder.body
    assert "会場: 仙台市内の会場" in venue_reminder.body

    clock.set(jst(2030, 6, 5, 7, 5))
    output = run_command()
    assert "1 day-of mails" in output
    [day_of] = queued(MailKind.DAY_OF)
    assert day_of.recipients == ["person0@example.jp"]
    assert SECRET_URL in day_of.body and "本日開催です" in day_of.subject
    assert queued(MailKind.REMINDER).count() == 2  # no second reminder on the day
    clock.advance(hours=6, minutes=30)  # the event has begun: the mail is not sent again
    run_command()
    assert queued(MailKind.DAY_OF).count() == 1

    worker.run_once()
    [mail] = [m for m in sent_mail.outbox if "本日開催です" in m.subject]
    assert SECRET_URL in mail.body and "/registrations/" in mail.body
    [venue_mail] = [m for m in sent_mail.outbox if "開催日が近づいています" in m.subject
                    and m.to == ["person1@example.jp"]]  # fmt: skip
    assert "not-for-a-venue-event" not in venue_mail.body


def test_a_day_of_mail_still_goes_after_the_start(clock):
    online = OnlineRegistrationEventFactory(
        starts_at=jst(2030, 6, 5, 14), ends_at=jst(2030, 6, 5, 16)
    )
    register(online)
    clock.set(jst(2030, 6, 5, 14, 30))
    run_command()
    assert queued(MailKind.DAY_OF).count() == 1
    assert not queued(MailKind.REMINDER).exists()  # started: too late for a reminder


def test_nothing_goes_once_the_event_has_ended(clock):
    online = OnlineRegistrationEventFactory(
        starts_at=jst(2030, 6, 5, 14), ends_at=jst(2030, 6, 5, 16)
    )
    register(online)
    clock.set(jst(2030, 6, 5, 16) + datetime.timedelta(minutes=1))
    run_command()
    assert not OutboxMessage.objects.filter(kind__in=[MailKind.DAY_OF, MailKind.REMINDER])


def test_registrants_without_an_address_are_skipped(clock):
    event = RegistrationEventFactory(starts_at=jst(2030, 6, 5, 14), ends_at=jst(2030, 6, 5, 16))
    register(event, 0, email="")
    clock.set(jst(2030, 6, 3, 8))
    run_command()
    assert not queued(MailKind.REMINDER).exists()
