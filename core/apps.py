from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What no domain owns; every app may import it, it imports none of them."""

    name = "core"
    verbose_name = "共通"
