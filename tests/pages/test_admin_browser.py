"""The admin's rich-text editor must work under the Content Security Policy."""

import pytest

from tests.factories import TEST_PASSWORD, content_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_rich_text_editor_loads_without_csp_violations(page):
    editor = content_editor(username="editor")
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto("/admin/login/")
    page.get_by_label("ユーザー名").fill(editor.username)
    page.get_by_label("パスワード").fill(TEST_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url("**/admin/")
    page.goto("/admin/pages/page/add/")
    body_editor = page.locator(".ProseMirror[contenteditable=true]").first
    body_editor.wait_for()
    body_editor.click()
    page.keyboard.type("エディタで入力した本文")
    page.get_by_label("タイトル").fill("エディタのテスト")
    page.get_by_label("URL 名").fill("editor-test")
    page.get_by_label("公開状態").select_option("published")
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_url("**/admin/pages/page/")
    assert not [e for e in errors if "Content Security Policy" in e], errors
    page.goto("/editor-test/")
    assert "エディタで入力した本文" in page.locator("main").inner_text()
