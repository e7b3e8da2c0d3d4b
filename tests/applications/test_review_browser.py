"""Issue 12 in Debian's Chromium: the confirmation steps, the version comparison and 審査状況,
used with the keyboard alone and checked by axe."""

import re

import pytest

from applications import review
from applications.models import ApplicationStatus, OutboxMessage
from tests.a11y import assert_no_axe_violations
from tests.accounts.factories import code_for, totp_device
from tests.factories import TEST_PASSWORD, reviewer
from tests.keyboard import focus_is_visible, tab_to

from .factories import submit_application, submit_correction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, user):
    device = totp_device(user)
    page.goto("/admin/login/")
    page.get_by_label("ユーザー名").fill(user.username)
    page.get_by_label("パスワード").fill(TEST_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.get_by_label("確認コード").fill(code_for(device))
    page.get_by_role("button", name="確認してログイン").click()
    page.wait_for_url("**/admin/")


def has_text(text):
    return f"(el.textContent || el.value || '').trim().startsWith({text!r})"


def test_reject_with_the_keyboard_only(page, migration_data):
    staff = reviewer(username="shinsa")
    application = review.start_review(submit_application(), staff)
    sign_in(page, staff)
    page.goto(f"/admin/applications/application/{application.pk}/change/")
    assert_no_axe_violations(page)

    tab_to(page, has_text("却下…"))
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/review/reject/$"))
    assert_no_axe_violations(page)

    # Sent empty: refused with the Japanese message next to the field; nothing changed.
    tab_to(page, has_text("内容とメールを確認する"))
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "却下の理由を入力してください。" in page.locator(".errorlist").inner_text()
    assert_no_axe_violations(page)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW

    tab_to(page, "el.id === 'id_comment'")
    page.keyboard.type("対象地域外のため")
    tab_to(page, has_text("内容とメールを確認する"))
    page.keyboard.press("Enter")
    page.wait_for_selector(".review-mail")
    assert "対象地域外のため" in page.locator(".review-mail").inner_text()
    assert_no_axe_violations(page)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    assert not OutboxMessage.objects.filter(kind=OutboxMessage.Kind.REJECTED).exists()

    tab_to(page, has_text("却下を確定する"))
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/change/$"))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert OutboxMessage.objects.filter(kind=OutboxMessage.Kind.REJECTED).count() == 1


def test_return_step_and_the_comparison(page, migration_data):
    staff = reviewer(username="shinsa")
    application = submit_application()
    sign_in(page, staff)
    page.goto(f"/admin/applications/application/{application.pk}/review/return/")
    assert_no_axe_violations(page)
    page.get_by_label("差戻しの理由（必須）").fill("住所を確認してください。")
    tab_to(page, "el.value === 'address'")
    page.keyboard.press("Space")
    assert page.locator("input[value='address']").is_checked()
    page.get_by_role("button", name="内容とメールを確認する").click()
    assert "・町名・番地・建物名" in page.locator(".review-mail").inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="差戻しを確定する").click()
    page.wait_for_url(re.compile(r"/change/$"))

    submit_correction(application, address="本町三丁目3番1号 B棟")
    page.reload()
    compare = page.locator("#review-compare")
    assert "町名・番地・建物名（変更あり）" in compare.inner_text()
    assert compare.locator("tr.changed").count() == 1
    assert_no_axe_violations(page)
    # The unchanged fields open from the keyboard.
    tab_to(page, "el.tagName === 'SUMMARY'")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    assert compare.locator("details").get_attribute("open") is not None
    assert compare.locator("details tr[data-field='name']").is_visible()
    assert_no_axe_violations(page)


def test_the_review_dashboard(page, migration_data):
    staff = reviewer(username="shinsa")
    review.start_review(submit_application(), staff)
    submit_application()
    sign_in(page, staff)
    page.goto("/admin/applications/application/")
    tab_to(page, has_text("審査状況"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dashboard/$"))
    assert page.locator("svg[role='img']").count() == 1
    assert page.get_by_role("img", name=re.compile("月別の受付")).is_visible()
    assert_no_axe_violations(page)
    tab_to(page, has_text("月別の件数を CSV"))
    assert focus_is_visible(page)


def test_the_review_pages_reflow_at_320px(page, migration_data):
    staff = reviewer(username="shinsa")
    application = review.start_review(submit_application(), staff)
    sign_in(page, staff)
    page.set_viewport_size({"width": 320, "height": 800})
    base = f"/admin/applications/application/{application.pk}"
    for url in [f"{base}/review/reject/", f"{base}/review/return/",
                "/admin/applications/application/dashboard/"]:  # fmt: skip
        page.goto(url)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 320, f"{url} is {width}px wide"
    # Control: the same measure sees a wider page as wider.
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.evaluate("() => document.documentElement.scrollWidth") >= 1280
