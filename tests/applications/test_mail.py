"""E-mail through the outbox: acknowledgement and notification, and a failing mail server or PDF
renderer never loses an application."""

import re
import smtplib

import pytest
from django.core import mail as outbox_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command

from applications import links
from applications.models import Application, OutboxMessage
from pages.models import SiteSettings

from .factories import answers, submit_application

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses the recipient, naming the address in its error."""

    def send_messages(self, messages):
        recipients = {address: (550, b"no such user") for m in messages for address in m.to}
        raise smtplib.SMTPRecipientsRefused(recipients)


@pytest.fixture
def bureau_address():
    settings_row = SiteSettings.load()
    settings_row.notification_email = "kikaku@example.go.jp"
    settings_row.save()
    return settings_row.notification_email


def submit_through_the_pages(client):
    assert client.post("/apply/", answers(contact_email="hanako@example.jp")).status_code == 302
    html = client.get("/apply/confirm/").content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', html).group(1)
    return client.post("/apply/confirm/", {"payload": payload, "submit": "1"})


def test_acknowledgement_and_notification(
    client, bureau_address, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit_through_the_pages(client)
    application = Application.objects.get()
    acknowledgement, notification = sorted(
        outbox_mail.outbox, key=lambda m: len(m.to), reverse=True
    )
    assert acknowledgement.to == ["info@example.jp", "hanako@example.jp"]
    assert application.number in acknowledgement.subject
    assert "今後の流れ" in acknowledgement.body
    status_url = re.search(r"(http\S+/apply/status/\S+/)", acknowledgement.body).group(1)
    assert links.read_token(status_url.rstrip("/").rsplit("/", 1)[1]) == (
        application.pk,
        application.number,
    )
    assert notification.to == [bureau_address]
    assert application.number in notification.body
    assert f"/admin/applications/application/{application.pk}/change/" in notification.body
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 0


def test_a_failing_mail_server_leaves_the_application_saved_and_queued(
    client, settings, bureau_address, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = submit_through_the_pages(client)
    assert response["Location"] == "/apply/complete/"
    application = Application.objects.get()
    assert application.number in client.get("/apply/complete/").content.decode()
    queued = OutboxMessage.objects.filter(application=application, sent_at__isnull=True)
    assert queued.count() == 2
    assert all(m.attempts == 1 and "SMTPServerDisconnected" in m.last_error for m in queued)
    assert application.versions.get().has_pdfs  # the PDFs do not depend on the mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("retry_outbox", stdout=(out := __import__("io").StringIO()))
    assert "2 mails sent, 0 failed" in out.getvalue()
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
    assert len(outbox_mail.outbox) == 2


def test_a_failing_pdf_renderer_leaves_the_application_saved_for_retry(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise OSError("Pango is missing")

    monkeypatch.setattr("applications.pdf._render", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit_through_the_pages(client)
    assert response["Location"] == "/apply/complete/"
    version = Application.objects.get().versions.get()
    assert not version.has_pdfs
    assert outbox_mail.outbox  # the acknowledgement still went out
    monkeypatch.undo()
    call_command("retry_outbox", stdout=__import__("io").StringIO())
    version.refresh_from_db()
    assert version.has_pdfs


def test_retry_outbox_dry_run_changes_nothing(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    submit_application()
    out = __import__("io").StringIO()
    call_command("retry_outbox", "--dry-run", stdout=out)
    assert "1 versions without PDFs, 1 unsent mails" in out.getvalue()
    assert OutboxMessage.objects.get().sent_at is None


def test_a_failing_mail_logs_no_name_address_body_or_status_link(
    client, settings, caplog, django_capture_on_commit_callbacks
):
    """No notification address is set (a warning is logged) and every send fails."""
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        submit_through_the_pages(client)
    application = Application.objects.get()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Mail" in logged and "not notified" in logged
    assert application.number in logged
    assert application.name not in logged
    assert "hanako@example.jp" not in logged and application.email not in logged
    assert links.status_path(application).rstrip("/").rsplit("/", 1)[-1] not in logged
