from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.admin import ReadOnlyAdminMixin

from .models import AccessLogEntry

# Second-factor devices are reset only with ``manage.py reset_staff_devices``, which is logged;
# the plugins' own admins would also show the secret keys.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Superusers read and filter the log; nobody adds, changes or deletes a row."""

    list_display = [
        "created_at",
        "username",
        "action",
        "target_label",
        "target_id",
        "client_address",
    ]
    list_filter = ["action", "created_at"]
    search_fields = ["username", "target_label", "target_id", "client_address"]
    date_hierarchy = "created_at"
    list_per_page = 100
    show_full_result_count = False
    fields = list_display
    readonly_fields = list_display

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


class SuperuserOnlyAdminMixin:
    """Shown to and usable by superusers only."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


# django-axes's login-throttling records (names in Japanese through locale/ja): superusers only,
# since they hold user names and client addresses of failed sign-ins.
for model in (AccessAttempt, AccessFailureLog, AccessLog):
    if admin.site.is_registered(model):
        axes_admin = type(admin.site.get_model_admin(model))
        admin.site.unregister(model)
        admin.site.register(
            model, type(axes_admin.__name__, (SuperuserOnlyAdminMixin, axes_admin), {})
        )
