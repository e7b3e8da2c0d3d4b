"""参加申込み in the admin, for イベント受付担当 and superusers only."""

from django.contrib import admin

from accounts.access_log import record
from core.admin import OutboxAdminBase, ReadOnlyAdminMixin

from .models import Registration, RegistrationLog, RegistrationMail, RegistrationSession

MANAGE_PERMISSION = "registrations.manage_registrations"


class ReceptionOnlyMixin:
    """Visible to users with the registration permission (イベント受付担当, superusers) only."""

    def has_module_permission(self, request):
        return request.user.has_perm(MANAGE_PERMISSION)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(MANAGE_PERMISSION) and super().has_view_permission(
            request, obj
        )


@admin.register(Registration)
class RegistrationAdmin(ReceptionOnlyMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["number", "name", "event", "status", "registered_at"]
    list_filter = ["status"]


@admin.register(RegistrationLog)
class RegistrationLogAdmin(ReceptionOnlyMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["registration", "action", "created_at"]

    def has_module_permission(self, request):
        return False


@admin.register(RegistrationMail)
class RegistrationMailAdmin(ReceptionOnlyMixin, OutboxAdminBase):
    """The registrations' mails, for イベント受付担当 and superusers."""

    owner_model = (Registration, RegistrationSession)  # the survey mail is about a session
    search_fields = ["subject", "registration__number"]

    def log_access(self, request, action, label, pk=None):
        record(request, action, label, pk)


# アンケート (after the event) has its own module; registered with the admin from here.
from . import survey_admin  # noqa: E402, F401
