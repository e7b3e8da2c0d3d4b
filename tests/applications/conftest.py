import pytest


@pytest.fixture(autouse=True)
def _fast_locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
