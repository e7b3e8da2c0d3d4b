"""The idle-limit warning in Chromium: shown before the limit, keyboard-usable, axe-clean;
continuing keeps what is typed and extends the session on the server."""

from importlib import import_module

import pytest
from django.conf import settings as django_settings

from accounts import sessions
from tests.a11y import assert_no_axe_violations
from tests.factories import content_editor

from .test_browser import sign_in_with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DIALOG_NAME = "まもなく自動的にログアウトします"


def last_seen_at(page):
    key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    store = import_module(django_settings.SESSION_ENGINE).SessionStore(session_key=key)
    return store.load()[sessions.LAST_SEEN_AT]


def test_warning_continues_without_losing_typed_text(page, settings):
    # A one-minute limit with the warning 55 seconds before it: the dialog opens after ~5 s.
    settings.STAFF_SESSION_IDLE_MINUTES = 1
    settings.STAFF_SESSION_WARNING_SECONDS = 55
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    editor = content_editor(username="keizoku")
    page.goto("/admin/login/")
    sign_in_with_password(page, editor)
    page.wait_for_url("**/admin/")
    page.goto("/admin/pages/page/add/")
    title = page.get_by_label("タイトル")
    title.click()
    page.keyboard.type("入力途中のタイトル")
    page.evaluate("window.notReloaded = true")
    dialog = page.get_by_role("alertdialog", name=DIALOG_NAME)
    assert not dialog.is_visible()
    dialog.wait_for(state="visible", timeout=15_000)
    # Focus moved into the dialog, onto 「続ける」; the rest of the page is inert.
    assert page.evaluate("document.activeElement.textContent") == "続ける"
    assert page.evaluate("document.activeElement.closest('dialog').id") == "session-warning"
    # Tab and Shift+Tab never reach the form behind the modal dialog.
    for key in ("Tab", "Shift+Tab", "Shift+Tab"):
        page.keyboard.press(key)
        assert page.evaluate("document.activeElement.id") != "id_title"
        assert page.evaluate("!document.activeElement.closest('form')")
    assert_no_axe_violations(page)
    before = last_seen_at(page)

    continue_button = dialog.get_by_role("button", name="続ける")
    continue_button.focus()
    page.keyboard.press("Enter")
    dialog.wait_for(state="hidden")
    status = page.get_by_role("status")
    assert status.inner_text() == "ログイン状態を延長しました。作業を続けられます。"
    # Focus is back where it was, the text is still there, the page was not reloaded.
    assert page.evaluate("document.activeElement.id") == "id_title"
    assert title.input_value() == "入力途中のタイトル"
    assert page.evaluate("window.notReloaded") is True
    after = last_seen_at(page)
    assert after > before

    # The next warning comes a limit after the extension; Esc continues too.
    dialog.wait_for(state="visible", timeout=15_000)
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert last_seen_at(page) > after
    assert title.input_value() == "入力途中のタイトル"
    assert not [e for e in errors if "Content Security Policy" in e], errors
