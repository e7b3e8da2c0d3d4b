"""Days and months in Japan time (the project's TIME_ZONE, Asia/Tokyo) as aware datetimes."""

import datetime

from django.utils import timezone

END_OF_DAY = datetime.time(23, 59, 59)


def local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def month_bounds(year: int, month: int):
    """The first instant of the month and of the following month, in Japan time."""
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return (
        local_midnight(datetime.date(year, month, 1)),
        local_midnight(datetime.date(*following, 1)),
    )


def whole_days(starts_at, ends_at):
    """An all-day event runs from 00:00 of its first day to 23:59:59 of its last day (JST).
    Applying this twice gives the same result."""
    first = timezone.localdate(starts_at)
    last = max(first, timezone.localdate(ends_at))
    return local_midnight(first), timezone.make_aware(datetime.datetime.combine(last, END_OF_DAY))


def days_of(event):
    """Every local date the event touches, first to last."""
    first = timezone.localdate(event.starts_at)
    last = timezone.localdate(event.ends_at)
    if (
        not event.all_day
        and last > first
        and timezone.localtime(event.ends_at).time() == datetime.time.min
    ):
        last -= datetime.timedelta(days=1)  # ending at midnight does not touch the next day
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
