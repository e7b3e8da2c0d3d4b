"""The registration flow and the registrant's own page in Debian's Chromium: keyboard only, axe
on every page and state, and no sideways scrolling at 320 CSS px."""

import re

import pytest
from django.core import mail as sent_mail

from applications import worker
from events.models import EventQuestion
from registrations.models import Registration, RegistrationStatus
from tests.a11y import assert_no_axe_violations

from .factories import OnlineRegistrationEventFactory, RegistrationEventFactory, programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = [
    ("id_name", "東北 太郎"),
    ("id_reading", "トウホク タロウ"),
    ("id_email", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"),
    ("id_email_confirmation", "taro@example.jp"),
    ("id_phone", "０２２－２２１－４８６１"),
    ("id_organisation", "株式会社とうほく"),
]


def active_id(page):
    return page.evaluate("document.activeElement.id")


def tab_to(page, element_id, limit=60):
    """Press Tab until the element with ``element_id`` has the focus (keyboard only)."""
    for _ in range(limit):
        if active_id(page) == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} is not reachable with Tab")


def tab_to_text(page, text, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()").startswith(text):
            return
    raise AssertionError(f"{text} is not reachable with Tab")


def no_sideways_scroll(page, what):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{what} scrolls sideways by {overflow}px at 320px"


def test_register_by_keyboard_then_manage_it_on_the_registrants_page(page):
    event = OnlineRegistrationEventFactory(capacity=5, ask_referral="optional")
    question = EventQuestion.objects.create(
        event=event, label="参加する分科会", kind="choice", choices="A\nB", required=True
    )
    page.goto(event.get_absolute_url())
    assert "残り 5 席" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    tab_to_text(page, "申し込む")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # 入力, sent empty: the error summary takes the focus and leads to the fields.
    assert_no_axe_violations(page)
    tab_to_text(page, "入力内容を確認する")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert active_id(page) == "error-summary"
    summary = page.locator("#error-summary").inner_text()
    assert "氏名を入力してください。" in summary and "参加する分科会を選択してください。" in summary
    assert_no_axe_violations(page)
    tab_to_text(page, "氏名")
    page.keyboard.press("Enter")
    assert active_id(page) == "id_name"

    for element_id, text in TYPED:
        tab_to(page, element_id)
        page.keyboard.type(text)
    tab_to(page, f"id_question_{question.pk}_0")
    page.keyboard.press("ArrowDown")  # B
    tab_to(page, "id_privacy_consent")
    page.keyboard.press("Space")
    tab_to_text(page, "入力内容を確認する")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # 確認: the normalised values.
    page.wait_for_url(f"**/events/{event.slug}/register/confirm/")
    text = page.locator("main").inner_text()
    for expected in ["taro@example.jp", "022-221-4861", "トウホク タロウ", "参加する分科会"]:
        assert expected in text, expected
    assert_no_axe_violations(page)
    tab_to_text(page, "この内容で申し込む")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # 完了: the number.
    page.wait_for_url(f"**/events/{event.slug}/register/complete/")
    number = page.locator("[data-registration-number]").inner_text().strip()
    assert re.fullmatch(r"EVT-\d{4}-\d{5}", number)
    assert_no_axe_violations(page)
    registration = Registration.objects.get()
    assert registration.number == number and registration.answers[0]["answer"] == "B"

    # The registrant's page through the mail's link: the joining URL, then change and cancel.
    worker.run_once()
    link = re.search(r"https?://[^/\s]+(/registrations/\S+/)", sent_mail.outbox[-1].body).group(1)
    page.goto(link)
    assert event.joining_url in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    tab_to_text(page, "申込み内容を変更する")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_no_axe_violations(page)
    tab_to(page, "id_organisation")
    page.keyboard.press("Control+A")
    page.keyboard.type("合同会社みやぎ")
    tab_to_text(page, "変更を保存する")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "申込み内容を変更しました" in page.locator("main").inner_text()
    registration.refresh_from_db()
    assert registration.organisation == "合同会社みやぎ"

    tab_to_text(page, "参加をキャンセルする")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_no_axe_violations(page)
    tab_to_text(page, "キャンセルする")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # without the confirmation: an error next to the box
    assert "確認のチェックを入れてください" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    tab_to(page, "id_confirm")
    page.keyboard.press("Space")
    tab_to_text(page, "キャンセルする")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert event.joining_url not in page.locator("main").inner_text()
    assert_no_axe_violations(page)


def test_a_programme_with_chosen_sessions_by_keyboard_and_axe(page):
    series = programme(3, selectable=True)
    page.goto(series.get_absolute_url())
    assert_no_axe_violations(page)
    tab_to_text(page, "申し込む")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_no_axe_violations(page)
    tab_to(page, "id_sessions_0")
    page.keyboard.press("Space")
    for element_id, text in TYPED:
        tab_to(page, element_id)
        page.keyboard.type(text)
    tab_to(page, "id_privacy_consent")
    page.keyboard.press("Space")
    tab_to_text(page, "入力内容を確認する")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_no_axe_violations(page)
    tab_to_text(page, "この内容で申し込む")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_no_axe_violations(page)
    assert Registration.objects.get().sessions.count() == 1


def test_registration_pages_fit_a_320px_wide_screen(browser, live_server):
    event = RegistrationEventFactory(capacity=1, ask_referral="optional", ask_job_title="optional")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800})
    tab = context.new_page()
    tab.goto(event.get_absolute_url())
    no_sideways_scroll(tab, "the event page")
    tab.goto(f"/events/{event.slug}/register/")
    no_sideways_scroll(tab, "入力")
    tab.get_by_role("button", name="入力内容を確認する").click()
    no_sideways_scroll(tab, "入力 with errors")
    for element_id, text in TYPED:
        tab.fill(f"#{element_id}", text)
    tab.check("#id_privacy_consent")
    tab.get_by_role("button", name="入力内容を確認する").click()
    tab.wait_for_url("**/register/confirm/")
    no_sideways_scroll(tab, "確認")
    tab.get_by_role("button", name="この内容で申し込む").click()
    tab.wait_for_url("**/register/complete/")
    no_sideways_scroll(tab, "完了")
    tab.get_by_role("link", name="ご本人用ページ").click()
    no_sideways_scroll(tab, "the registrant's page")
    tab.get_by_role("link", name="申込み内容を変更する").click()
    no_sideways_scroll(tab, "変更")
    tab.go_back()
    tab.get_by_role("link", name="参加をキャンセルする").click()
    no_sideways_scroll(tab, "キャンセル")
    series = programme(2)
    tab.goto(series.get_absolute_url())
    no_sideways_scroll(tab, "the series page")
    context.close()
