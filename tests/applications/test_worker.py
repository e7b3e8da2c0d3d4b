"""The worker, not the applicant's request, talks to the mail server and renders the PDFs: a mail
server that accepts connections and never answers does not delay the 完了 page."""

import re
import socket
import threading
import time

import pytest
from aiosmtpd.controller import Controller

from applications.models import Application, OutboxMessage
from pages.models import SiteSettings

from .factories import answers
from .workers import worker_threads


class SilentServer:
    """Accepts SMTP connections on a loopback port and never says a word."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed
                return
            self.accepted.append(connection)

    def close(self):
        self.listener.close()
        for connection in self.accepted:
            connection.close()
        self.thread.join(timeout=5)


class Recorder:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def wait_for(condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.mark.django_db(transaction=True)
def test_a_silent_mail_server_does_not_delay_the_complete_page(
    client, settings, migration_data, running_worker
):
    silent = SilentServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", silent.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 1
    settings.OUTBOX_RETRY_BASE_SECONDS = 1
    site = SiteSettings.load()
    site.notification_email = "kikaku@example.go.jp"
    site.save()
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=silent.port)
    try:
        assert client.post("/apply/", answers()).status_code == 302
        html = client.get("/apply/confirm/").content.decode()
        payload = re.search(r'name="payload" value="([^"]+)"', html).group(1)
        started = time.monotonic()
        response = client.post("/apply/confirm/", {"payload": payload, "submit": "1"})
        elapsed = time.monotonic() - started
        assert response["Location"] == "/apply/complete/"
        assert elapsed < 1, f"submitting took {elapsed:.2f} s"
        application = Application.objects.get()
        assert application.number in client.get("/apply/complete/").content.decode()

        # The worker reaches the silent server, times out and backs off; nothing is sent.
        assert wait_for(lambda: silent.accepted, 10)
        assert wait_for(lambda: OutboxMessage.objects.filter(attempts__gte=1).exists(), 10)
        assert OutboxMessage.objects.unsent().count() == 2
        # The PDFs do not wait for the mail server.
        version = application.versions.get()
        assert wait_for(lambda: version.__class__.objects.get(pk=version.pk).has_pdfs, 60)

        # The mail server answers: each message goes out, once.
        silent.close()
        controller.start()
        assert wait_for(lambda: not OutboxMessage.objects.unsent().exists(), 30)
        time.sleep(1.5)  # a second look at the outbox sends nothing again
        subjects = sorted(envelope.content.decode() for envelope in recorder.messages)
        assert len(recorder.messages) == 2
        assert all(application.number in s for s in subjects)
    finally:
        silent.close()
        if getattr(controller, "_thread", None) is not None:
            controller.stop()


@pytest.mark.django_db(transaction=True)
def test_several_workers_send_each_mail_once(settings):
    """On PostgreSQL three workers share the outbox (SKIP LOCKED); on SQLite one worker runs."""
    from django.core import mail as sent
    from django.db import connection

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxMessage.objects.bulk_create(
        OutboxMessage(kind="notification", recipients=["kikaku@example.go.jp"],
                      subject=f"通知 {n}", body="本文")
        for n in range(30)
    )  # fmt: skip
    workers = 3 if connection.features.has_select_for_update_skip_locked else 1
    with worker_threads(workers, poll=0.05):
        assert wait_for(lambda: not OutboxMessage.objects.unsent().exists(), 60)
    subjects = [message.subject for message in sent.outbox]
    assert sorted(subjects) == sorted(f"通知 {n}" for n in range(30))
    assert all(m.attempts == 1 for m in OutboxMessage.objects.all())
