"""Writes the access log of personal data. Call ``record()`` from every view that shows or hands
out an application's personal data (admin change view, PDF, upload, CSV export)."""

import datetime
import logging

from django.utils import timezone

from core import spreadsheets

from .clients import client_address
from .models import AccessAction, AccessLogEntry

logger = logging.getLogger("accounts.access")


def record(request, action, target_label="", target_id=None):
    """Log that ``request.user`` did ``action`` (an ``AccessAction`` code) to the target, e.g.
    ``record(request, "application.pdf", application.receipt_number, application.pk)``."""
    user = request.user if request.user.is_authenticated else None
    return record_event(
        action,
        user=user,
        username=user.get_username() if user else "",
        target_label=target_label,
        target_id=target_id,
        address=client_address(request),
    )


def record_event(action, *, user=None, username="", target_label="", target_id=None, address=None):
    """The same row without a request, for management commands."""
    if action not in AccessAction.values:
        raise ValueError(f"Unknown access-log action {action!r}; add it to AccessAction.")
    entry = AccessLogEntry.objects.create(
        user=user,
        username=username or (user.get_username() if user else ""),
        action=action,
        target_label=str(target_label)[:200],
        target_id="" if target_id is None else str(target_id),
        client_address=address,
    )
    logger.info(
        "access %s by %s target=%s id=%s from %s",
        action,
        entry.username or "-",
        entry.target_label or "-",
        entry.target_id or "-",
        address or "-",
    )
    return entry


# --- export for audits -------------------------------------------------------------------------

CSV_COLUMNS = ["日時", "ユーザー名", "操作コード", "操作", "対象", "対象ID", "接続元アドレス"]


def _day_start(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


def entries_between(first_day=None, last_day=None, action=None):
    """Rows from the start of ``first_day`` to the end of ``last_day`` (local time), oldest first."""
    entries = AccessLogEntry.objects.order_by("created_at", "pk")
    if first_day:
        entries = entries.filter(created_at__gte=_day_start(first_day))
    if last_day:
        entries = entries.filter(created_at__lt=_day_start(last_day + datetime.timedelta(days=1)))
    if action:
        entries = entries.filter(action=action)
    return entries


def write_csv(stream, entries):
    """Write the header and one line per entry (the caller writes the BOM); returns the count."""
    labels = dict(AccessAction.choices)
    writer = spreadsheets.writer(stream)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for entry in entries.iterator(chunk_size=2000):
        writer.writerow(
            [
                timezone.localtime(entry.created_at).isoformat(timespec="seconds"),
                entry.username,
                entry.action,
                labels.get(entry.action, entry.action),
                entry.target_label,
                entry.target_id,
                entry.client_address or "",
            ]
        )
        count += 1
    return count
