"""The application form (入力): Japanese labels with 必須/任意 badges, hints under fields with a
format, Japanese error messages, and normalisation in each field's ``to_python`` so that
validation and length limits apply to the normalised value."""

import os

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.html import format_html

from core.images import ACCEPT_ATTRIBUTE, MAX_IMAGE_BYTES, validate_logo
from core.prefectures import PREFECTURES
from supporters.categories import ActivityCategory
from supporters.validators import validate_corporate_number

from . import normalise
from .content import LABELS, ORGANISATION_FIELDS
from .models import ApplicantKind

ORGANISATION_REQUIRED = [
    "representative_title", "representative_name", "representative_reading", "contact_name",
    "contact_reading",
]  # fmt: skip
BOOLEAN_FIELDS = ["publish_consent", "pledge_agreed", "privacy_consent"]
HONEYPOT = "fax_number"


def _messages(label, *, choose=False):
    return {
        "required": f"{label}を{'選択' if choose else '入力'}してください。",
        "max_length": f"{label}は%(limit_value)d文字以内で入力してください（現在%(show_value)d文字）。",
        "invalid": f"{label}の形式が正しくありません。",
        "invalid_choice": f"{label}の選択肢から選んでください。",
    }


class NormalisedCharField(forms.CharField):
    """A CharField whose value is normalised (NFKC by default) before it is validated."""

    def __init__(self, *, normaliser=normalise.nfkc, **kwargs):
        self.normaliser = normaliser
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return self.normaliser(value) if value else value


class NormalisedEmailField(forms.EmailField):
    def to_python(self, value):
        return normalise.email(super().to_python(value))


class WebsiteField(forms.URLField):
    default_validators = [URLValidator(schemes=["http", "https"])]

    def to_python(self, value):
        return super().to_python(normalise.nfkc(value or "").replace(" ", ""))


def _text(name, max_length, *, required=True, help_text="", textarea=False, **kwargs):
    label = LABELS[name]
    widget = forms.Textarea(attrs={"rows": 5}) if textarea else None
    return NormalisedCharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=widget,
        error_messages=_messages(label),
        **kwargs,
    )


def _consent(name, label, message):
    field = forms.BooleanField(label=label, required=True, error_messages={"required": message})
    field.plain_label = LABELS[name]
    return field


