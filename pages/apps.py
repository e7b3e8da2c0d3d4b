from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save

from .roles import CONTENT_EDITORS, ensure_role_permissions, model_permissions


def create_cache_table(using="default", **kwargs):
    """``migrate`` also creates the database cache table, so a fresh setup needs no extra step."""
    from django.conf import settings
    from django.core.management import call_command

    if settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
        call_command("createcachetable", database=using, verbosity=0)


def connect_page_cache(models):
    """Any save or delete of these models retires the cached public pages."""
    from .page_cache import content_changed

    for model in models:
        post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-save-{model}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"page-cache-del-{model}")


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "ページ・トピックス"

    role_permissions = {
        CONTENT_EDITORS: model_permissions("page", "topic", "pageattachment", "topicattachment")
        + model_permissions("historicalpage", "historicaltopic", actions=("view",))
        + ["change_sitesettings", "view_sitesettings"],
    }

    def ready(self):
        post_migrate.connect(create_cache_table, sender=self)
        post_migrate.connect(ensure_role_permissions, sender=self)
        connect_page_cache(self.get_models())
