"""The registrant's own page: a signed, expiring link naming the registration (core.links), and
the public registration URLs of an event or a programme."""

from django.urls import reverse

from core.links import SignedLink

PAGE_LINK = SignedLink(
    salt="registrations.page-link",
    key="r",
    url_name="registrations:page",
    max_age_setting="REGISTRATION_LINK_MAX_AGE",
)

make_token = PAGE_LINK.make_token
read_token = PAGE_LINK.read_token
page_path = PAGE_LINK.path
page_url = PAGE_LINK.url

# The survey of an attended session (RegistrationSession, whose ``number`` is its registration's).
SURVEY_LINK = SignedLink(
    salt="registrations.survey-link",
    key="s",
    url_name="registrations:survey",
    max_age_setting="REGISTRATION_LINK_MAX_AGE",
)


def kind_of(target) -> str:
    """ "event", or "series" for a programme booked as one (events.EventSeries)."""
    return "series" if target._meta.model_name == "eventseries" else "event"


def url_of(target, step="register") -> str:
    """/events/<slug>/register/…, or /events/series/<slug>/register/… for a programme."""
    prefix = "series-" if kind_of(target) == "series" else ""
    return reverse(f"registrations:{prefix}{step}", args=[target.slug])
