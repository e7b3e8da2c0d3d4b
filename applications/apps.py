from django.apps import AppConfig
from django.db.models.signals import post_migrate

from core.page_cache import connect_page_cache
from core.roles import APPLICATION_REVIEWERS, ensure_role_permissions, model_permissions


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "サポーターズ申込み"
    role_permissions = {
        APPLICATION_REVIEWERS: [
            "view_application",
            "review_application",
            "view_outboxmessage",
            *model_permissions("pledgeversion"),
        ],
    }

    def ready(self):
        post_migrate.connect(ensure_role_permissions, sender=self)
        # The blank application form is cached whole (applications.views); a new wording of the
        # pledge retires it. (A version taking effect does so at midnight, when every page does.)
        connect_page_cache([self.get_model("PledgeVersion")])

        from core import outbox

        from .links import status_url
        from .models import MailKind

        outbox.register_kinds(MailKind)
        outbox.register_link(self.get_model("Application"), status_url)
