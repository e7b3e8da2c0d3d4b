from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What no domain owns; every app may import it, it imports none of them."""

    name = "core"
    verbose_name = "共通"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)
