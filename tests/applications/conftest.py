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


@pytest.fixture
def running_worker(transactional_db):
    """``manage.py run_worker``'s loop in a thread for the test, stopped (and joined) at its end."""
    from .workers import worker_threads

    with worker_threads() as (thread,):
        yield thread
