"""E-mail through the outbox: acknowledgement and notification, and a failing mail server or PDF
renderer never loses an application."""

import datetime
import io
import re
import smtplib

import pytest
from django.core import mail as outbox_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone

from applications import links, worker
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


def test_acknowledgement_and_notification(client, bureau_address):
    submit_through_the_pages(client)
    worker.run_once()
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
    client, settings, bureau_address
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    response = submit_through_the_pages(client)
    worker.run_once()
    assert response["Location"] == "/apply/complete/"
    application = Application.objects.get()
    assert application.number in client.get("/apply/complete/").content.decode()
    queued = OutboxMessage.objects.filter(application=application, sent_at__isnull=True)
    assert queued.count() == 2
    assert all(m.attempts == 1 and "SMTPServerDisconnected" in m.last_error for m in queued)
    assert application.versions.get().has_pdfs  # the PDFs do not depend on the mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert worker.run_once() == (0, 0)  # both wait for their back-off
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    call_command("run_worker", "--once", stdout=(out := io.StringIO()))
    assert "0 PDFs rendered, 2 mails tried" in out.getvalue()
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
    assert len(outbox_mail.outbox) == 2


def test_failed_mails_back_off_then_show_to_staff_and_stop_after_the_limit(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    settings.OUTBOX_ALERT_AFTER = 2
    settings.OUTBOX_MAX_ATTEMPTS = 3
    submit_application()
    message = OutboxMessage.objects.get()
    delays = []
    for _ in range(3):
        before = timezone.now()
        assert worker.send_next_mail()
        message.refresh_from_db()
        delays.append(round((message.next_attempt_at - before).total_seconds() / 60))
        assert not worker.send_next_mail()  # not due again before its back-off
        OutboxMessage.objects.update(next_attempt_at=before)
    assert delays == [1, 2, 4]
    assert message.attempts == 3
    assert list(OutboxMessage.objects.failing()) == [message]
    assert not worker.send_next_mail()  # given up after OUTBOX_MAX_ATTEMPTS


def test_a_failing_pdf_renderer_leaves_the_application_saved_for_retry(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("Pango is missing")

    monkeypatch.setattr("applications.pdf._render", broken)
    response = submit_through_the_pages(client)
    worker.run_once()
    assert response["Location"] == "/apply/complete/"
    version = Application.objects.get().versions.get()
    assert not version.has_pdfs
    assert outbox_mail.outbox  # the acknowledgement still went out
    monkeypatch.undo()
    worker.run_once()
    version.refresh_from_db()
    assert version.has_pdfs


def test_the_request_neither_sends_mail_nor_renders_pdfs(client, bureau_address):
    response = submit_through_the_pages(client)
    assert response["Location"] == "/apply/complete/"
    version = Application.objects.get().versions.get()
    assert not outbox_mail.outbox
    assert not version.has_pdfs
    assert OutboxMessage.objects.unsent().count() == 2
    assert worker.run_once() == (1, 2)  # positive control: the worker does both
    version.refresh_from_db()
    assert version.has_pdfs
    assert len(outbox_mail.outbox) == 2


def test_a_failing_mail_logs_no_name_address_body_or_status_link(client, settings, caplog):
    """No notification address is set (a warning is logged) and every send fails."""
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    submit_through_the_pages(client)
    worker.run_once()
    application = Application.objects.get()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Mail" in logged and "not notified" in logged
    assert application.number in logged
    assert application.name not in logged
    assert "hanako@example.jp" not in logged and application.email not in logged
    assert links.status_path(application).rstrip("/").rsplit("/", 1)[-1] not in logged


def test_staff_find_the_mails_that_could_not_be_sent(client, settings):
    from tests.accounts.factories import verified_login
    from tests.factories import reviewer

    settings.OUTBOX_ALERT_AFTER = 3
    submit_application(email="first@example.jp")
    submit_application(email="second@example.jp")
    failing, retrying = OutboxMessage.objects.order_by("pk")
    OutboxMessage.objects.filter(pk=failing.pk).update(attempts=3, last_error="SMTPError")
    OutboxMessage.objects.filter(pk=retrying.pk).update(attempts=2, last_error="SMTPError")
    verified_login(client, reviewer())
    html = client.get("/admin/applications/outboxmessage/?delivery=failing").content.decode()
    assert "送信できていないもの" in html
    assert failing.subject in html
    assert retrying.subject not in html
    assert retrying.subject in client.get("/admin/applications/outboxmessage/").content.decode()


def test_send_again_queues_for_the_worker_and_never_sends_in_the_request(client, settings):
    from tests.accounts.factories import verified_login
    from tests.factories import reviewer

    settings.OUTBOX_MAX_ATTEMPTS = 10
    submit_application(email="waiting@example.jp")
    submit_application(email="given-up@example.jp")
    waiting, given_up = OutboxMessage.objects.order_by("pk")
    later = timezone.now() + datetime.timedelta(minutes=30)
    OutboxMessage.objects.filter(pk=waiting.pk).update(attempts=4, next_attempt_at=later)
    OutboxMessage.objects.filter(pk=given_up.pk).update(attempts=10, last_error="SMTPError")
    assert not OutboxMessage.objects.due(timezone.now()).exists()
    verified_login(client, reviewer())

    response = client.post(
        "/admin/applications/outboxmessage/",
        {"action": "send_again", "_selected_action": [waiting.pk, given_up.pk]},
        follow=True,
    )
    assert not outbox_mail.outbox  # nothing sent by the request
    assert "2件の再送を受け付けました" in response.content.decode()
    assert OutboxMessage.objects.unsent().count() == 2
    assert set(OutboxMessage.objects.due(timezone.now())) == {waiting, given_up}
    assert set(OutboxMessage.objects.failing()) == {waiting, given_up}  # listed until sent

    assert worker.send_next_mail() and worker.send_next_mail()  # the worker sends them
    assert {tuple(m.to) for m in outbox_mail.outbox} == {
        ("waiting@example.jp",),
        ("given-up@example.jp",),
    }
    assert not OutboxMessage.objects.unsent().exists()
