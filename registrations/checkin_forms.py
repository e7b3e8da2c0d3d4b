"""The two check-in forms: the desk's field (a scanner or a phone's keyboard types into it) and
the 出席コード a registrant enters on their own page."""

from django import forms


class DeskForm(forms.Form):
    code = forms.CharField(
        label="申込番号またはQRコード",
        max_length=200,
        help_text="QRコードを読み取るか、申込番号（例: EVT-2026-00001）を入力して「受付する」を押します。",
    )  # rendered by reception/desk.html (autofocus, no autocomplete: a scanner types here)


class AttendanceCodeForm(forms.Form):
    code = forms.CharField(
        label="出席コード（必須）",
        max_length=20,
        help_text="開催中に案内される6桁の数字です（例: 123456）。",
        error_messages={"required": "出席コードを入力してください。"},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )
