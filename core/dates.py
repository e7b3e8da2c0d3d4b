"""Japanese date formatting. Dates are stored in 西暦; weekdays are always computed, never typed."""

import datetime

from django.utils import timezone

WEEKDAYS = "月火水木金土日"

# (first day of the era, name), newest first
ERAS = [
    (datetime.date(2019, 5, 1), "令和"),
    (datetime.date(1989, 1, 8), "平成"),
    (datetime.date(1926, 12, 25), "昭和"),
]


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def weekday(value) -> str:
    """「月」 for a Monday, in Asia/Tokyo for aware datetimes."""
    return WEEKDAYS[_as_date(value).weekday()]


def japanese_date(value, with_weekday=True) -> str:
    """「2021年3月1日（月）」."""
    day = _as_date(value)
    text = f"{day.year}年{day.month}月{day.day}日"
    return f"{text}（{weekday(day)}）" if with_weekday else text


def wareki(value) -> str:
    """「令和8年11月24日」; the first year of an era is 「元年」."""
    day = _as_date(value)
    for start, name in ERAS:
        if day >= start:
            year = day.year - start.year + 1
            year_text = "元" if year == 1 else str(year)
            return f"{name}{year_text}年{day.month}月{day.day}日"
    return japanese_date(day, with_weekday=False)
