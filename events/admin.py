from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from core.admin import (
    AttachmentInline,
    ContentHistoryAdmin,
    DefaultListFilter,
    PublishableAdminMixin,
)

from .duplication import duplicate_as_draft
from .formatting import when_text
from .models import Event, EventAttachment


class EventAttachmentInline(AttachmentInline):
    model = EventAttachment


class TimingFilter(DefaultListFilter):
    """開催時期: upcoming (the default view of the list), past, or all."""

    title = "開催時期"
    parameter_name = "timing"
    default = "upcoming"

    def lookups(self, request, model_admin):
        return [("upcoming", "開催予定・開催中"), ("past", "終了"), ("all", "すべて")]

    def queryset(self, request, queryset):
        value = self.value()
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(ends_at__gt=now)
        if value == "past":
            return queryset.filter(ends_at__lte=now)
        return queryset


@admin.register(Event)
class EventAdmin(PublishableAdminMixin, ContentHistoryAdmin):
    # The columns staff sort and scan by first, so that they stay in view at 1280 px.
    list_display = [
        "title",
        "when",
        "status",
        "group",
        "state",
        "format",
        "location",
        "involvement",
        "is_sample",
    ]
    list_display_links = ["title"]
    list_filter = [
        TimingFilter,
        "status",
        "state",
        "format",
        "involvement",
        "group",
        "is_sample",
    ]
    search_fields = ["title", "summary", "venue_name", "address", "organisers", "co_organisers"]
    date_hierarchy = "starts_at"
    ordering = ["-starts_at"]
    autocomplete_fields = ["supporters"]
    inlines = [EventAttachmentInline]
    readonly_fields = ["public_link", "uid", "sequence", "created_at", "updated_at"]
    actions = [*PublishableAdminMixin.actions, "duplicate"]
    save_on_top = True
    history_list_display = ["status", "state", "sequence"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "public_link"]}),
        ("日時", {"fields": ["starts_at", "ends_at", "all_day"]}),
        ("場所", {
            "fields": ["format", "venue_name", "address", "prefecture", "online_tool"],
        }),
        ("主催・関わり", {
            "fields": ["involvement", "organisers", "co_organisers", "supporters"],
        }),
        ("参加の案内", {
            "fields": ["audience", "capacity", "fee_amount", "fee_note", "registration_url",
                       "registration_deadline"],
        }),
        ("画像", {"fields": ["image", "image_alt"]}),
        ("中止・延期", {"fields": ["state", "state_note"]}),
        ("開催報告（終了後）", {"fields": ["participants", "participants_over", "report"]}),
        ("公開設定", {
            "fields": ["status", "publish_from", "publish_until", "is_sample"],
        }),
        ("カレンダー配信", {
            "classes": ["collapse"],
            "fields": ["uid", "sequence", "created_at", "updated_at"],
        }),
    ]  # fmt: skip

    @admin.display(description="日時", ordering="starts_at")
    def when(self, obj):
        return when_text(obj)

    @admin.display(description="場所")
    def location(self, obj):
        return obj.location_text

    @admin.action(description="選択したイベントを下書きとして複製する", permissions=["add"])
    def duplicate(self, request, queryset):
        copies = [duplicate_as_draft(event) for event in queryset.order_by("starts_at", "pk")]
        self.message_user(
            request,
            f"{len(copies)}件を下書きとして複製しました。日時や回数などを直してから公開してください。",
            messages.SUCCESS,
        )
        if len(copies) == 1:
            return HttpResponseRedirect(reverse("admin:events_event_change", args=[copies[0].pk]))
        return None
