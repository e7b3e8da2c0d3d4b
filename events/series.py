"""A series (連続講座) as the public pages show it: its live sessions in order with the period
they span, and one session's place in it (第N回（全M回）, the previous and the next session).
A session that is not live (a draft, outside its publication window) is never shown or counted."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from .models import Event, EventSeries

# What the previous/next links of a session page print.
NEIGHBOUR_FIELDS = ("title", "slug", "series_number", "starts_at", "state")


def _order(session):
    return (session.series_number or 0, session.starts_at, session.pk)


@dataclass(frozen=True)
class Period:
    """The time a series' sessions span and where the series stands in it."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    label: str  # 開催予定, 開催中 or 終了

    @classmethod
    def of(cls, sessions, now=None):
        """None for a series without live sessions."""
        if not sessions:
            return None
        now = now or timezone.now()
        starts_at = min(session.starts_at for session in sessions)
        ends_at = max(session.ends_at for session in sessions)
        if ends_at <= now:
            label = "終了"
        elif starts_at <= now:
            label = "開催中"
        else:
            label = "開催予定"
        return cls(starts_at, ends_at, label)

    @property
    def is_over(self):
        return self.label == "終了"


def series_by_period(now=None):
    """The live series, each with ``count`` and ``period`` of its live sessions, in two lists:
    those running or to come (soonest first; a series without live sessions yet last) and
    those that have ended (latest first). Two queries however many series and sessions."""
    now = now or timezone.now()
    sessions = Event.objects.live(now).only("series", "starts_at", "ends_at")
    all_series = EventSeries.objects.live(now).prefetch_related(
        Prefetch("sessions", queryset=sessions, to_attr="live_sessions")
    )
    current, ended = [], []
    for series in all_series:
        series.count = len(series.live_sessions)
        series.period = Period.of(series.live_sessions, now)
        (ended if series.period and series.period.is_over else current).append(series)
    current.sort(key=lambda s: (not s.period, s.period and s.period.starts_at, s.pk))
    ended.sort(key=lambda s: (s.period.starts_at, s.pk), reverse=True)
    return current, ended


def sessions_of(series, now=None):
    """The live sessions of ``series`` in order, with every field (the page's JSON-LD describes
    each one): one query."""
    return list(Event.objects.live(now).in_series(series))


@dataclass(frozen=True)
class PlaceInSeries:
    series: EventSeries
    total: int
    previous: Event | None
    following: Event | None


def place_in_series(event, now=None):
    """Where ``event`` stands in its series, or None when it has none or the series is not live
    (its page would not be found). ``event.series`` should come with the event
    (``select_related``); the live sessions are one more query."""
    series = event.series
    if series is None or not series.is_live(now):
        return None
    sessions = list(Event.objects.live(now).in_series(series).only(*NEIGHBOUR_FIELDS))
    key = _order(event)
    earlier = [session for session in sessions if _order(session) < key]
    later = [session for session in sessions if _order(session) > key]
    return PlaceInSeries(
        series=series,
        total=len(sessions),
        previous=earlier[-1] if earlier else None,
        following=later[0] if later else None,
    )
