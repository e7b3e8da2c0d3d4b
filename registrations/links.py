"""The registrant's own page: a signed, expiring link naming the registration (no account)."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "registrations.page-link"
SURVEY_SALT = "registrations.survey-link"


def _read(token, salt, key):
    """(payload[key], the registration number) of a token; raises signing.SignatureExpired or
    BadSignature."""
    payload = signing.loads(token, salt=salt, max_age=settings.REGISTRATION_LINK_MAX_AGE)
    return payload[key], payload["n"]


def make_token(registration) -> str:
    return signing.dumps({"r": registration.pk, "n": registration.number}, salt=SALT, compress=True)


def read_token(token: str):
    """The (pk, number) the token names; raises signing.SignatureExpired or BadSignature."""
    return _read(token, SALT, "r")


def make_survey_token(session) -> str:
    """The link to the survey of an attended session (RegistrationSession)."""
    payload = {"s": session.pk, "n": session.registration.number}
    return signing.dumps(payload, salt=SURVEY_SALT, compress=True)


def read_survey_token(token: str):
    """The (session pk, registration number) the survey token names."""
    return _read(token, SURVEY_SALT, "s")


def page_path(registration) -> str:
    return reverse("registrations:page", kwargs={"token": make_token(registration)})


def page_url(registration) -> str:
    return f"{settings.SITE_URL}{page_path(registration)}"


def kind_of(target) -> str:
    """ "event", or "series" for a programme booked as one (events.EventSeries)."""
    return "series" if target._meta.model_name == "eventseries" else "event"


def url_of(target, step="register") -> str:
    """/events/<slug>/register/…, or /events/series/<slug>/register/… for a programme."""
    prefix = "series-" if kind_of(target) == "series" else ""
    return reverse(f"registrations:{prefix}{step}", args=[target.slug])
