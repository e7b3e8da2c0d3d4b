"""出席状況 and 受付 in the admin, for イベント受付担当 and superusers only (a second factor, like
every admin page; each view written to the access log).

- 出席状況 (the changelist): each session with its 確定 / 出席 / 未出席 counts; with ``?event=``
  the registrants of one session and whether they attended.
- 参加者ごとの出席: the sessions one registration covers and which were attended, with the
  参加証明書 (PDF).
- 受付: a page for a phone at the reception desk: choose the session (today's first), then scan
  or type numbers.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts.access_log import record
from accounts.models import AccessAction
from core.admin import ReadOnlyAdminMixin
from events.formatting import when_text

from . import certificates, checkin
from .admin import MANAGE_PERMISSION, ReceptionOnlyMixin
from .checkin_forms import DeskForm
from .models import Registration, RegistrationSession

LAST_RESULT = "registrations.reception.last"


class SessionFilter(admin.SimpleListFilter):
    """The session (an event, or one session of a programme) whose registrants are listed."""

    title = "回・イベント"
    parameter_name = "event"
    shown = 50

    def lookups(self, request, model_admin):
        events = checkin.sessions_with_registrations().order_by("-starts_at")[: self.shown]
        return [(str(event.pk), f"{event.title}（{when_text(event)}）") for event in events]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(event_id=int(value))


class AttendedFilter(admin.SimpleListFilter):
    title = "出席"
    parameter_name = "attended"

    def lookups(self, request, model_admin):
        return [("yes", "出席"), ("no", "未出席")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(checked_in_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(checked_in_at__isnull=True)
        return queryset


@admin.register(RegistrationSession)
class AttendanceAdmin(ReceptionOnlyMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["number", "name", "organisation", "registration_status", "attendance"]
    list_filter = [SessionFilter, AttendedFilter, "registration__status"]
    search_fields = ["registration__number", "registration__name", "registration__reading"]
    list_select_related = ["registration", "checked_in_by"]
    list_per_page = 100
    sessions_per_page = 50
    change_list_template = "registrations/reception/change_list.html"
    ordering = ["registration__number"]

    def _require(self, request):
        if not request.user.has_perm(MANAGE_PERMISSION):
            raise PermissionDenied

    def _context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            **extra,
        }

    # --- the list ------------------------------------------------------------------------------

    @admin.display(description="申込番号", ordering="registration__number")
    def number(self, obj):
        url = reverse("admin:registrations_registrationsession_person", args=[obj.registration_id])
        return format_html('<a href="{}">{}</a>', url, obj.registration.number)

    @admin.display(description="氏名")
    def name(self, obj):
        return obj.registration.name

    @admin.display(description="所属")
    def organisation(self, obj):
        return obj.registration.organisation

    @admin.display(description="申込みの状態", ordering="registration__status")
    def registration_status(self, obj):
        return obj.registration.get_status_display()

    @admin.display(description="出席", ordering="checked_in_at")
    def attendance(self, obj):
        if not obj.attended:
            return "未出席"
        moment = timezone.localtime(obj.checked_in_at)
        return f"出席（{moment:%m/%d %H:%M} {obj.get_check_in_method_display()}）"

    def changelist_view(self, request, extra_context=None):
        """Without a session chosen: every session with its counts. With ``?event=``: that
        session's registrants."""
        self._require(request)
        event_pk = request.GET.get(SessionFilter.parameter_name, "")
        if not event_pk:
            return self.sessions_view(request)
        event = get_object_or_404(checkin.sessions_with_registrations(), pk=event_pk)
        record(request, AccessAction.ATTENDANCE_VIEW, f"出席状況 {event.title}", event.pk)
        counts = checkin.with_attendance_counts(
            checkin.sessions_with_registrations().filter(pk=event.pk)
        ).get()
        extra_context = {
            **(extra_context or {}),
            "title": f"出席状況: {event.title}（{when_text(event)}）",
            "session": counts,
            "absent": counts.expected - counts.attended,
            "reception_url": reverse(
                "admin:registrations_registrationsession_desk", args=[event.pk]
            ),
            "sessions_url": reverse("admin:registrations_registrationsession_changelist"),
        }
        return super().changelist_view(request, extra_context)

    def sessions_view(self, request):
        record(request, AccessAction.ATTENDANCE_VIEW, "出席状況（回ごと）")
        sessions = checkin.with_attendance_counts(checkin.sessions_with_registrations()).order_by(
            "-starts_at", "-pk"
        )
        page = Paginator(sessions, self.sessions_per_page).get_page(request.GET.get("page"))
        changelist = reverse("admin:registrations_registrationsession_changelist")
        rows = [
            {
                "event": event,
                "when": when_text(event),
                "absent": event.expected - event.attended,
                "list_url": f"{changelist}?{SessionFilter.parameter_name}={event.pk}",
                "desk_url": reverse(
                    "admin:registrations_registrationsession_desk", args=[event.pk]
                ),
                "code": checkin.attendance_code(event) if checkin.takes_code(event) else "",
            }
            for event in page
        ]
        context = self._context(
            request,
            "出席状況（回ごと）",
            rows=rows,
            page=page,
            reception_url=reverse("admin:registrations_registrationsession_reception"),
        )
        return TemplateResponse(request, "registrations/reception/sessions.html", context)

    # --- one person ----------------------------------------------------------------------------

    def person_view(self, request, registration_pk):
        self._require(request)
        registration = get_object_or_404(Registration, pk=registration_pk)
        record(request, AccessAction.ATTENDANCE_VIEW, registration.number, registration.pk)
        sessions = registration.sessions.select_related("event", "checked_in_by").order_by(
            "event__starts_at", "pk"
        )
        rows = [(session, when_text(session.event)) for session in sessions]
        context = self._context(
            request,
            f"参加者ごとの出席: {registration.number}",
            registration=registration,
            rows=rows,
            attended=sum(session.attended for session in sessions),
            certificate_url=reverse(
                "admin:registrations_registrationsession_certificate", args=[registration.pk]
            ),
        )
        return TemplateResponse(request, "registrations/reception/person.html", context)

    def certificate_view(self, request, registration_pk):
        self._require(request)
        registration = get_object_or_404(Registration, pk=registration_pk)
        try:
            document = certificates.issue(registration, actor=request.user)
        except certificates.CertificateError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(
                reverse("admin:registrations_registrationsession_person", args=[registration.pk])
            )
        record(request, AccessAction.CERTIFICATE, registration.number, registration.pk)
        response = HttpResponse(document, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="certificate-{registration.number}.pdf"'
        )
        response["Cache-Control"] = "private, no-store"
        return response

    # --- the reception desk --------------------------------------------------------------------

    def reception_view(self, request):
        self._require(request)
        record(request, AccessAction.ATTENDANCE_VIEW, "受付（回の選択）")
        today, upcoming, recent = checkin.reception_choices()
        groups = [
            ("本日の回", today, "本日の回はありません。"),
            ("今後の回", upcoming, "今後の回はありません。"),
            ("終了した回（2週間以内）", recent, ""),
        ]
        context = self._context(
            request,
            "受付: 回を選ぶ",
            groups=[
                (
                    heading,
                    [
                        (
                            event,
                            when_text(event),
                            reverse(
                                "admin:registrations_registrationsession_desk", args=[event.pk]
                            ),
                        )
                        for event in events
                    ],
                    empty,
                )
                for heading, events, empty in groups
                if events or empty
            ],
            sessions_url=reverse("admin:registrations_registrationsession_changelist"),
        )
        return TemplateResponse(request, "registrations/reception/choose.html", context)

    def desk_view(self, request, event_pk):
        """Scan or type a number: POST records the check-in and comes back here (the result is
        kept in the server-side session by row id, never the person's data in a cookie)."""
        self._require(request)
        event = get_object_or_404(checkin.sessions_with_registrations(), pk=event_pk)
        if request.method == "POST":
            form = DeskForm(request.POST)
            if form.is_valid():
                request.session[LAST_RESULT] = self._check_in(request, event, form)
                return HttpResponseRedirect(request.path)
        else:
            form = DeskForm()
        record(request, AccessAction.ATTENDANCE_VIEW, f"受付 {event.title}", event.pk)
        result = self._last_result(request, event)
        counts = checkin.with_attendance_counts(
            checkin.sessions_with_registrations().filter(pk=event.pk)
        ).get()
        context = self._context(
            request,
            f"受付: {event.title}",
            event=event,
            when=when_text(event),
            counts=counts,
            form=form,
            result=result,
            recent=checkin.recent_check_ins(event),
            code=checkin.attendance_code(event) if checkin.takes_code(event) else "",
            reception_url=reverse("admin:registrations_registrationsession_reception"),
        )
        return TemplateResponse(request, "registrations/reception/desk.html", context)

    @staticmethod
    def _check_in(request, event, form):
        scanned = form.cleaned_data["code"]
        try:
            year, sequence = checkin.read_scan(scanned)
        except checkin.CheckInError as error:
            record(request, AccessAction.CHECK_IN, "受付できず（番号を読み取れない）", event.pk)
            return {"event": event.pk, "error": str(error)}
        label = f"EVT-{year}-{sequence:05d} {event.title}"
        try:
            session = checkin.check_in(event, scanned, actor=request.user)
        except checkin.CheckInError as error:
            record(request, AccessAction.CHECK_IN, f"受付できず {label}", event.pk)
            return {"event": event.pk, "error": str(error)}
        record(request, AccessAction.CHECK_IN, label, session.registration_id)
        return {"event": event.pk, "session": session.pk}

    @staticmethod
    def _last_result(request, event):
        stored = request.session.pop(LAST_RESULT, None)
        if not stored or stored.get("event") != event.pk:
            return None
        if "error" in stored:
            return {"ok": False, "message": stored["error"]}
        session = (
            RegistrationSession.objects.select_related("registration")
            .filter(pk=stored.get("session"), event=event)
            .first()
        )
        if session is None:
            return None
        return {"ok": True, "session": session, "registration": session.registration}

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "reception/",
                view(self.reception_view),
                name="registrations_registrationsession_reception",
            ),
            path(
                "reception/<int:event_pk>/",
                view(self.desk_view),
                name="registrations_registrationsession_desk",
            ),
            path(
                "person/<int:registration_pk>/",
                view(self.person_view),
                name="registrations_registrationsession_person",
            ),
            path(
                "person/<int:registration_pk>/certificate/",
                view(self.certificate_view),
                name="registrations_registrationsession_certificate",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """One row is shown as its person's page."""
        self._require(request)
        session = get_object_or_404(RegistrationSession, pk=object_id)
        return HttpResponseRedirect(
            reverse(
                "admin:registrations_registrationsession_person", args=[session.registration_id]
            )
        )
