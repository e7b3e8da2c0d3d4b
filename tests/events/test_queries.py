"""Every event page runs the same number of queries with 10 events and with 500."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from core.page_cache import content_changed
from events.demo import seed_synthetic
from events.models import Event
from tests.queries import assert_queries_do_not_grow
from tests.supporters.factories import SupporterFactory

from .factories import EventAttachmentFactory, EventFactory, VenueEventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ten_events():
    """Ten events around now: upcoming and past, venue and online, one cancelled."""
    now = timezone.now()
    events = []
    for n in range(10):
        factory = VenueEventFactory if n % 2 else EventFactory
        start = now + datetime.timedelta(days=3 * (n - 5), hours=1)
        events.append(factory(starts_at=start, ends_at=start + datetime.timedelta(hours=2)))
    events[7].state = Event.State.CANCELLED
    events[7].save()
    return events


def add_490_events():
    seed_synthetic(490)
    content_changed()  # a bulk insert sends no signals (seed_demo says so too)
    assert Event.objects.count() == 500


@pytest.fixture(params=["page cache", "rendered"])
def visitor(request, client):
    """An anonymous visitor served from the page cache, and one whose pages are rendered (a
    session cookie bypasses the cache, as for signed-in staff)."""
    if request.param == "rendered":
        client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/events/",
        "/events/?group=miyagi&format=venue",
        "/events/past/",
        "/events/past/?page=2&involvement=host",
        "/events/feed.ics",
        "/events/feed/",
    ],
)
def test_lists_and_feeds_run_a_fixed_number_of_queries(visitor, ten_events, url):
    assert_queries_do_not_grow(visitor, url, add_490_events)


def test_calendar_runs_a_fixed_number_of_queries(visitor, ten_events):
    today = timezone.localdate()
    url = f"/events/calendar/{today.year}/{today.month}/"
    assert_queries_do_not_grow(visitor, url, add_490_events)


def test_event_page_runs_a_fixed_number_of_queries(visitor, ten_events):
    event = ten_events[3]
    event.supporters.add(SupporterFactory())
    EventAttachmentFactory(event=event)

    def add_data():
        add_490_events()
        event.supporters.add(*SupporterFactory.create_batch(15))
        EventAttachmentFactory.create_batch(5, event=event)

    queries = assert_queries_do_not_grow(visitor, event.get_absolute_url(), add_data)
    assert queries <= 5


def test_upcoming_list_budget(visitor, ten_events):
    add_490_events()
    queries = assert_queries_do_not_grow(visitor, "/events/", lambda: None)
    assert queries <= 4
