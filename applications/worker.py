"""The background worker: renders the PDFs of submitted versions and sends the portal's outbox
(``core.outbox``: the mails of every app), so that no request waits for WeasyPrint or the mail
server (``manage.py run_worker``).

Each item is claimed with its row locked: on PostgreSQL ``SELECT … FOR UPDATE SKIP LOCKED`` in a
transaction that lasts while the item is worked on, so several workers on several servers share
the queue and never send a mail twice. On SQLite (development, one server) exactly one worker
runs, without a transaction around the work: SQLite's transactions take the database's only write
lock, which would make submissions wait for the mail server.
"""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections

from core.outbox import claim, send_next_mail

from . import pdf
from .models import ApplicationVersion

logger = logging.getLogger(__name__)

BATCH = 10  # items of each kind per pass, so a backlog of mails does not hold back new PDFs


def versions_without_pdfs():
    return ApplicationVersion.objects.filter(
        pdf_generated_at__isnull=True, application__personal_data_deleted_at__isnull=True
    ).order_by("pk")


def render_next_pdf(exclude=()):
    """Render the PDFs of one version that has none (other than ``exclude``). Returns
    (version pk, rendered) or None when there is nothing to do."""
    queryset = (
        versions_without_pdfs()
        .exclude(pk__in=exclude)
        .select_related("application", "pledge_version")
    )
    with claim(queryset) as version:
        if version is None:
            return None
        try:
            pdf.generate(version)
        except Exception:  # logged and retried on the next pass; the application is saved
            logger.exception("PDF generation for version %s failed", version.pk)
            return version.pk, False
    return version.pk, True


def run_once(limit=None) -> tuple[int, int]:
    """One pass (at most ``limit`` items of each kind): PDFs first, then mails, so that an
    applicant's status link already finds the documents. Returns (PDFs rendered, mails tried)."""
    tried, rendered = [], 0
    while limit is None or len(tried) < limit:
        outcome = render_next_pdf(exclude=tried)
        if outcome is None:
            break
        tried.append(outcome[0])
        rendered += outcome[1]
    sent = 0
    while (limit is None or sent < limit) and send_next_mail():
        sent += 1
    return rendered, sent


def run(stop: threading.Event | None = None, poll=None):
    """Work continuously until ``stop`` is set: a pass, then a pause of ``poll`` seconds when the
    pass found nothing to do."""
    stop = stop or threading.Event()
    poll = settings.WORKER_POLL_SECONDS if poll is None else poll
    while not stop.is_set():
        close_old_connections()  # CONN_MAX_AGE and health checks, as for a request
        try:
            busy = any(run_once(limit=BATCH))
        except Exception:  # a database restart: log, wait, carry on
            logger.exception("Worker pass failed")
            busy = False
        if not busy:
            stop.wait(poll)
    close_old_connections()
