"""schema.org ``Event`` JSON-LD for an event page, ``EventSeries`` for a series page (its sessions
as ``subEvent``; a session's own page names the series as its ``superEvent``).

The block is data (``type="application/ld+json"``), which browsers never execute, so the strict
Content-Security-Policy does not apply to it. It is escaped like Django's ``json_script``
(``<``, ``>`` and ``&`` as \\u escapes) so that no text an editor typed can close the element."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .models import Event
from .registration_settings import Availability

BUREAU = "東北経済産業局"
SCHEMA = "https://schema.org/"
EVENT_STATUS = {
    Event.State.SCHEDULED: "EventScheduled",
    Event.State.CANCELLED: "EventCancelled",
    Event.State.POSTPONED: "EventPostponed",
}
ATTENDANCE_MODE = {
    Event.Format.VENUE: "OfflineEventAttendanceMode",
    Event.Format.ONLINE: "OnlineEventAttendanceMode",
    Event.Format.HYBRID: "MixedEventAttendanceMode",
}
# The offer's availability when registration is on the portal (events.registration_settings).
AVAILABILITY = {
    Availability.OPEN: "InStock",
    Availability.FEW: "LimitedAvailability",
    Availability.WAITING_LIST: "SoldOut",
    Availability.CLOSED: "SoldOut",
}
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _absolute(path):
    return f"{settings.SITE_URL}{path}"


def _moment(event, local):
    return local.date().isoformat() if event.all_day else local.isoformat()


def _place(event):
    address = {"@type": "PostalAddress", "addressCountry": "JP"}
    if event.prefecture:
        address["addressRegion"] = event.get_prefecture_display()
    if event.address:
        address["streetAddress"] = event.address
    return {"@type": "Place", "name": event.venue_name, "address": address}


def _virtual_location(event, url):
    return {"@type": "VirtualLocation", "url": event.registration_url or url}


def event_data(event, series=None) -> dict:
    """``series``: the live series the event is a session of, named as its ``superEvent``."""
    url = _absolute(event.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.display_title,
        "startDate": _moment(event, event.local_start),
        "endDate": _moment(event, event.local_end),
        "eventStatus": SCHEMA + EVENT_STATUS[event.state],
        "eventAttendanceMode": SCHEMA + ATTENDANCE_MODE[event.format],
        "url": url,
        "inLanguage": "ja",
    }
    if event.summary:
        data["description"] = event.summary
    locations = []
    if event.has_venue:
        locations.append(_place(event))
    if event.is_online:
        locations.append(_virtual_location(event, url))
    data["location"] = locations[0] if len(locations) == 1 else locations
    organisers = event.organiser_names
    if not organisers and event.involvement == Event.Involvement.HOST:
        organisers = [BUREAU]
    if organisers:
        organizer = [{"@type": "Organization", "name": name} for name in organisers]
        data["organizer"] = organizer[0] if len(organizer) == 1 else organizer
    if event.image:
        data["image"] = [_absolute(event.image.url)]
    availability = event.availability()
    if event.fee_amount is not None or availability:
        offer = {"@type": "Offer", "url": event.registration_url or url}
        if event.fee_amount is not None:
            offer.update(price=event.fee_amount, priceCurrency="JPY")
            data["isAccessibleForFree"] = event.fee_amount == 0
        if availability:
            offer["availability"] = SCHEMA + AVAILABILITY[availability]
        if event.registration_deadline:
            offer["validThrough"] = timezone.localtime(event.registration_deadline).isoformat()
        data["offers"] = offer
    if event.audience:
        data["audience"] = {"@type": "Audience", "audienceType": event.audience}
    if event.capacity:
        data["maximumAttendeeCapacity"] = event.capacity
    if series is not None:
        data["superEvent"] = {
            "@type": "EventSeries",
            "name": series.title,
            "url": _absolute(series.get_absolute_url()),
        }
    return data


def series_data(series, sessions) -> dict:
    """The series with each of its live ``sessions`` (in order) as a ``subEvent``; it spans
    their dates and takes place where they do (their venues, and online)."""
    url = _absolute(series.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "EventSeries",
        "name": series.title,
        "url": url,
        "inLanguage": "ja",
    }
    if series.summary:
        data["description"] = series.summary
    if not sessions:
        return data
    sub_events = []
    for session in sessions:
        sub_event = event_data(session)
        del sub_event["@context"]
        sub_events.append(sub_event)
    first = min(sessions, key=lambda session: session.starts_at)
    last = max(sessions, key=lambda session: session.ends_at)
    data["startDate"] = _moment(first, first.local_start)
    data["endDate"] = _moment(last, last.local_end)
    formats = {session.format for session in sessions}
    mode = ATTENDANCE_MODE[formats.pop()] if len(formats) == 1 else "MixedEventAttendanceMode"
    data["eventAttendanceMode"] = SCHEMA + mode
    locations = []
    for session in sessions:
        if session.has_venue and _place(session) not in locations:
            locations.append(_place(session))
    if any(session.is_online for session in sessions):
        locations.append({"@type": "VirtualLocation", "url": url})
    data["location"] = locations[0] if len(locations) == 1 else locations
    organisers = []
    for sub_event in sub_events:
        found = sub_event.get("organizer", [])
        for organiser in found if isinstance(found, list) else [found]:
            if organiser not in organisers:
                organisers.append(organiser)
    if organisers:
        data["organizer"] = organisers[0] if len(organisers) == 1 else organisers
    data["subEvent"] = sub_events
    return data


def json_ld_script(data):
    """``<script type="application/ld+json">`` with the JSON escaped for HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
