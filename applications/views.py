"""The application's pages: 入力 → 確認 → 完了, the applicant's status page, and the CSRF-failure
view that keeps typed input. Views are thin: forms validate, modules act."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from accounts.clients import rate_limit_key
from core.page_cache import cache_page_for_anonymous, cached_page_with_csrf_token

from . import documents, drafts, links, postal, review, sections, submission
from .content import PURPOSE_OF_USE, PURPOSE_OF_USE_NOTES
from .forms import HONEYPOT, ApplicationForm
from .models import Application, ApplicationStatus, PledgeVersion
from .uploads import limit_uploads

RATE_LIMIT_GROUP = "applications.submit"


def _common(**context):
    return {
        "purpose_of_use": PURPOSE_OF_USE,
        "purpose_of_use_notes": PURPOSE_OF_USE_NOTES,
        **context,
    }


def _render_input(request, form, draft, status=200, **extra):
    returned = Application.objects.filter(pk=draft.amend).first() if draft.amend else None
    if returned is not None:
        form.mark_for_correction(returned.correction_fields)
        extra.setdefault("returned", returned)
    form.describe_errors()
    context = _common(
        form=form,
        pledge=form.pledge,
        error_summary=form.error_summary() if form.is_bound else [],
        amend_number=draft.amend_number,
        breadcrumbs=[("サポーターズ参加申込み", None)],
        **extra,
    )
    return render(request, "applications/apply_input.html", context, status=status)


def _closed(request):
    return render(request, "applications/closed.html", status=503)


@csrf_exempt  # checked by csrf_protect below, after the upload limit is installed
@never_cache
def apply_input(request):
    limit_uploads(request)
    return _apply_input(request)


@csrf_protect
def _apply_input(request):
    if request.method != "POST":
        # An anonymous visitor has no draft: the blank page, the same for all but the CSRF
        # token, comes from the page cache without a query (PledgeVersion is connected to it).
        return cached_page_with_csrf_token(request, lambda: _input_page(request))
    pledge = PledgeVersion.objects.current()
    if pledge is None:
        return _closed(request)
    draft = drafts.load(request)
    form = ApplicationForm(request.POST, request.FILES, pledge=pledge, logo_name=draft.logo_name)
    if "logo" in getattr(request, "oversized_uploads", ()):
        form.add_oversized_logo_error()
    if form.is_valid() and draft.keep_logo(request, form):
        draft.data = form.draft_data()
        draft.pledge_version = pledge.pk
        drafts.store(request, draft)
        return redirect("applications:confirm")
    return _render_input(request, form, draft)


def _input_page(request):
    pledge = PledgeVersion.objects.current()
    if pledge is None:
        return _closed(request)
    draft = drafts.load(request)
    if not draft.data and not draft.logo_name:
        return _render_blank_input(request, pledge)
    form = ApplicationForm(initial=draft.data, pledge=pledge, logo_name=draft.logo_name)
    return _render_input(request, form, draft)


def _render_blank_input(request, pledge):
    """The blank form is the same for every visitor: its markup comes from a cached fragment
    (keyed on the content version and the pledge), and the form is only built when that
    fragment is not in the cache."""
    context = _common(
        form=SimpleLazyObject(lambda: ApplicationForm(pledge=pledge)),
        form_is_blank=True,
        pledge=pledge,
        error_summary=[],
        breadcrumbs=[("サポーターズ参加申込み", None)],
    )
    return render(request, "applications/apply_input.html", context)


def _render_confirm(request, draft, status=200, **extra):
    pledge = PledgeVersion.objects.filter(pk=draft.pledge_version).first()
    context = _common(
        sections=sections.answers({**draft.data, "logo_name": draft.logo_name}),
        pledge=pledge,
        payload=drafts.sign(draft),
        amend_number=draft.amend_number,
        breadcrumbs=[("サポーターズ参加申込み", reverse("applications:input")), ("確認", None)],
        **extra,
    )
    return render(request, "applications/apply_confirm.html", context, status=status)


@never_cache
def apply_confirm(request):
    if request.method == "POST":
        try:
            draft = drafts.unsign(request.POST.get("payload", ""))
        except signing.BadSignature:
            messages.error(
                request, "送信内容を確認できませんでした。お手数ですが、もう一度入力してください。"
            )
            return redirect("applications:input")
        if "back" in request.POST:
            drafts.store(request, draft)
            return redirect("applications:input")
        return _submit(request, draft)
    draft = drafts.load(request)
    if draft.data is None:
        return redirect("applications:input")
    draft.token = draft.token or uuid.uuid4().hex
    drafts.store(request, draft)
    return _render_confirm(request, draft)


def _submit(request, draft):
    existing = submission.find(draft.token)
    if existing is not None:
        return _completed(request, existing.application)
    if is_ratelimited(
        request,
        group=RATE_LIMIT_GROUP,
        key=rate_limit_key,
        rate=settings.APPLY_RATE_LIMIT,
        increment=True,
    ):
        return render(request, "rate_limited.html", status=429)
    pledge = PledgeVersion.objects.filter(pk=draft.pledge_version).first()
    logo_expired = draft.forget_expired_logo()
    form = ApplicationForm(data=draft.form_data(), pledge=pledge, logo_name=draft.logo_name)
    if logo_expired:
        form.add_error("logo", drafts.LOGO_EXPIRED)
    if pledge is None or not form.is_valid():
        drafts.store(request, draft)
        return _render_input(request, form, draft)
    try:
        result = submission.submit(
            form.draft_data(),
            token=draft.token,
            pledge_version_id=pledge.pk,
            logo=draft.logo,
            logo_name=draft.logo_name,
            amend=draft.amend,
        )
    except submission.SubmissionError as error:
        drafts.clear(request)
        messages.error(request, str(error))
        return redirect("applications:input")
    return _completed(request, result.application)


def _completed(request, application):
    drafts.clear(request)
    request.session[drafts.COMPLETED_KEY] = application.pk
    return redirect("applications:complete")


@never_cache
def apply_complete(request):
    pk = request.session.get(drafts.COMPLETED_KEY)
    application = Application.objects.filter(pk=pk).first() if pk else None
    if application is None:
        return redirect("applications:input")
    context = {
        "application": application,
        "status_path": links.status_path(application),
        "breadcrumbs": [("サポーターズ参加申込み", reverse("applications:input")), ("完了", None)],
    }
    return render(request, "applications/apply_complete.html", context)


@never_cache
def csrf_failure(request, reason=""):
    """A form sent with a missing or stale CSRF token (e.g. after a long pause or with cookies
    cleared): for the application, show the page again with what was typed and ask to send again.
    Everything else gets Django's standard answer."""
    if request.method == "POST" and request.path == reverse("applications:input"):
        pledge = PledgeVersion.objects.current()
        if pledge is not None:
            draft = drafts.load(request)
            form = ApplicationForm(pledge=pledge, logo_name=draft.logo_name)
            form.initial = {
                name: request.POST.getlist(name) if name == "categories" else request.POST.get(name)
                for name in form.fields
                if name != HONEYPOT and name in request.POST
            }
            return _render_input(request, form, draft, status=403, csrf_notice=True)
    if request.method == "POST" and request.path == reverse("applications:confirm"):
        try:
            draft = drafts.unsign(request.POST.get("payload", ""))
        except signing.BadSignature:
            draft = None
        if draft and draft.data is not None:
            return _render_confirm(request, draft, status=403, csrf_notice=True)
    return django_csrf_failure(request, reason=reason)


