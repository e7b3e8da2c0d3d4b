"""A clock the test sets: ``django.utils.timezone.now()`` returns its time, so pages that change
by the clock alone (publication windows, an event starting) can be checked at the exact instant,
whatever the wall clock says."""

import datetime

from django.utils import timezone

# A fixed local morning: every instant a test schedules within hours stays before midnight.
MORNING = timezone.make_aware(datetime.datetime(2030, 6, 3, 10, 0))


class Clock:
    def __init__(self, monkeypatch, now=MORNING):
        self.now = now
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def set(self, instant):
        self.now = instant

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)
