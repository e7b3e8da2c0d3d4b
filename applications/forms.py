"""The application form (入力): Japanese labels with 必須/任意 badges, hints under fields with a
format, Japanese error messages, and normalisation in each field's ``to_python`` so that
validation and length limits apply to the normalised value."""

import os

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.html import format_html

from core import normalise
from core.forms import (
    ErrorSummaryMixin,
    NormalisedCharField,
    NormalisedEmailField,
    badge_label,
    field_messages,
)
from core.images import ACCEPT_ATTRIBUTE, MAX_IMAGE_BYTES, validate_logo
from core.prefectures import PREFECTURES
from supporters.categories import ActivityCategory
from supporters.validators import validate_corporate_number

from . import sections
from .models import ApplicantKind, Application

ORGANISATION_REQUIRED = [
    "representative_title", "representative_name", "representative_reading", "contact_name",
    "contact_reading",
]  # fmt: skip
BOOLEAN_FIELDS = ["publish_consent", "pledge_agreed", "privacy_consent"]
HONEYPOT = "fax_number"

# The input purposes of the personal fields (WCAG 1.3.5; HTML's autofill tokens), so browsers can
# fill them in and assistive technology can identify them. The contact person's fields form their
# own autofill section. Readings have no token (HTML knows no phonetic name field).
AUTOCOMPLETE = {
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


class WebsiteField(forms.URLField):
    default_validators = [URLValidator(schemes=["http", "https"])]

    def to_python(self, value):
        return super().to_python(normalise.nfkc(value or "").replace(" ", ""))


def _label(name):
    return Application._meta.get_field(name).verbose_name


def _text(name, max_length=None, *, help_text="", **kwargs):
    """A text field labelled, limited and required as the model field ``name`` is."""
    model_field = Application._meta.get_field(name)
    label = model_field.verbose_name
    textarea = isinstance(model_field, models.TextField)
    return NormalisedCharField(
        label=label,
        max_length=max_length or model_field.max_length,
        required=not model_field.blank,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 5}) if textarea else None,
        error_messages=field_messages(label),
        **kwargs,
    )


def _reading(name, help_text="ひらがな又はカタカナで入力してください。"):
    """A ふりがな field: hiragana or katakana, normalised as typed readings are."""
    return _text(name, normaliser=normalise.reading, help_text=help_text)


def _phone(name, help_text):
    return _text(name, normaliser=normalise.phone, help_text=help_text)


def _email(name, help_text, whose=""):
    """An e-mail field, required as the model field ``name`` is."""
    label = _label(name)
    return NormalisedEmailField(
        label=label,
        max_length=254,
        required=not Application._meta.get_field(name).blank,
        help_text=help_text,
        error_messages={
            **field_messages(label),
            "invalid": f"{whose}メールアドレスの形式が正しくありません（例: info@example.jp）。",
        },
    )


def _from_model(name):
    """The form field of an asked model field that the form does not declare."""
    model_field = Application._meta.get_field(name)
    if type(model_field) in (models.CharField, models.TextField) and not model_field.choices:
        return _text(name)
    return model_field.formfield()


def _consent(label, plain_label, message):
    field = forms.BooleanField(label=label, required=True, error_messages={"required": message})
    field.plain_label = plain_label
    return field


