"""The applicant's status link: a signed, expiring token naming the application."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "applications.status-link"


def make_token(application) -> str:
    return signing.dumps({"a": application.pk, "n": application.number}, salt=SALT, compress=True)


def read_token(token: str):
    """The (pk, number) the token names; raises signing.SignatureExpired or BadSignature."""
    payload = signing.loads(token, salt=SALT, max_age=settings.APPLY_STATUS_LINK_MAX_AGE)
    return payload["a"], payload["n"]


def status_path(application) -> str:
    return reverse("applications:status", kwargs={"token": make_token(application)})


def status_url(application) -> str:
    return f"{settings.SITE_URL}{status_path(application)}"
