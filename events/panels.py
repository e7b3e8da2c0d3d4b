"""What the events app adds to other apps' pages (see ``core.panels``)."""

from django.template.loader import render_to_string
from django.utils import timezone

from .models import Event

SUPPORTER_EVENTS = 5


def supporter_events(supporter, limit=SUPPORTER_EVENTS):
    """The events a supporter takes part in: the next ones soonest first, then the latest past
    ones; two queries however many events there are."""
    now = timezone.now()
    events = Event.objects.live().filter(supporters=supporter).for_listing()
    groups = [
        ("開催予定", list(events.upcoming(now)[:limit])),
        ("これまでのイベント", list(events.past(now)[:limit])),
    ]
    groups = [(heading, rows) for heading, rows in groups if rows]
    if not groups:
        return ""
    return render_to_string("events/includes/supporter_events.html", {"groups": groups})
