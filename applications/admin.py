"""Review in the admin, for 申込審査担当 and superusers only: the application is read-only, its PDFs
open through a permission-checked view, and 審査開始 / 承認 / 差戻し / 却下 are buttons on its page,
each recorded in the history shown there."""

import dataclasses

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts.access_log import record
from accounts.models import AccessAction
from core import spreadsheets
from core.admin import (
    DefaultListFilter,
    FoldedSearchMixin,
    OutboxAdminBase,
    ReadOnlyAdminMixin,
)
from pages.models import SiteSettings

from . import documents, mail, review, review_forms, sections, statistics
from .models import (
    Application,
    ApplicationStatus,
    OutboxMessage,
    PledgeVersion,
    ReviewerPreference,
)

REVIEW_PERMISSION = "applications.review_application"
Status = ApplicationStatus

# (button value, label, function, allowed states): one click, nothing sent to the applicant.
REVIEW_ACTIONS = {
    "start": ("審査開始", review.start_review, review.ALLOWED_FROM["review.started"]),
}


@dataclasses.dataclass(frozen=True)
class ConfirmedStep:
    """A decision the reviewer confirms on its own page after seeing its effect and its mail."""

    label: str
    function: object
    allowed: set
    form: type
    mail_kind: str


CONFIRMED_STEPS = {
    "approve": ConfirmedStep("承認", review.approve, review.ALLOWED_FROM["review.approved"],
                             review_forms.ApproveForm, OutboxMessage.Kind.APPROVED),
    "return": ConfirmedStep("差戻し", review.return_for_correction,
                            review.ALLOWED_FROM["review.returned"], review_forms.ReturnForm,
                            OutboxMessage.Kind.RETURNED),
    "reject": ConfirmedStep("却下", review.reject, review.ALLOWED_FROM["review.rejected"],
                            review_forms.RejectForm, OutboxMessage.Kind.REJECTED),
}  # fmt: skip

# Fields the admin shows through a method of ApplicationAdmin instead of the model field.
SHOWN_BY = {"categories": "category_list", "logo": "logo_file"}


class NotificationPreferenceForm(forms.ModelForm):
    class Meta:
        model = ReviewerPreference
        fields = ["notify"]


def csv_value(application, field):
    """One cell of the CSV export: labels, not codes; local times; 同意 for a consent."""
    model_field = field.model_field
    value = getattr(application, field.name)
    if model_field.many_to_many:
        return "、".join(str(item) for item in value.all())
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    if isinstance(model_field, models.DateTimeField):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""
    if isinstance(model_field, models.BooleanField):
        return "同意" if value else ""
    return value


