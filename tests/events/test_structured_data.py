"""schema.org Event JSON-LD on the event page."""

import json
import re

import pytest

from events.models import Event

from .factories import EventFactory, VenueEventFactory, jst

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(client, event):
    html = client.get(event.get_absolute_url()).content.decode()
    blocks = JSON_LD.findall(html)
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0]), html


def test_json_ld_is_valid_json_with_a_plus_nine_start(client):
    forum = EventFactory(
        title="東北コーディネーター・フォーラム",
        starts_at=jst(2021, 3, 1, 14),
        ends_at=jst(2021, 3, 1, 16),
    )
    data, _ = json_ld(client, forum)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "東北コーディネーター・フォーラム"
    assert data["startDate"] == "2021-03-01T14:00:00+09:00"
    assert data["endDate"] == "2021-03-01T16:00:00+09:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["@type"] == "VirtualLocation"
    assert data["organizer"] == {"@type": "Organization", "name": "東北経済産業局"}
    assert "offers" not in data


def test_venue_event_has_a_place_and_offers_when_there_is_a_fee(client):
    event = VenueEventFactory(
        fee_amount=1000, registration_url="https://example.com/apply", capacity=40
    )
    data, _ = json_ld(client, event)
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["name"] == "仙台市内の会場"
    assert data["location"]["address"]["addressRegion"] == "宮城県"
    assert data["offers"] == {
        "@type": "Offer",
        "price": 1000,
        "priceCurrency": "JPY",
        "url": "https://example.com/apply",
    }
    assert data["maximumAttendeeCapacity"] == 40


def test_hybrid_cancelled_event(client):
    event = VenueEventFactory(
        format=Event.Format.HYBRID, online_tool="Zoom", state=Event.State.CANCELLED
    )
    data, _ = json_ld(client, event)
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert [location["@type"] for location in data["location"]] == ["Place", "VirtualLocation"]


def test_all_day_event_has_dates(client):
    event = EventFactory(starts_at=jst(2026, 12, 5), ends_at=jst(2026, 12, 6), all_day=True)
    data, _ = json_ld(client, event)
    assert (data["startDate"], data["endDate"]) == ("2026-12-05", "2026-12-06")


def test_text_cannot_break_out_of_the_json_block(client):
    hostile = '</script><script>alert("x")</script> & <!--'
    event = EventFactory(title=hostile, summary=hostile)
    data, html = json_ld(client, event)
    assert data["name"] == hostile and data["description"] == hostile
    head = html.split("</head>")[0]
    assert "<script>alert" not in head
    assert head.count("</script>") == head.count("<script")
