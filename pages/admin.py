from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from core.admin import AttachmentInline, ContentHistoryAdmin, PublishableAdminMixin

from .models import Page, PageAttachment, SiteSettings, Topic, TopicAttachment


class PageAttachmentInline(AttachmentInline):
    model = PageAttachment


class TopicAttachmentInline(AttachmentInline):
    model = TopicAttachment


@admin.register(Page)
class PageAdmin(PublishableAdminMixin, ContentHistoryAdmin):
    # The columns staff sort and scan by first, so that they stay in view at 1280 px.
    list_display = [
        "title",
        "status",
        "updated_at",
        "url_path",
        "publish_from",
        "publish_until",
        "menu_order",
    ]
    list_filter = ["status", "parent"]
    search_fields = ["title", "slug", "summary", "body"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    inlines = [PageAttachmentInline]
    readonly_fields = ["public_link"]
    fieldsets = [
        (None, {"fields": ["title", "parent", "slug", "summary", "body"]}),
        (
            "公開設定",
            {"fields": ["status", "publish_from", "publish_until", "menu_order", "public_link"]},
        ),
    ]
    history_list_display = ["status"]

    @admin.display(description="URL", ordering="path")
    def url_path(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url())


@admin.register(Topic)
class TopicAdmin(PublishableAdminMixin, ContentHistoryAdmin):
    list_display = ["title", "published_on", "category", "status", "publish_from", "publish_until"]
    list_filter = ["status", "category"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "published_on"
    inlines = [TopicAttachmentInline]
    readonly_fields = ["public_link"]
    fieldsets = [
        (None, {"fields": ["title", "published_on", "category", "summary", "body"]}),
        ("公開設定", {"fields": ["status", "publish_from", "publish_until", "public_link"]}),
    ]
    history_list_display = ["status"]


@admin.register(SiteSettings)
class SiteSettingsAdmin(ContentHistoryAdmin):
    """One row only: the list goes straight to its edit form."""

    fieldsets = [
        ("お問合せ先（全ページのフッターに表示）", {
            "fields": ["organisation", "department", "postal_code", "address", "phone",
                       "phone_note", "office_hours", "contact_email"],
        }),
        ("通知", {"fields": ["notification_email"]}),
        ("申込みの審査", {"fields": ["review_target_days"]}),
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        SiteSettings.load()
        return HttpResponseRedirect(reverse("admin:pages_sitesettings_change", args=[1]))
