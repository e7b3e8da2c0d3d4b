"""Site search and wayfinding in Debian's Chromium: axe on the search box, results, the no-hit
state, the site map and the sub-navigation; keyboard only from the header box to a result; the
320 px layout."""

import re

import pytest

from tests.a11y import assert_no_axe_violations
from tests.keyboard import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def has_visible_focus(page):
    return page.evaluate(
        "getComputedStyle(document.activeElement).outlineStyle !== 'none'"
        " || getComputedStyle(document.activeElement).boxShadow !== 'none'"
    )


@pytest.mark.parametrize(
    "url",
    [
        "/search/",  # the empty form with help
        "/search/?q=東北 ネットワーク",  # results with marked words
        "/search/?q=東北&kind=event",  # narrowed to one kind
        "/search/?q=存在しない言葉",  # no hits
        "/sitemap/",
        "/about/maps-o/",  # the sub-navigation
    ],
)
def test_search_and_wayfinding_pages_have_no_axe_violations(page, seeded, url):
    assert page.goto(url).status == 200
    assert_no_axe_violations(page)


def test_the_header_search_box_leads_to_a_result_by_keyboard_alone(page, seeded):
    page.goto("/")
    tab_to(page, "el.id === 'site-search-q'")
    assert has_visible_focus(page)
    label = page.evaluate("document.activeElement.labels[0].textContent")
    assert label == "サイト内検索"
    page.keyboard.type("ﾈｯﾄﾜｰｸ")  # half-width katakana
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.locator("h1").inner_text() == "サイト内検索"
    assert page.locator("#search-q").input_value() == "ﾈｯﾄﾜｰｸ"
    assert page.locator(".search-result mark").count() > 0
    assert_no_axe_violations(page)

    tab_to(
        page, "el.classList.contains('search-kinds__link') && el.textContent.startsWith('ページ')"
    )
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"kind=page"))
    assert (
        page.locator(".search-result__kind").all_inner_texts()
        == ["ページ"] * page.locator(".search-result").count()
    )

    tab_to(page, "el.closest('.search-result__title') !== null")
    assert has_visible_focus(page)
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")
    assert page.locator("h1").count() == 1


def test_the_no_hit_state_points_to_the_site_map_by_keyboard(page, seeded):
    page.goto("/search/?q=存在しない言葉")
    assert "見つかりませんでした" in page.locator(".search-help").inner_text()
    tab_to(page, "el.closest('.search-help') !== null && el.textContent === 'サイトマップ'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sitemap/")
    assert page.locator("h1").inner_text() == "サイトマップ"


def test_the_footer_site_map_link_and_the_sub_navigation_work_by_keyboard(page, seeded):
    page.goto("/about/")
    tab_to(page, "el.closest('.site-footer') !== null && el.textContent === 'サイトマップ'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sitemap/")
    tab_to(page, "el.closest('.sitemap') !== null && el.textContent === '用語の説明（MAP\\'S+O）'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/about/maps-o/")
    current = page.locator(".section-nav [aria-current='page']")
    assert current.inner_text() == "用語の説明（MAP'S+O）"
    tab_to(
        page, "el.classList.contains('section-nav__link') && el.textContent === '当面の活動方針'"
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**/about/policy/")


@pytest.mark.parametrize("size", ["標準", "最大"])
def test_search_and_wayfinding_fit_320px(browser, live_server, seeded, size):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800})
    tab = context.new_page()
    tab.goto("/")
    tab.get_by_role("button", name=size).click()
    for url in [
        "/",
        "/search/?q=東北 ネットワーク",
        "/search/?q=存在しない",
        "/sitemap/",
        "/about/maps-o/",
    ]:
        tab.goto(url)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 320px ({size})"
        for selector in ["#site-search-q", ".site-search__button"]:
            box = tab.locator(selector).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 320, (url, selector, box)
            assert box["height"] >= 44, (url, selector, box)  # a touch target
    tab.locator("#site-search-q").fill("復興")
    tab.locator("#site-search-q").press("Enter")
    tab.wait_for_url(re.compile(r"/search/\?q="))
    assert tab.locator(".search-result").count() > 0
    context.close()
