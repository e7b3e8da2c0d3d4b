"""The number of SQL queries of a search does not grow with the data."""

import pytest
from django.core.management import call_command

from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

URLS = [
    "/search/?q=サンプル 交流",  # two words: one through the trigram index, one scanned
    "/search/?q=東北&kind=event",
    "/search/?q=サンプル&page=2",
    "/sitemap/",
    "/about/background/",  # the sub-navigation
]


@pytest.mark.parametrize("url", URLS)
def test_search_and_wayfinding_run_the_same_queries_with_little_and_much_data(visitor, seeded, url):
    def add_volume():
        call_command("seed_demo", verbosity=0, supporters=300, events=200, topics=100, pages=30)

    queries = assert_queries_do_not_grow(visitor, url, add_volume)
    assert queries <= 6, f"{url}: {queries} queries"