class StatusFilter(DefaultListFilter):
    """Opens on the applications that need work (受付・審査中); every status and all on demand."""

    title = "状態"
    parameter_name = "status"
    OPEN = "open"
    ALL = "all"
    default = OPEN

    def lookups(self, request, model_admin):
        return [(self.OPEN, "未処理（受付・審査中）"), *Status.choices, (self.ALL, "すべて")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.OPEN:
            return queryset.open()
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset


class ReviewerOnlyMixin:
    """Visible to users with the review permission (申込審査担当, superusers) and nobody else."""

    def has_module_permission(self, request):
        return request.user.has_perm(REVIEW_PERMISSION)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(REVIEW_PERMISSION) and super().has_view_permission(
            request, obj
        )

    def has_review_permission(self, request):
        return request.user.has_perm(REVIEW_PERMISSION)


@admin.register(Application)
class ApplicationAdmin(ReviewerOnlyMixin, ReadOnlyAdminMixin, FoldedSearchMixin, admin.ModelAdmin):
    # The search is kana-, width- and case-insensitive (Application.search_text).
    # Read-only: review steps go through the buttons; personal data is removed by the retention
    # command only.
    list_display = ["number", "name", "kind", "group", "status", "received_at"]
    list_filter = [StatusFilter, "kind", "group", "received_at"]
    search_fields = ["number", "name", "reading", "listing_name"]
    date_hierarchy = "received_at"
    actions = ["export_csv"]
    change_form_template = "admin/applications/application/change_form.html"
    change_list_template = "admin/applications/application/change_list.html"

    def get_fieldsets(self, request, obj=None):
        return [
            (section.title, {"fields": [SHOWN_BY.get(f.name, f.name) for f in section.fields]})
            for section in sections.SECTIONS
        ]

    def get_readonly_fields(self, request, obj=None):
        return [
            name for _, options in self.get_fieldsets(request, obj) for name in options["fields"]
        ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("categories")

    @admin.display(description="取組分野")
    def category_list(self, obj):
        return "、".join(category.label for category in obj.categories.all())

    @admin.display(description="ロゴ画像")
    def logo_file(self, obj):
        if not obj.logo:
            return "なし"
        url = reverse("admin:applications_application_document", args=[obj.pk, 0, "logo"])
        return format_html('<a href="{}">ロゴ画像を開く</a>', url)

    def get_urls(self):
        pages = [
            ("dashboard/", self.dashboard_view, "dashboard"),
            ("dashboard/monthly.csv", self.dashboard_csv_view, "dashboard_csv"),
            ("notifications/", self.notification_settings_view, "notifications"),
            ("<int:pk>/review/", self.review_view, "review"),
            ("<int:pk>/review/<slug:step>/", self.review_step_view, "review_step"),
            ("<int:pk>/documents/<int:version>/<slug:kind>/", self.document_view, "document"),
        ]  # each named applications_application_<name>
        extra = [
            path(route, self.admin_site.admin_view(view), name=f"applications_application_{name}")
            for route, view, name in pages
        ]
        return extra + super().get_urls()

    def _dashboard_data(self, request, detail):
        if not self.has_review_permission(request):
            raise PermissionDenied
        record(request, AccessAction.REVIEW_DASHBOARD, detail)
        return timezone.localdate(), SiteSettings.load().review_target_days

    def dashboard_view(self, request):
        """審査状況: counts, the longest waiting, monthly figures with a server-drawn chart."""
        today, target = self._dashboard_data(request, "審査状況")
        months = statistics.monthly(today)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "審査状況",
            "today": today,
            "target": target,
            "counts": statistics.status_counts(),
            "waiting": statistics.waiting_longest(today, target),
            "months": months,
            "chart": statistics.chart(months),
            "series": statistics.MONTHLY_LABELS,
        }
        return TemplateResponse(request, "admin/applications/application/dashboard.html", context)

    def dashboard_csv_view(self, request):
        today, _target = self._dashboard_data(request, "審査状況（月別CSV）")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="review-monthly-{today:%Y%m%d}.csv"'
        )
        response["Cache-Control"] = "private, no-store"
        response.write("\ufeff")
        writer = spreadsheets.writer(response)
        writer.writerow(
            ["月", *statistics.MONTHLY_LABELS.values(), "判断までの日数（中央値・開庁日）"]
        )
        for month in statistics.monthly(today):
            writer.writerow([
                f"{month.year}-{month.month:02d}",
                *(month.count(name) for name in statistics.MONTHLY_LABELS),
                month.median_text,
            ])  # fmt: skip
        return response

    def notification_settings_view(self, request):
        """The reviewer's own choice: e-mail me of new, corrected and withdrawn applications."""
        if not self.has_review_permission(request):
            raise PermissionDenied
        preference, _created = ReviewerPreference.objects.get_or_create(user=request.user)
        data = request.POST if request.method == "POST" else None
        form = NotificationPreferenceForm(data, instance=preference)
        if request.method == "POST" and form.is_valid():
            form.save()
            self.message_user(request, "通知の設定を保存しました。", messages.SUCCESS)
            return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "申込みの通知の設定",
            "form": form,
            "email": request.user.email,
        }
        return TemplateResponse(
            request, "admin/applications/application/notification_settings.html", context
        )

    def _reviewable(self, request, pk):
        if not self.has_review_permission(request):
            raise Http404
        return get_object_or_404(Application, pk=pk)

    def document_view(self, request, pk, version, kind):
        """A stored PDF (or the uploaded logo) for reviewers; everyone else gets 404 or, when not
        logged in as staff, the login page (admin_view)."""
        application = self._reviewable(request, pk)
        action = AccessAction.APPLICATION_UPLOAD if kind == "logo" else AccessAction.APPLICATION_PDF
        record(request, action, f"{application.number} v{version} {kind}", application.pk)
        if kind == "logo":
            return documents.logo_response(application)
        return documents.document_response(application, version, kind)

    @staticmethod
    def _documents(application):
        def links(version):
            return documents.links(
                version,
                lambda kind: reverse(
                    "admin:applications_application_document",
                    args=[application.pk, version.number, kind],
                ),
            )

        return [(version, links(version)) for version in application.versions.order_by("-number")]

    @staticmethod
    def _actions_for(application):
        return [
            (value, label)
            for value, (label, _function, allowed) in REVIEW_ACTIONS.items()
            if application.status in allowed
        ]

    @staticmethod
    def _steps_for(application):
        return [
            (step.label, reverse("admin:applications_application_review_step",
                                 args=[application.pk, value]))
            for value, step in CONFIRMED_STEPS.items()
            if application.status in step.allowed
        ]  # fmt: skip

    def review_step_view(self, request, pk, step):
        """承認 / 差戻し / 却下 in two steps: the form, then what will happen (the listing, the
        applicant's mail) with 確定; nothing changes before 確定."""
        application = self._reviewable(request, pk)
        if step not in CONFIRMED_STEPS:
            raise Http404
        confirmed = CONFIRMED_STEPS[step]
        change_url = reverse("admin:applications_application_change", args=[pk])
        if application.status not in confirmed.allowed:
            self.message_user(
                request,
                f"「{application.get_status_display()}」の申込みには「{confirmed.label}」はできません。",
                messages.ERROR,
            )
            return HttpResponseRedirect(change_url)
        preview = None
        if request.method == "POST":
            form = confirmed.form(request.POST)
            if form.is_valid() and "confirm" in request.POST:
                try:
                    confirmed.function(application, request.user, **form.step_kwargs())
                except review.ReviewError as error:
                    self.message_user(request, str(error), messages.ERROR)
                else:
                    self.message_user(
                        request,
                        f"{application.number} を「{confirmed.label}」にしました。",
                        messages.SUCCESS,
                    )
                return HttpResponseRedirect(change_url)
            if form.is_valid() and "edit" not in request.POST:
                preview = self._preview(application, step, confirmed, form)
        else:
            form = confirmed.form()
        record(request, AccessAction.APPLICATION_VIEW, application.number, application.pk)
        title = (
            f"{confirmed.label}の{'確認' if preview else '入力'}（受付番号 {application.number}）"
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "application": application,
            "step": step,
            "step_label": confirmed.label,
            "form": form,
            "preview": preview,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/applications/application/review_step.html", context)

    @staticmethod
    def _preview(application, step, confirmed, form):
        details = form.details()
        subject, body = mail.render_status(application, confirmed.mail_kind, **details)
        preview = {
            "subject": subject,
            "body": mail.body_for_staff_text(body),
            "recipients": mail.applicant_recipients(application),
        }
        if step == "approve":
            preview["published"] = details["published"]
            preview["existing_listing"] = review.existing_listing(application)
            preview["listing"] = [
                ("掲載名", application.listing_name),
                ("掲載名のふりがな", application.listing_reading),
                ("種別", application.get_kind_display()),
                ("都道府県", application.get_prefecture_display()),
                ("市区町村", application.municipality),
                ("ウェブサイト", application.website or "なし"),
                ("取組分野", "、".join(c.label for c in application.categories.all())),
                ("紹介文", application.listing_introduction),
                ("ロゴ画像", "あり" if application.logo else "なし"),
            ]
        if step == "return":
            preview["fields"] = sections.labels_of(details["fields"])
            preview["due"] = details["due"]
        return preview

    def changelist_view(self, request, extra_context=None):
        """The list shows names; a search may be for a name. Logged without the search term."""
        if self.has_view_or_change_permission(request) and request.method == "GET":
            searched = "検索" if request.GET.get("q") else "一覧"
            record(request, AccessAction.APPLICATIONS_LIST, searched)
        return super().changelist_view(request, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        application = get_object_or_404(Application, pk=object_id)
        record(request, AccessAction.APPLICATION_HISTORY, application.number, application.pk)
        return super().history_view(request, object_id, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        application = get_object_or_404(Application, pk=object_id)
        if request.method == "GET":
            record(request, AccessAction.APPLICATION_VIEW, application.number, application.pk)
        extra_context = {
            **(extra_context or {}),
            "application": application,
            "documents": self._documents(application),
            "review_actions": (
                self._actions_for(application) if self.has_review_permission(request) else []
            ),
            "review_url": reverse("admin:applications_application_review", args=[application.pk]),
            "review_steps": (
                self._steps_for(application) if self.has_review_permission(request) else []
            ),
            "logs": application.logs.select_related("actor"),
            "comparison": self._comparison(application),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @staticmethod
    def _comparison(application):
        """The latest version against the one before it, after a correction; None before."""
        latest, previous = (list(application.versions.order_by("-number")[:2]) + [None, None])[:2]
        if previous is None:
            return None
        returned = (
            application.logs.filter(action="review.returned", created_at__lte=latest.submitted_at)
            .order_by("-created_at", "-pk")
            .first()
        )
        named = returned.data.get("fields", []) if returned else []
        rows = sections.compare(previous.data, latest.data, named)
        return {
            "previous": previous,
            "latest": latest,
            "changed": [row for row in rows if row.changed],
            "unchanged": [row for row in rows if not row.changed],
            "named": [row for row in rows if row.named],
        }

    def review_view(self, request, pk):
        return _review(self, request, pk)

    @admin.action(
        description="選択した申込みを CSV で出力（UTF-8 BOM 付き）", permissions=["review"]
    )
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="applications-{stamp}.csv"'
        response["Cache-Control"] = "private, no-store"
        response.write("\ufeff")
        writer = spreadsheets.writer(response)
        columns = sections.csv_fields()
        writer.writerow([field.label for field in columns])
        for application in queryset.prefetch_related("categories").order_by("year", "sequence"):
            writer.writerow([csv_value(application, field) for field in columns])
        record(request, AccessAction.APPLICATIONS_EXPORT, f"{queryset.count()}件")
        return response


def _review(model_admin, request, pk):
    application = model_admin._reviewable(request, pk)
    if request.method != "POST":
        return HttpResponseRedirect(reverse("admin:applications_application_change", args=[pk]))
    action = request.POST.get("action", "")
    if action not in REVIEW_ACTIONS:
        raise PermissionDenied
    label, function, _allowed = REVIEW_ACTIONS[action]
    comment = request.POST.get("comment", "").strip()[:2000]
    try:
        function(application, request.user, comment=comment)
    except review.ReviewError as error:
        model_admin.message_user(request, str(error), messages.ERROR)
    else:
        model_admin.message_user(
            request, f"{application.number} を「{label}」にしました。", messages.SUCCESS
        )
    return HttpResponseRedirect(reverse("admin:applications_application_change", args=[pk]))


@admin.register(PledgeVersion)
class PledgeVersionAdmin(admin.ModelAdmin):
    """誓約文: a version already agreed to by an application is never edited; add a new one."""

    list_display = ["title", "effective_on", "created_at"]
    fields = ["title", "effective_on", "text"]

    def _in_use(self, obj):
        return obj is not None and Application.objects.filter(pledge_version=obj).exists()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._in_use(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._in_use(obj)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReviewerOnlyMixin, OutboxAdminBase):
    """The applications' mails, for 申込審査担当 and superusers."""

    owner_model = Application
    search_fields = ["subject", "application__number"]

    def log_access(self, request, action, label, pk=None):
        record(request, action, label, pk)

    def masked_text(self, body):
        return mail.body_for_staff_text(body)

    def has_resend_permission(self, request):
        return self.has_review_permission(request)
