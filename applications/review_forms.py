"""The reviewer's forms for 承認, 差戻し and 却下: what the confirmation step asks and checks
before review.py changes anything."""

from django import forms
from django.utils import timezone

from . import review, sections

COMMENT_MAX = 2000


def _comment(required, label, help_text):
    return forms.CharField(
        label=label,
        required=required,
        max_length=COMMENT_MAX,
        strip=True,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        error_messages={
            "required": f"{label}を入力してください。",
            "max_length": f"{label}は%(limit_value)d文字以内で入力してください。",
        },
    )


class ApproveForm(forms.Form):
    comment = _comment(False, "申込者への連絡事項", "任意。承認のメールに記載されます。")
    keep_draft = forms.BooleanField(
        label="掲載は公開せず、下書きとして作成する",
        required=False,
        help_text="チェックしない場合、承認と同時にサポーターズ紹介ページに公開します。",
    )

    def details(self):
        return {
            "comment": self.cleaned_data["comment"],
            "published": not self.cleaned_data["keep_draft"],
        }

    def step_kwargs(self):
        return {
            "comment": self.cleaned_data["comment"],
            "publish": not self.cleaned_data["keep_draft"],
        }


class ReturnForm(forms.Form):
    comment = _comment(
        True,
        "差戻しの理由",
        "必須。修正をお願いする内容を具体的に書いてください。メールに記載されます。",
    )
    fields = forms.MultipleChoiceField(
        label="修正を求める項目",
        required=False,
        choices=sections.correctable_fields,
        widget=forms.CheckboxSelectMultiple,
        help_text="選んだ項目は、メール・申込み状況のページ・修正用のフォームに表示されます。",
        error_messages={"invalid_choice": "修正を求める項目は一覧から選んでください。"},
    )
    due = forms.DateField(
        label="補正期限",
        help_text=f"初期値は{review.CORRECTION_DAYS}日後です。例: 2026-12-16",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "補正期限を入力してください。",
            "invalid": "補正期限は 2026-12-16 の形式で入力してください。",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due"].initial = review.default_correction_due()

    def clean_due(self):
        due = self.cleaned_data["due"]
        if due < timezone.localdate():
            raise forms.ValidationError("補正期限には今日以降の日付を入力してください。")
        return due

    def details(self):
        return {
            "comment": self.cleaned_data["comment"],
            "fields": self.cleaned_data["fields"],
            "due": self.cleaned_data["due"],
        }

    step_kwargs = details


class RejectForm(forms.Form):
    comment = _comment(True, "却下の理由", "必須。申込者へのメールに理由として記載されます。")

    def details(self):
        return {"comment": self.cleaned_data["comment"]}

    step_kwargs = details
