"""Cached event lists, pages and feed: reused while nothing changed, never served stale, and
switched exactly when an event starts, ends or closes its registration."""

import datetime

import pytest
from django.conf import settings

from core.publishing import PublicationStatus
from events.models import Event
from tests.clock import MORNING, Clock
from tests.queries import count_queries
from tests.supporters.factories import SupporterFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db

# A cached page costs one cache read (the version and the page together): a query when the cache
# is a table.
CACHED_PAGE_QUERIES = 1 if settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache") else 0


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def test_next_change_covers_start_end_deadline_and_publication():
    now = MORNING
    starts = now + datetime.timedelta(hours=1)
    event = EventFactory(
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        registration_deadline=now + datetime.timedelta(minutes=30),
        publish_until=now + datetime.timedelta(days=30),
    )
    EventFactory(status=PublicationStatus.DRAFT, starts_at=now + datetime.timedelta(minutes=5))
    assert Event.objects.next_change(now) == event.registration_deadline
    assert Event.objects.next_change(event.registration_deadline) == starts
    assert Event.objects.next_change(starts) == event.ends_at
    assert Event.objects.next_change(event.ends_at) == event.publish_until
    assert Event.objects.next_change(event.publish_until) is None


def test_an_event_starts_and_ends_on_the_pages_exactly_on_time(client, clock):
    starts = MORNING + datetime.timedelta(hours=1)
    event = EventFactory(
        title="朝の勉強会", starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    url = event.get_absolute_url()
    for page in ("/events/", url):
        assert "開催中" not in client.get(page).content.decode()
    clock.set(starts - datetime.timedelta(microseconds=1))
    assert "開催中" not in client.get(url).content.decode()
    clock.set(starts)
    assert "開催中" in client.get("/events/").content.decode()
    assert "開催中" in client.get(url).content.decode()
    clock.set(event.ends_at)
    assert "朝の勉強会" not in client.get("/events/").content.decode()
    assert "朝の勉強会" in client.get("/events/past/").content.decode()


def test_registration_closes_on_the_page_exactly_at_the_deadline(client, clock):
    event = EventFactory(registration_deadline=MORNING + datetime.timedelta(minutes=10))
    assert "受付終了" not in client.get(event.get_absolute_url()).content.decode()
    clock.advance(minutes=10)
    assert "受付終了" in client.get(event.get_absolute_url()).content.decode()


def test_second_request_comes_from_the_cache_and_is_identical(client):
    EventFactory.create_batch(5)
    first, _ = count_queries(client, "/events/")
    second, _ = count_queries(client, "/events/")
    assert second == CACHED_PAGE_QUERIES and first > second
    assert client.get("/events/").content == client.get("/events/").content


def test_an_edit_shows_at_once(client):
    event = EventFactory(title="元のタイトル")
    assert "元のタイトル" in client.get("/events/").content.decode()
    event.title = "新しいタイトル"
    event.save()
    html = client.get("/events/").content.decode()
    assert "新しいタイトル" in html and "元のタイトル" not in html
    event.status = PublicationStatus.DRAFT
    event.save()
    assert "新しいタイトル" not in client.get("/events/").content.decode()


def test_a_supporter_added_to_an_event_shows_at_once(client):
    event = EventFactory()
    supporter = SupporterFactory(name="参加する会社")
    assert "参加する会社" not in client.get(event.get_absolute_url()).content.decode()
    event.supporters.add(supporter)
    assert "参加する会社" in client.get(event.get_absolute_url()).content.decode()
    supporter.events.remove(event)
    assert "参加する会社" not in client.get(event.get_absolute_url()).content.decode()


def test_signed_in_visitors_and_odd_query_strings_bypass_the_cache(client):
    EventFactory.create_batch(3)
    client.get("/events/")
    assert count_queries(client, "/events/")[0] == CACHED_PAGE_QUERIES
    assert count_queries(client, "/events/?utm_source=x")[0] > CACHED_PAGE_QUERIES
    client.cookies[settings.SESSION_COOKIE_NAME] = "anything"
    assert count_queries(client, "/events/")[0] > CACHED_PAGE_QUERIES


def test_feed_is_rebuilt_after_a_change(client):
    event = EventFactory(title="最初の名前")
    assert b"SUMMARY:\xe6\x9c\x80\xe5\x88\x9d" in client.get("/events/feed.ics").content
    assert count_queries(client, "/events/feed.ics")[0] == CACHED_PAGE_QUERIES
    event.title = "次の名前"
    event.save()
    body = client.get("/events/feed.ics").content.decode()
    assert "SUMMARY:次の名前" in body and "最初の名前" not in body
