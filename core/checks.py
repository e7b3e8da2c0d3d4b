"""Deployment checks of the portal (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

# Backends that do not deliver: they print, keep in memory, drop or write mail to files.
NON_DELIVERING_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


@register(Tags.security, deploy=True)
def mail_is_delivered(app_configs, **kwargs):
    """With DEBUG off the mail backend must be set explicitly and must really send mail:
    applicants' names, addresses and live status links must not go to the server log."""
    if settings.DEBUG or (
        settings.EMAIL_BACKEND and settings.EMAIL_BACKEND not in NON_DELIVERING_BACKENDS
    ):
        return []
    return [
        Error(
            f"No mail backend that delivers is configured (EMAIL_BACKEND={settings.EMAIL_BACKEND!r}).",
            hint=(
                "Set DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and "
                "EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS."
            ),
            id="meetup.E001",
        )
    ]
