import pytest
from django.conf import settings

from core.publishing import PublicationStatus
from pages.models import SiteSettings
from tests.factories import content_editor
from tests.queries import count_queries

from .factories import PageFactory, TopicFactory

pytestmark = pytest.mark.django_db

# A cache hit reads the content version and the page together: one query with the database cache.
CACHE_READS = 1 if settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache") else 0


def test_home_page_is_served_from_the_cache_for_anonymous_visitors(client, seeded):
    first = client.get("/")
    queries, _ = count_queries(client, "/")
    assert queries == CACHE_READS
    second = client.get("/")
    assert first.content == second.content
    assert second["Content-Security-Policy"] and second["X-Frame-Options"] == "DENY"


def test_an_edit_shows_at_once(client, seeded):
    topic = TopicFactory(title="最初の見出し")
    assert "最初の見出し" in client.get("/").content.decode()
    topic.title = "直した見出し"
    topic.save()
    assert "直した見出し" in client.get("/").content.decode()
    topic.status = PublicationStatus.DRAFT
    topic.save()
    assert "直した見出し" not in client.get("/").content.decode()


def test_site_settings_edit_retires_cached_pages(client, seeded):
    client.get("/about/")
    site_settings = SiteSettings.load()
    site_settings.phone = "022-999-9999"
    site_settings.save()
    assert "022-999-9999" in client.get("/about/").content.decode()


def test_staff_previews_are_never_cached_or_served_from_the_cache(client, seeded):
    page = PageFactory(slug="draft-page", status=PublicationStatus.DRAFT, title="下書きの中身")
    client.force_login(content_editor())
    assert "下書きの中身" in client.get(page.get_absolute_url()).content.decode()
    client.logout()
    client.cookies.clear()
    assert client.get(page.get_absolute_url()).status_code == 404


def test_only_the_page_number_varies_a_cached_topic_list(client, seeded):
    client.get("/topics/?page=1")
    assert count_queries(client, "/topics/?page=1")[0] == CACHE_READS
    client.get("/topics/?utm_source=mail")
    assert count_queries(client, "/topics/?utm_source=mail")[0] > CACHE_READS
