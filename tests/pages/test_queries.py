import pytest

from tests.queries import assert_queries_do_not_grow

from .factories import PageFactory, TopicFactory

pytestmark = pytest.mark.django_db


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
