from django.apps import AppConfig
from django.db.models.signals import post_migrate

from core.page_cache import connect_page_cache
from core.roles import CONTENT_EDITORS, ensure_role_permissions, model_permissions


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = "イベント"
    role_permissions = {
        CONTENT_EDITORS: model_permissions("event", "eventattachment", "eventseries")
        + model_permissions(
            "historicalevent",
            "historicaleventattachment",
            "historicaleventseries",
            actions=("view",),
        ),
    }

    def ready(self):
        post_migrate.connect(ensure_role_permissions, sender=self)
        connect_page_cache(self.get_models())

        from core import panels

        from .panels import supporter_events

        panels.register("supporter_detail", supporter_events)
