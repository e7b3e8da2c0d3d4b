"""The public registration pages: 入力 → 確認 → 完了 under /events/<slug>/register/, and the
registrant's own page (/registrations/<token>/: see, change the answers, cancel) reached through
the signed link in their mail. No account. Views are thin: the form validates, ``booking`` acts.

What was typed is never lost: it is kept in the session between the steps and carried, signed, in
the 確認 page's form, so that an expired session or a stale CSRF token (``csrf_failure``) shows
the page again with everything in it."""

import functools

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django_ratelimit.core import is_ratelimited

from accounts.clients import rate_limit_key
from core.page_cache import cached_page_with_csrf_token
from events.ical import calendar_bytes
from events.models import Event, EventSeries
from pages.models import SiteSettings

from . import booking, links
from .content import PURPOSE_OF_USE, PURPOSE_OF_USE_NOTES
from .forms import HONEYPOT, CancelForm, RegistrationForm, initial_from
from .links import kind_of, url_of
from .models import Registration

RATE_LIMIT_GROUP = "registrations.register"
PAYLOAD_SALT = "registrations.confirm"
COMPLETED_KEY = "registrations:completed"


# What can be registered for: an event, or a programme booked as one (URL kwarg ``kind``).
TARGETS = {"event": Event, "series": EventSeries}


def _draft_key(event):
    return f"registrations:draft:{kind_of(event)}:{event.pk}"


def _live(kind):
    return TARGETS[kind].objects.live()


def _target_or_404(kind, slug):
    target = get_object_or_404(_live(kind), slug=slug)
    if not target.registers_here:
        raise Http404
    return target


def _form(event, *args, **kwargs):
    sessions = list(event.bookable_sessions()) if kind_of(event) == "series" else None
    return RegistrationForm(
        *args, target=event, questions=event.questions.all(), sessions=sessions, **kwargs
    )


def _crumbs(event, step):
    parent = ("連続講座", reverse("events:series-list")) if kind_of(event) == "series" else None
    return [
        ("イベント", reverse("events:list")),
        *([parent] if parent else []),
        (event.title, event.get_absolute_url()),
        ("参加申込み", url_of(event) if step else None),
        *([(step, None)] if step else []),
    ]


def _target_context(event, sessions=None):
    """What the pages say about the event or programme (includes/event_summary.html)."""
    is_series = kind_of(event) == "series"
    if is_series and sessions is None:
        sessions = list(event.bookable_sessions())
    return {
        "event": event,
        "is_series": is_series,
        "summary_sessions": sessions or [],
        "register_url": url_of(event),
        "confirm_url": url_of(event, "confirm"),
    }


def _common(event, **context):
    return {
        **_target_context(event),
        "purpose_of_use": PURPOSE_OF_USE,
        "purpose_of_use_notes": PURPOSE_OF_USE_NOTES,
        "retention_days": SiteSettings.load().registration_retention_days,
        **context,
    }


def _render_input(request, event, form, status=200, **extra):
    form.describe_errors()
    context = _common(
        event,
        form=form,
        error_summary=form.error_summary() if form.is_bound else [],
        breadcrumbs=_crumbs(event, None),
        **extra,
    )
    return render(request, "registrations/register_input.html", context, status=status)


def _render_closed(request, event):
    context = {**_target_context(event), "breadcrumbs": _crumbs(event, None)}
    return render(request, "registrations/closed.html", context)


@never_cache
def register_input(request, slug, kind="event"):
    event = _target_or_404(kind, slug)
    if not event.registration_open():
        return _render_closed(request, event)
    if request.method == "POST":
        form = _form(event, request.POST)
        if form.is_valid():
            if _rate_limited(request):
                return render(request, "registrations/rate_limited.html", status=429)
            draft = request.session.get(_draft_key(event)) or {}
            request.session[_draft_key(event)] = {**draft, "data": form.draft_data()}
            return redirect(url_of(event, "confirm"))
        return _render_input(request, event, form)
    draft = request.session.get(_draft_key(event)) if request.session.session_key else None
    if draft and draft.get("data"):
        return _render_input(request, event, _form(event, initial=draft["data"]))
    # The blank form is the same for every anonymous visitor but for its CSRF token: from the
    # page cache, retired when the event (or its seat counts) change.
    return cached_page_with_csrf_token(request, lambda: _render_input(request, event, _form(event)))


