import pytest
from django.conf import settings

from tests.queries import assert_queries_do_not_grow

from .factories import PageFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["page cache", "rendered"])
def visitor(request, client):
    """An anonymous visitor served from the page cache, and one whose request is rendered
    (a session cookie bypasses the cache, as for signed-in staff)."""
    if request.param == "rendered":
        client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    return client


@pytest.mark.parametrize("url", ["/", "/topics/", "/about/", "/about/maps-o/", "/topics/feed/"])
def test_views_run_the_same_queries_with_5_and_200_topics(visitor, seeded, url):
    client = visitor
    TopicFactory.create_batch(5)

    def add_topics_and_pages():
        TopicFactory.create_batch(195)
        about = PageFactory._meta.model.objects.get(path="about")
        PageFactory.create_batch(20, parent=about)

    assert_queries_do_not_grow(client, url, add_topics_and_pages)


def test_topic_detail_queries_do_not_grow(client, seeded):
    topic = TopicFactory()
    assert_queries_do_not_grow(
        client, topic.get_absolute_url(), lambda: TopicFactory.create_batch(200)
    )
