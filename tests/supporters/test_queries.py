"""Query budgets: the same number of queries with 10 and with 1,000 supporters, served from
the cache and rendered afresh."""

import pytest
from django.conf import settings

from supporters.models import Category
from tests.queries import assert_queries_do_not_grow, count_queries

from .factories import SupporterFactory, bulk_supporters, image_upload

pytestmark = pytest.mark.django_db

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def ten_supporters():
    first = SupporterFactory(slug="first", categories=["learning", "startups"], logo=image_upload())
    bulk_supporters(9, start=1)
    return first


def add_990():
    bulk_supporters(490, start=10_000, prefecture="04")
    bulk_supporters(250, start=20_000, prefecture="02")
    bulk_supporters(250, start=30_000, prefecture="13")


URLS = [
    "/supporters/",
    "/supporters/miyagi/",
    "/supporters/miyagi/?kind=organisation&category=relationship-population&page=2",
    "/supporters/search/?q=いっかつ",
    "/supporters/s/first/",
]


@pytest.mark.parametrize("url", URLS)
def test_queries_do_not_grow_with_the_cache(client, ten_supporters, url):
    queries = assert_queries_do_not_grow(client, url, add_990)
    assert queries <= 8, url


@pytest.mark.parametrize("url", URLS)
def test_queries_do_not_grow_when_rendered_afresh(client, settings, ten_supporters, url):
    settings.CACHES = NO_CACHE  # so every request also works out the page cache's version
    queries = assert_queries_do_not_grow(client, url, add_990)
    # Working out the version asks each model with a publication window for its next change
    # (pages, topics, supporters, events, event series), once for the page and once for the
    # directory's fragment.
    assert queries <= 12, url


def test_directory_is_served_from_the_cache_until_the_data_changes(client, ten_supporters):
    client.get("/supporters/")
    cached, _ = count_queries(client, "/supporters/")
    SupporterFactory.create_batch(5)
    rebuilt, _ = count_queries(client, "/supporters/")
    again, _ = count_queries(client, "/supporters/")
    assert again == cached < rebuilt
    assert "全15件" in client.get("/supporters/").content.decode()


def test_signed_in_visitors_get_the_directory_list_from_its_cached_fragment(client, ten_supporters):
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    client.get("/supporters/")
    cached, queries = count_queries(client, "/supporters/")
    assert not any("supporters_supporter" in q["sql"] for q in queries)
    SupporterFactory(name="新しい会員", reading="あたらしいかいいん")  # first in its group
    rebuilt, _ = count_queries(client, "/supporters/")
    assert rebuilt > cached and "新しい会員" in client.get("/supporters/").content.decode()


def test_a_category_added_to_a_supporter_shows_at_once(client, ten_supporters):
    url = "/supporters/miyagi/?category=migration"
    assert "/supporters/s/first/" not in client.get(url).content.decode()
    ten_supporters.categories.add(Category.objects.ensure_all()["migration"])
    assert "/supporters/s/first/" in client.get(url).content.decode()
    ten_supporters.categories.clear()
    assert "/supporters/s/first/" not in client.get(url).content.decode()
