"""core.page_cache: one content version, replaced by any change of public content and at the
next scheduled instant; one decorator for whole anonymous pages; the only page cache."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from core.page_cache import VERSION_KEY, cache_page_for_anonymous, content_version
from core.publishing import PublicationStatus
from pages.models import Topic
from tests.clock import MORNING, Clock
from tests.events.factories import EventFactory
from tests.pages.factories import TopicFactory
from tests.supporters.factories import SupporterFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
APPS = ["core", "accounts", "pages", "supporters", "events", "applications", "meetup_portal"]

# The other modules that name the shared cache: the settings choose its backend, and
# SiteSettings.load keeps the one settings row in it. (The rate limits of applications use it
# through django-ratelimit, with no code of ours.)
# core/cache.py is the cache backend (skipping Redis outages), not a way of caching pages.
OTHER_CACHE_USES = {"meetup_portal/settings.py", "pages/models.py", "core/cache.py"}
CACHE_USE = re.compile(
    r"django\.core\.cache|\bcaches\[|\bcache\.\w+\(|\bcache_page\b|CacheMiddleware|pickle|zlib"
)
RAW_SQL = re.compile(r"connection\.cursor|cursor\.execute|\.raw\(")


def app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT).as_posix(), path.read_text()


def test_exactly_one_module_implements_page_caching():
    users = {name for name, text in app_modules() if CACHE_USE.search(text)}
    assert users == {"core/page_cache.py"} | OTHER_CACHE_USES


def test_no_raw_sql_makes_a_cache_key():
    # The health check's SELECT 1 (meetup_portal/health.py) and the backup's row counts
    # (core/backups.py) are the only raw SQL of the apps.
    users = {name for name, text in app_modules() if RAW_SQL.search(text)}
    assert users == {"meetup_portal/health.py", "core/backups.py"}


def test_fragments_are_keyed_on_the_content_version():
    for template in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/templates/**/*.html")]:
        for tag in re.findall(r"{%\s*cache\b[^%]*%}", template.read_text()):
            assert tag.split()[-2] == "version", f"{template}: {tag}"


# --- the version -------------------------------------------------------------------------------


def test_next_change_is_the_earliest_scheduled_publication_instant():
    now = MORNING
    assert Topic.objects.next_change(now) is None
    TopicFactory(publish_from=now - datetime.timedelta(hours=1))  # already passed
    TopicFactory(publish_until=now + datetime.timedelta(hours=5))
    assert Topic.objects.next_change(now) == now + datetime.timedelta(hours=5)
    TopicFactory(publish_from=now + datetime.timedelta(hours=2))
    TopicFactory(status=PublicationStatus.DRAFT, publish_from=now + datetime.timedelta(hours=1))
    assert Topic.objects.next_change(now) == now + datetime.timedelta(hours=2)


def test_the_version_is_replaced_at_the_next_scheduled_instant_and_at_midnight(monkeypatch):
    clock = Clock(monkeypatch)
    publish_at = MORNING + datetime.timedelta(hours=3)
    TopicFactory(publish_from=publish_at)
    version = content_version()
    clock.set(publish_at - datetime.timedelta(microseconds=1))
    assert content_version() == version
    clock.set(publish_at)
    after_publication = content_version()
    assert after_publication != version
    midnight = MORNING.replace(hour=0) + datetime.timedelta(days=1)
    clock.set(midnight - datetime.timedelta(microseconds=1))
    assert content_version() == after_publication
    clock.set(midnight)
    assert content_version() != after_publication


def test_every_save_delete_and_many_to_many_change_replaces_the_version():
    topic = TopicFactory()
    supporter = SupporterFactory()
    event = EventFactory()
    seen = {content_version()}
    for change in [
        lambda: topic.save(),
        lambda: topic.delete(),
        lambda: supporter.categories.add(*supporter.categories.model.objects.ensure_all().values()),
        lambda: supporter.categories.clear(),
        lambda: event.supporters.add(supporter),
        lambda: supporter.events.remove(event),
    ]:
        change()
        version = content_version()
        assert version not in seen
        seen.add(version)


# --- the decorator -----------------------------------------------------------------------------


@pytest.fixture
def rendered():
    """A view that counts how often it renders; it answers what ``rendered.answer`` makes."""

    class View:
        calls = 0

        def answer(self, request):
            response = HttpResponse("<p>ページ</p>")
            response["ETag"] = '"abc"'
            response["Content-Disposition"] = 'attachment; filename="a.csv"'
            return response

        def __call__(self, request):
            self.calls += 1
            return self.answer(request)

    return View()


def get(view, path="/page/", cookies=None, method="get"):
    request = getattr(RequestFactory(), method)(path)
    request.COOKIES.update(cookies or {})
    request.user = AnonymousUser()
    return view(request)


def test_a_page_is_rendered_once_with_its_headers(rendered):
    view = cache_page_for_anonymous(query=("page",))(rendered)
    first, second = get(view), get(view, "/page/")
    assert rendered.calls == 1
    assert second.content == first.content and second["ETag"] == '"abc"'
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Disposition"] == 'attachment; filename="a.csv"'
    get(view, "/page/?page=2"), get(view, "/page/?page=2")
    assert rendered.calls == 2


@pytest.mark.parametrize(
    "path, cookies, method",
    [
        ("/page/?utm_source=mail", None, "get"),  # a parameter the page does not name
        ("/page/?page=2&x=1", None, "get"),
        ("/page/", {settings.SESSION_COOKIE_NAME: "anything"}, "get"),  # signed in, a draft form
        ("/page/", {"messages": "pending"}, "get"),
        ("/page/", None, "post"),
    ],
)
def test_other_requests_are_rendered_every_time(rendered, path, cookies, method):
    view = cache_page_for_anonymous(query=("page",))(rendered)
    get(view, path, cookies, method), get(view, path, cookies, method)
    assert rendered.calls == 2


@pytest.mark.parametrize(
    "answer",
    [
        lambda request: HttpResponse("なし", status=404),
        lambda request: HttpResponse("移動", status=302),
        lambda request: HttpResponse("下書き", headers={"Cache-Control": "private, no-store"}),
        lambda request: HttpResponse("個人", headers={"Cache-Control": "no-store"}),
        lambda request: HttpResponse(get_token(request)),  # a page with a CSRF token
    ],
)
def test_errors_previews_and_personal_pages_are_never_stored(rendered, answer):
    rendered.answer = answer
    view = cache_page_for_anonymous()(rendered)
    get(view), get(view)
    assert rendered.calls == 2


# --- whole pages -------------------------------------------------------------------------------


@pytest.fixture
def memory_cache(settings):
    """The shared cache in memory, so that a request's queries are the database's only."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "page-cache-tests",
        }
    }
    cache.clear()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/topics/",
        "/events/",
        "/events/?group=miyagi&page=1",
        "/events/past/",
        "/events/feed.ics",
        "/supporters/",
        "/supporters/miyagi/?kind=company",
        "/supporters/open-data/supporters.csv",
    ],
)
def test_a_cached_page_runs_no_query(client, memory_cache, django_assert_num_queries, url):
    TopicFactory()
    EventFactory(prefecture="04")
    SupporterFactory()
    client.get(url)  # the first render also creates the site settings row: a change of its own
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content


