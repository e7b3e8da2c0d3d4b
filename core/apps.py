from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_cache_table(using="default", **kwargs):
    """``migrate`` also creates the database cache table (the default cache without Redis, the
    rate-limit counters always), so a fresh setup needs no extra step."""
    from django.conf import settings
    from django.core.management import call_command

    if any(cache["BACKEND"].endswith("DatabaseCache") for cache in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    """What no domain owns; every app may import it, it imports none of them."""

    name = "core"
    verbose_name = "共通"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment checks)

        post_migrate.connect(create_cache_table, sender=self)
