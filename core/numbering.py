"""Gapless numbers per year (受付番号 NTM-YYYY-NNNN, 申込番号 EVT-YYYY-NNNNN).

The number is taken from a per-year counter row (a model with ``year`` as primary key and
``last_number``) that is locked (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's IMMEDIATE
transactions hold the database write lock) and incremented inside the same transaction as the
insert that uses it. A failed insert rolls the counter back with it, so no number is ever
skipped, and concurrent inserts queue on the lock instead of sharing a number.
"""

from django.db import transaction
from django.utils import timezone


def take_next(counter_model, year: int | None = None) -> tuple[int, int]:
    """Reserve the next number of ``year`` (this year in Asia/Tokyo by default) from
    ``counter_model``. Must run inside the transaction that inserts the numbered row.
    Returns (year, sequence)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("take_next() must run inside the transaction that saves the row")
    year = year or timezone.localdate().year
    counter, _ = counter_model.objects.select_for_update().get_or_create(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return year, counter.last_number
