import unicodedata

from django import forms
from django.contrib.auth.forms import AuthenticationForm

# One message for a wrong password, an unknown account, a locked account and an account that may
# not use the admin: the page must not tell which.
LOGIN_REFUSED = (
    "ユーザー名またはパスワードが正しくないか、ログインが一時的に制限されています。"
    "しばらく待ってから、もう一度お試しください。"
)
CODE_REFUSED = (
    "確認コードが正しくないか、有効期限が切れています。"
    "続けて間違えた場合は、少し待ってからお試しください。"
)
RECOVERY_CODE_REFUSED = (
    "リカバリーコードが正しくないか、すでに使用されています。"
    "続けて間違えた場合は、少し待ってからお試しください。"
)


class StaffAuthenticationForm(AuthenticationForm):
    error_messages = {"invalid_login": LOGIN_REFUSED, "inactive": LOGIN_REFUSED}

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "ユーザー名"
        self.fields["password"].label = "パスワード"

    def confirm_login_allowed(self, user):
        if not (user.is_active and user.is_staff):
            raise self.get_invalid_login_error()


class CodeForm(forms.Form):
    code = forms.CharField(
        label="確認コード",
        help_text="認証アプリに表示されている6桁の数字を入力してください。",
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "size": 8,
            }
        ),
    )

    def clean_code(self):
        # Full-width digits (NFKC) and spaces are accepted, as Japanese input methods give them.
        code = "".join(unicodedata.normalize("NFKC", self.cleaned_data["code"]).split())
        if not (code.isascii() and code.isdigit() and len(code) == 6):
            raise forms.ValidationError("6桁の数字で入力してください。")
        return code


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label="リカバリーコード",
        help_text="二段階認証の設定時に保管したリカバリーコード（英数字8文字）を1つ入力してください。"
        "使ったコードは二度と使えません。",
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )
