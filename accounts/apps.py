from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "スタッフアカウントと個人情報の保護"

    def ready(self):
        from django.apps import apps

        from . import signals  # noqa: F401  (connects the receivers)

        # django-axes names its section "Axes"; its models' names come from locale/ja.
        if apps.is_installed("axes"):
            apps.get_app_config("axes").verbose_name = "ログイン制限"
