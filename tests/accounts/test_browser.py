"""A new reviewer enrols an authenticator app, signs out and signs in again with a code."""

import base64
import re

import pytest

from accounts.models import AccessLogEntry
from applications import pdf
from tests.a11y import assert_no_axe_violations
from tests.applications.factories import submit_application
from tests.factories import TEST_PASSWORD, reviewer

from .factories import code_for_key

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_with_password(page, user):
    page.get_by_label("ユーザー名").fill(user.username)
    page.get_by_label("パスワード").fill(TEST_PASSWORD)
    page.get_by_role("button", name="ログイン").click()


def test_new_reviewer_enrols_signs_out_and_signs_in_with_a_code(page, migration_data):
    application = submit_application()
    pdf.generate(application.versions.get())
    user = reviewer(username="shinsa")
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto("/admin/")
    page.wait_for_url(re.compile(r"/admin/login/"))
    assert page.get_by_role("heading", level=1).inner_text() == "ログイン"
    assert_no_axe_violations(page)

    sign_in_with_password(page, user)
    page.wait_for_url(re.compile(r"/admin/otp/setup/"))
    assert page.get_by_role("img", name=re.compile("QRコード")).is_visible()
    assert_no_axe_violations(page)
    secret = page.locator("#otp-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("確認コード").fill(code_for_key(key))
    page.get_by_role("button", name="設定を完了する").click()

    page.wait_for_url(re.compile(r"/admin/otp/recovery-codes/"))
    assert page.locator(".recovery-codes li").count() == 10
    assert_no_axe_violations(page)
    page.get_by_role("link", name="保管したので、管理画面へ進む").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert "管理メニュー" in page.get_by_role("heading", level=1).inner_text()

    page.get_by_role("button", name="ログアウト").click()
    page.goto("/admin/")
    page.wait_for_url(re.compile(r"/admin/login/"))
    sign_in_with_password(page, user)
    page.wait_for_url(re.compile(r"/admin/otp/verify/"))
    assert_no_axe_violations(page)

    page.get_by_role("link", name=re.compile("リカバリーコードでログイン")).click()
    page.wait_for_url(re.compile(r"/admin/otp/recovery/"))
    assert_no_axe_violations(page)
    page.get_by_role("link", name="認証アプリの確認コードを入力する").click()
    page.wait_for_url(re.compile(r"/admin/otp/verify/"))

    # The enrolment used this 30-second window's code; a code is accepted once, so use the next.
    page.get_by_label("確認コード").fill(code_for_key(key, step=1))
    page.get_by_role("button", name="確認してログイン").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert "管理メニュー" in page.get_by_role("heading", level=1).inner_text()

    # Signed in with password and code, the reviewer opens the application's PDF.
    page.goto("/admin/applications/application/")
    page.get_by_role("link", name=application.number).click()
    href = page.get_by_role("link", name=re.compile(r"申込書（PDF")).get_attribute("href")
    response = page.context.request.get(href)
    assert response.status == 200 and response.body().startswith(b"%PDF")
    assert "no-store" in response.headers["cache-control"]
    assert AccessLogEntry.objects.filter(user=user, action="application.pdf").count() == 1
    assert not errors, errors  # no Content Security Policy violation on the way


def test_wrong_password_page_has_no_axe_violations(page):
    page.goto("/admin/login/")
    page.get_by_label("ユーザー名").fill("nobody")
    page.get_by_label("パスワード").fill("not-the-password-at-all")
    page.get_by_role("button", name="ログイン").click()
    page.get_by_role("alert").wait_for()
    assert "ユーザー名またはパスワードが正しくないか" in page.get_by_role("alert").inner_text()
    assert_no_axe_violations(page)
