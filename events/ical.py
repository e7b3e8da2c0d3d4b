"""iCalendar (RFC 5545) for the subscription feed and the per-event 「カレンダーに追加」 file.

Timed events are written in UTC (``DTSTART:20210301T050000Z``), so no VTIMEZONE is needed;
all-day events use DATE values with an exclusive DTEND, as RFC 5545 defines them. There is no
METHOD, so DTSTAMP is the time the event was last revised (3.8.7.2), which keeps the output
stable between changes and lets the feed be cached.

The subscription feed carries what calendars show of an event, as Google Calendar's and
Outlook's published feeds do: title, time, place, status and a short description (the summary
and the event page's URL, which every client shows; the full text stays on the page). The
one-event file also has URL, CREATED, LAST-MODIFIED and CATEGORIES; the feed leaves them out
(the URL is in the description, DTSTAMP is the last revision, and Google Calendar and Outlook
show none of them), which keeps it at about 0.5 KB an event."""

import datetime

import icalendar
from django.conf import settings

from .models import Event

PRODID = "-//東北経済産業局//NEXT TOHOKU MEETUP イベント//JA"
CALENDAR_NAME = "NEXT TOHOKU MEETUP イベント"
REFRESH_INTERVAL = datetime.timedelta(hours=6)

STATUS = {
    Event.State.SCHEDULED: "CONFIRMED",
    Event.State.CANCELLED: "CANCELLED",
    Event.State.POSTPONED: "TENTATIVE",
}


def _utc(moment):
    return moment.astimezone(datetime.UTC)


def description_text(event, url) -> str:
    lines = [event.summary] if event.summary else []
    if event.state_note:
        lines.append(f"{event.get_state_display()}: {event.state_note}")
    lines.append(f"詳細: {url}")
    return "\n".join(lines)


def event_component(event, subscription=False) -> icalendar.Event:
    url = f"{settings.SITE_URL}{event.get_absolute_url()}"
    component = icalendar.Event()
    component.add("uid", str(event.uid))
    component.add("dtstamp", _utc(event.updated_at))
    component.add("sequence", event.sequence)
    component.add("summary", event.display_title)
    if event.all_day:
        component.add("dtstart", event.local_start.date())
        component.add("dtend", event.local_end.date() + datetime.timedelta(days=1))
    else:
        component.add("dtstart", _utc(event.starts_at))
        component.add("dtend", _utc(event.ends_at))
    component.add("status", STATUS[event.state])
    component.add("description", description_text(event, url))
    if event.location_text:
        component.add("location", event.location_text)
    if not subscription:  # the one-event file
        component.add("created", _utc(event.created_at))
        component.add("last-modified", _utc(event.updated_at))
        component.add("url", url)
        component.add("categories", [event.get_involvement_display(), event.get_format_display()])
    return component


def calendar_bytes(events, name=CALENDAR_NAME, subscription=True) -> bytes:
    """The calendar of ``events``; a subscription also tells clients how often to refresh."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    if subscription:
        calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
    for event in events:
        calendar.add_component(event_component(event, subscription))
    return calendar.to_ical()
