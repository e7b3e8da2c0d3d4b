"""The registration form (入力): the fixed fields, the extra questions the event asks (所属, 役職,
知ったきっかけ, 配慮が必要な事項, each off / optional / required) and the staff-defined questions,
with 必須/任意 on every label, hints, autocomplete tokens, Japanese messages and the application's
normalisation (``core.normalise``, ``core.forms``)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError

from core import normalise
from core.forms import (
    ErrorSummaryMixin,
    NormalisedCharField,
    NormalisedEmailField,
    badge_label,
    field_messages,
)
from events.registration_settings import Ask

from .models import Referral, Registration

HONEYPOT = "fax_number"
QUESTION_PREFIX = "question_"

# Input purposes of the personal fields (WCAG 1.3.5).
AUTOCOMPLETE = {
    "name": "name",
    "email": "email",
    "email_confirmation": "email",
    "phone": "tel",
    "organisation": "organization",
    "job_title": "organization-title",
}

# The fixed extra questions: form field name → the event's setting.
ASKED_BY = {
    "organisation": "ask_organisation",
    "job_title": "ask_job_title",
    "referral": "ask_referral",
    "needs": "ask_needs",
}


def _label(name):
    return Registration._meta.get_field(name).verbose_name


def _text(name, *, help_text="", required=True, normaliser=normalise.text, textarea=False):
    label = _label(name)
    return NormalisedCharField(
        label=label,
        max_length=Registration._meta.get_field(name).max_length,
        required=required,
        help_text=help_text,
        normaliser=normaliser,
        widget=forms.Textarea(attrs={"rows": 4}) if textarea else None,
        error_messages=field_messages(label),
    )


def question_field(question):
    """The form field of a staff-defined question (events.EventQuestion, SurveyQuestion)."""
    messages = field_messages(question.label, choose=question.kind == question.Kind.CHOICE)
    if question.kind == question.Kind.CHOICE:
        field = forms.ChoiceField(
            label=question.label,
            choices=[(choice, choice) for choice in question.choice_list],
            widget=forms.RadioSelect,
            required=question.required,
            help_text=question.help_text,
            error_messages=messages,
        )
    else:
        field = NormalisedCharField(
            label=question.label,
            max_length=1000,
            required=question.required,
            help_text=question.help_text,
            normaliser=normalise.prose,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages=messages,
        )
    field.plain_label = question.label
    return field


class StaffQuestionsMixin:
    """For a form that asks ``self.questions`` (staff-defined) as ``question_<pk>`` fields."""

    def answers(self):
        """[{"question", "label", "answer"}, …] for the staff-defined questions (label kept)."""
        return [
            {
                "question": question.pk,
                "label": question.label,
                "answer": self.cleaned_data.get(f"{QUESTION_PREFIX}{question.pk}") or "",
            }
            for question in self.questions
        ]


class RegistrationForm(StaffQuestionsMixin, ErrorSummaryMixin, forms.Form):
    name = _text("name", help_text="例: 東北 太郎")
    reading = _text(
        "reading",
        normaliser=normalise.reading,
        help_text="ひらがな又はカタカナで入力してください（例: とうほく たろう）。",
    )
    email = NormalisedEmailField(
        label=_label("email"),
        max_length=254,
        help_text="申込みの受付と参加のご案内をこのアドレスにお送りします（例: taro@example.jp）。",
        error_messages={
            **field_messages(_label("email")),
            "invalid": "メールアドレスの形式が正しくありません（例: taro@example.jp）。",
        },
    )
    email_confirmation = NormalisedEmailField(
        label="メールアドレス（確認用）",
        max_length=254,
        help_text="確認のため、もう一度入力してください。",
        error_messages={
            **field_messages("メールアドレス（確認用）"),
            "invalid": "メールアドレス（確認用）の形式が正しくありません。",
        },
    )
    phone = _text(
        "phone",
        required=False,
        normaliser=normalise.phone,
        help_text="当日の連絡用。市外局番から入力してください（例: 022-221-4861）。",
    )
    organisation = _text(
        "organisation", help_text="会社名・団体名・学校名など（例: 株式会社とうほく）。"
    )
    job_title = _text("job_title", help_text="例: 営業部長")
    referral = forms.ChoiceField(
        label=_label("referral"),
        choices=Referral.choices,
        widget=forms.RadioSelect,
        error_messages=field_messages(_label("referral"), choose=True),
    )
    needs = _text(
        "needs",
        normaliser=normalise.prose,
        textarea=True,
        help_text="車いすでの来場、手話通訳・要約筆記、資料の拡大など、参加に当たって必要な配慮があればお書きください。1,000文字以内。",
    )
    privacy_consent = forms.BooleanField(
        label="上記の個人情報の取扱いに同意します",
        error_messages={
            "required": "個人情報の取扱いへの同意が必要です。同意する場合はチェックを入れてください。"
        },
    )
    fax_number = forms.CharField(
        label="この欄には何も入力しないでください",
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, target, questions=(), sessions=None, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target
        self.questions = list(questions)
        self.staff = staff
        self.sessions = list(sessions or [])
        if getattr(target, "sessions_selectable", False):
            self.fields = {"sessions": self._sessions_field(), **self.fields}
        for name, setting in ASKED_BY.items():
            ask = getattr(target, setting)
            if ask == Ask.NO:
                del self.fields[name]
            else:
                self.fields[name].required = ask == Ask.REQUIRED
        for question in self.questions:
            self.fields[f"{QUESTION_PREFIX}{question.pk}"] = question_field(question)
        if staff:
            # A phone registration: staff explain the handling of personal data and ask.
            del self.fields[HONEYPOT]
            del self.fields["email_confirmation"]
            self.fields["email"].required = False
            self.fields[
                "email"
            ].help_text = "分かる場合に入力します。入力すると申込みの受付メールを送ります。"
            self.fields[
                "privacy_consent"
            ].label = "個人情報の取扱い（利用目的）を説明し、同意を得ました"
        self._move_to_end("privacy_consent", HONEYPOT)
        for name, field in self.fields.items():
            field.plain_label = getattr(field, "plain_label", field.label)
            if name in AUTOCOMPLETE:
                field.widget.attrs["autocomplete"] = AUTOCOMPLETE[name]
            if name not in (HONEYPOT, "privacy_consent"):
                field.label = badge_label(field.label, field.required)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = self._layout()

    def _layout(self):
        personal = [n for n in self.fields if not n.startswith(QUESTION_PREFIX)]
        about = ["name", "reading", "email", "email_confirmation", "phone", "organisation",
                 "job_title"]  # fmt: skip
        parts = [Fieldset("参加する回", "sessions")] if "sessions" in self.fields else []
        parts.append(Fieldset("申込者", *[n for n in about if n in self.fields]))
        extra = [n for n in ("referral", "needs") if n in self.fields]
        extra += [n for n in self.fields if n.startswith(QUESTION_PREFIX)]
        if extra:
            parts.append(Fieldset("アンケート・ご要望", *extra))
        consent = [HTML('{% include "registrations/includes/purpose_of_use.html" %}')]
        parts.append(Fieldset("個人情報の取扱い", *consent, "privacy_consent"))
        if HONEYPOT in personal:
            parts.append(Div(HONEYPOT, css_class="apply-honeypot"))
        return Layout(*parts)

    def _move_to_end(self, *names):
        for name in names:
            if name in self.fields:
                self.fields[name] = self.fields.pop(name)

    def _sessions_field(self):
        from events.formatting import when_text

        field = forms.MultipleChoiceField(
            label="参加する回",
            choices=[
                (str(event.pk), f"{event.series_label} {event.title}（{when_text(event)}）")
                for event in self.sessions
            ],
            widget=forms.CheckboxSelectMultiple,
            help_text="参加する回をすべて選んでください。",
            error_messages={
                "required": "参加する回を1つ以上選択してください。",
                "invalid_choice": "参加する回は選択肢から選んでください。",
            },
        )
        return field

    def chosen_sessions(self):
        """The sessions chosen (a programme whose sessions can be chosen), else None."""
        if "sessions" not in self.fields:
            return None
        chosen = set(self.cleaned_data.get("sessions") or ())
        return [event for event in self.sessions if str(event.pk) in chosen]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT):
            raise ValidationError(
                "送信できませんでした。入力内容を確認してください。", code="honeypot"
            )
        email, confirmation = cleaned.get("email"), cleaned.get("email_confirmation")
        if (
            not self.staff
            and email
            and confirmation
            and email != confirmation
            and "email_confirmation" not in self.errors
        ):
            self.add_error(
                "email_confirmation",
                "メールアドレスと確認用のメールアドレスが一致しません。もう一度確認してください。",
            )
        if self.staff and not email and not cleaned.get("phone"):
            self.add_error("phone", "メールアドレスか電話番号のどちらかを入力してください。")
        return cleaned

    # --- what the steps carry and store ---

    def draft_data(self):
        """The answers as JSON-friendly values, for the session and the signed 確認 payload."""
        skip = {HONEYPOT, "privacy_consent"}
        data = {name: value for name, value in self.cleaned_data.items() if name not in skip}
        data["privacy_consent"] = bool(self.cleaned_data.get("privacy_consent"))
        return data

    def personal_data(self):
        return {
            name: self.cleaned_data.get(name) or ""
            for name in ("name", "reading", "email", "phone", "organisation", "job_title",
                         "referral", "needs")
        }  # fmt: skip

    def rows(self):
        """[(label, value), …] in the form's order, for the 確認 page."""
        rows = []
        for name, field in self.fields.items():
            if name in (HONEYPOT, "privacy_consent", "email_confirmation"):
                continue
            value = self.cleaned_data.get(name) or ""
            if name == "referral" and value:
                value = Referral(value).label
            if name == "sessions":
                labels = dict(field.choices)
                value = "\n".join(labels[pk] for pk in value if pk in labels)
            rows.append((field.plain_label, value))
        return rows


def initial_from(registration):
    """The form's initial values from a stored registration (to change the answers)."""
    initial = {
        name: getattr(registration, name)
        for name in ("name", "reading", "email", "phone", "organisation", "job_title",
                     "referral", "needs")
    }  # fmt: skip
    initial["email_confirmation"] = registration.email
    initial["sessions"] = [str(pk) for pk in registration.sessions.values_list("event", flat=True)]
    for answer in registration.answers:
        initial[f"{QUESTION_PREFIX}{answer['question']}"] = answer["answer"]
    return initial


class CancelForm(forms.Form):
    confirm = forms.BooleanField(
        label="この申込みをキャンセルします",
        error_messages={"required": "キャンセルする場合は、確認のチェックを入れてください。"},
    )
