import datetime

import pytest
from django.utils import timezone

from core.publishing import PublicationStatus
from tests.factories import UserFactory
from tests.responses import assert_only_editors_preview

from .factories import PageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_draft_page_is_404_to_the_public(client):
    page = PageFactory(status=PublicationStatus.DRAFT, title="準備中のページ")
    assert client.get(page.get_absolute_url()).status_code == 404


def test_draft_page_is_404_to_a_user_without_permission(client):
    page = PageFactory(status=PublicationStatus.DRAFT)
    client.force_login(UserFactory(is_staff=True))
    assert client.get(page.get_absolute_url()).status_code == 404


def test_content_editor_previews_a_draft_page(client):
    page = PageFactory(status=PublicationStatus.DRAFT, title="準備中のページ")
    assert "準備中のページ" in assert_only_editors_preview(client, page.get_absolute_url())


def test_page_with_publish_from_in_the_future_stays_hidden_until_then(client):
    now = timezone.now()
    page = PageFactory(publish_from=now + datetime.timedelta(hours=1))
    assert client.get(page.get_absolute_url()).status_code == 404
    assert not page.is_live(now)
    assert page.is_live(now + datetime.timedelta(hours=1, seconds=1))

    page.publish_from = now - datetime.timedelta(seconds=1)
    page.save()
    assert client.get(page.get_absolute_url()).status_code == 200


def test_page_after_publish_until_is_hidden(client):
    page = PageFactory(publish_until=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(page.get_absolute_url()).status_code == 404


def test_draft_topic_is_hidden_from_list_detail_feed_and_sitemap(client):
    TopicFactory(title="公開のお知らせ")
    draft = TopicFactory(title="下書きのお知らせ", status=PublicationStatus.DRAFT)
    for url in ["/", "/topics/", "/topics/feed/", "/sitemap.xml"]:
        body = client.get(url).content.decode()
        assert "下書きのお知らせ" not in body and draft.get_absolute_url() not in body, url
    assert "公開のお知らせ" in client.get("/topics/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_child_page_url_follows_the_slug_path(client):
    parent = PageFactory(slug="about", title="とは")
    child = PageFactory(parent=parent, slug="background", title="背景")
    assert child.get_absolute_url() == "/about/background/"
    response = client.get("/about/background/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/about/"' in html and 'aria-current="page">背景' in html  # breadcrumbs

    parent.slug = "platform"
    parent.save()
    child.refresh_from_db()
    assert child.path == "platform/background"
    assert client.get("/platform/background/").status_code == 200


def test_children_are_listed_in_menu_order(client):
    parent = PageFactory(slug="about")
    PageFactory(parent=parent, title="二番目", menu_order=20)
    PageFactory(parent=parent, title="一番目", menu_order=10)
    PageFactory(parent=parent, title="非公開の子", status=PublicationStatus.DRAFT)
    html = client.get("/about/").content.decode()
    assert html.index("一番目") < html.index("二番目")
    assert "非公開の子" not in html


def test_top_level_slug_may_not_take_a_reserved_url():
    from django.core.exceptions import ValidationError

    page = PageFactory.build(slug="supporters")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "slug" in error.value.message_dict
