from django.apps import AppConfig
from django.db.models.signals import post_migrate

from core.roles import EVENT_RECEPTION, ensure_role_permissions, model_permissions


class RegistrationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "registrations"
    verbose_name = "イベント参加申込み"
    role_permissions = {
        EVENT_RECEPTION: [
            "manage_registrations",
            *model_permissions("registration", actions=("add", "change", "view")),
            *model_permissions("registrationsession", actions=("change", "view")),
            "view_registrationlog",
            "view_registrationmail",
            *model_permissions("survey", actions=("add", "change", "view")),
            *model_permissions("surveyquestion"),
            "view_surveyresponse",
        ],
    }  # the same as migrations 0002_reception_role and 0004_surveys

    def ready(self):
        post_migrate.connect(ensure_role_permissions, sender=self)

        from core import panels, retention

        from . import signals
        from .panels import registration_panel

        panels.register("event_registration", registration_panel)
        panels.register("series_registration", registration_panel)
        signals.connect()

        from .retention import run as purge_due

        retention.register("registrations", purge_due)

        from core import outbox

        from . import notices
        from .links import page_url
        from .mail import attachments
        from .models import MailKind
        from .surveys import survey_url

        registration = self.get_model("Registration")
        outbox.register_kinds(MailKind)
        outbox.register_link(registration, page_url)
        outbox.register_attachments(registration, attachments)
        outbox.register_link(self.get_model("RegistrationSession"), survey_url)
        notices.connect()
