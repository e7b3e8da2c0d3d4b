from django import template
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.html import format_html

from ..formatting import when_html
from ..models import Event

register = template.Library()

HOME_EVENTS = 3
SUPPORTER_EVENTS = 10


@register.simple_tag
def event_when(event):
    """「2021年3月1日（月）14:00〜16:00」 with each end point in a ``<time datetime>``."""
    return when_html(event)


@register.filter
def supporter_link(supporter):
    """The supporter's name, linked to their directory page when the directory provides one."""
    try:
        url = supporter.get_absolute_url()
    except NoReverseMatch:
        return supporter.name
    return format_html('<a href="{}">{}</a>', url, supporter.name)


@register.inclusion_tag("events/includes/home_section.html")
def upcoming_events_section(limit=HOME_EVENTS):
    """The home page's 「開催予定のイベント」 section: the next few events (one query)."""
    events = Event.objects.live().upcoming(timezone.now()).for_listing()[:limit]
    return {"upcoming_events": events}


@register.inclusion_tag("events/includes/supporter_events.html")
def supporter_events(supporter, limit=SUPPORTER_EVENTS):
    """The events a supporter takes part in: upcoming ones soonest first, then past ones latest
    first; one query however many events there are."""
    now = timezone.now()
    events = list(
        Event.objects.live()
        .filter(supporters=supporter)
        .for_listing()
        .order_by("-starts_at")[:limit]
    )
    upcoming = sorted((e for e in events if not e.is_over(now)), key=lambda e: e.starts_at)
    past = [e for e in events if e.is_over(now)]
    return {"supporter": supporter, "upcoming_events": upcoming, "past_events": past}
