from django import template
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.html import format_html

from ..formatting import days_html, when_html
from ..models import Event

register = template.Library()

HOME_EVENTS = 3


@register.simple_tag
def event_when(event):
    """「2021年3月1日（月）14:00〜16:00」 with each end point in a ``<time datetime>``."""
    return when_html(event)


@register.simple_tag
def days_when(start, end):
    """「2021年1月16日（土）〜2月14日（日）」 (a series' period), each day in a ``<time datetime>``."""
    return days_html(start, end)


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
