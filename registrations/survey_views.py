"""The public survey page (/registrations/survey/<token>/), reached through the signed link in
the survey mail; no account. One answer per registrant and session: after it, the page thanks.
A form sent with a stale CSRF token comes back with what was typed (``csrf_failure``)."""

from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from . import surveys
from .forms import HONEYPOT
from .survey_forms import SurveyForm
from .views import over_rate_limit

RATE_LIMIT_GROUP = "registrations.survey"


def _render(request, template, session, status=200, **context):
    context = {
        "event": session.event,
        "survey": session.event.survey,
        "breadcrumbs": [("アンケート", None)],
        **context,
    }
    response = render(request, f"registrations/survey/{template}.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def _render_form(request, session, form, status=200, **extra):
    form.describe_errors()
    error_summary = form.error_summary() if form.is_bound else []
    return _render(
        request, "form", session, status, form=form, error_summary=error_summary, **extra
    )


def _form(session, *args, **kwargs):
    return SurveyForm(*args, questions=session.event.survey.questions.all(), **kwargs)


def _session_or_page(request, token):
    """(session, None), or (None, the page to answer with) for an expired or unusable link."""
    try:
        session = surveys.session_for_token(token)
    except signing.SignatureExpired:
        response = render(request, "registrations/survey/expired.html", status=410)
        response["X-Robots-Tag"] = "noindex"
        return None, response
    if session is None:
        raise Http404
    return session, None


@never_cache
def survey(request, token):
    session, page = _session_or_page(request, token)
    if page is not None:
        return page
    if hasattr(session, "survey_response"):
        return _render(request, "thanks", session)
    if not session.event.survey.is_open():
        return _render(request, "closed", session)
    if request.method != "POST":
        return _render_form(request, session, _form(session))
    if over_rate_limit(request, RATE_LIMIT_GROUP):
        return render(request, "rate_limited.html", status=429)
    form = _form(session, request.POST)
    if not form.is_valid():
        return _render_form(request, session, form)
    try:
        surveys.answer(
            session,
            satisfaction=form.cleaned_data["satisfaction"],
            comment=form.cleaned_data.get("comment") or "",
            answers=form.answers(),
        )
    except surveys.SurveyError as error:
        form.add_error(None, str(error))
        return _render_form(request, session, form)
    return redirect("registrations:survey", token=token)


def csrf_failure(request, reason=""):
    """The survey sent with a missing or stale CSRF token: the form again with what was typed.
    None for any other path (the caller answers)."""
    match = request.resolver_match
    if request.method != "POST" or not match or match.view_name != "registrations:survey":
        return None
    try:
        session = surveys.session_for_token(match.kwargs.get("token", ""))
    except signing.BadSignature:
        return None
    if session is None or hasattr(session, "survey_response"):
        return None
    form = _form(session)
    form.initial = {
        name: request.POST.get(name)
        for name in form.fields
        if name != HONEYPOT and name in request.POST
    }
    return _render_form(request, session, form, status=403, csrf_notice=True)
