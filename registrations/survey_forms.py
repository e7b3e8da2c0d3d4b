"""The survey form: 満足度 (1–5, required), the questions staff added, ご意見・ご感想 (optional),
with 必須/任意 on every label, errors next to the fields and in a summary (core.forms)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError

from core import normalise
from core.forms import ErrorSummaryMixin, NormalisedCharField, badge_label, field_messages

from .forms import HONEYPOT, QUESTION_PREFIX, StaffQuestionsMixin, question_field
from .models import Satisfaction, SurveyResponse


class SurveyForm(StaffQuestionsMixin, ErrorSummaryMixin, forms.Form):
    satisfaction = forms.TypedChoiceField(
        label="このイベントの満足度",
        choices=Satisfaction.choices,
        coerce=int,
        widget=forms.RadioSelect,
        help_text="5（とても満足）から1（とても不満）までの5段階で、1つ選んでください。",
        error_messages=field_messages("満足度", choose=True),
    )
    comment = NormalisedCharField(
        label="ご意見・ご感想",
        max_length=SurveyResponse._meta.get_field("comment").max_length,
        required=False,
        normaliser=normalise.prose,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="よかった点、改善してほしい点、今後取り上げてほしいテーマなど。2,000文字以内。",
        error_messages=field_messages("ご意見・ご感想"),
    )
    fax_number = forms.CharField(
        label="この欄には何も入力しないでください",
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"{QUESTION_PREFIX}{question.pk}"] = question_field(question)
        for name in ("comment", HONEYPOT):
            self.fields[name] = self.fields.pop(name)
        for name, field in self.fields.items():
            field.plain_label = getattr(field, "plain_label", field.label)
            if name != HONEYPOT:
                field.label = badge_label(field.label, field.required)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        asked = [name for name in self.fields if name != HONEYPOT]
        self.helper.layout = Layout(
            Fieldset("アンケート", *asked), Div(HONEYPOT, css_class="apply-honeypot")
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT):
            raise ValidationError(
                "送信できませんでした。入力内容を確認してください。", code="honeypot"
            )
        return cleaned