# The applicant's status page, reached through the signed link in the acknowledgement mail.


with_application = links.STATUS_LINK.view(
    lambda: Application.objects.all(), "applications/status_expired.html"
)


@never_cache
@with_application
def status(request, application, token):
    def document_links(version):
        return documents.links(
            version,
            lambda kind: reverse(
                "applications:status-document",
                kwargs={"token": token, "version": version.number, "kind": kind},
            ),
        )

    context = {
        "application": application,
        "token": token,
        "versions": [
            (version, document_links(version))
            for version in application.versions.order_by("-number")
        ],
        "logs": application.logs.exclude(action="retention.anonymised"),
        "can_correct": application.status == ApplicationStatus.RETURNED,
        "can_withdraw": application.status in review.ALLOWED_FROM["application.withdrawn"],
        "breadcrumbs": [("申込み状況の確認", None)],
    }
    response = render(request, "applications/status.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@with_application
def status_document(request, application, token, version, kind):
    return documents.document_response(application, version, kind)


@never_cache
@with_application
def status_correct(request, application, token):
    """After 差戻し: the application's latest answers, prefilled in the form to correct."""
    if application.status != ApplicationStatus.RETURNED:
        messages.info(request, "この申込みは修正を受け付ける状態ではありません。")
        return redirect("applications:status", token=token)
    drafts.store(request, drafts.Draft.from_version(application.latest_version))
    return redirect("applications:input")


@never_cache
@require_POST
@with_application
def status_withdraw(request, application, token):
    if request.POST.get("confirm") != "yes":
        messages.error(request, "取り下げる場合は、確認のチェックを入れてから送信してください。")
        return redirect("applications:status", token=token)
    try:
        review.withdraw(application, comment="申込者による取下げ")
    except review.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "申込みの取下げを受け付けました。")
    return redirect("applications:status", token=token)


# Japan Post's data changes with a release of the package, not by the day.
POSTAL_MAX_AGE = 30 * 24 * 60 * 60


@require_safe
@cache_control(public=True, max_age=POSTAL_MAX_AGE)
@cache_page_for_anonymous()
def postal_prefix(request, prefix):
    """The 郵便番号 table of one 3-digit prefix, for the form's address fill (``postal.py``)."""
    try:
        table = postal.prefix_table(prefix)
    except ValueError:
        raise Http404 from None
    return JsonResponse(table, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")})
