from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "スタッフアカウントと個人情報の保護"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
