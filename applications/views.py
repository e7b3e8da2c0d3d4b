"""The application's pages: 入力 → 確認 → 完了, the applicant's status page, and the CSRF-failure
view that keeps typed input. Views are thin: forms validate, modules act."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from accounts.clients import rate_limit_key
from core.attachments import size_label

from . import drafts, links, review, submission
from .content import PURPOSE_OF_USE, PURPOSE_OF_USE_NOTES, sections
from .forms import HONEYPOT, ApplicationForm
from .models import Application, ApplicationStatus, PledgeVersion
from .pdf import DOCUMENTS
from .uploads import limit_uploads

RATE_LIMIT_GROUP = "applications.submit"


def _common(**context):
    return {
        "purpose_of_use": PURPOSE_OF_USE,
        "purpose_of_use_notes": PURPOSE_OF_USE_NOTES,
        **context,
    }


def _render_input(request, form, draft, status=200, **extra):
    form.describe_errors()
    context = _common(
        form=form,
        pledge=form.pledge,
        error_summary=form.error_summary() if form.is_bound else [],
        amend_number=draft.get("amend_number"),
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
    pledge = PledgeVersion.objects.current()
    if pledge is None:
        return _closed(request)
    draft = drafts.load(request)
    if request.method == "POST":
        form = ApplicationForm(
            request.POST, request.FILES, pledge=pledge, logo_name=draft.get("logo_name", "")
        )
        if "logo" in getattr(request, "oversized_uploads", ()):
            form.add_oversized_logo_error()
        if form.is_valid() and drafts.keep_logo(request, draft, form):
            draft["data"] = form.draft_data()
            draft["pledge_version"] = pledge.pk
            drafts.store(request, draft)
            return redirect("applications:confirm")
        return _render_input(request, form, draft)
    form = ApplicationForm(
        initial=draft.get("data"), pledge=pledge, logo_name=draft.get("logo_name", "")
    )
    return _render_input(request, form, draft)


def _render_confirm(request, draft, status=200, **extra):
    pledge = PledgeVersion.objects.filter(pk=draft.get("pledge_version")).first()
    data = draft["data"]
    context = _common(
        sections=sections({**data, "logo_name": draft.get("logo_name", "")}),
        data=data,
        pledge=pledge,
        payload=drafts.sign(draft),
        amend_number=draft.get("amend_number"),
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
    if "data" not in draft:
        return redirect("applications:input")
    draft.setdefault("token", uuid.uuid4().hex)
    drafts.store(request, draft)
    return _render_confirm(request, draft)


def _submit(request, draft):
    existing = submission.find(draft.get("token"))
    if existing is not None:
        return _completed(request, existing.application)
    if is_ratelimited(
        request,
        group=RATE_LIMIT_GROUP,
        key=rate_limit_key,
        rate=settings.APPLY_RATE_LIMIT,
        increment=True,
    ):
        return render(request, "applications/rate_limited.html", status=429)
    pledge = PledgeVersion.objects.filter(pk=draft.get("pledge_version")).first()
    logo_expired = drafts.forget_expired_logo(draft)
    form = ApplicationForm(
        data=drafts.as_form_data(draft["data"]), pledge=pledge, logo_name=draft.get("logo_name", "")
    )
    if logo_expired:
        form.add_error("logo", drafts.LOGO_EXPIRED)
    if pledge is None or not form.is_valid():
        drafts.store(request, draft)
        return _render_input(request, form, draft)
    try:
        result = submission.submit(
            form.draft_data(),
            token=draft["token"],
            pledge_version_id=pledge.pk,
            logo=draft.get("logo", ""),
            logo_name=draft.get("logo_name", ""),
            amend=draft.get("amend"),
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
            initial = {
                name: request.POST.getlist(name) if name == "categories" else request.POST.get(name)
                for name in ApplicationForm.base_fields
                if name != HONEYPOT and name in request.POST
            }
            form = ApplicationForm(
                initial=initial, pledge=pledge, logo_name=draft.get("logo_name", "")
            )
            return _render_input(request, form, draft, status=403, csrf_notice=True)
    if request.method == "POST" and request.path == reverse("applications:confirm"):
        try:
            draft = drafts.unsign(request.POST.get("payload", ""))
        except signing.BadSignature:
            draft = None
        if draft and "data" in draft:
            return _render_confirm(request, draft, status=403, csrf_notice=True)
    return django_csrf_failure(request, reason=reason)


# The applicant's status page, reached through the signed link in the acknowledgement mail.


def _application_from(request, token):
    try:
        pk, number = links.read_token(token)
    except signing.SignatureExpired:
        return None
    except signing.BadSignature:
        raise Http404 from None
    application = Application.objects.filter(pk=pk, number=number).first()
    if application is None or application.personal_data_deleted_at:
        raise Http404
    return application


def _expired(request):
    return render(request, "applications/status_expired.html", status=410)


def _documents(version, token):
    """[(label, url, "PDF 21KB"), …] of a version's stored PDFs."""
    documents = []
    for kind, (field_name, label) in DOCUMENTS.items():
        file = getattr(version, field_name)
        if file:
            url = reverse(
                "applications:status-document",
                kwargs={"token": token, "version": version.number, "kind": kind},
            )
            documents.append((label, url, f"PDF {size_label(file.size)}"))
    return documents


@never_cache
def status(request, token):
    application = _application_from(request, token)
    if application is None:
        return _expired(request)
    context = {
        "application": application,
        "token": token,
        "versions": [
            (version, _documents(version, token))
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
def status_document(request, token, version, kind):
    application = _application_from(request, token)
    if application is None:
        return _expired(request)
    return document_response(application, version, kind)


def document_response(application, version_number, kind):
    """A stored PDF as an inline download; 404 when it does not exist (yet)."""
    if kind not in DOCUMENTS:
        raise Http404
    version = application.versions.filter(number=version_number).first()
    field_name, label = DOCUMENTS[kind]
    file = getattr(version, field_name, None) if version else None
    if not file:
        raise Http404
    filename = f"{application.number}_{label}_第{version.number}版.pdf"
    response = FileResponse(file.open("rb"), content_type="application/pdf", filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
def status_correct(request, token):
    """After 差戻し: the application's latest answers, prefilled in the form to correct."""
    application = _application_from(request, token)
    if application is None:
        return _expired(request)
    if application.status != ApplicationStatus.RETURNED:
        messages.info(request, "この申込みは修正を受け付ける状態ではありません。")
        return redirect("applications:status", token=token)
    draft = drafts.from_version(application.latest_version)
    drafts.store(request, draft)
    return redirect("applications:input")


@never_cache
@require_POST
def status_withdraw(request, token):
    application = _application_from(request, token)
    if application is None:
        return _expired(request)
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
