"""Registrants' personal data is deleted N days after the event (site setting, default 365) by
the existing retention command, keeping anonymous counts."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from pages.models import SiteSettings
from registrations import booking, links
from registrations.models import Registration, RegistrationStatus

from .factories import RegistrationEventFactory, person, programme

pytestmark = pytest.mark.django_db


def past_event(days_ago, **fields):
    event = RegistrationEventFactory(**fields)
    registrations = [booking.register(event, person(n, needs="手話通訳")) for n in range(3)]
    ends = timezone.now() - datetime.timedelta(days=days_ago)
    event.starts_at, event.ends_at = ends - datetime.timedelta(hours=2), ends
    event.save()
    return event, registrations


def test_the_retention_command_blanks_old_registrants_and_keeps_the_counts(client, capsys):
    assert SiteSettings.load().registration_retention_days == 365
    old, old_registrations = past_event(400, capacity=2)
    recent, _ = past_event(30)
    call_command("apply_retention", "--dry-run")
    assert "3 registrations older than 365 days would be anonymised" in capsys.readouterr().out
    assert not Registration.objects.filter(personal_data_deleted_at__isnull=False).exists()

    call_command("apply_retention")
    assert "3 registrations anonymised" in capsys.readouterr().out
    for registration in Registration.objects.filter(event=old):
        assert registration.name == registration.email == registration.needs == ""
        assert registration.personal_data_deleted_at is not None
        assert not registration.outbox.exists()
        assert registration.logs.last().action == "retention.anonymised"
        assert registration.sessions.count() == 1  # attendance stays, anonymous
    counts = Registration.objects.filter(event=old).status_counts()
    assert counts == {RegistrationStatus.CONFIRMED: 2, RegistrationStatus.WAITING: 1}
    assert (
        Registration.objects.filter(event=recent, personal_data_deleted_at__isnull=True).count()
        == 3
    )
    # The registrant's link no longer shows anything.
    assert client.get(links.page_path(old_registrations[0])).status_code == 404
    call_command("apply_retention")
    assert "0 registrations anonymised" in capsys.readouterr().out


def test_the_period_is_a_site_setting_and_a_programme_counts_from_its_last_session():
    settings_row = SiteSettings.load()
    settings_row.registration_retention_days = 10
    settings_row.save()
    series = programme(2)
    registration = booking.register(series, person(1))
    first, last = series.sessions.order_by("series_number")
    now = timezone.now()
    first.starts_at, first.ends_at = (
        now - datetime.timedelta(days=40, hours=2),
        now - datetime.timedelta(days=40),
    )
    first.save()
    last.starts_at, last.ends_at = (
        now - datetime.timedelta(days=5, hours=2),
        now - datetime.timedelta(days=5),
    )
    last.save()
    assert list(Registration.objects.due_for_retention(10)) == []
    assert list(Registration.objects.due_for_retention(10, now + datetime.timedelta(days=6))) == [
        registration
    ]
