"""The month calendar: weeks from Sunday to Saturday, each day with the events it touches."""

import calendar
import datetime
from dataclasses import dataclass, field

from .periods import days_of

# Sunday first, as Japanese wall calendars print it.
WEEKDAY_HEADERS = [
    ("日", "日曜日"), ("月", "月曜日"), ("火", "火曜日"), ("水", "水曜日"),
    ("木", "木曜日"), ("金", "金曜日"), ("土", "土曜日"),
]  # fmt: skip
FIRST_MONTH = (2020, 1)


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    events: list = field(default_factory=list)

    @property
    def weekday_index(self):
        """0 for Sunday … 6 for Saturday."""
        return (self.date.weekday() + 1) % 7


def month_weeks(year, month, events, today):
    weeks = [
        [Day(day, day.month == month, day == today) for day in week]
        for week in calendar.Calendar(firstweekday=6).monthdatescalendar(year, month)
    ]
    by_date = {day.date: day for week in weeks for day in week if day.in_month}
    for event in events:
        for date in days_of(event):
            if date in by_date:
                by_date[date].events.append(event)
    return weeks


def neighbour_months(year, month):
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return previous, following


def is_allowed_month(year, month, today):
    """Months from 2020 until five years ahead: enough for every event, and a bound for crawlers
    that follow 「次の月」 for ever."""
    return FIRST_MONTH <= (year, month) <= (today.year + 5, 12) and 1 <= month <= 12
