"""Cached event lists and feed: reused while nothing changed, never served stale."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from core.publishing import PublicationStatus
from events.freshness import content_version
from tests.queries import count_queries

from .factories import EventFactory

pytestmark = pytest.mark.django_db

# A cached page costs the version query, plus one for the cache read when the cache is a table.
CACHED_PAGE_QUERIES = 1 + settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")


def test_version_changes_at_the_next_start_end_deadline_or_publication_instant():
    # 10:00 local time: every instant below falls before the next local midnight, which is a
    # boundary of its own (the calendar's "today"), whatever time of day the test runs.
    now = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(10)))
    starts = now + datetime.timedelta(hours=1)
    event = EventFactory(
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        registration_deadline=now + datetime.timedelta(minutes=30),
        publish_until=now + datetime.timedelta(days=30),
    )
    version, valid_until = content_version(now)
    assert valid_until == event.registration_deadline
    assert content_version(valid_until - datetime.timedelta(microseconds=1))[0] == version
    after_deadline, next_instant = content_version(valid_until)
    assert after_deadline != version and next_instant == starts
    assert content_version(starts)[1] == event.ends_at


def test_version_changes_with_any_save_or_delete():
    event = EventFactory()
    now = timezone.now()
    before = content_version(now)[0]
    event.summary = "変更"
    event.save()
    edited = content_version(now)[0]
    assert edited != before
    EventFactory(status=PublicationStatus.DRAFT).delete()
    event.delete()
    assert content_version(now)[0] not in (before, edited)


def test_second_request_comes_from_the_cache_and_is_identical(client):
    EventFactory.create_batch(5)
    first, fresh = count_queries(client, "/events/")
    second, cached = count_queries(client, "/events/")
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
    assert count_queries(client, "/events/feed.ics")[0] == 1
    event.title = "次の名前"
    event.save()
    body = client.get("/events/feed.ics").content.decode()
    assert "SUMMARY:次の名前" in body and "最初の名前" not in body
