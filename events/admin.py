from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from core.admin import (
    AttachmentInline,
    ContentHistoryAdmin,
    DefaultListFilter,
    PublishableAdminMixin,
)

from .duplication import duplicate_as_draft
from .formatting import when_text
from .models import Event, EventAttachment, EventQuestion, EventSeries


class EventAttachmentInline(AttachmentInline):
    model = EventAttachment


def registration_fieldsets(*extra_fields):
    """The registration settings (events.RegistrationSettings) of an event or a series."""
    return [
        ("参加申込", {
            "description": "「このサイトで受付」の場合、申込者の一覧・CSV・一斉メールは"
                           "「イベント参加申込み」（イベント受付担当）で扱います。",
            "fields": ["registration_mode", *extra_fields, "registration_url",
                       "registration_deadline", "capacity", "registration_counts",
                       "joining_url", "joining_note"],
        }),
        ("申込フォームで尋ねる項目", {
            "description": "氏名・ふりがな・メールアドレスは常に尋ねます（電話番号は任意）。"
                           "独自の質問は下の「申込フォームの質問」で追加します。",
            "fields": ["ask_organisation", "ask_job_title", "ask_referral", "ask_needs"],
        }),
    ]  # fmt: skip


class RegistrationCountsMixin:
    @admin.display(description="申込状況")
    def registration_counts(self, obj):
        if not obj.registers_here:
            return "—"
        seats = "定員なし" if obj.capacity is None else f"残り {obj.seats_left} 席"
        return f"確定 {obj.confirmed_count} 人・キャンセル待ち {obj.waiting_count} 人（{seats}）"


class EventQuestionInline(admin.StackedInline):
    """Questions staff add to the event's registration form (このサイトで受付)."""

    model = EventQuestion
    extra = 0
    fields = ["label", "help_text", "kind", "choices", "required", "order"]


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
class EventAdmin(RegistrationCountsMixin, PublishableAdminMixin, ContentHistoryAdmin):
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
        ("series", admin.RelatedOnlyFieldListFilter),
        "is_sample",
    ]
    search_fields = ["title", "summary", "venue_name", "address", "organisers", "co_organisers"]
    date_hierarchy = "starts_at"
    ordering = ["-starts_at"]
    autocomplete_fields = ["supporters", "series"]
    inlines = [EventAttachmentInline, EventQuestionInline]
    readonly_fields = [
        "public_link", "uid", "sequence", "created_at", "updated_at", "registration_counts",
    ]  # fmt: skip
    actions = [*PublishableAdminMixin.actions, "duplicate"]
    save_on_top = True
    history_list_display = ["status", "state", "sequence"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "public_link"]}),
        ("シリーズ（連続講座）", {"fields": ["series", "series_number"]}),
        ("日時", {"fields": ["starts_at", "ends_at", "all_day"]}),
        ("場所", {
            "fields": ["format", "venue_name", "address", "prefecture", "online_tool"],
        }),
        ("主催・関わり", {
            "fields": ["involvement", "organisers", "co_organisers", "supporters"],
        }),
        ("参加の案内", {"fields": ["audience", "fee_amount", "fee_note"]}),
        *registration_fieldsets(),
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


class SessionInline(admin.TabularInline):
    """The sessions of a series, in order, as links to their own change pages (a session is
    edited there: it is an event with all of an event's fields)."""

    model = Event
    fk_name = "series"
    verbose_name = "回"
    verbose_name_plural = "各回（イベントの編集画面でシリーズと回を選ぶと、ここに並びます）"
    fields = ["series_number", "session", "when", "format", "state", "status"]
    readonly_fields = fields
    ordering = ["series_number", "starts_at"]
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="イベント")
    def session(self, obj):
        url = reverse("admin:events_event_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.title)

    @admin.display(description="日時")
    def when(self, obj):
        return when_text(obj)


@admin.register(EventSeries)
class EventSeriesAdmin(RegistrationCountsMixin, PublishableAdminMixin, ContentHistoryAdmin):
    list_display = ["title", "slug", "session_count", "status", "is_sample"]
    list_filter = ["status", "is_sample"]
    search_fields = ["title", "summary"]
    ordering = ["-created_at", "-pk"]  # explicit: the annotated (grouped) query drops Meta's
    inlines = [SessionInline, EventQuestionInline]
    readonly_fields = ["public_link", "created_at", "updated_at", "registration_counts"]
    save_on_top = True
    history_list_display = ["status"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "public_link"]}),
        *registration_fieldsets("sessions_selectable"),
        ("公開設定", {"fields": ["status", "publish_from", "publish_until", "is_sample"]}),
        ("記録", {"classes": ["collapse"], "fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(models.Count("sessions"))

    @admin.display(description="回数", ordering="sessions__count")
    def session_count(self, obj):
        return f"全{obj.sessions__count}回"