class ApplicationForm(forms.Form):
    kind = forms.ChoiceField(
        label=LABELS["kind"],
        choices=ApplicantKind.choices,
        widget=forms.RadioSelect,
        error_messages=_messages(LABELS["kind"], choose=True),
    )
    name = _text(
        "name", 100, help_text="法人・団体の場合は正式名称を、個人の場合は氏名を入力してください。"
    )
    reading = _text(
        "reading", 150, normaliser=normalise.reading,
        help_text="ひらがな又はカタカナで入力してください（例: とうほくたろう）。",
    )  # fmt: skip
    representative_title = _text(
        "representative_title", 50, required=False, help_text="例: 代表取締役"
    )
    representative_name = _text("representative_name", 50, required=False)
    representative_reading = _text(
        "representative_reading", 100, required=False, normaliser=normalise.reading,
        help_text="ひらがな又はカタカナで入力してください。",
    )  # fmt: skip
    corporate_number = _text(
        "corporate_number", 20, required=False, normaliser=normalise.corporate_number,
        validators=[validate_corporate_number],
        help_text="13桁の数字（お持ちの場合）。国税庁法人番号公表サイトで確認できます。",
    )  # fmt: skip
    postal_code = _text(
        "postal_code", 10, normaliser=normalise.postal_code,
        help_text="7桁の数字で入力してください（例: 980-8403）。ハイフンは省略できます。",
    )  # fmt: skip
    prefecture = forms.ChoiceField(
        label=LABELS["prefecture"],
        choices=[("", "選択してください")] + PREFECTURES,
        error_messages=_messages(LABELS["prefecture"], choose=True),
    )
    municipality = _text("municipality", 50, help_text="例: 仙台市青葉区")
    address = _text("address", 150, help_text="例: 本町三丁目3番1号 仙台合同庁舎B棟")
    phone = _text(
        "phone", 20, normaliser=normalise.phone,
        help_text="市外局番から入力してください（例: 022-221-4861）。",
    )  # fmt: skip
    email = NormalisedEmailField(
        label=LABELS["email"],
        max_length=254,
        help_text="受付のお知らせをこのアドレスにお送りします（例: info@example.jp）。",
        error_messages={
            **_messages(LABELS["email"]),
            "invalid": "メールアドレスの形式が正しくありません（例: info@example.jp）。",
        },
    )
    website = WebsiteField(
        label=LABELS["website"],
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text="例: https://www.example.jp/",
        error_messages={
            **_messages(LABELS["website"]),
            "invalid": "ウェブサイトの URL の形式が正しくありません（例: https://www.example.jp/）。",
        },
    )
    contact_department = _text("contact_department", 100, required=False)
    contact_name = _text("contact_name", 50, required=False)
    contact_reading = _text(
        "contact_reading", 100, required=False, normaliser=normalise.reading,
        help_text="ひらがな又はカタカナで入力してください。",
    )  # fmt: skip
    contact_phone = _text(
        "contact_phone", 20, required=False, normaliser=normalise.phone,
        help_text="申込者の電話番号と異なる場合に入力してください（例: 022-221-4861）。",
    )  # fmt: skip
    contact_email = NormalisedEmailField(
        label=LABELS["contact_email"],
        max_length=254,
        required=False,
        help_text="申込者のメールアドレスと異なる場合に入力してください。",
        error_messages={
            **_messages(LABELS["contact_email"]),
            "invalid": "担当者のメールアドレスの形式が正しくありません（例: info@example.jp）。",
        },
    )
    activity_summary = _text(
        "activity_summary", 2000, normaliser=normalise.prose, textarea=True,
        help_text="2,000文字以内。",
    )  # fmt: skip
    categories = forms.MultipleChoiceField(
        label=LABELS["categories"],
        choices=ActivityCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="当てはまるものをすべて選んでください。",
        error_messages={
            "required": "取組分野を1つ以上選択してください。",
            "invalid_choice": "取組分野の選択肢から選んでください。",
        },
    )
    supporter_plan = _text(
        "supporter_plan", 2000, normaliser=normalise.prose, textarea=True,
        help_text="2,000文字以内。",
    )  # fmt: skip
    listing_name = _text(
        "listing_name", 100,
        help_text="サポーターズ紹介ページに表示する名称です（例: 株式会社とうほく）。",
    )  # fmt: skip
    listing_reading = _text(
        "listing_reading", 150, normaliser=normalise.reading,
        help_text="ひらがな又はカタカナで入力してください。五十音順の並べ替えに使います。",
    )  # fmt: skip
    listing_introduction = _text(
        "listing_introduction", 1000, normaliser=normalise.prose, textarea=True,
        help_text="紹介ページに掲載する文章です。1,000文字以内。",
    )  # fmt: skip
    logo = forms.FileField(
        label=LABELS["logo"],
        required=False,
        validators=[validate_logo],
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        help_text="PNG・JPEG・GIF・WebP 形式、5MB まで（SVG は使えません）。",
        error_messages={"invalid": "ロゴ画像のファイルを選択し直してください。"},
    )
    remove_logo = forms.BooleanField(label="選択済みのロゴ画像を削除する", required=False)
    publish_consent = _consent(
        "publish_consent",
        "上記の掲載内容をサポーターズ紹介ページに掲載することに同意します",
        "掲載内容の公開への同意が必要です。同意する場合はチェックを入れてください。",
    )
    pledge_agreed = _consent(
        "pledge_agreed",
        "上記の誓約事項について誓約します",
        "誓約事項への同意が必要です。誓約する場合はチェックを入れてください。",
    )
    pledge_signer = _text(
        "pledge_signer", 100,
        help_text="法人・団体の場合は代表者の氏名を入力してください。",
    )  # fmt: skip
    privacy_consent = _consent(
        "privacy_consent",
        "上記の個人情報の取扱いに同意します",
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
        if not logo_name:
            del self.fields["remove_logo"]
        for name, field in self.fields.items():
            field.plain_label = getattr(field, "plain_label", field.label)
            if name in (HONEYPOT, "remove_logo"):
                continue
            field.label = self._badge_label(name, field)
        self.helper = self._helper()

    @staticmethod
    def _badge_label(name, field):
        if field.required:
            badge, css = "必須", "form-badge form-badge--required"
        elif name in ORGANISATION_REQUIRED:
            badge, css = "企業・団体は必須", "form-badge form-badge--required"
        else:
            badge, css = "任意", "form-badge form-badge--optional"
        return format_html('{} <span class="{}">{}</span>', field.label, css, badge)

    def _helper(self):
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        logo = ["logo"] + (["remove_logo"] if self.logo_name else [])
        helper.layout = Layout(
            Fieldset("申込者", "kind", "name", "reading",
                     Div("representative_title", "representative_name", "representative_reading",
                         "corporate_number", css_class="apply-organisation-fields")),
            Fieldset("所在地・連絡先", "postal_code", "prefecture", "municipality", "address", "phone",
                     "email", "website"),
            Fieldset("担当者", HTML('<p class="apply-section-note">企業・団体の場合は、申込みの窓口となる方を'
                                 "入力してください。個人の場合は省略できます。</p>"),
                     "contact_department", "contact_name", "contact_reading", "contact_phone",
                     "contact_email"),
            Fieldset("活動", "activity_summary", "categories", "supporter_plan"),
            Fieldset("サポーターズ紹介ページへの掲載", "listing_name", "listing_reading",
                     "listing_introduction", HTML('{% include "applications/includes/logo_status.html" %}'),
                     *logo, "publish_consent"),
            Fieldset("暴力団排除に関する誓約", HTML('{% include "applications/includes/pledge_text.html" %}'),
                     "pledge_agreed", "pledge_signer"),
            Fieldset("個人情報の取扱い", HTML('{% include "applications/includes/purpose_of_use.html" %}'),
                     "privacy_consent"),
            Div(HONEYPOT, css_class="apply-honeypot"),
        )  # fmt: skip
        return helper

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
            for name in ORGANISATION_FIELDS:
                cleaned[name] = ""
        elif cleaned.get("kind"):
            for name in ORGANISATION_REQUIRED:
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, f"企業・団体の場合は{LABELS[name]}を入力してください。")
        return cleaned

    def draft_data(self):
        """The confirmed answers as JSON-friendly values (no file, no honeypot)."""
        skip = {"logo", "remove_logo", HONEYPOT}
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}

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

    def error_summary(self):
        """[(label, message, anchor id), …] in the order of the form, for the summary at the top."""
        items = [("", str(message), "") for message in self.non_field_errors()]
        for name, field in self.fields.items():
            messages = list(self.errors.get(name, []))
            if name == "logo" and self.logo_not_kept():
                messages.append(self.logo_not_kept())
            if not messages:
                continue
            bound = self[name]
            anchor = bound.id_for_label or bound.auto_id
            if isinstance(field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                anchor = f"{bound.auto_id}_0"
            for message in messages:
                items.append((field.plain_label, str(message), anchor))
        return items

    def describe_errors(self):
        """Point each invalid input at its message (crispy renders it as ``<id>_error``)."""
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            bound = self[name]
            ids = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                ids.insert(0, f"{bound.auto_id}_helptext")
            widget.attrs["aria-describedby"] = " ".join(ids)