def _rate_limited(request):
    """The rate limit counts the 入力 steps that pass: only they lead to a signed 確認 payload
    (with its one-time token), so it bounds the registrations a client address can make, and
    the 確認 step that registers (the write under the event's lock) stays light."""
    return is_ratelimited(
        request,
        group=RATE_LIMIT_GROUP,
        key=rate_limit_key,
        rate=settings.REGISTER_RATE_LIMIT,
        increment=True,
    )


def _sign(event, draft):
    return signing.dumps({"e": event.pk, **draft}, salt=PAYLOAD_SALT, compress=True)


def _unsign(event, payload):
    draft = signing.loads(payload, salt=PAYLOAD_SALT)
    if draft.get("e") != event.pk or not isinstance(draft.get("data"), dict):
        raise signing.BadSignature("payload of another event")
    return {"data": draft["data"], "token": draft.get("token", "")}


def _render_confirm(request, event, draft, status=200, **extra):
    form = _form(event, data=_form_data(draft["data"]))
    form.is_valid()
    context = _common(
        event,
        rows=form.rows() if not form.errors else [],
        payload=_sign(event, draft),
        breadcrumbs=_crumbs(event, "確認"),
        **extra,
    )
    return render(request, "registrations/register_confirm.html", context, status=status)


def _form_data(data):
    """The stored answers as posted form data (a consent given is sent again as 'on')."""
    posted = {name: value for name, value in data.items() if value not in (None, False)}
    if data.get("privacy_consent"):
        posted["privacy_consent"] = "on"
    return posted


@never_cache
def register_confirm(request, slug, kind="event"):
    event = _target_or_404(kind, slug)
    if request.method == "POST":
        try:
            draft = _unsign(event, request.POST.get("payload", ""))
        except signing.BadSignature:
            messages.error(
                request, "送信内容を確認できませんでした。お手数ですが、もう一度入力してください。"
            )
            return redirect(url_of(event))
        if "back" in request.POST:
            request.session[_draft_key(event)] = draft
            return redirect(url_of(event))
        return _submit(request, event, draft)
    draft = request.session.get(_draft_key(event))
    if not draft or not draft.get("data"):
        return redirect(url_of(event))
    if not draft.get("token"):
        draft["token"] = str(booking.new_token())
        request.session[_draft_key(event)] = draft
    return _render_confirm(request, event, draft)


def _submit(request, event, draft):
    token = draft.get("token") or str(booking.new_token())
    # A 確認 page sent twice finds its registration in booking.register (by the token).
    form = _form(event, data=_form_data(draft["data"]))
    if not form.is_valid():
        request.session[_draft_key(event)] = draft
        return _render_input(request, event, form)
    try:
        registration = booking.register(
            event,
            form.personal_data(),
            answers=form.answers(),
            sessions=form.chosen_sessions(),
            token=token,
        )
    except booking.RegistrationError as error:
        messages.error(request, str(error))
        return redirect(event.get_absolute_url())
    return _completed(request, event, registration)


def _completed(request, event, registration):
    request.session.pop(_draft_key(event), None)
    request.session[COMPLETED_KEY] = registration.pk
    return redirect(url_of(event, "complete"))


@never_cache
def register_complete(request, slug, kind="event"):
    event = get_object_or_404(_live(kind), slug=slug)
    pk = request.session.get(COMPLETED_KEY)
    registration = Registration.objects.for_target(event).filter(pk=pk).first() if pk else None
    if registration is None:
        return redirect(url_of(event))
    context = {
        **_target_context(event, _sessions(registration)),
        "registration": registration,
        "page_path": links.page_path(registration),
        "breadcrumbs": _crumbs(event, "完了"),
    }
    return render(request, "registrations/register_complete.html", context)


def csrf_failure(request, reason=""):
    """A registration form sent with a missing or stale CSRF token: the page again, with what was
    typed, asking to send it again. None for any other path (the caller answers)."""
    if request.method != "POST" or not request.resolver_match:
        return None
    if request.resolver_match.view_name == "registrations:attendance-code":
        from .views_checkin import csrf_failure as attendance_csrf_failure

        return attendance_csrf_failure(request)
    name = request.resolver_match.view_name.removeprefix("registrations:").removeprefix("series-")
    if request.resolver_match.namespace != "registrations" or name not in ("register", "confirm"):
        return None
    kwargs = request.resolver_match.kwargs
    event = _live(kwargs.get("kind", "event")).filter(slug=kwargs.get("slug")).first()
    if event is None or not event.registers_here:
        return None
    if name == "register":
        form = _form(event)
        form.initial = {
            field: request.POST.getlist(field) if field == "sessions" else request.POST.get(field)
            for field in form.fields
            if field != HONEYPOT and field in request.POST
        }
        return _render_input(request, event, form, status=403, csrf_notice=True)
    try:
        draft = _unsign(event, request.POST.get("payload", ""))
    except signing.BadSignature:
        return None
    return _render_confirm(request, event, draft, status=403, csrf_notice=True)


