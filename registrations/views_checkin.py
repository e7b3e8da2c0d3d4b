"""The registrant's side of attendance: the 出席コード of an online session, entered on their own
page (/registrations/<token>/). The page itself shows the QR code for the desk and the form
(``checkin.for_registrant``, ``reception/registrant.html``); this view takes the code and comes
back to the page with the result. Wrong codes are counted per registration (django-ratelimit,
ATTENDANCE_CODE_RATE_LIMIT), so a code cannot be guessed."""

from django.conf import settings
from django.core import signing
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from events.models import Event

from . import checkin, links
from .checkin_forms import AttendanceCodeForm
from .views import with_registration

RATE_LIMIT_GROUP = "registrations.attendance-code"
RESULT_KEY = "registrations.attendance"
TOO_MANY = "出席コードの入力が続けて誤っています。しばらくしてからもう一度お試しください。"
RESEND = (
    "送信を受け付けられませんでした。お手数ですが、もう一度「出席を記録する」を押してください。"
)


def _limited(request, registration, increment):
    return is_ratelimited(
        request,
        group=RATE_LIMIT_GROUP,
        key=lambda group, request: str(registration.pk),
        rate=settings.ATTENDANCE_CODE_RATE_LIMIT,
        increment=increment,
    )


@never_cache
@require_POST
@with_registration
def attendance_code(request, registration, token, event_pk):
    event = get_object_or_404(Event, pk=event_pk, registration_sessions__registration=registration)
    form = AttendanceCodeForm(request.POST)
    result = {"event": event.pk, "registration": registration.pk}
    if not form.is_valid():
        result["error"] = form.errors["code"][0]
    elif _limited(request, registration, increment=False):
        result["error"] = TOO_MANY
    else:
        try:
            recorded = checkin.check_in_with_code(registration, event, form.cleaned_data["code"])
        except checkin.WrongCode as error:
            limited = _limited(request, registration, increment=True)
            result["error"] = TOO_MANY if limited else str(error)
        except checkin.CheckInError as error:
            result["error"] = str(error)
        else:
            result["ok"] = recorded.message
    if "error" in result:
        result["value"] = request.POST.get("code", "")[:20]
    request.session[RESULT_KEY] = result
    return redirect(f"{reverse('registrations:page', args=[token])}#attendance-{event.pk}")


def csrf_failure(request):
    """A 出席コード sent with a missing or stale CSRF token: back to the page with the code kept,
    asking to send it again (nothing is recorded). None when the link is not ours."""
    kwargs = request.resolver_match.kwargs
    try:
        pk, _number = links.read_token(kwargs.get("token", ""))
    except signing.BadSignature:
        return None
    event_pk = kwargs.get("event_pk")
    request.session[RESULT_KEY] = {
        "event": event_pk,
        "registration": pk,
        "error": RESEND,
        "value": request.POST.get("code", "")[:20],
    }
    return redirect(
        f"{reverse('registrations:page', args=[kwargs['token']])}#attendance-{event_pk}"
    )


def page_context(request, registration, token):
    """The check-in parts of the registrant's page (``views.page``): the QR code, the online
    sessions' 出席コード forms, and the outcome of the code just sent (shown once)."""
    attendance = checkin.for_registrant(registration)
    result = request.session.get(RESULT_KEY)
    if result and result.get("registration") == registration.pk:
        del request.session[RESULT_KEY]
    else:
        result = None
    if attendance:
        for item in attendance["online"]:
            event = item["event"]
            item["url"] = reverse("registrations:attendance-code", args=[token, event.pk])
            item["result"] = result if result and result["event"] == event.pk else None
            if item["result"] and "error" in item["result"]:
                anchor = f"attendance-code-{event.pk}"
                item["error_summary"] = [("出席コード", item["result"]["error"], anchor)]
    return {"attendance": attendance}
