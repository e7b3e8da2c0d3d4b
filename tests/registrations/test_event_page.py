"""What the public event pages say about registration: 残り N 席 / 満席（キャンセル待ち N 人）/
受付終了 on the page and in the lists, the 申し込む button, the JSON-LD offer's availability, a
page cache that follows the counts, and a joining URL that no public page, feed, JSON-LD or
sitemap ever shows."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from registrations import booking
from tests.queries import assert_queries_do_not_grow

from .factories import OnlineRegistrationEventFactory, RegistrationEventFactory, person

pytestmark = pytest.mark.django_db

SCHEMA = "https://schema.org/"


def offer_of(client, event):
    html = client.get(event.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    return json.loads(block).get("offers")


def fill(event, count, start=0):
    for n in range(start, start + count):
        booking.register(event, person(n))


def test_seats_left_then_few_then_full_with_the_waiting_list(client):
    event = RegistrationEventFactory(capacity=10)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "残り 10 席" in html and "申し込む" in html
    assert f"/events/{event.slug}/register/" in html
    assert offer_of(client, event)["availability"] == SCHEMA + "InStock"

    fill(event, 8)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "残り 2 席" in html
    assert offer_of(client, event)["availability"] == SCHEMA + "LimitedAvailability"

    fill(event, 5, start=8)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "満席（キャンセル待ち 3 人）" in html and "キャンセル待ちで申し込む" in html
    assert offer_of(client, event)["availability"] == SCHEMA + "SoldOut"
    listing = client.get("/events/").content.decode()
    assert "満席（キャンセル待ち 3 人）" in listing


def test_after_the_deadline_the_page_says_closed_without_a_button(client):
    event = RegistrationEventFactory(
        registration_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "受付終了" in html
    assert f"/events/{event.slug}/register/" not in html
    assert offer_of(client, event)["availability"] == SCHEMA + "SoldOut"
    assert "受付終了" in client.get("/events/").content.decode()


def test_the_cached_page_follows_registrations_and_cancellations(client):
    event = RegistrationEventFactory(capacity=3)
    assert "残り 3 席" in client.get(event.get_absolute_url()).content.decode()
    registration = booking.register(event, person(1))
    assert "残り 2 席" in client.get(event.get_absolute_url()).content.decode()
    booking.cancel(registration)
    assert "残り 3 席" in client.get(event.get_absolute_url()).content.decode()


def test_the_event_page_and_the_list_take_the_same_queries_with_many_registrations(client):
    event = RegistrationEventFactory(capacity=100)
    client.cookies["sessionid"] = "x"  # past the page cache: the queries of a rendering
    assert_queries_do_not_grow(client, event.get_absolute_url(), lambda: fill(event, 20))
    assert_queries_do_not_grow(client, "/events/", lambda: fill(event, 20, start=20))


def test_the_joining_url_is_never_public(client):
    event = OnlineRegistrationEventFactory()
    booking.register(event, person(1))
    secret = "secret-room"
    pages = [
        event.get_absolute_url(),
        event.get_ics_url(),
        "/events/",
        "/events/feed.ics",
        "/events/feed/",
        "/sitemap.xml",
        "/",
        f"/events/{event.slug}/register/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        assert secret.encode() not in body, url
        assert "パスコード".encode() not in body, url
    assert secret not in json.dumps(offer_of(client, event) or {})
