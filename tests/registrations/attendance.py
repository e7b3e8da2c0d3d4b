"""Helpers for the check-in and attendance tests: the reception role, registrations that cover
more than one session, the desk's URLs."""

import datetime

from django.urls import reverse

from core.roles import EVENT_RECEPTION
from registrations.models import RegistrationSession
from tests.factories import UserFactory

from .factories import OnlineRegistrationEventFactory, RegistrationEventFactory, register


def receptionist(**kwargs):
    return UserFactory(is_staff=True, groups=[EVENT_RECEPTION], **kwargs)


def desk_url(event):
    return reverse("admin:registrations_registrationsession_desk", args=[event.pk])


def person_url(registration):
    return reverse("admin:registrations_registrationsession_person", args=[registration.pk])


def certificate_url(registration):
    return reverse("admin:registrations_registrationsession_certificate", args=[registration.pk])


RECEPTION_URL = "/admin/registrations/registrationsession/reception/"
SESSIONS_URL = "/admin/registrations/registrationsession/"


def add_session(registration, event):
    """Let ``registration`` cover ``event`` too (as a programme's registration covers each of
    its sessions)."""
    return RegistrationSession.objects.create(registration=registration, event=event)


def two_sessions(now, **kwargs):
    """(registration, first session at a venue, second session online): a registration that
    covers two sessions, the first today, the second a week later."""
    first = RegistrationEventFactory(
        title="右腕人材育成プログラム 第1回",
        starts_at=now + datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=3),
    )
    second = OnlineRegistrationEventFactory(
        title="右腕人材育成プログラム 第2回",
        starts_at=now + datetime.timedelta(days=7),
        ends_at=now + datetime.timedelta(days=7, hours=2),
    )
    registration = register(first, **kwargs)
    add_session(registration, second)
    return registration, first, second
