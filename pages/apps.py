from django.apps import AppConfig
from django.db.models.signals import post_migrate

from core.page_cache import connect_page_cache
from core.roles import CONTENT_EDITORS, ensure_role_permissions, model_permissions


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "ページ・トピックス"

    role_permissions = {
        CONTENT_EDITORS: model_permissions("page", "topic", "pageattachment", "topicattachment")
        + model_permissions("historicalpage", "historicaltopic", actions=("view",))
        + ["change_sitesettings", "view_sitesettings"],
    }

    def ready(self):
        post_migrate.connect(ensure_role_permissions, sender=self)
        connect_page_cache(self.get_models())
