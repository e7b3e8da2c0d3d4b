"""アンケート in the admin, for イベント受付担当 and superusers: the questions, sending to those
who attended, the results counted (満足度 per answer and the mean, each choice question), the
text for the 開催報告, and the CSV. Viewing results and exporting them is written to the access
log (the free-text answers are the registrants' own words)."""

import io

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts.access_log import record
from events.formatting import when_text
from events.models import Event
from events.registration_settings import RegistrationMode

from . import surveys
from .admin import ReceptionOnlyMixin
from .models import Survey, SurveyQuestion


class SurveyQuestionInline(admin.StackedInline):
    """Questions asked after 満足度 (ご意見・ご感想 always comes last)."""

    model = SurveyQuestion
    extra = 0
    fields = ["label", "help_text", "kind", "choices", "required", "order"]


@admin.register(Survey)
class SurveyAdmin(ReceptionOnlyMixin, admin.ModelAdmin):
    list_display = ["event", "when", "closes_at", "responses_count", "state"]
    list_select_related = ["event"]
    search_fields = ["event__title"]
    ordering = ["-event__starts_at", "-pk"]
    inlines = [SurveyQuestionInline]
    actions = ["send_to_attendees"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (
                None,
                {
                    "description": "満足度（5段階）とご意見・ご感想は必ず尋ねます。ほかに尋ねたいことは下の「アンケートの質問」で追加します。",
                    "fields": ["event", "intro", "closes_at"],
                },
            )
        ]
        if obj is not None:
            fieldsets += [
                ("送信", {"fields": ["sending"]}),
                ("結果", {"fields": ["results"]}),
                ("開催報告用の文章", {"fields": ["report_text"]}),
            ]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fixed = ["sending", "results", "report_text"]
        return ["event", *fixed] if obj is not None else fixed

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("event")
            .annotate(responses_number=Count("responses"))
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "event":
            kwargs["queryset"] = Event.objects.filter(
                registration_mode=RegistrationMode.PORTAL, survey__isnull=True
            ).order_by("-starts_at")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- columns ---

    @admin.display(description="日時", ordering="event__starts_at")
    def when(self, obj):
        return when_text(obj.event)

    @admin.display(description="回答数", ordering="responses_number")
    def responses_count(self, obj):
        return obj.responses_number

    @admin.display(description="受付状況")
    def state(self, obj):
        now = timezone.now()
        if obj.is_open(now):
            return "回答受付中"
        return "開催前" if obj.event.starts_at > now else "締切済み"

    # --- the change page's blocks ---

    @staticmethod
    def _results(obj):
        """The survey's results, counted once per page."""
        if not hasattr(obj, "_results"):
            obj._results = surveys.results(obj)
        return obj._results

    @admin.display(description="出席者への送信")
    def sending(self, obj):
        outcome = self._results(obj)
        return format_html(
            "出席 {} 人、送信済み {} 人。一覧の操作「選択したアンケートを出席者に送信する」で、まだ送っていない出席者にだけ送ります。",
            outcome.attended,
            outcome.mailed,
        )

    @admin.display(description="集計")
    def results(self, obj):
        csv_url = reverse("admin:registrations_survey_csv", args=[obj.pk])
        return render_to_string(
            "registrations/survey/admin_results.html",
            {"results": self._results(obj), "csv_url": csv_url},
        )

    @admin.display(description="開催報告に貼り付ける文章")
    def report_text(self, obj):
        text = surveys.report_text(obj, self._results(obj))
        if not text:
            return "回答がまだありません。"
        return format_html(
            '<textarea readonly rows="{}" cols="70" aria-label="開催報告に貼り付ける文章">{}</textarea>'
            "<p>イベントの「開催報告」に貼り付けて使います（自由記述の回答は含めていません）。</p>",
            text.count("\n") + 2,
            text,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        survey = self.get_object(request, object_id)
        if survey is not None and self.has_view_or_change_permission(request, survey):
            record(request, "survey.results", str(survey.event), survey.pk)
        return super().change_view(request, object_id, form_url, extra_context)

    # --- sending and the CSV ---

    @admin.action(description="選択したアンケートを出席者に送信する", permissions=["change"])
    def send_to_attendees(self, request, queryset):
        for survey in queryset.select_related("event"):
            if not survey.is_open():
                self.message_user(
                    request,
                    f"「{survey.event}」のアンケートは回答を受け付けていない（開催前か締切済み）ため、送信しませんでした。",
                    messages.WARNING,
                )
                continue
            queued = surveys.send(survey)
            self.message_user(
                request,
                f"「{survey.event}」のアンケートを出席者 {queued} 人に送信します（送信済みの方には送りません）。",
                messages.SUCCESS,
            )

    def get_urls(self):
        csv = self.admin_site.admin_view(self.csv_view)
        return [
            path("<int:pk>/csv/", csv, name="registrations_survey_csv"),
            *super().get_urls(),
        ]

    def csv_view(self, request, pk):
        survey = get_object_or_404(Survey.objects.select_related("event"), pk=pk)
        if not self.has_view_or_change_permission(request, survey):
            raise PermissionDenied
        record(request, "survey.results", f"{survey.event}（CSV）", survey.pk)
        stream = io.StringIO()
        surveys.write_csv(survey, stream)
        response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
        filename = f"survey-{survey.event.slug}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response
