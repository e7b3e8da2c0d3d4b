"""What the public event pages and feeds depend on, as one version string, for caching them.

A rendered list or feed is a function of the events' rows and of the time: an event starts
(開催中), ends (終了, leaves the upcoming list), its registration closes (受付終了), its publication
window opens or closes, and the calendar's 「today」 moves at midnight. One aggregate query gives
the rows' state (count, latest update) and the next of those instants; the version names both.
A cached copy is therefore never served past the moment it would change, nor after any save or
delete (a bulk ``QuerySet.update()`` must set ``updated_at`` too), and entries expire soon after
in any case.

The query runs on every cached request, so it is written once as plain SQL: building it with
the ORM each time cost more than running it."""

import datetime
from functools import cache

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import Event
from .periods import local_midnight

BOUNDARY_FIELDS = ["starts_at", "ends_at", "registration_deadline", "publish_from", "publish_until"]


@cache
def _sql():
    def column(name):
        return connection.ops.quote_name(Event._meta.get_field(name).column)

    nexts = ", ".join(
        f"MIN(CASE WHEN {column(name)} > %s THEN {column(name)} END)" for name in BOUNDARY_FIELDS
    )
    return (
        f"SELECT COUNT(*), MAX({column('updated_at')}), {nexts} "
        f"FROM {connection.ops.quote_name(Event._meta.db_table)}"
    )


def _as_datetime(value):
    """Databases return aware datetimes (PostgreSQL) or UTC text (SQLite)."""
    if value is None or isinstance(value, datetime.datetime):
        return value
    parsed = parse_datetime(value)
    return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=datetime.UTC)


def content_version(now):
    """(version, valid_until): the version changes at ``valid_until`` or with any change of rows."""
    parameter = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(_sql(), [parameter] * len(BOUNDARY_FIELDS))
        count, latest, *instants = cursor.fetchone()
    tomorrow = local_midnight(timezone.localdate(now) + datetime.timedelta(days=1))
    valid_until = min([tomorrow, *(_as_datetime(v) for v in instants if v is not None)])
    latest = _as_datetime(latest)
    stamp = latest.timestamp() if latest else 0
    return f"{count}-{stamp}-{valid_until.timestamp()}", valid_until
