"""One title and one place text for an event, the same on every page, feed and calendar."""

import json
import re

import icalendar
import pytest
from django.utils import timezone

from events.models import Event
from events.panels import supporter_events
from tests.factories import content_editor
from tests.supporters.factories import SupporterFactory

from .factories import EventFactory, VenueEventFactory

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def ics_summaries(client, url):
    calendar = icalendar.Calendar.from_ical(client.get(url).content)
    return {str(c["SUMMARY"]): c for c in calendar.walk("VEVENT")}


def calendar_url(event):
    start = event.local_start
    return f"/events/calendar/{start.year}/{start.month}/"


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (Event.State.SCHEDULED, "交流会"),
        (Event.State.CANCELLED, "【中止】交流会"),
        (Event.State.POSTPONED, "【延期】交流会"),
    ],
)
def test_display_title_marks_cancelled_and_postponed_events(state, expected):
    assert Event(title="交流会", state=state).display_title == expected


def test_the_display_title_is_used_everywhere_an_event_is_named(client):
    supporter = SupporterFactory()
    event = EventFactory(title="延期になる交流会", state=Event.State.POSTPONED)
    event.supporters.add(supporter)
    shown = "【延期】延期になる交流会"

    assert shown in ics_summaries(client, "/events/feed.ics")
    assert shown in ics_summaries(client, event.get_ics_url())
    assert f"<title>{shown}</title>" in client.get("/events/feed/").content.decode()

    page = client.get(event.get_absolute_url()).content.decode()
    assert json.loads(JSON_LD.search(page).group(1))["name"] == shown
    assert page.split("</title>")[0].split("<title>")[1].startswith(shown)
    assert f'<meta property="og:title" content="{shown} | ' in page
    assert '<h1 class="page-heading">延期になる交流会</h1>' in page  # the notice says it below

    card = f'<a href="{event.get_absolute_url()}">{shown}</a>'
    assert card in client.get("/events/").content.decode()
    assert card in client.get(calendar_url(event)).content.decode()
    assert card in supporter_events(supporter)


def test_a_past_cancelled_event_is_marked_in_the_supporter_panel_too():
    supporter = SupporterFactory()
    start = timezone.now() - timezone.timedelta(days=30)
    event = EventFactory(
        title="中止した交流会",
        state=Event.State.CANCELLED,
        starts_at=start,
        ends_at=start + timezone.timedelta(hours=2),
    )
    event.supporters.add(supporter)
    assert "【中止】中止した交流会" in supporter_events(supporter)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, "仙台市内の会場 宮城県仙台市青葉区本町三丁目3番1号"),
        ({"address": ""}, "仙台市内の会場（宮城県）"),
        ({"address": "", "prefecture": ""}, "仙台市内の会場"),
        (
            {"format": Event.Format.HYBRID, "online_tool": "Zoom", "address": ""},
            "仙台市内の会場（宮城県）／オンライン（Zoom）",
        ),
        ({"format": Event.Format.ONLINE, "online_tool": ""}, "オンライン"),
        (
            {"format": Event.Format.ONLINE, "online_tool": "Microsoft Teams"},
            "オンライン（Microsoft Teams）",
        ),
    ],
)
def test_location_text(fields, expected):
    event = VenueEventFactory.build(**fields)
    assert event.location_text == expected


def test_the_location_text_is_used_by_the_calendar_feeds_lists_and_admin(client):
    event = VenueEventFactory(
        address="", format=Event.Format.HYBRID, online_tool="Zoom", summary=""
    )
    place = "仙台市内の会場（宮城県）／オンライン（Zoom）"

    (component,) = ics_summaries(client, "/events/feed.ics").values()
    assert str(component["LOCATION"]) == place
    assert f"場所: {place}" in client.get("/events/feed/").content.decode()
    assert f'<p class="event-card__place">{place}</p>' in client.get("/events/").content.decode()
    assert (
        "<dd>仙台市内の会場（宮城県）</dd>" in client.get(event.get_absolute_url()).content.decode()
    )

    client.force_login(content_editor())
    changelist = client.get("/admin/events/event/").content.decode()
    assert f'<td class="field-location">{place}</td>' in changelist
