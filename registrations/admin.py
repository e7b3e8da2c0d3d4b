"""参加申込み in the admin, for イベント受付担当 and superusers only (with a second factor, like
every account that sees personal data). Per event or programme: the registrants with status and
attendance, CSV export (UTF-8 with BOM), a message to all registrants through the outbox, adding
someone by hand (a phone registration) and cancelling on someone's behalf. Every view and export
of registrants is written to the access log, every change to the registration's history."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from accounts.access_log import record
from accounts.models import AccessAction
from core import spreadsheets
from core.admin import FoldedSearchMixin, OutboxAdminBase, ReadOnlyAdminMixin
from events.models import Event, EventSeries

from . import booking, mail
from .content import PURPOSE_OF_USE, PURPOSE_OF_USE_NOTES
from .forms import RegistrationForm
from .links import kind_of
from .models import (
    Channel,
    Registration,
    RegistrationMail,
    RegistrationSession,
    RegistrationStatus,
)

MANAGE_PERMISSION = "registrations.manage_registrations"
TARGETS = {"event": Event, "series": EventSeries}


class ReceptionOnlyMixin:
    """Visible to users with the registration permission (イベント受付担当, superusers) only."""

    def has_module_permission(self, request):
        return request.user.has_perm(MANAGE_PERMISSION)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(MANAGE_PERMISSION) and super().has_view_permission(
            request, obj
        )


class MessageForm(forms.Form):
    subject = forms.CharField(
        label="件名",
        max_length=100,
        help_text="「【NEXT TOHOKU MEETUP】」とイベント名は自動で付きます。",
    )
    text = forms.CharField(
        label="本文",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="宛名（○○ 様）・申込番号・イベントの日時・ご本人用ページのリンクは自動で付きます。",
    )
    include_waiting = forms.BooleanField(
        label="キャンセル待ちの方にも送る", required=False, initial=True
    )

    def clean_subject(self):
        return " ".join(self.cleaned_data["subject"].split())  # one line: a mail header


class CancelForm(forms.Form):
    comment = forms.CharField(
        label="理由・経緯",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="例: 電話でキャンセルの連絡あり（履歴に残ります。申込者へのメールには記載しません）。",
    )
    confirm = forms.BooleanField(label="この申込みをキャンセルします")


class TargetFilter(admin.SimpleListFilter):
    """イベント・連続講座: the registrations of one event or programme."""

    title = "イベント・連続講座"
    parameter_name = "target"

    def lookups(self, request, model_admin):
        choices = [
            (f"event-{pk}", title)
            for pk, title in Event.objects.filter(registration_mode="portal")
            .order_by("-starts_at")
            .values_list("pk", "title")[:50]
        ]
        choices += [
            (f"series-{pk}", f"{title}（連続講座）")
            for pk, title in EventSeries.objects.filter(registration_mode="portal")
            .order_by("-created_at")
            .values_list("pk", "title")[:20]
        ]
        return choices

    def queryset(self, request, queryset):
        kind, _, pk = (self.value() or "").partition("-")
        if kind in TARGETS and pk.isdigit():
            return queryset.filter(**{"event" if kind == "event" else "series": pk})
        return queryset


@admin.register(Registration)
class RegistrationAdmin(
    ReceptionOnlyMixin, ReadOnlyAdminMixin, FoldedSearchMixin, admin.ModelAdmin
):
    # Read-only here: changes go through the buttons (add by hand, cancel), each logged.
    list_display = ["number", "name", "target_title", "status", "attendance", "channel",
                    "registered_at"]  # fmt: skip
    list_filter = [TargetFilter, "status", "channel"]
    search_fields = ["number", "name", "reading", "email", "organisation"]
    date_hierarchy = "registered_at"
    actions = ["export_csv"]
    change_list_template = "admin/registrations/registration/change_list.html"
    change_form_template = "admin/registrations/registration/change_form.html"
    fieldsets = [
        ("申込み", {"fields": ["number", "target_title", "status", "channel", "registered_at",
                               "status_changed_at", "session_list"]}),
        ("申込者", {"fields": ["name", "reading", "email", "phone", "organisation", "job_title"]}),
        ("回答", {"fields": ["referral", "needs", "answer_list"]}),
    ]  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        return [name for _, options in self.fieldsets for name in options["fields"]]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("event", "series")
            .annotate(
                session_count=models.Count("sessions", distinct=True),
                attended_count=models.Count(
                    "sessions",
                    filter=models.Q(sessions__checked_in_at__isnull=False),
                    distinct=True,
                ),
            )
        )

    @admin.display(description="イベント・連続講座")
    def target_title(self, obj):
        return obj.target.title if obj.target else ""

    @admin.display(description="出席")
    def attendance(self, obj):
        if not obj.attended_count:
            return "—"
        return f"出席 {obj.attended_count}/{obj.session_count} 回"

    @admin.display(description="参加する回")
    def session_list(self, obj):
        rows = obj.sessions.select_related("event").order_by("event__starts_at")
        items = format_html_join(
            "",
            "<li>{}{}</li>",
            (
                (
                    row.event.title,
                    f"（出席: {timezone.localtime(row.checked_in_at):%Y-%m-%d %H:%M}）"
                    if row.checked_in_at
                    else "",
                )
                for row in rows
            ),
        )
        return format_html("<ul>{}</ul>", items)

    @admin.display(description="追加の質問への回答")
    def answer_list(self, obj):
        if not obj.answers:
            return "—"
        items = format_html_join(
            "",
            "<dt>{}</dt><dd>{}</dd>",
            ((answer["label"], answer["answer"] or "（未回答）") for answer in obj.answers),
        )
        return format_html("<dl>{}</dl>", items)

    # --- views: every one that shows registrants is written to the access log ---

    def changelist_view(self, request, extra_context=None):
        if self.has_view_or_change_permission(request) and request.method == "GET":
            detail = "検索" if request.GET.get("q") else "一覧"
            target = request.GET.get(TargetFilter.parameter_name)
            record(request, AccessAction.REGISTRATIONS_LIST, f"{detail} {target or ''}".strip())
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        registration = get_object_or_404(Registration, pk=object_id)
        record(request, AccessAction.REGISTRATION_VIEW, registration.number, registration.pk)
        extra_context = {
            **(extra_context or {}),
            "registration": registration,
            "logs": registration.logs.select_related("actor"),
            "cancel_url": reverse("admin:registrations_registration_cancel", args=[registration.pk])
            if not registration.is_cancelled
            else "",
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        def view(function, route, name):
            return path(route, self.admin_site.admin_view(function), name=name)

        return [
            view(self.events_view, "events/", "registrations_registration_events"),
            view(self.export_view, "<slug:kind>/<int:pk>/export.csv",
                 "registrations_registration_export"),
            view(self.message_view, "<slug:kind>/<int:pk>/message/",
                 "registrations_registration_message"),
            view(self.staff_add_view, "<slug:kind>/<int:pk>/add/",
                 "registrations_registration_staff_add"),
            view(self.cancel_view, "<int:pk>/cancel/", "registrations_registration_cancel"),
            *super().get_urls(),
        ]  # fmt: skip

    def _guard(self, request):
        if not request.user.has_perm(MANAGE_PERMISSION):
            raise PermissionDenied

    def _target(self, kind, pk):
        if kind not in TARGETS:
            raise PermissionDenied
        return get_object_or_404(TARGETS[kind], pk=pk, registration_mode="portal")

    def _context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            **extra,
        }

    def _list_url(self, target):
        field = "event" if kind_of(target) == "event" else "series"
        changelist = reverse("admin:registrations_registration_changelist")
        return f"{changelist}?{TargetFilter.parameter_name}={field}-{target.pk}"

    def events_view(self, request):
        """イベント別: every event and programme taking registrations here, with its counts (from
        the rows: no personal data) and what staff can do for it."""
        self._guard(request)
        now = timezone.now()
        rows = []
        for kind, model in TARGETS.items():
            for target in model.objects.filter(registration_mode="portal"):
                rows.append((kind, target))
        rows.sort(key=lambda row: (row[1].is_over(now), row[1].title))
        context = self._context(
            request,
            "イベント別の参加申込み",
            targets=[
                {
                    "target": target,
                    "kind": kind,
                    "list_url": self._list_url(target),
                    "export_url": reverse("admin:registrations_registration_export", args=[kind, target.pk]),
                    "message_url": reverse("admin:registrations_registration_message", args=[kind, target.pk]),
                    "add_url": reverse("admin:registrations_registration_staff_add", args=[kind, target.pk]),
                    "is_over": target.is_over(now),
                }
                for kind, target in rows
            ],
        )  # fmt: skip
        return TemplateResponse(request, "admin/registrations/registration/events.html", context)

    # --- CSV ---

    def _csv(self, request, registrations, filename, label):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        response.write("\ufeff")
        registrations = list(
            registrations.select_related("event", "series")
            .prefetch_related("sessions__event")
            .order_by("year", "sequence")
        )
        labels = []
        for registration in registrations:
            for answer in registration.answers:
                if answer["label"] not in labels:
                    labels.append(answer["label"])
        writer = spreadsheets.writer(response)
        writer.writerow([
            "申込番号", "イベント・連続講座", "状態", "申込方法", "申込日時", "氏名", "ふりがな",
            "メールアドレス", "電話番号", "所属", "役職", "知ったきっかけ", "配慮が必要な事項",
            *labels, "参加する回", "出席した回",
        ])  # fmt: skip
        for registration in registrations:
            answers = {answer["label"]: answer["answer"] for answer in registration.answers}
            sessions = list(registration.sessions.all())
            writer.writerow([
                registration.number, registration.target.title,
                registration.get_status_display(), registration.get_channel_display(),
                timezone.localtime(registration.registered_at).strftime("%Y-%m-%d %H:%M"),
                registration.name, registration.reading, registration.email, registration.phone,
                registration.organisation, registration.job_title,
                registration.get_referral_display() if registration.referral else "",
                registration.needs,
                *(answers.get(label, "") for label in labels),
                "、".join(session.event.title for session in sessions),
                "、".join(session.event.title for session in sessions if session.attended),
            ])  # fmt: skip
        record(request, AccessAction.REGISTRATIONS_EXPORT, f"{label} {len(registrations)}件")
        return response

    def export_view(self, request, kind, pk):
        self._guard(request)
        target = self._target(kind, pk)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return self._csv(
            request,
            Registration.objects.for_target(target),
            f"registrations-{kind}-{target.pk}-{stamp}.csv",
            target.title,
        )

    @admin.action(description="選択した申込みを CSV で出力（UTF-8 BOM 付き）")
    def export_csv(self, request, queryset):
        self._guard(request)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return self._csv(request, queryset, f"registrations-{stamp}.csv", "選択")

    # --- message to all registrants ---

    def message_view(self, request, kind, pk):
        self._guard(request)
        target = self._target(kind, pk)
        statuses = [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
        form = MessageForm(request.POST if request.method == "POST" else None)
        counts = Registration.objects.for_target(target).status_counts()
        if request.method == "POST" and form.is_valid():
            if not form.cleaned_data["include_waiting"]:
                statuses = [RegistrationStatus.CONFIRMED]
            recipients = Registration.objects.for_target(target).filter(status__in=statuses)
            sent = 0
            with transaction.atomic():
                for registration in recipients.exclude(email="").select_related("event", "series"):
                    mail.queue_message(
                        registration, form.cleaned_data["subject"], form.cleaned_data["text"]
                    )
                    registration.log(
                        "registration.messaged",
                        actor=request.user,
                        subject=form.cleaned_data["subject"],
                    )
                    sent += 1
            record(request, AccessAction.REGISTRATIONS_MESSAGE, f"{target.title} {sent}件")
            self.message_user(
                request, f"{sent}人へのメールを送信待ちに登録しました。", messages.SUCCESS
            )
            return HttpResponseRedirect(reverse("admin:registrations_registration_events"))
        context = self._context(
            request,
            f"申込者へのメール: {target.title}",
            form=form,
            target=target,
            confirmed=counts.get(RegistrationStatus.CONFIRMED, 0),
            waiting=counts.get(RegistrationStatus.WAITING, 0),
        )
        return TemplateResponse(request, "admin/registrations/registration/message.html", context)

    # --- add someone by hand (a phone registration) ---

    def staff_add_view(self, request, kind, pk):
        self._guard(request)
        if not self.has_add_permission_for_staff(request):
            raise PermissionDenied
        target = self._target(kind, pk)
        sessions = list(target.bookable_sessions()) if kind == "series" else None
        form = RegistrationForm(
            request.POST if request.method == "POST" else None,
            target=target,
            questions=target.questions.all(),
            sessions=sessions,
            staff=True,
        )
        if request.method == "POST" and form.is_valid():
            try:
                registration = booking.register(
                    target,
                    form.personal_data(),
                    answers=form.answers(),
                    sessions=form.chosen_sessions(),
                    channel=Channel.STAFF,
                    actor=request.user,
                )
            except booking.RegistrationError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                record(
                    request,
                    AccessAction.REGISTRATION_CHANGE,
                    f"{registration.number} 登録",
                    registration.pk,
                )
                self.message_user(
                    request,
                    f"{registration.number} を「{registration.get_status_display()}」で登録しました。",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:registrations_registration_change", args=[registration.pk])
                )
        form.describe_errors()
        context = self._context(
            request,
            f"電話などで受けた申込みの登録: {target.title}",
            form=form,
            target=target,
            error_summary=form.error_summary() if form.is_bound else [],
            purpose_of_use=PURPOSE_OF_USE,
            purpose_of_use_notes=PURPOSE_OF_USE_NOTES,
        )
        return TemplateResponse(request, "admin/registrations/registration/staff_add.html", context)

    def has_add_permission_for_staff(self, request):
        return request.user.has_perm("registrations.add_registration")

    # --- cancel on someone's behalf ---

    def cancel_view(self, request, pk):
        self._guard(request)
        if not request.user.has_perm("registrations.change_registration"):
            raise PermissionDenied
        registration = get_object_or_404(Registration, pk=pk)
        change_url = reverse("admin:registrations_registration_change", args=[pk])
        form = CancelForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                booking.cancel(
                    registration, actor=request.user, comment=form.cleaned_data["comment"]
                )
            except booking.RegistrationError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                record(
                    request,
                    AccessAction.REGISTRATION_CHANGE,
                    f"{registration.number} キャンセル",
                    registration.pk,
                )
                self.message_user(
                    request, f"{registration.number} をキャンセルしました。", messages.SUCCESS
                )
            return HttpResponseRedirect(change_url)
        record(request, AccessAction.REGISTRATION_VIEW, registration.number, registration.pk)
        context = self._context(
            request,
            f"申込みのキャンセル: {registration.number}",
            form=form,
            registration=registration,
            change_url=change_url,
        )
        return TemplateResponse(request, "admin/registrations/registration/cancel.html", context)


@admin.register(RegistrationMail)
class RegistrationMailAdmin(ReceptionOnlyMixin, OutboxAdminBase):
    """The registrations' mails, for イベント受付担当 and superusers."""

    owner_model = (Registration, RegistrationSession)  # the survey mail is about a session
    search_fields = ["subject", "registration__number"]

    def log_access(self, request, action, label, pk=None):
        record(request, action, label, pk)


# 出席状況 and 受付 (attendance_admin.py) and アンケート (survey_admin.py) have their own modules,
# registered with the admin from here.
from . import attendance_admin, survey_admin  # noqa: E402, F401
