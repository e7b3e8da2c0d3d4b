"""Admin pieces every content app shares: publish actions with the 「公開ページを見る」 link, the
attachment inline, read-only admins and list filters that open on a default choice."""

from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html

from .publishing import PublicationStatus


class PublishableAdminMixin:
    """For models with a publication window: bulk 公開 / 下書きに戻す, and the read-only field
    ``public_link`` (公開ページを見る, or a preview while not live). Web addresses typed without a
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

    @admin.display(description="公開ページ")
    def public_link(self, obj):
        if not obj.pk:
            return "保存すると、公開前のページをここから確認できます。"
        label = "公開ページを見る" if obj.is_live() else "プレビューを見る（未公開）"
        return format_html(
            '<a href="{}">{}</a>（下書きは管理者にだけ表示されます）', obj.get_absolute_url(), label
        )


class AttachmentInline(admin.TabularInline):
    """Files attached to a page, topic or event (set ``model``)."""

    extra = 0
    fields = ["title", "file", "order"]


class ReadOnlyAdminMixin:
    """Rows are shown, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DefaultListFilter(admin.SimpleListFilter):
    """A list filter that opens on ``default`` (one of its lookups) instead of on everything."""

    default = None

    def value(self):
        return super().value() or self.default

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }
