"""What is public: drafts appear nowhere; individuals show only what they agreed to publish."""

import datetime

import pytest
from django.utils import timezone

from core.publishing import PublicationStatus
from supporters.models import Supporter
from tests.clock import MORNING, Clock
from tests.responses import assert_only_editors_preview

from .factories import SupporterFactory

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/supporters/",
    "/supporters/miyagi/",
    "/supporters/search/?q=支援",
    "/supporters/open-data/supporters.csv",
    "/supporters/open-data/supporters.json",
    "/sitemap.xml",
]


def test_draft_supporter_appears_nowhere_public(client):
    SupporterFactory(name="公開中の支援団体", slug="public-one")
    draft = SupporterFactory(
        name="下書きの支援団体", slug="draft-one", status=PublicationStatus.DRAFT
    )
    for url in PUBLIC_URLS:
        body = client.get(url).content.decode("utf-8-sig")
        assert "下書きの支援団体" not in body and "draft-one" not in body, url
        assert "公開中の支援団体" in body or "public-one" in body, url
    assert client.get(draft.get_absolute_url()).status_code == 404
    counts = client.get("/supporters/").content.decode()
    assert "全1件" in counts


def test_supporter_outside_its_publication_window_is_hidden(client):
    now = timezone.now()
    future = SupporterFactory(name="これから公開", publish_from=now + datetime.timedelta(hours=1))
    past = SupporterFactory(name="公開終了", publish_until=now - datetime.timedelta(minutes=1))
    html = client.get("/supporters/").content.decode()
    assert "これから公開" not in html and "公開終了" not in html
    assert client.get(future.get_absolute_url()).status_code == 404
    assert client.get(past.get_absolute_url()).status_code == 404


def test_publishing_a_draft_shows_it_at_once_despite_the_cache(client):
    draft = SupporterFactory(name="まもなく公開", status=PublicationStatus.DRAFT)
    assert "まもなく公開" not in client.get("/supporters/").content.decode()
    draft.status = PublicationStatus.PUBLISHED
    draft.save()
    assert "まもなく公開" in client.get("/supporters/").content.decode()
    assert "まもなく公開" in client.get("/supporters/open-data/supporters.csv").content.decode()


def test_partial_save_shows_at_once_despite_the_cache(client):
    supporter = SupporterFactory(name="旧い名前")
    assert "旧い名前" in client.get("/supporters/").content.decode()
    supporter.status = PublicationStatus.DRAFT
    supporter.save(update_fields=["status"])
    assert "旧い名前" not in client.get("/supporters/").content.decode()


def test_category_change_shows_at_once_despite_the_cache(client):
    supporter = SupporterFactory(categories=["learning"])
    assert "学びの場の提供" in client.get("/supporters/open-data/supporters.csv").content.decode()
    supporter.categories.set([])
    assert (
        "学びの場の提供" not in client.get("/supporters/open-data/supporters.csv").content.decode()
    )


def test_content_editor_previews_a_draft_without_indexing(client):
    draft = SupporterFactory(name="確認中のサポーター", status=PublicationStatus.DRAFT)
    html = assert_only_editors_preview(client, draft.get_absolute_url())
    assert "確認中のサポーター" in html


def test_detail_page_shows_logo_introduction_categories_and_external_links(client):
    supporter = SupporterFactory(
        complete=True,
        name="杜の支援会社",
        introduction="一行目\n二行目",
        categories=["learning", "startups"],
    )
    html = client.get(supporter.get_absolute_url()).content.decode()
    assert html.count("<h1") == 1
    assert f'<img src="{supporter.logo_large.url}" alt="{supporter.logo_alt}"' in html
    assert "一行目<br>二行目" in html
    assert "学びの場の提供" in html and "起業支援・起業家育成" in html
    assert 'href="https://www.example.com/mori/"' in html
    assert (
        'https://www.example.com/mori/<span class="external-link__note">（外部サイト）</span>'
        in html
    )
    assert "9234567890123" in html
    assert 'href="https://info.gbiz.go.jp/hojin/ichiran?hojinBango=9234567890123"' in html
    assert (
        'gBizINFO で法人情報を見る<span class="external-link__note">（外部サイト）</span>' in html
    )
    assert "2021年3月1日" in html
    assert 'href="/supporters/miyagi/"' in html  # breadcrumbs and back link


def test_individual_shows_only_what_they_agreed_to_publish(client):
    person = SupporterFactory(
        name="見本 花子",
        kind=Supporter.Kind.INDIVIDUAL,
        municipality="鶴岡市",
        website="https://www.example.com/hanako/",
        prefecture="06",
    )
    urls = [
        person.get_absolute_url(),
        "/supporters/yamagata/",
        "/supporters/open-data/supporters.csv",
    ]
    for url in urls:
        body = client.get(url).content.decode("utf-8-sig")
        assert "見本 花子" in body
        assert "鶴岡市" not in body and "example.com/hanako" not in body, url
    person.publish_municipality = True
    person.publish_website = True
    person.save()
    html = client.get(person.get_absolute_url()).content.decode()
    assert "鶴岡市" in html and "example.com/hanako" in html


def test_individual_cannot_have_a_corporate_number():
    from django.core.exceptions import ValidationError

    person = SupporterFactory.build(
        kind=Supporter.Kind.INDIVIDUAL, corporate_number="9234567890123"
    )
    with pytest.raises(ValidationError, match="法人番号"):
        person.full_clean()


def test_sitemap_lists_published_supporters_and_the_group_pages(client):
    supporter = SupporterFactory(slug="in-the-sitemap")
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/supporters/s/{supporter.slug}/" in xml
    assert "/supporters/fukushima/" in xml and "/supporters/open-data/" in xml


def test_next_change_is_the_next_scheduled_publication_start_or_end():
    now = timezone.now()
    assert Supporter.objects.next_change(now) is None
    SupporterFactory(publish_from=now + datetime.timedelta(seconds=30))
    assert Supporter.objects.next_change(now) == now + datetime.timedelta(seconds=30)
    SupporterFactory(publish_until=now + datetime.timedelta(seconds=5))
    assert Supporter.objects.next_change(now) == now + datetime.timedelta(seconds=5)


@pytest.mark.parametrize(
    "url", ["/supporters/", "/supporters/miyagi/", "/supporters/open-data/supporters.csv"]
)
def test_a_scheduled_listing_appears_and_leaves_exactly_on_time(client, monkeypatch, url):
    clock = Clock(monkeypatch)
    SupporterFactory(
        name="期間限定の会社",
        publish_from=MORNING + datetime.timedelta(minutes=5),
        publish_until=MORNING + datetime.timedelta(minutes=10),
    )
    assert "期間限定の会社" not in client.get(url).content.decode()
    clock.advance(minutes=5, microseconds=-1)
    assert "期間限定の会社" not in client.get(url).content.decode()
    clock.advance(microseconds=1)
    assert "期間限定の会社" in client.get(url).content.decode()
    clock.advance(minutes=5)
    assert "期間限定の会社" not in client.get(url).content.decode()
