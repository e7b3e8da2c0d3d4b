"""Browser checks in Debian's Chromium: axe on the directory pages, filters and search by keyboard."""

import re

import pytest

from tests.a11y import assert_no_axe_violations
from tests.keyboard import tab_to

pytestmark = [
    pytest.mark.seed_demo(supporters=80),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_directory_has_no_axe_violations_and_its_map_works_by_keyboard(page, seeded):
    assert page.goto("/supporters/").status == 200
    assert_no_axe_violations(page)
    tab_to(page, "el.classList.contains('tile-map__link') && el.textContent.includes('秋田県')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/supporters/akita/")
    assert page.locator("h1").inner_text() == "秋田県のサポーターズ"


def test_directory_search_box_works_by_keyboard(page, seeded):
    page.goto("/supporters/")
    tab_to(page, "el.id === 'supporter-search-q'")
    page.keyboard.type("ナマハゲ")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/supporters/search/\?q="))
    assert "なまはげ起業塾" in page.locator(".supporter-results").inner_text()
    assert_no_axe_violations(page)


def test_group_page_filters_and_search_by_keyboard_then_axe(page, seeded):
    page.goto("/supporters/miyagi/")
    assert_no_axe_violations(page)
    tab_to(page, "el.id === 'id_q'")
    page.keyboard.type("ﾓﾘﾉ")  # half-width katakana for 「もりの」
    page.keyboard.press("Tab")  # 種別
    assert page.evaluate("document.activeElement.id") == "id_kind"
    page.keyboard.press("ArrowDown")  # すべて → 企業
    assert page.evaluate("document.activeElement.value") == "company"
    page.keyboard.press("Tab")  # 取組分野
    page.keyboard.press("Tab")  # the submit button
    assert page.evaluate("document.activeElement.textContent.trim()") == "この条件で表示"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"kind=company"))
    results = page.locator(".supporter-results").inner_text()
    assert "株式会社杜のマッチング" in results and "1件" in results
    assert page.locator("#id_q").input_value() == "ﾓﾘﾉ"
    assert_no_axe_violations(page)

    # Clearing the conditions by keyboard brings back the whole group.
    tab_to(page, "el.textContent.trim() === '条件をすべて解除'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/supporters/miyagi/")
    assert_no_axe_violations(page)


def test_detail_page_has_no_axe_violations(page, seeded):
    assert page.goto("/supporters/s/sample-mori-matching/").status == 200
    assert (
        page.locator(".supporter-detail__logo img").get_attribute("alt")
        == "【サンプル】株式会社杜のマッチングのロゴ"
    )
    assert_no_axe_violations(page)
    page.goto("/supporters/s/sample-mihon-hanako/")
    assert_no_axe_violations(page)


def test_open_data_page_has_no_axe_violations(page, seeded):
    assert page.goto("/supporters/open-data/").status == 200
    assert_no_axe_violations(page)


def test_supporter_pages_fit_a_320px_wide_screen(browser, live_server, seeded):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800})
    tab = context.new_page()
    for url in [
        "/supporters/",
        "/supporters/miyagi/?kind=company",
        "/supporters/s/sample-aizu-kyoso/",
        "/supporters/open-data/",
    ]:
        tab.goto(url)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 320px"
    context.close()
