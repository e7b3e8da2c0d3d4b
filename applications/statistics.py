"""審査状況: counts per status, the applications waiting longest (working days, Japanese public
holidays and the year-end closure excluded) and monthly figures, with a chart drawn on the server.
Reads only: the queries live in the models' QuerySet methods."""

import datetime
import statistics
from dataclasses import dataclass

import jpholiday
from django.db.models import Max
from django.utils import timezone

from .models import Application, ApplicationLog, ApplicationStatus

DECISIONS = ["review.approved", "review.returned", "review.rejected"]
SUBMISSIONS = ["application.received", "application.resubmitted"]
MONTHLY_ACTIONS = {
    "received": "application.received",
    "approved": "review.approved",
    "returned": "review.returned",
    "rejected": "review.rejected",
    "withdrawn": "application.withdrawn",
}
MONTHLY_LABELS = {
    "received": "受付",
    "approved": "承認",
    "returned": "差戻し",
    "rejected": "却下",
    "withdrawn": "取下げ",
}


def is_working_day(day: datetime.date) -> bool:
    """A day the bureau is open: not a weekend, a national holiday or 12/29–1/3."""
    if day.weekday() >= 5 or jpholiday.is_holiday(day):
        return False
    return not ((day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3))


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 on the same day)."""
    days = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        days += is_working_day(day)
    return days


def _local_date(moment):
    return timezone.localtime(moment).date()


@dataclass
class Waiting:
    application: Application
    days_in_status: int
    days_waiting: int  # working days since the submission that awaits a first decision
    overdue: bool


def waiting_longest(today, target_days, limit=20):
    """Open applications (受付・審査中), the longest waiting first."""
    rows = []
    applications = Application.objects.open().annotate(
        last_submitted_at=Max("versions__submitted_at")
    )
    for application in applications:
        submitted = application.last_submitted_at or application.received_at
        waiting = working_days_between(_local_date(submitted), today)
        rows.append(
            Waiting(
                application,
                working_days_between(_local_date(application.status_changed_at), today),
                waiting,
                waiting > target_days,
            )
        )
    rows.sort(key=lambda row: (-row.days_waiting, row.application.received_at))
    return rows[:limit]


def status_counts():
    counts = Application.objects.status_counts()
    return [(label, counts.get(value, 0)) for value, label in ApplicationStatus.choices]


def _months(today, count):
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        months.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(months))


@dataclass
class Month:
    year: int
    month: int
    received: int = 0
    approved: int = 0
    returned: int = 0
    rejected: int = 0
    withdrawn: int = 0
    median_days: float | None = None

    @property
    def label(self):
        return f"{self.year}年{self.month}月"

    @property
    def median_text(self):
        """「4」, 「4.5」; empty without decisions."""
        if self.median_days is None:
            return ""
        return f"{self.median_days:g}"

    def count(self, key):
        return getattr(self, key)


def monthly(today, count=12):
    """The last ``count`` months (this one included): what happened in each, and the median
    working days from a submission to the decision on it (承認・差戻し・却下)."""
    months = {key: Month(*key) for key in _months(today, count)}
    first = min(months)
    start = timezone.make_aware(datetime.datetime(first[0], first[1], 1))
    logs = ApplicationLog.objects.since(start).for_actions(
        [*MONTHLY_ACTIONS.values(), *SUBMISSIONS]
    )
    last_submission = {}
    earlier = ApplicationLog.objects.before(start).for_actions(SUBMISSIONS)
    for application_id, created_at in earlier.latest_per_application():
        last_submission[application_id] = created_at
    durations = {key: [] for key in months}
    for log in logs.order_by("created_at", "pk"):
        day = _local_date(log.created_at)
        key = (day.year, day.month)
        if log.action in SUBMISSIONS:
            last_submission[log.application_id] = log.created_at
        for name, action in MONTHLY_ACTIONS.items():
            if log.action == action and key in months:
                setattr(months[key], name, months[key].count(name) + 1)
        if log.action in DECISIONS and key in months and log.application_id in last_submission:
            submitted = _local_date(last_submission[log.application_id])
            durations[key].append(working_days_between(submitted, day))
    for key, values in durations.items():
        if values:
            months[key].median_days = statistics.median(values)
    return [months[key] for key in sorted(months)]


# The chart: grouped bars per month, drawn as SVG geometry here and written out by the template.
CHART_SERIES = [
    ("received", "#1a4f8b"),
    ("approved", "#1e7b3a"),
    ("returned", "#9a5b00"),
    ("rejected", "#a4262c"),
    ("withdrawn", "#595959"),
]
CHART_WIDTH, CHART_HEIGHT = 760, 300
PLOT_LEFT, PLOT_TOP, PLOT_BOTTOM = 40, 20, 250


def chart(months):
    top = max([1, *(m.count(name) for m in months for name, _ in CHART_SERIES)])
    plot_height = PLOT_BOTTOM - PLOT_TOP
    group_width = (CHART_WIDTH - PLOT_LEFT - 10) / max(len(months), 1)
    bar_width = group_width / (len(CHART_SERIES) + 1)
    groups = []
    for index, month in enumerate(months):
        x0 = PLOT_LEFT + index * group_width
        bars = []
        for position, (name, colour) in enumerate(CHART_SERIES):
            value = month.count(name)
            height = plot_height * value / top
            bars.append({
                "x": round(x0 + bar_width * (position + 0.5), 1),
                "y": round(PLOT_BOTTOM - height, 1),
                "width": round(bar_width, 1),
                "height": round(height, 1),
                "colour": colour,
                "title": f"{month.label} {MONTHLY_LABELS[name]} {value}件",
            })  # fmt: skip
        groups.append({
            "bars": bars,
            "label": f"{month.month}月",
            "label_x": round(x0 + group_width / 2, 1),
        })  # fmt: skip
    ticks = sorted({0, top // 2, top})
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "plot_left": PLOT_LEFT,
        "plot_right": CHART_WIDTH - 10,
        "plot_bottom": PLOT_BOTTOM,
        "label_y": PLOT_BOTTOM + 18,
        "legend_y": PLOT_BOTTOM + 40,
        "groups": groups,
        "ticks": [{"value": t, "y": round(PLOT_BOTTOM - plot_height * t / top, 1)} for t in ticks],
        "legend": [
            {"label": MONTHLY_LABELS[name], "colour": colour, "x": PLOT_LEFT + i * 110}
            for i, (name, colour) in enumerate(CHART_SERIES)
        ],
    }
