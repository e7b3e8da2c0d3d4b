"""Site-wide behaviour: headers, crawlers' files, health check, error pages, one <h1> per page."""

import datetime
import re
from unittest import mock
from xml.etree import ElementTree

import pytest
from django.test import RequestFactory
from django.utils import timezone

from meetup_portal.views import server_error
from pages.models import Page, SiteSettings, Topic

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/", "/about/", "/about/maps-o/", "/contact/", "/topics/", "/privacy/", "/sitemap/",
    "/search/?q=東北",
]  # fmt: skip


def public_html_urls():
    topic = Topic.objects.live().first()
    return [*PUBLIC_URLS, topic.get_absolute_url(), "/no-such-page/"]


def test_security_headers_are_on_every_html_response(client, seeded):
    for url in [*public_html_urls(), "/admin/login/"]:
        response = client.get(url)
        assert response["Content-Type"].startswith("text/html"), url
        csp = response["Content-Security-Policy"]
        script_src = re.search(r"script-src ([^;]*)", csp).group(1)
        assert "unsafe-inline" not in script_src, url
        assert "frame-ancestors 'none'" in csp, url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url


def test_public_pages_allow_no_inline_styles_either(client, seeded):
    csp = client.get("/")["Content-Security-Policy"]
    assert re.search(r"style-src ([^;]*)", csp).group(1).strip() == "'self'"


def test_hsts_is_sent_in_production(client, settings, seeded):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_every_public_page_has_exactly_one_h1(client, seeded):
    for url in public_html_urls():
        html = client.get(url).content.decode()
        assert len(re.findall(r"<h1[ >]", html)) == 1, url


def test_pages_are_japanese_with_canonical_and_ogp(client, seeded):
    html = client.get("/about/").content.decode()
    assert '<html lang="ja">' in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/about/">' in html
    assert (
        '<meta property="og:title" content="NEXT TOHOKU MEETUP とは | NEXT TOHOKU MEETUP">' in html
    )
    assert 'property="og:image"' in html


def test_base_layout_has_navigation_breadcrumbs_text_size_and_footer(client, seeded):
    html = client.get("/about/background/").content.decode()
    for label in [
        "NEXT TOHOKU MEETUP とは",
        "サポーターズ",
        "イベント",
        "トピックス",
        "申込み",
        "お問合せ",
    ]:
        assert f">{label}</a>" in html, label
    assert 'aria-label="現在位置"' in html and ">トップページ</a>" in html
    assert "文字の大きさ" in html and 'href="#page-top"' in html
    assert "022-221-4861" in html and "企画調査課" in html
    assert html.index('class="skip-link"') < html.index("<header")
    assert "<script>" not in html and " style=" not in html


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in response.content.decode()


def test_sitemap_lists_every_public_page_and_topic(client, seeded):
    draft = Page.objects.create(title="下書き", slug="draft-only")
    xml = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = {
        element.text for element in xml.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    }
    for page in Page.objects.live():
        assert f"http://127.0.0.1:8000{page.get_absolute_url()}" in locations
    for topic in Topic.objects.live():
        assert f"http://127.0.0.1:8000{topic.get_absolute_url()}" in locations
    assert f"http://127.0.0.1:8000{draft.get_absolute_url()}" not in locations


def test_topic_feed_is_atom_with_the_latest_topics(client, seeded):
    response = client.get("/topics/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "東北コーディネーター・フォーラムをオンラインで開催しました" in titles


def test_healthz_checks_each_part(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "failing": [],
        "database": "ok",
        "cache": "ok",
        "private_storage": "ok",
        "mail": {"status": "ok", "oldest_unsent_seconds": None},
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_an_unavailable_database(client):
    with mock.patch("meetup_portal.health.connection.cursor", side_effect=RuntimeError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert response.json()["failing"] == ["database"]
    assert "down" not in response.content.decode()


def test_healthz_reports_unwritable_private_storage(client, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "a-file"
    settings.PRIVATE_MEDIA_ROOT.write_text("not a directory")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["private_storage"]


def test_healthz_reports_the_oldest_unsent_mail_without_failing(client, settings):
    from applications.models import OutboxMessage

    settings.HEALTHZ_MAIL_LATE_SECONDS = 600
    OutboxMessage.objects.create(
        kind="notification", recipients=["a@example.jp"], subject="s", body="b",
        created_at=timezone.now() - datetime.timedelta(minutes=20),
    )  # fmt: skip
    response = client.get("/healthz")
    assert response.status_code == 200
    mail = response.json()["mail"]
    assert mail["status"] == "late"
    assert 1190 <= mail["oldest_unsent_seconds"] <= 1300


def test_not_found_page_is_japanese(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "お探しのページが見つかりません" in response.content.decode()


def test_server_error_page_is_japanese_and_needs_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "ただいまご利用いただけません" in response.content.decode()


def test_site_settings_edit_changes_the_footer(client, seeded):
    assert "022-221-4861" in client.get("/").content.decode()
    site_settings = SiteSettings.load()
    site_settings.phone = "022-000-0000"
    site_settings.save()
    assert "022-000-0000" in client.get("/").content.decode()


def test_contact_email_is_not_printed_as_an_address(client, seeded):
    site_settings = SiteSettings.load()
    site_settings.contact_email = "kikaku@example.go.jp"
    site_settings.save()
    html = client.get("/contact/").content.decode()
    assert "kikaku@example.go.jp" not in html and "kikaku（アットマーク）example.go.jp" in html


@pytest.mark.django_db
def test_public_uploads_are_served_by_django_only_in_local_mode(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "attachments").mkdir()
    (tmp_path / "attachments" / "flyer.pdf").write_bytes(b"%PDF-1.4 flyer")
    settings.DEBUG = True
    response = client.get("/media/attachments/flyer.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 flyer"
    settings.DEBUG = False  # production: the front web server serves /media/, never Django
    assert client.get("/media/attachments/flyer.pdf").status_code == 404