# The registrant's own page, reached through the signed link in their mail.


def with_registration(view):
    """Turn the link's token into its registration: the view gets (request, registration, token,
    …); an expired link gets the expired page, an altered one or deleted data 404."""

    @functools.wraps(view)
    def wrapper(request, token, *args, **kwargs):
        try:
            pk, number = links.read_token(token)
        except signing.SignatureExpired:
            return render(request, "registrations/page_expired.html", status=410)
        except signing.BadSignature:
            raise Http404 from None
        registration = (
            Registration.objects.select_related("event", "series")
            .filter(pk=pk, number=number)
            .first()
        )
        if registration is None or registration.personal_data_deleted_at:
            raise Http404
        response = view(request, registration, token, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapper


def _sessions(registration):
    return [session.event for session in registration.sessions.select_related("event")]


@never_cache
@with_registration
def page(request, registration, token):
    event = registration.target
    sessions = _sessions(registration)
    context = {
        **_target_context(event, sessions),
        "registration": registration,
        "token": token,
        "sessions": sessions,
        "waiting_position": registration.waiting_position(),
        # Only a confirmed registrant gets the joining URL.
        "joining_url": event.joining_url if registration.is_confirmed else "",
        "joining_note": event.joining_note if registration.is_confirmed else "",
        "rows": _stored_rows(registration),
        "can_change": not registration.is_cancelled and not event.is_over(),
        "breadcrumbs": [("参加申込みの確認", None)],
    }
    # The QR code for the desk and the 出席コード (views_checkin imports this module).
    from .views_checkin import page_context

    context.update(page_context(request, registration, token))
    return render(request, "registrations/page.html", context)


def _stored_rows(registration):
    rows = [
        (Registration._meta.get_field(name).verbose_name, getattr(registration, name))
        for name in ("name", "reading", "email", "phone", "organisation", "job_title", "needs")
        if getattr(registration, name)
    ]
    if registration.referral:
        rows.append(("知ったきっかけ", registration.get_referral_display()))
    rows += [(answer["label"], answer["answer"]) for answer in registration.answers]
    return rows


@never_cache
@with_registration
def page_edit(request, registration, token):
    event = registration.target
    page_url = reverse("registrations:page", args=[token])
    if registration.is_cancelled or event.is_over():
        messages.info(request, "この申込みは変更できません。")
        return redirect(page_url)
    if request.method == "POST":
        form = _form(event, request.POST)
        if form.is_valid():
            booking.change_answers(
                registration,
                form.personal_data(),
                answers=form.answers(),
                sessions=form.chosen_sessions(),
            )
            messages.success(request, "申込み内容を変更しました。確認のメールをお送りします。")
            return redirect(page_url)
    else:
        form = _form(event, initial={**initial_from(registration), "privacy_consent": True})
    form.describe_errors()
    context = _common(
        event,
        form=form,
        summary_sessions=_sessions(registration),
        registration=registration,
        token=token,
        error_summary=form.error_summary() if form.is_bound else [],
        breadcrumbs=[("参加申込みの確認", page_url), ("申込み内容の変更", None)],
    )
    return render(request, "registrations/page_edit.html", context)


@never_cache
@with_registration
def page_cancel(request, registration, token):
    event = registration.target
    page_url = reverse("registrations:page", args=[token])
    if registration.is_cancelled:
        messages.info(request, "この申込みはすでにキャンセルされています。")
        return redirect(page_url)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            booking.cancel(registration)
        except booking.RegistrationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, "参加申込みをキャンセルしました。確認のメールをお送りします。"
            )
        return redirect(page_url)
    context = {
        **_target_context(event, _sessions(registration)),
        "registration": registration,
        "form": form,
        "token": token,
        "breadcrumbs": [("参加申込みの確認", page_url), ("キャンセル", None)],
    }
    return render(request, "registrations/page_cancel.html", context)


@never_cache
@with_registration
def page_ics(request, registration, token):
    """The registrant's calendar: every session their registration covers."""
    if registration.is_cancelled:
        raise Http404
    sessions = _sessions(registration)
    response = HttpResponse(
        calendar_bytes(sessions, name=registration.target.title, subscription=False),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{registration.number}.ics"'
    return response
