"""入力: every rule of the form, checked through the page as a person meets it."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from supporters.validators import corporate_number_check_digit

from .factories import answers

pytestmark = pytest.mark.django_db

URL = "/apply/"


def valid_corporate_number():
    body = "000012050002"
    return f"{corporate_number_check_digit(body)}{body}"


def png(size=(40, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def post(client, **overrides):
    return client.post(URL, answers(**overrides))


def test_valid_input_moves_to_confirm(client):
    response = post(client)
    assert response.status_code == 302
    assert response["Location"] == "/apply/confirm/"


# (field, bad value, part of the Japanese message)
BAD_INPUT = [
    ("kind", "", "種別を選択してください"),
    ("kind", "robot", "種別の選択肢から選んでください"),
    ("name", "", "名称・氏名を入力してください"),
    ("name", "あ" * 101, "名称・氏名は100文字以内で入力してください（現在101文字）"),
    ("reading", "東北未来", "ふりがなは、ひらがな又はカタカナで入力してください"),
    ("reading", "", "ふりがなを入力してください"),
    ("representative_title", "", "企業・団体の場合は代表者の役職を入力してください"),
    ("representative_name", "", "企業・団体の場合は代表者の氏名を入力してください"),
    ("representative_reading", "Taro", "ひらがな又はカタカナ"),
    ("corporate_number", "1234567890123", "チェックディジットが一致しません"),
    ("corporate_number", "12345", "法人番号は13桁の数字で入力してください"),
    ("postal_code", "980-84", "郵便番号は7桁の数字で入力してください"),
    ("postal_code", "", "郵便番号を入力してください"),
    ("prefecture", "", "都道府県を選択してください"),
    ("prefecture", "48", "都道府県の選択肢から選んでください"),
    ("municipality", "", "市区町村を入力してください"),
    ("municipality", "区" * 51, "市区町村は50文字以内"),
    ("address", "", "町名・番地・建物名を入力してください"),
    ("address", "丁" * 151, "町名・番地・建物名は150文字以内"),
    ("phone", "221-4861", "電話番号は市外局番から"),
    ("phone", "", "電話番号を入力してください"),
    ("email", "info.example.jp", "メールアドレスの形式が正しくありません"),
    ("email", "", "メールアドレスを入力してください"),
    ("website", "javascript:alert(1)", "ウェブサイトの URL の形式が正しくありません"),
    ("website", "ftp://example.jp/", "ウェブサイトの URL の形式が正しくありません"),
    ("contact_name", "", "企業・団体の場合は担当者の氏名を入力してください"),
    ("contact_reading", "hanako", "ひらがな又はカタカナ"),
    ("contact_phone", "12", "電話番号は市外局番から"),
    ("contact_email", "hanako@", "担当者のメールアドレスの形式が正しくありません"),
    ("activity_summary", "", "活動内容を入力してください"),
    ("activity_summary", "あ" * 2001, "活動内容は2000文字以内"),
    ("categories", [], "取組分野を1つ以上選択してください"),
    ("categories", ["space-travel"], "取組分野の選択肢から選んでください"),
    ("supporter_plan", "", "サポーターズとして取り組みたいことを入力してください"),
    ("listing_name", "", "掲載名を入力してください"),
    ("listing_reading", "Mirai", "ひらがな又はカタカナ"),
    ("listing_introduction", "あ" * 1001, "紹介文は1000文字以内"),
    ("publish_consent", None, "掲載内容の公開への同意が必要です"),
    ("pledge_agreed", None, "誓約事項への同意が必要です"),
    ("pledge_signer", "", "誓約者の氏名を入力してください"),
    ("privacy_consent", None, "個人情報の取扱いへの同意が必要です"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_INPUT)
def test_bad_input_gives_a_japanese_message_and_keeps_the_rest(client, field, value, message):
    overrides = {field: value}
    response = post(client, **overrides)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    # The message sits next to the field and in the summary at the top, which links to it.
    assert f'id="id_{field}_error"' in html
    anchor = f"id_{field}_0" if field in ("kind", "categories") else f"id_{field}"
    assert f'href="#{anchor}"' in html
    assert f'id="{anchor}"' in html
    assert "入力内容に誤りがあります" in html
    # Everything else typed is still there.
    kept = answers()
    for other in ["name", "address", "email", "activity_summary", "listing_name"]:
        if other != field:
            assert str(kept[other]) in html, other
    if field != "prefecture":
        assert 'value="04" selected' in html
    if field != "categories":
        assert re.search(r'value="learning"[^>]*checked', html)


def test_individuals_need_no_representative_and_their_corporate_number_is_dropped(client):
    response = post(
        client, kind="individual", representative_title="", representative_name="",
        representative_reading="", contact_name="", contact_reading="",
        corporate_number=valid_corporate_number(),
    )  # fmt: skip
    assert response.status_code == 302
    assert client.session["applications:draft"]["data"]["corporate_number"] == ""


def test_valid_corporate_number_in_full_width_is_accepted(client):
    number = valid_corporate_number()
    full_width = number.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
    assert post(client, corporate_number=full_width).status_code == 302
    assert client.session["applications:draft"]["data"]["corporate_number"] == number


def test_normalised_values_are_kept_in_the_draft(client):
    post(
        client, postal_code="〒９８０－８４０３", phone="０２２ー２２１ー４８６１",
        reading="ｶﾌﾞｼｷｶﾞｲｼｬ", email="ＩＮＦＯ＠ＥＸＡＭＰＬＥ．ＪＰ", website="www.example.jp",
        address="本町３丁目３番１号",
    )  # fmt: skip
    normalised = {
        "postal_code": "980-8403",
        "phone": "022-221-4861",
        "reading": "カブシキガイシャ",
        "email": "INFO@example.jp",
        "website": "https://www.example.jp",
        "address": "本町3丁目3番1号",
    }
    data = client.session["applications:draft"]["data"]
    assert {field: data[field] for field in normalised} == normalised


def test_every_label_shows_required_or_optional(client):
    html = client.get(URL).content.decode()
    labels = re.findall(r"<(?:label|legend)[^>]*>(.*?)</(?:label|legend)>", html, re.S)
    field_labels = [label for label in labels if "form-badge" in label or "申込者" not in label]
    badges = [label for label in labels if "form-badge" in label]
    assert len(badges) == 30, badges
    for label in badges:
        assert "必須" in label or "任意" in label
    assert field_labels


def test_format_fields_have_a_hint_linked_to_the_input(client):
    html = client.get(URL).content.decode()
    for field in ["postal_code", "phone", "reading", "email"]:
        assert f'id="id_{field}_helptext"' in html
        assert re.search(
            rf'id="id_{field}"[^>]*aria-describedby="id_{field}_helptext"', html
        ) or re.search(rf'aria-describedby="id_{field}_helptext"[^>]*id="id_{field}"', html)


def test_current_pledge_is_shown_in_full_with_purpose_of_use(client):
    from applications.models import PledgeVersion

    html = client.get(URL).content.decode()
    pledge = PledgeVersion.objects.current()
    for line in pledge.text.splitlines():
        assert line.replace("（", "（") in html
    assert "利用目的" in html


def test_honeypot_filled_by_a_bot_is_refused(client):
    response = post(client, fax_number="03-0000-0000")
    assert response.status_code == 200
    assert "送信できませんでした" in response.content.decode()
    assert (
        "applications:draft" not in client.session
        or "data" not in client.session["applications:draft"]
    )


def test_kept_logo_is_shown_when_coming_back_and_stays_without_a_new_file(client):
    assert client.post(URL, {**answers(), "logo": png()}).status_code == 302
    draft = client.session["applications:draft"]
    assert draft["logo"].startswith("applications/drafts/")
    assert "選択済みのロゴ画像: logo.png" in client.get(URL).content.decode()
    assert post(client).status_code == 302
    assert client.session["applications:draft"]["logo"] == draft["logo"]
    assert client.session["applications:draft"]["logo_name"] == "logo.png"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a but not really an image", "画像として読み込めませんでした"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "SVG 形式の画像は使えません"),
    ],
)
def test_logo_that_is_not_an_image_is_refused_with_a_message(client, content, message):
    fake = SimpleUploadedFile("logo.png", content)
    response = client.post(URL, {**answers(), "logo": fake})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "株式会社とうほく未来" in response.content.decode()


def test_logo_can_be_removed(client):
    client.post(URL, {**answers(), "logo": png()})
    assert post(client, remove_logo="on").status_code == 302
    assert client.session["applications:draft"]["logo"] == ""


def test_oversized_request_is_refused(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post(client, activity_summary="あ" * 2000)
    assert response.status_code == 400


@pytest.mark.parametrize("url", ["/apply/", "/apply/confirm/", "/apply/complete/"])
def test_apply_pages_are_never_stored_by_caches(client, url):
    post(client)
    response = client.get(url)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_an_oversized_logo_is_dropped_while_reading_and_the_input_is_kept(client, monkeypatch):
    monkeypatch.setattr("applications.uploads.MAX_IMAGE_BYTES", 1024)
    big = png(size=(600, 600))
    assert big.size > 1024
    response = client.post(URL, {**answers(), "logo": big})
    assert response.status_code == 200
    html = response.content.decode()
    assert "ロゴ画像の大きさは 5MB 以下にしてください" in html
    assert "株式会社とうほく未来" in html
    assert client.session.get("applications:draft", {}).get("logo", "") == ""


def _controls(html):
    """{name: attributes} of every input, select and textarea of the page."""
    from html.parser import HTMLParser

    controls = {}

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attributes = dict(attrs)
            if tag in ("input", "select", "textarea") and "name" in attributes:
                controls.setdefault(attributes["name"], attributes)

    Collector().feed(html)
    return controls


EXPECTED_AUTOCOMPLETE = {
    "name": "organization",
    "representative_title": "organization-title",
    "representative_name": "name",
    "postal_code": "postal-code",
    "prefecture": "address-level1",
    "municipality": "address-level2",
    "address": "address-line1",
    "phone": "tel",
    "email": "email",
    "website": "url",
    "contact_name": "section-contact name",
    "contact_phone": "section-contact tel",
    "contact_email": "section-contact email",
    "pledge_signer": "name",
}


def test_every_personal_field_has_its_autocomplete_token(client):
    controls = _controls(client.get(URL).content.decode())
    assert set(EXPECTED_AUTOCOMPLETE) <= set(controls)
    tokens = {name: controls[name].get("autocomplete") for name in EXPECTED_AUTOCOMPLETE}
    assert tokens == EXPECTED_AUTOCOMPLETE
    # the honeypot stays out of autofill; free text gets no personal token
    assert controls["fax_number"]["autocomplete"] == "off"
    assert "autocomplete" not in controls["activity_summary"]
