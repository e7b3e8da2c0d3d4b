"""When an event takes place, written the Japanese way: 2021年3月1日（月）14:00〜16:00.

Weekdays come from core.dates (computed from the date in Japan time, never typed)."""

from django.utils import timezone
from django.utils.html import format_html_join

from core.dates import japanese_date, weekday


def _clock(moment) -> str:
    return f"{moment.hour}:{moment.minute:02d}"


def _day(moment, previous=None) -> str:
    """The date, leaving out what it shares with ``previous`` (same year: no year)."""
    if previous is not None and previous.year == moment.year:
        return f"{moment.month}月{moment.day}日（{weekday(moment.date())}）"
    return japanese_date(moment.date())


def _day_parts(start, end):
    """[(text, ISO date)] for the first day and, when it is another day, the last."""
    parts = [(_day(start), start.date().isoformat())]
    if end.date() != start.date():
        parts.append((_day(end, start), end.date().isoformat()))
    return parts


def when_parts(event):
    """[(text, machine-readable value)] for the start and, where it adds something, the end."""
    start, end = event.local_start, event.local_end
    if event.all_day:
        return _day_parts(start, end)
    parts = [(f"{_day(start)}{_clock(start)}", start.isoformat(timespec="minutes"))]
    end_text = _clock(end) if end.date() == start.date() else f"{_day(end, start)}{_clock(end)}"
    parts.append((end_text, end.isoformat(timespec="minutes")))
    return parts


def when_text(event) -> str:
    """「2021年3月1日（月）14:00〜16:00」."""
    return "〜".join(text for text, _ in when_parts(event))


def when_html(event):
    """The same text with each end point in a ``<time datetime>`` element."""
    return _time_elements(when_parts(event))


def days_html(start, end):
    """The days from ``start`` to ``end`` (aware, shown in Japan time), e.g. a series' period:
    「2021年1月16日（土）〜2月14日（日）」 with each day in a ``<time datetime>`` element."""
    return _time_elements(_day_parts(timezone.localtime(start), timezone.localtime(end)))


def _time_elements(parts):
    return format_html_join(
        "〜", '<time datetime="{}">{}</time>', ((iso, text) for text, iso in parts)
    )
