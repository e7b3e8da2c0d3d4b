"""郵便番号 → 住所 in Chromium: seven digits fill 都道府県 and 市区町村, an unknown code is
announced, focus stays in the postal code, and the form works with JavaScript off."""

import pytest
from playwright.sync_api import expect

from tests.a11y import assert_no_axe_violations

from .test_browser import CHECKED, TYPED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("typed", ["〒980-8403", "９８０８４０３"])
def test_a_postal_code_fills_prefecture_and_municipality(page, migration_data, typed):
    page.goto("/apply/")
    assert page.input_value("#id_prefecture") == ""
    page.focus("#id_postal_code")
    page.keyboard.type(typed)
    expect(page.locator("#id_municipality")).to_have_value("仙台市青葉区")
    selected = page.eval_on_selector("#id_prefecture", "s => s.selectedOptions[0].textContent")
    assert selected.strip() == "宮城県"
    assert page.input_value("#id_address") == "本町"
    assert page.evaluate("document.activeElement.id") == "id_postal_code"
    status = page.locator("#id_postal_code_lookup")
    assert status.get_attribute("aria-live") == "polite"
    assert "宮城県仙台市青葉区" in status.text_content()
    assert_no_axe_violations(page)


def test_an_unknown_postal_code_gets_a_message_and_changes_nothing(page, migration_data):
    page.goto("/apply/")
    page.fill("#id_municipality", "石巻市")
    page.focus("#id_postal_code")
    page.keyboard.type("999-9999")
    status = page.locator("#id_postal_code_lookup")
    status.filter(has_text="見つかりませんでした").wait_for()
    assert "999-9999" in status.text_content()
    assert page.input_value("#id_municipality") == "石巻市"
    assert page.input_value("#id_prefecture") == ""
    assert page.evaluate("document.activeElement.id") == "id_postal_code"


def test_typed_municipality_is_not_overwritten(page, migration_data):
    page.goto("/apply/")
    page.fill("#id_municipality", "仙台市宮城野区")
    page.focus("#id_postal_code")
    page.keyboard.type("9808403")
    page.locator("#id_postal_code_lookup").filter(has_text="入力しました").wait_for()
    assert page.input_value("#id_municipality") == "仙台市宮城野区"


def test_without_javascript_the_fields_stay_plain_and_the_form_works(
    browser, live_server, migration_data
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/apply/")
        assert page.locator("#id_postal_code_lookup").count() == 0
        for box in CHECKED:
            page.check(f"#id_{box}")
        for field, value in TYPED.items():
            page.fill(f"#id_{field}", value)
        page.select_option("#id_prefecture", label="宮城県")
        page.click("form.apply-form button[type=submit]")
        page.wait_for_url("**/apply/confirm/")
        assert "仙台市青葉区" in page.content()
    finally:
        context.close()