class ApplicationForm(ErrorSummaryMixin, forms.Form):
    """The asked fields of ``sections.SECTIONS``, in its order. Those declared here have their
    hints and messages; any other asked field gets the model's own form field."""

    kind = forms.ChoiceField(
        label=_label("kind"),
        choices=ApplicantKind.choices,
        widget=forms.RadioSelect,
        error_messages=field_messages(_label("kind"), choose=True),
    )
    name = _text(
        "name", help_text="法人・団体の場合は正式名称を、個人の場合は氏名を入力してください。"
    )
    reading = _reading("reading", "ひらがな又はカタカナで入力してください（例: とうほくたろう）。")
    representative_title = _text("representative_title", help_text="例: 代表取締役")
    representative_name = _text("representative_name")
    representative_reading = _reading("representative_reading")
    corporate_number = _text(
        "corporate_number", 20, normaliser=normalise.corporate_number,
        validators=[validate_corporate_number],
        help_text="13桁の数字（お持ちの場合）。国税庁法人番号公表サイトで確認できます。",
    )  # fmt: skip
    postal_code = _text(
        "postal_code", 10, normaliser=normalise.postal_code,
        help_text="7桁の数字で入力してください（例: 980-8403）。ハイフンは省略できます。",
    )  # fmt: skip
    prefecture = forms.ChoiceField(
        label=_label("prefecture"),
        choices=[("", "選択してください")] + PREFECTURES,
        error_messages=field_messages(_label("prefecture"), choose=True),
    )
    municipality = _text("municipality", help_text="例: 仙台市青葉区")
    address = _text("address", help_text="例: 本町三丁目3番1号 仙台合同庁舎B棟")
    phone = _phone("phone", "市外局番から入力してください（例: 022-221-4861）。")
    email = _email("email", "受付のお知らせをこのアドレスにお送りします（例: info@example.jp）。")
    website = WebsiteField(
        label=_label("website"),
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text="例: https://www.example.jp/",
        error_messages={
            **field_messages(_label("website")),
            "invalid": "ウェブサイトの URL の形式が正しくありません（例: https://www.example.jp/）。",
        },
    )
    contact_department = _text("contact_department")
    contact_name = _text("contact_name")
    contact_reading = _reading("contact_reading")
    contact_phone = _phone(
        "contact_phone", "申込者の電話番号と異なる場合に入力してください（例: 022-221-4861）。"
    )
    contact_email = _email(
        "contact_email", "申込者のメールアドレスと異なる場合に入力してください。", whose="担当者の"
    )
    activity_summary = _text(
        "activity_summary", normaliser=normalise.prose, help_text="2,000文字以内。"
    )
    categories = forms.MultipleChoiceField(
        label=_label("categories"),
        choices=ActivityCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="当てはまるものをすべて選んでください。",
        error_messages={
            "required": "取組分野を1つ以上選択してください。",
            "invalid_choice": "取組分野の選択肢から選んでください。",
        },
    )
    supporter_plan = _text(
        "supporter_plan", normaliser=normalise.prose, help_text="2,000文字以内。"
    )
    listing_name = _text(
        "listing_name",
        help_text="サポーターズ紹介ページに表示する名称です（例: 株式会社とうほく）。",
    )
    listing_reading = _reading(
        "listing_reading", "ひらがな又はカタカナで入力してください。五十音順の並べ替えに使います。"
    )
    listing_introduction = _text(
        "listing_introduction", normaliser=normalise.prose,
        help_text="紹介ページに掲載する文章です。1,000文字以内。",
    )  # fmt: skip
    logo = forms.FileField(
        label=_label("logo"),
        required=False,
        validators=[validate_logo],
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        help_text="PNG・JPEG・GIF・WebP 形式、5MB まで（SVG は使えません）。",
        error_messages={"invalid": "ロゴ画像のファイルを選択し直してください。"},
    )
    remove_logo = forms.BooleanField(label="選択済みのロゴ画像を削除する", required=False)
    publish_consent = _consent(
        "上記の掲載内容をサポーターズ紹介ページに掲載することに同意します",
        _label("publish_consent"),
        "掲載内容の公開への同意が必要です。同意する場合はチェックを入れてください。",
    )
    pledge_agreed = _consent(
        "上記の誓約事項について誓約します",
        sections.PLEDGE.label,
        "誓約事項への同意が必要です。誓約する場合はチェックを入れてください。",
    )
    pledge_signer = _text(
        "pledge_signer", help_text="法人・団体の場合は代表者の氏名を入力してください。"
    )
    privacy_consent = _consent(
        "上記の個人情報の取扱いに同意します",
        sections.PRIVACY.label,
        "個人情報の取扱いへの同意が必要です。同意する場合はチェックを入れてください。",
    )
    fax_number = forms.CharField(
        label="この欄には何も入力しないでください",
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, pledge=None, logo_name="", **kwargs):
        super().__init__(*args, **kwargs)
        self.pledge = pledge
        self.logo_name = logo_name
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout, names = self._layout()
        self.fields = {name: self.fields.get(name) or _from_model(name) for name in names}
        for name, field in self.fields.items():
            field.plain_label = getattr(field, "plain_label", field.label)
            if name in AUTOCOMPLETE:
                field.widget.attrs["autocomplete"] = AUTOCOMPLETE[name]
            if name in (HONEYPOT, "remove_logo"):
                continue
            field.label = self._badge_label(name, field)

    @staticmethod
    def _badge_label(name, field):
        badge = "企業・団体は必須" if name in ORGANISATION_REQUIRED else None
        return badge_label(field.label, field.required, badge)

    def mark_for_correction(self, names):
        """After 差戻し: mark the fields the reviewer named, next to their labels."""
        for name in names or []:
            field = self.fields.get(name)
            if field is not None:
                field.label = format_html(
                    '{} <span class="form-badge form-badge--correction">修正をお願いしている項目</span>',
                    field.label,
                )

    def _layout(self):
        """The crispy layout, one fieldset per section, and the names of its fields in order."""
        organisation = sections.organisation_fields()
        names = []
        fieldsets = []
        for section in sections.SECTIONS:
            if not section.asked and section.consent is None:
                continue
            parts = []
            if section.note:
                parts.append(
                    HTML(format_html('<p class="apply-section-note">{}</p>', section.note))
                )
            if section.include:
                parts.append(HTML(f'{{% include "{section.include}" %}}'))
            asked = [section.consent.name] if section.consent else []
            for field in section.asked:
                asked.append(field.name)
                if field.name == "logo" and self.logo_name:
                    asked.append("remove_logo")
            for name in asked:
                if name == "logo":
                    parts.append(HTML('{% include "applications/includes/logo_status.html" %}'))
                if name in organisation:
                    if not (parts and isinstance(parts[-1], Div)):
                        parts.append(Div(css_class="apply-organisation-fields"))
                    parts[-1].fields.append(name)
                else:
                    parts.append(name)
            names += asked
            fieldsets.append(Fieldset(section.title, *parts))
        names.append(HONEYPOT)
        return Layout(*fieldsets, Div(HONEYPOT, css_class="apply-honeypot")), names

    def add_oversized_logo_error(self):
        """The upload handler dropped a logo past the limit while reading the request."""
        self._oversized_logo = True

    def clean_logo(self):
        if getattr(self, "_oversized_logo", False):
            raise ValidationError("ロゴ画像の大きさは 5MB 以下にしてください。")
        upload = self.cleaned_data.get("logo")
        if upload and upload.size > MAX_IMAGE_BYTES:
            raise ValidationError("ロゴ画像の大きさは 5MB 以下にしてください。")
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT):
            raise ValidationError(
                "送信できませんでした。入力内容を確認してください。", code="honeypot"
            )
        if cleaned.get("kind") == ApplicantKind.INDIVIDUAL:
            for name in sections.organisation_fields():
                cleaned[name] = ""
        elif cleaned.get("kind"):
            for name in ORGANISATION_REQUIRED:
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, f"企業・団体の場合は{_label(name)}を入力してください。")
        return cleaned

    def draft_data(self):
        """The confirmed answers as JSON-friendly values (no file, no honeypot)."""
        skip = {"logo", "remove_logo", HONEYPOT}
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}

    def extra_messages(self, name):
        message = self.logo_not_kept() if name == "logo" else ""
        return [message] if message else []

    def logo_not_kept(self):
        """What to say about a valid logo posted with errors elsewhere: it was not stored (only a
        step that validates stores its logo), so it has to be chosen again; "" otherwise."""
        upload = self.files.get("logo") if self.is_bound else None
        if not upload or not self.errors or "logo" in self.errors:
            return ""
        name = os.path.basename(upload.name)
        return (
            f"選択したロゴ画像（{name}）は、ほかの項目に誤りがあったため保存していません。"
            "もう一度選択してください。"
        )
