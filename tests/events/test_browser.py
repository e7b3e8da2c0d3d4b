"""Event pages in Debian's Chromium: axe, the filters by keyboard, CSP, narrow screens."""

import datetime

import pytest
from django.utils import timezone

from tests.a11y import assert_no_axe_violations

pytestmark = [
    pytest.mark.seed_demo(events=40),
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def sample_month():
    """The month of the upcoming samples (they start in next month)."""
    day = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return f"/events/calendar/{day.year}/{day.month}/"


EVENT_PAGES = [
    "/events/",
    "/events/past/",
    "/events/past/?page=2",
    "/events/tohoku-coordinator-forum-2021/",
    "/events/right-hand-programme-2021-1/",
    "/events/sample-meetup-sendai/",
    "/events/sample-festival-aomori/",
    "/events/sample-workshop-yamagata/",
    "/events/sample-consultation-akita/",
    "/events/sample-pitch-fukushima/",
    "/events/series/",
    "/events/series/right-hand-programme-2021/",
    "/events/series/sample-right-hand-programme/",
    "/events/sample-right-hand-programme-2/",
]


@pytest.mark.parametrize("url", EVENT_PAGES)
def test_event_pages_have_no_axe_violations(page, seeded, url):
    assert page.goto(url).status == 200
    assert_no_axe_violations(page)


def test_calendar_has_no_axe_violations(page, seeded):
    assert page.goto(sample_month()).status == 200
    assert page.locator(".event-calendar a").count() > 0
    assert_no_axe_violations(page)


def test_filters_work_by_keyboard(page, seeded):
    page.goto("/events/past/")
    page.focus("#id_group")
    page.keyboard.press("ArrowDown")  # 青森県
    page.keyboard.press("ArrowDown")  # 岩手県
    page.keyboard.press("ArrowDown")  # 宮城県
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_format"
    page.keyboard.press("ArrowDown")  # 会場
    for expected in ["id_involvement", "id_month"]:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == expected
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "この条件で表示"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "group=miyagi" in page.url and "format=venue" in page.url
    assert page.locator("#id_group").input_value() == "miyagi"
    titles = page.locator(".event-card__title").all_inner_texts()
    assert titles and any("右腕人材育成プログラム" in title for title in titles)
    places = page.locator(".event-card__place").all_inner_texts()
    assert places and all("宮城県" in place for place in places)
    assert_no_axe_violations(page)

    page.get_by_role("link", name="条件を解除").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/events/past/")


def test_calendar_months_change_by_keyboard(page, seeded):
    page.goto(sample_month())
    page.get_by_role("link", name="次の月").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text().startswith("イベントカレンダー")
    assert_no_axe_violations(page)


def test_json_ld_causes_no_csp_error_and_is_readable(page, seeded):
    messages = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    page.goto("/events/tohoku-coordinator-forum-2021/")
    page.wait_for_load_state("load")
    assert not [m for m in messages if "Content Security Policy" in m or m.startswith("error")]
    data = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )
    assert data["startDate"] == "2021-03-01T14:00:00+09:00"


def test_event_pages_fit_a_320px_wide_screen(browser, live_server, seeded):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800})
    tab = context.new_page()
    pages = ["/events/", sample_month(), "/events/sample-meetup-sendai/"]
    pages += [
        "/events/series/",
        "/events/series/right-hand-programme-2021/",
        "/events/right-hand-programme-2021-4/",
    ]
    for url in pages:
        tab.goto(url)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 320px"
    context.close()


@pytest.mark.parametrize(("width", "table_shown"), [(375, False), (320, False), (1024, True)])
def test_month_view_on_phones_is_a_list_of_days_with_events(page, seeded, width, table_shown):
    page.set_viewport_size({"width": width, "height": 800})
    assert page.goto(sample_month()).status == 200
    table = page.locator(".event-calendar")
    days = page.locator(".event-calendar-days")
    assert table.is_visible() is table_shown
    assert days.is_visible() is not table_shown
    # same data: each rendering links the same events, day by day
    in_table = page.locator(".event-calendar a").evaluate_all("links => links.map(a => a.href)")
    in_list = page.locator(".event-calendar-days a").evaluate_all("links => links.map(a => a.href)")
    assert in_table and in_table == in_list
    visible = page.locator(".event-calendar-days a" if not table_shown else ".event-calendar a")
    widths = visible.evaluate_all("links => links.map(a => a.getBoundingClientRect().width)")
    if not table_shown:
        # a title runs across the line, not one character per line
        assert min(widths) > 100, widths
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_no_axe_violations(page)
    else:
        assert max(widths) < 200, widths  # control: the seven columns are narrow


def test_series_sessions_are_reached_by_keyboard(page, seeded):
    """From /events/ to the series list, the series, a session and on to the next session,
    with Tab and Enter only."""

    def follow(name):
        link = page.get_by_role("link", name=name, exact=True)
        link.focus()
        assert page.evaluate("document.activeElement.textContent.trim()") == name
        with page.expect_navigation():
            page.keyboard.press("Enter")

    page.goto("/events/")
    follow("連続講座")
    assert page.url.endswith("/events/series/")
    follow("【サンプル】右腕人材育成プログラム")
    assert page.url.endswith("/events/series/sample-right-hand-programme/")
    titles = page.locator(".series-session__title a").all_inner_texts()
    assert [title.split("「")[0] for title in titles] == [
        f"【サンプル】右腕人材育成プログラム 第{n}回" for n in range(1, len(titles) + 1)
    ]
    page.locator(".series-session__title a").first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/events/sample-right-hand-programme-1/")
    assert f"第1回（全{len(titles)}回）" in page.locator(".event-series").inner_text()
    # the next-session link is reached with Tab from the series link before it in the nav
    page.locator('.series-nav a[rel="next"]').focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/events/sample-right-hand-programme-2/")
    page.locator('.series-nav a[rel="prev"]').focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.rel") == "next"
    assert_no_axe_violations(page)
