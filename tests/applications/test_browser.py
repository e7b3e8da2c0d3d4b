"""The whole path in Debian's Chromium: a new applicant types full-width input, sees the normalised
values on 確認 and the number on 完了; a reviewer opens both PDFs in the admin and approves; the
supporter is published in its prefecture's group. axe checks every step, the error page included."""

import re

import pytest

from applications import worker
from applications.models import Application, ApplicationStatus
from core.publishing import PublicationStatus
from supporters.models import Supporter
from tests.a11y import assert_no_axe_violations
from tests.accounts.factories import code_for, totp_device
from tests.factories import TEST_PASSWORD, reviewer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


# What the applicant types, by field name: full-width where a person might type it so.
TYPED = {
    "name": "株式会社とうほく未来",
    "reading": "カブシキガイシャトウホクミライ",
    "representative_title": "代表取締役",
    "representative_name": "東北 太郎",
    "representative_reading": "トウホク タロウ",
    "postal_code": "〒９８０－８４０３",
    "municipality": "仙台市青葉区",
    "address": "本町３丁目３番１号",
    "phone": "０２２－２２１－４８６１",
    "email": "ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｊｐ",
    "contact_name": "東北 花子",
    "contact_reading": "トウホク ハナコ",
    "activity_summary": "宮城県内の企業と学生をつなぐインターンシップを企画しています。",
    "supporter_plan": "インターンシップの受入れ先の開拓に協力します。",
    "listing_name": "株式会社とうほく未来",
    "listing_reading": "トウホクミライ",
    "listing_introduction": "東北の若者と企業をつなぐ会社です。",
    "pledge_signer": "東北 太郎",
}
# 企業; two activity categories; the three consents.
CHECKED = [
    "kind_0",
    "categories_0",
    "categories_6",
    "publish_consent",
    "pledge_agreed",
    "privacy_consent",
]


def fill_application(page):
    for box in CHECKED:
        page.check(f"#id_{box}")
    for field, value in TYPED.items():
        page.fill(f"#id_{field}", value)
    page.select_option("#id_prefecture", label="宮城県")


def test_apply_review_and_publish(migration_data, page, browser, live_server):
    # 入力, first with nothing typed: the error page.
    page.goto("/apply/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="入力内容を確認する").click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert "名称・氏名を入力してください。" in summary.inner_text()
    assert_no_axe_violations(page)
    summary.get_by_role("link", name=re.compile("郵便番号")).click()
    assert page.evaluate("document.activeElement.id") == "id_postal_code"

    fill_application(page)
    page.get_by_role("button", name="入力内容を確認する").click()

    # 確認: the normalised values.
    page.wait_for_url("**/apply/confirm/")
    text = page.locator("main").inner_text()
    for expected in [
        "〒980-8403",
        "022-221-4861",
        "カブシキガイシャトウホクミライ",
        "info@example.jp",
        "本町3丁目3番1号",
    ]:
        assert expected in text, expected
    assert "利用目的" in text
    assert_no_axe_violations(page)

    # Back keeps everything, then forward again.
    page.get_by_role("button", name="入力画面に戻る").click()
    page.wait_for_url("**/apply/")
    assert page.input_value("#id_postal_code") == "980-8403"
    assert page.is_checked("#id_pledge_agreed")
    page.get_by_role("button", name="入力内容を確認する").click()
    page.wait_for_url("**/apply/confirm/")

    # 完了: the number.
    page.get_by_role("button", name="この内容で申し込む").click()
    page.wait_for_url("**/apply/complete/")
    number = page.locator("[data-application-number]").inner_text().strip()
    assert re.fullmatch(r"NTM-\d{4}-\d{4}", number)
    assert_no_axe_violations(page)
    application = Application.objects.get()
    assert application.number == number
    worker.run_once()  # the worker, not the request, renders the PDFs
    assert application.versions.get().has_pdfs

    # The reviewer logs into the admin, opens both PDFs and approves.
    device = totp_device(reviewer(username="shinsa"))
    staff = browser.new_context(base_url=live_server.url, locale="ja-JP")
    admin = staff.new_page()
    admin.goto("/admin/login/")
    admin.fill("#id_username", "shinsa")
    admin.fill("#id_password", TEST_PASSWORD)
    admin.get_by_role("button", name="ログイン").click()
    admin.get_by_label("確認コード").fill(code_for(device))
    admin.get_by_role("button", name="確認してログイン").click()
    admin.wait_for_url("**/admin/")
    admin.goto("/admin/applications/application/")
    admin.get_by_role("link", name=number).click()
    for label in ["申込書", "誓約書"]:
        href = admin.get_by_role("link", name=re.compile(label + r"（PDF")).get_attribute("href")
        response = staff.request.get(href)
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF")
    admin.get_by_role("button", name="審査開始").click()
    admin.get_by_role("link", name="承認…").click()
    assert_no_axe_violations(admin)
    admin.get_by_role("button", name="内容とメールを確認する").click()
    assert "承認と同時に公開します" in admin.locator("#content-main").inner_text()
    assert_no_axe_violations(admin)
    admin.get_by_role("button", name="承認を確定する").click()
    assert "承認" in admin.locator(".review-history").inner_text()
    staff.close()

    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    supporter = Supporter.objects.get()
    assert supporter.status == PublicationStatus.PUBLISHED
    assert supporter.group == "miyagi"

    # The supporter appears on its prefecture group's page of the directory.
    response = page.goto("/supporters/miyagi/")
    assert response.status == 200
    assert page.get_by_role("link", name="株式会社とうほく未来").count() >= 1
    assert "株式会社とうほく未来" not in page.goto("/supporters/iwate/").text()


def test_apply_pages_fit_a_320px_wide_screen(migration_data, browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800})
    tab = context.new_page()
    tab.goto("/apply/")
    tab.get_by_role("button", name="入力内容を確認する").click()  # the page with errors
    fill_application(tab)
    for step in ["入力", "確認"]:
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{step} scrolls sideways by {overflow}px at 320px"
        if step == "入力":
            tab.get_by_role("button", name="入力内容を確認する").click()
            tab.wait_for_url("**/apply/confirm/")
    context.close()