class CountingCache:
    """The shared cache, noting each read (the keys it asked for)."""

    def __init__(self):
        self.reads = []

    def get(self, key, default=None):
        self.reads.append([key])
        return cache.get(key, default)

    def get_many(self, keys):
        self.reads.append(list(keys))
        return cache.get_many(keys)

    def __getattr__(self, name):
        return getattr(cache, name)


@pytest.mark.parametrize("url", ["/", "/apply/"])
def test_a_cached_page_reads_the_cache_once(client, monkeypatch, url):
    client.get(url)
    counting = CountingCache()
    monkeypatch.setattr("core.page_cache.cache", counting)
    assert client.get(url).status_code == 200
    assert len(counting.reads) == 1 and counting.reads[0][0] == VERSION_KEY


def test_a_page_stored_under_an_earlier_version_is_not_served(client):
    TopicFactory(title="最初のお知らせ")
    assert "最初のお知らせ" in client.get("/topics/").content.decode()
    Topic.objects.update(title="書き換えたお知らせ")  # no signal: the version stays
    assert "最初のお知らせ" in client.get("/topics/").content.decode()
    cache.delete(VERSION_KEY)  # what any change of public content does
    assert "書き換えたお知らせ" in client.get("/topics/").content.decode()


def test_a_publication_shows_exactly_at_its_instant(client, monkeypatch):
    clock = Clock(monkeypatch)
    TopicFactory(title="予約したお知らせ", publish_from=MORNING + datetime.timedelta(minutes=30))
    assert "予約したお知らせ" not in client.get("/").content.decode()
    clock.advance(minutes=30, microseconds=-1)
    assert "予約したお知らせ" not in client.get("/").content.decode()
    clock.advance(microseconds=1)
    assert "予約したお知らせ" in client.get("/").content.decode()


def test_a_compressed_page_is_compressed_once_and_served_to_both_kinds_of_client():
    import gzip

    body = ("BEGIN:VEVENT\r\nSUMMARY:説明会\r\nEND:VEVENT\r\n" * 500).encode()
    calls = []

    @cache_page_for_anonymous(compress=True)
    def view(request):
        calls.append(1)
        return HttpResponse(body, headers={"ETag": '"abc"', "Content-Type": "text/calendar"})

    factory = RequestFactory()
    responses = []
    for encoding in ("gzip, deflate", "gzip", "", "identity"):
        request = factory.get("/feed.ics", HTTP_ACCEPT_ENCODING=encoding)
        request.user = AnonymousUser()
        responses.append(view(request))
    assert len(calls) == 1  # rendered once, then from the cache
    first, cached, plain, identity = responses
    for response in (first, cached):
        assert response["Content-Encoding"] == "gzip" and response["ETag"] == 'W/"abc"'
        assert gzip.decompress(response.content) == body and len(response.content) < len(body) / 10
    for response in (plain, identity):
        assert not response.has_header("Content-Encoding") and response["ETag"] == '"abc"'
        assert response.content == body
    assert all("Accept-Encoding" in response["Vary"] for response in responses)
