"""HTTP details crawlers and monitors meet: HEAD answers as GET, robots.txt and the sitemap agree,
every absolute URL is on SITE_URL, Atom dates are consistent and never in the future."""

import datetime
import urllib.robotparser
from xml.etree import ElementTree

import pytest

from events.models import Event
from pages.models import Topic
from tests.clock import MORNING, Clock
from tests.events.factories import EventFactory
from tests.pages.factories import TopicFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://meetup.example.go.jp"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
ATOM = "{http://www.w3.org/2005/Atom}"
# Public URLs that the sitemap does not list: feeds, open data, crawler files, the health check.
OTHER_PUBLIC_URLS = [
    "/robots.txt",
    "/sitemap.xml",
    "/topics/feed/",
    "/events/feed/",
    "/events/feed.ics",
    "/events/past/",
    "/supporters/open-data/",
    "/healthz",
]


@pytest.fixture
def on_site_url(settings):
    settings.SITE_URL = SITE_URL
    return SITE_URL


def sitemap_urls(client):
    xml = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return [element.text for element in xml.iter(SITEMAP)]


def test_head_answers_200_on_every_sitemap_url_and_public_file(client, seeded, on_site_url):
    urls = sitemap_urls(client)
    assert len(urls) > 20 and all(url.startswith(SITE_URL) for url in urls)
    for url in [url.removeprefix(SITE_URL) for url in urls] + OTHER_PUBLIC_URLS:
        get = client.get(url)
        head = client.head(url)
        assert (get.status_code, head.status_code) == (200, 200), url
        assert head["Content-Type"] == get["Content-Type"], url
        assert not head.content, url
    # control: the views still refuse what they do not take
    assert client.post("/robots.txt").status_code == 405
    assert client.post("/supporters/").status_code == 405


def test_robots_txt_allows_the_form_and_every_sitemap_url(client, seeded, on_site_url):
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(client.get("/robots.txt").content.decode().splitlines())
    assert robots.can_fetch("*", f"{SITE_URL}/apply/")
    for url in sitemap_urls(client):
        assert robots.can_fetch("*", url), url
    assert f"{SITE_URL}/apply/" in sitemap_urls(client)
    for url in ["/apply/confirm/", "/apply/complete/", "/apply/status/abc/", "/admin/"]:
        assert not robots.can_fetch("*", f"{SITE_URL}{url}"), url


def test_pages_disallowed_in_robots_txt_say_noindex(client):
    from .applications.test_flow import payload_of, submit, to_confirm

    noindex = '<meta name="robots" content="noindex'
    assert noindex not in client.get("/apply/").content.decode()  # control: the form is indexed
    confirm = to_confirm(client)
    assert noindex in confirm.content.decode()
    assert submit(client, payload_of(confirm))["Location"] == "/apply/complete/"
    assert noindex in client.get("/apply/complete/").content.decode()
    assert noindex in client.get("/apply/status/no-such-token/").content.decode()


def test_sitemap_canonical_and_feeds_use_site_url_whatever_the_host(client, seeded, on_site_url):
    other_host = {"HTTP_HOST": "localhost"}
    xml = client.get("/sitemap.xml", **other_host).content.decode()
    assert f"<loc>{SITE_URL}/about/</loc>" in xml
    assert "localhost" not in xml and "testserver" not in xml
    about = client.get("/about/", **other_host).content.decode()
    assert f'<link rel="canonical" href="{SITE_URL}/about/">' in about
    for feed_url in ["/topics/feed/", "/events/feed/"]:
        feed = ElementTree.fromstring(client.get(feed_url, **other_host).content)
        links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
        assert links and all(link.startswith(SITE_URL) for link in links), links


def _dates(client, url):
    feed = ElementTree.fromstring(client.get(url).content)
    feed_updated = datetime.datetime.fromisoformat(feed.find(f"{ATOM}updated").text)
    entries = [
        (
            datetime.datetime.fromisoformat(entry.find(f"{ATOM}published").text),
            datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text),
        )
        for entry in feed.iter(f"{ATOM}entry")
    ]
    return feed_updated, entries


def test_topic_feed_dates_are_consistent_and_never_in_the_future(client, monkeypatch):
    clock = Clock(monkeypatch)
    later = TopicFactory(title="来週の日付のお知らせ", published_on=datetime.date(2030, 6, 10))
    today = TopicFactory(title="今日のお知らせ", published_on=datetime.date(2030, 6, 3))
    # edited the day before its date (the date shown is 09:00 of published_on)
    Topic.objects.filter(pk=today.pk).update(updated_at=MORNING - datetime.timedelta(days=1))
    assert later.updated_at <= clock.now
    feed_updated, entries = _dates(client, "/topics/feed/")
    assert len(entries) == 2
    assert feed_updated <= clock.now
    for published, updated in entries:
        assert published <= updated <= clock.now


def test_event_feed_dates_are_consistent_and_never_in_the_future(client, monkeypatch):
    clock = Clock(monkeypatch)
    scheduled = EventFactory(
        title="予約公開のイベント", publish_from=MORNING - datetime.timedelta(hours=1)
    )
    # prepared two days before it went public
    Event.objects.filter(pk=scheduled.pk).update(
        updated_at=MORNING - datetime.timedelta(days=2),
        created_at=MORNING - datetime.timedelta(days=2),
    )
    feed_updated, entries = _dates(client, "/events/feed/")
    assert len(entries) == 1
    assert feed_updated <= clock.now
    published, updated = entries[0]
    assert published == MORNING - datetime.timedelta(hours=1)
    assert published <= updated <= clock.now
