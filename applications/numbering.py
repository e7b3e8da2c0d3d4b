"""受付番号: ``NTM-<year>-<4+ digits>``, sequential and gapless per year.

The number is taken from a per-year counter row that is locked (``SELECT … FOR UPDATE`` on
PostgreSQL; SQLite's IMMEDIATE transactions hold the database write lock) and incremented inside the
same transaction as the application insert. A failed insert rolls the counter back with it, so no
number is ever skipped, and concurrent submissions queue on the lock instead of sharing a number.
"""

from django.db import transaction
from django.utils import timezone

from .models import YearCounter

PREFIX = "NTM"


def format_number(year: int, sequence: int) -> str:
    """NTM-2026-0001; a year past 9999 applications simply gets more digits."""
    return f"{PREFIX}-{year}-{sequence:04d}"


def take_next(year: int | None = None) -> tuple[int, int, str]:
    """Reserve the next number of ``year`` (this year in Asia/Tokyo by default). Must run inside
    the transaction that inserts the application. Returns (year, sequence, number)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("take_next() must run inside the transaction that saves the application")
    year = year or timezone.localdate().year
    counter, _ = YearCounter.objects.select_for_update().get_or_create(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return year, counter.last_number, format_number(year, counter.last_number)
