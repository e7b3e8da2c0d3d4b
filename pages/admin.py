from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .models import Page, PageAttachment, SiteSettings, Topic, TopicAttachment
from .publishing import PublicationStatus


class PublishActionsMixin:
    """Bulk 公開 / 非公開 for any model with a ``status`` field; web addresses typed without a
    scheme are taken as https (Django 6's default, adopted now)."""

    actions = ["publish", "unpublish"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.action(description="選択したものを公開する", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.PUBLISHED, "公開")

    @admin.action(description="選択したものを下書きに戻す", permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.DRAFT, "下書きに")

    def _set_status(self, request, queryset, status, label):
        # Saved one by one so that each change is recorded in the history.
        changed = 0
        for obj in queryset.exclude(status=status):
            obj.status = status
            obj._change_reason = f"一括操作: {label}"
            obj.save()
            changed += 1
        self.message_user(request, f"{changed}件を{label}しました。", messages.SUCCESS)


class PageAttachmentInline(admin.TabularInline):
    model = PageAttachment
    extra = 0
    fields = ["title", "file", "order"]


class TopicAttachmentInline(admin.TabularInline):
    model = TopicAttachment
    extra = 0
    fields = ["title", "file", "order"]


@admin.register(Page)
class PageAdmin(PublishActionsMixin, SimpleHistoryAdmin):
    list_display = [
        "title",
        "url_path",
        "status",
        "publish_from",
        "publish_until",
        "menu_order",
        "updated_at",
    ]
    list_filter = ["status", "parent"]
    search_fields = ["title", "slug", "summary", "body"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    inlines = [PageAttachmentInline]
    readonly_fields = ["preview_link"]
    fieldsets = [
        (None, {"fields": ["title", "parent", "slug", "summary", "body"]}),
        (
            "公開設定",
            {"fields": ["status", "publish_from", "publish_until", "menu_order", "preview_link"]},
        ),
    ]
    history_list_display = ["status"]

    @admin.display(description="表示確認")
    def preview_link(self, obj):
        if not obj.pk:
            return "保存すると、公開前のページをここから確認できます。"
        return format_html(
            '<a href="{}">{}</a>（下書きは管理者にだけ表示されます）',
            obj.get_absolute_url(),
            "プレビュー" if not obj.is_live() else "公開ページを表示",
        )

    @admin.display(description="URL", ordering="path")
    def url_path(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url())


@admin.register(Topic)
class TopicAdmin(PublishActionsMixin, SimpleHistoryAdmin):
    list_display = ["title", "published_on", "category", "status", "publish_from", "publish_until"]
    list_filter = ["status", "category"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "published_on"
    inlines = [TopicAttachmentInline]
    readonly_fields = ["preview_link"]
    fieldsets = [
        (None, {"fields": ["title", "published_on", "category", "summary", "body"]}),
        ("公開設定", {"fields": ["status", "publish_from", "publish_until", "preview_link"]}),
    ]
    history_list_display = ["status"]
    preview_link = PageAdmin.preview_link


@admin.register(SiteSettings)
class SiteSettingsAdmin(SimpleHistoryAdmin):
    """One row only: the list goes straight to its edit form."""

    fieldsets = [
        ("お問合せ先（全ページのフッターに表示）", {
            "fields": ["organisation", "department", "postal_code", "address", "phone",
                       "phone_note", "office_hours", "contact_email"],
        }),
        ("通知", {"fields": ["notification_email"]}),
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        SiteSettings.load()
        return HttpResponseRedirect(reverse("admin:pages_sitesettings_change", args=[1]))
