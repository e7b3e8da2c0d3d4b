"""End-to-end checks in Debian's Chromium: accessibility (axe) and keyboard use."""

import pytest

from tests.a11y import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("url", ["/", "/about/", "/about/maps-o/", "/topics/", "/no-such-page/"])
def test_public_pages_have_no_axe_violations(page, seeded, url):
    response = page.goto(url)
    assert response.status == (404 if url == "/no-such-page/" else 200)
    assert_no_axe_violations(page)


def test_skip_link_is_the_first_focusable_element_and_moves_to_main(page, seeded):
    page.goto("/about/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "本文へ移動"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"


def test_text_size_control_works_by_keyboard_and_persists(page, seeded):
    page.goto("/")
    standard = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    large_button = page.get_by_role("button", name="大きく")
    large_button.focus()
    page.keyboard.press("Enter")
    assert large_button.get_attribute("aria-pressed") == "true"
    enlarged = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert enlarged == pytest.approx(standard * 1.25)

    page.goto("/about/")
    assert page.evaluate("document.documentElement.classList.contains('text-size-large')")
    assert page.get_by_role("button", name="大きく").get_attribute("aria-pressed") == "true"

    standard_button = page.get_by_role("button", name="標準")
    standard_button.focus()
    page.keyboard.press("Space")
    assert page.evaluate(
        "parseFloat(getComputedStyle(document.documentElement).fontSize)"
    ) == pytest.approx(standard)


def test_content_fits_a_320px_wide_screen(browser, live_server, seeded):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800})
    tab = context.new_page()
    for url in ["/", "/about/maps-o/", "/topics/"]:
        tab.goto(url)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 320px"
    context.close()


def test_largest_text_size_still_fits_320px_without_losing_content(browser, live_server, seeded):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800})
    tab = context.new_page()
    tab.goto("/")
    tab.get_by_role("button", name="最大").click()
    for url in ["/", "/about/maps-o/", "/contact/"]:
        tab.goto(url)
        assert tab.evaluate("document.documentElement.classList.contains('text-size-largest')")
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at the largest text size"
    context.close()


def test_navigation_is_reachable_by_keyboard_with_a_visible_focus(page, seeded):
    page.goto("/")
    reached = []
    for _ in range(15):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.textContent.trim()"))
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", f"no visible focus on {reached[-1]!r}"
    for label in [
        "標準",
        "大きく",
        "最大",
        "サポーターズ",
        "イベント",
        "トピックス",
        "申込み",
        "お問合せ",
    ]:
        assert label in reached, (label, reached)
