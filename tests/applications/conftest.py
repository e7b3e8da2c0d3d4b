import pytest


@pytest.fixture(autouse=True)
def _fast_locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def application(db):
    """A submitted application with both PDFs of its first version."""
    from applications import pdf

    from .factories import submit_application

    application = submit_application()
    pdf.generate(application.versions.get())
    return application
