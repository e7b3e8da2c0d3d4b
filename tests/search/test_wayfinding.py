"""Wayfinding (JIS X 8341-3 2.4.5, several ways): the search box in every header, the HTML site
map in every footer, the sub-navigation of page trees; every page of the tree is linked from at
least two other pages."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils.html import escape

from core.publishing import PublicationStatus
from pages.models import Page
from tests.pages.factories import PageFactory

pytestmark = pytest.mark.django_db

HREF = re.compile(r'<a [^>]*href="(/[^"#?]*)[^"]*"')
PUBLIC_URLS = ["/", "/about/", "/about/maps-o/", "/topics/", "/supporters/", "/events/"]


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_page_has_the_search_box_in_its_header_and_the_site_map_in_its_footer(client, seeded):
    for url in [*PUBLIC_URLS, "/sitemap/", "/search/?q=東北", "/apply/", "/no-such-page/"]:
        html = client.get(url).content.decode()
        header = html[html.index("<header") : html.index("</header>")]
        assert (
            '<form class="site-search" method="get" action="/search/" role="search" '
            'aria-label="サイト内検索">' in header
        ), url
        assert (
            '<label class="site-search__label" for="site-search-q">サイト内検索</label>' in header
        )
        assert 'id="site-search-q" name="q"' in header
        footer = html[html.index("<footer") : html.index("</footer>")]
        assert '<a href="/sitemap/">サイトマップ</a>' in footer, url


def test_the_site_map_lists_the_page_tree_and_the_main_sections(client, seeded):
    draft = PageFactory(
        parent=Page.objects.get(path="about"), slug="draft", status=PublicationStatus.DRAFT
    )
    html = html_of(client, "/sitemap/")
    main = html[html.index("<main") : html.index("</main>")]
    for page in Page.objects.live():
        assert f'<a href="{page.get_absolute_url()}">{escape(page.title)}</a>' in main, page.path
    assert draft.get_absolute_url() not in main
    for url, label in [
        ("/", "トップページ"),
        ("/supporters/", "サポーターズ"),
        ("/supporters/miyagi/", "宮城県のサポーターズ"),
        ("/supporters/other/", "その他のサポーターズ"),
        ("/supporters/search/", "サポーターズを探す"),
        ("/supporters/open-data/", "サポーターズ一覧のオープンデータ"),
        ("/events/", "イベント"),
        ("/events/past/", "開催済みのイベント"),
        ("/events/calendar/", "イベントカレンダー"),
        ("/topics/", "トピックス"),
        ("/apply/", "サポーターズ参加申込み"),
        ("/search/", "サイト内検索"),
    ]:
        assert f'<a href="{url}">{label}</a>' in main, url
    # The pages below a page are listed inside its item, in the order of the global navigation
    about = main.index('<a href="/about/">')
    assert about < main.index('<a href="/about/maps-o/">') < main.index('<a href="/supporters/">')
    assert main.index('<a href="/apply/">') < main.index('<a href="/contact/">')
    assert main.index('<a href="/contact/">') < main.index('<a href="/accessibility/results/">')


def test_the_html_site_map_and_sitemap_xml_are_two_urls(client, seeded):
    xml = client.get("/sitemap.xml")
    assert xml["Content-Type"].startswith("application/xml")
    assert "<loc>http://127.0.0.1:8000/sitemap/</loc>" in xml.content.decode()
    assert client.get("/sitemap/")["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("slug", ["search", "sitemap"])
def test_no_top_level_page_can_take_the_search_or_site_map_url(slug):
    with pytest.raises(ValidationError, match="他の機能"):
        Page(title="x", slug=slug).full_clean()


def section_nav(html):
    match = re.search(r'<nav class="section-nav".*?</nav>', html, re.S)
    return match.group(0) if match else None


def test_a_child_page_shows_its_parent_and_siblings_with_itself_marked(client, seeded):
    nav = section_nav(html_of(client, "/about/maps-o/"))
    assert '<a class="section-nav__root" href="/about/">NEXT TOHOKU MEETUP とは</a>' in nav
    siblings = Page.objects.live().filter(parent__path="about")
    assert re.findall(r'class="section-nav__link" href="([^"]+)"', nav) == [
        page.get_absolute_url() for page in siblings
    ]
    assert nav.count('aria-current="page"') == 1
    assert 'href="/about/maps-o/" aria-current="page"' in nav


def test_the_top_page_of_a_tree_shows_itself_and_the_pages_below(client, seeded):
    nav = section_nav(html_of(client, "/about/"))
    assert 'href="/about/" aria-current="page"' in nav
    assert 'href="/about/background/"' in nav and "aria-current" not in nav.split("</h2>")[1]


def test_a_page_on_its_own_has_no_sub_navigation(client, seeded):
    assert section_nav(html_of(client, "/contact/")) is None


def test_drafts_are_left_out_of_the_sub_navigation(client, seeded):
    PageFactory(parent=Page.objects.get(path="about"), slug="hidden", status="draft")
    assert "/about/hidden/" not in section_nav(html_of(client, "/about/maps-o/"))


def test_every_page_of_the_tree_is_linked_from_at_least_two_other_pages(client, seeded):
    """Over the whole page tree (one level deeper too), the site map and the sections."""
    PageFactory(parent=Page.objects.get(path="about/background"), slug="detail", title="詳細")
    pages = [page.get_absolute_url() for page in Page.objects.live()]
    sources = {url: set(HREF.findall(html_of(client, url))) for url in [*pages, *PUBLIC_URLS]}
    sources["/sitemap/"] = set(HREF.findall(html_of(client, "/sitemap/")))
    for url in pages:
        linked_from = sorted(
            source for source, links in sources.items() if url in links and source != url
        )
        assert len(linked_from) >= 2, f"{url} is linked from {linked_from} only"
    about_tree = [url for url in pages if url.startswith("/about/") and url != "/about/"]
    assert len(about_tree) >= 6
    for url in about_tree:
        assert url in sources["/sitemap/"]
        siblings = [u for u in about_tree if u.count("/") == url.count("/") and u != url]
        assert any(url in sources[sibling] for sibling in siblings) or not siblings, url
