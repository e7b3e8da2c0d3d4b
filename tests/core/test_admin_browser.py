"""The editing desk in Chromium: the editor's Japanese menu and height, an untouched save that
records no version, readable lists at 1280 px, and the history pages by keyboard with axe."""

import pytest

from events.models import Event
from pages.models import Page
from tests.a11y import assert_no_axe_violations
from tests.accounts.test_browser import sign_in_with_password
from tests.events.factories import EventFactory
from tests.factories import content_editor
from tests.keyboard import tab_to
from tests.pages.factories import PageFactory, TopicFactory
from tests.supporters.factories import SupporterFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_TITLE = (
    "東北地域の中小企業と大学・高専・公設試験研究機関が連携して新しい価値を共創するための" * 2
)


def signed_in(page):
    page.goto("/admin/login/")
    sign_in_with_password(page, content_editor(username="henshu"))
    page.wait_for_url("**/admin/")
    return page


def test_editor_menu_is_japanese_and_the_body_is_tall(page):
    body = "<h2>見出し</h2><p>本文</p><ul><li>一つ目</li><li>二つ目</li></ul>"
    record = PageFactory(title="エディタ", slug="editor-labels", body=body)
    signed_in(page).goto(f"/admin/pages/page/{record.pk}/change/")
    editor = page.locator(".ProseMirror[contenteditable=true]").first
    editor.wait_for()
    menu = page.locator(".prose-menubar").first
    for label in ("太字", "斜体", "箇条書き", "番号付きリスト", "リンク", "引用"):
        assert menu.get_by_role("button", name=label, exact=True).count() == 1, label
    # The block-style picker (a popover): its entries and the button showing the current style.
    options = menu.locator(".prose-menubar__option").evaluate_all(
        "els => els.map(e => e.textContent.trim())"
    )
    assert {"見出し2", "見出し3", "段落"} <= set(options), options
    labels = menu.locator("[aria-label]").evaluate_all("els => els.map(e => e.ariaLabel)")
    english = {"bold", "italic", "paragraph", "heading 2", "unordered list", "insert link"}
    assert labels and not english & set(labels), labels
    assert page.get_by_role("textbox", name="本文").count() == 1  # the editable area's name
    assert editor.bounding_box()["height"] >= 300

    # Saving without touching anything keeps the body and records no new version.
    versions = record.history.count()
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_url("**/admin/pages/page/")
    record.refresh_from_db()
    assert record.body == body
    assert record.history.count() == versions
    # Positive control: a typed change is saved and recorded.
    page.goto(f"/admin/pages/page/{record.pk}/change/")
    editor = page.locator(".ProseMirror[contenteditable=true]").first
    editor.locator("li").last.click()
    page.keyboard.press("End")
    page.keyboard.type("を追加")
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_url("**/admin/pages/page/")
    record.refresh_from_db()
    assert "<li>二つ目を追加</li>" in record.body
    assert record.history.count() == versions + 1


@pytest.mark.parametrize(
    ("url", "make", "sorted_columns"),
    [
        (
            "/admin/events/event/",
            lambda: EventFactory(title=LONG_TITLE),
            ["when", "group", "status"],
        ),
        ("/admin/pages/page/", lambda: PageFactory(title=LONG_TITLE), ["status", "updated_at"]),
        (
            "/admin/supporters/supporter/",
            lambda: SupporterFactory(name=LONG_TITLE[:100]),
            ["group", "status", "updated_at"],
        ),
        (
            "/admin/pages/topic/",
            lambda: TopicFactory(title=LONG_TITLE[:120]),
            ["published_on", "status"],
        ),
    ],
)
def test_lists_keep_titles_to_two_lines_at_1280px(page, url, make, sorted_columns):
    make()
    page.set_viewport_size({"width": 1280, "height": 900})
    signed_in(page).goto(url)
    link = page.locator("#result_list th.field-title a, #result_list th.field-name a").first
    line_height = float(link.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)"))
    assert link.bounding_box()["height"] <= 2 * line_height + 2
    assert link.evaluate("el => el.scrollHeight > el.clientHeight")  # it was truncated
    # The sort columns are in view without scrolling the list sideways, each on one line.
    visible = page.locator("#changelist .results").bounding_box()
    for column in sorted_columns:
        cell = page.locator(f"#result_list td.field-{column}").first
        box = cell.bounding_box()
        assert box["x"] + box["width"] <= visible["x"] + visible["width"], column
        text_height = cell.evaluate(
            "el => { const r = document.createRange(); r.selectNodeContents(el);"
            " return r.getBoundingClientRect().height; }"
        )
        assert text_height <= line_height + 2, column


def test_history_page_and_revert_by_keyboard_without_axe_violations(page):
    record = PageFactory(
        title="沿革", slug="history-browser", body="<p>令和二年に発足しました。</p>"
    )
    record.body = "<p>令和三年に発足しました。</p>"
    record.save()
    signed_in(page).goto(f"/admin/pages/page/{record.pk}/history/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("変更履歴")
    assert page.locator("del.history-diff__removed").first.inner_text() == "令和二年"
    assert page.locator("ins.history-diff__added").first.inner_text() == "令和三年"
    assert_no_axe_violations(page)
    # The oldest version, reached and opened by keyboard.
    oldest = record.history.last()
    tab_to(page, f"el.getAttribute('href')?.endsWith('/history/{oldest.history_id}/')")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/history/{oldest.history_id}/")
    assert "この版から現在までの変更" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    tab_to(page, "el.value === 'この版に戻す'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/pages/page/")
    record.refresh_from_db()
    assert record.body == "<p>令和二年に発足しました。</p>"
    assert record.history.first().history_change_reason == "過去の版に戻す"
    assert Page.objects.count() == 1 and Event.objects.count() == 0
