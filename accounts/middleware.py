"""Request-level guards: the request body limit, no-store, and for staff the session lifetime and
the second factor."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers

from . import second_factor, sessions
from .cache import path_is_private

logger = logging.getLogger("accounts.security")

EXPIRY_MESSAGES = {
    "idle": "一定時間操作がなかったため、ログアウトしました。もう一度ログインしてください。",
    "absolute": "ログインしてから長時間が経過したため、ログアウトしました。もう一度ログインしてください。",
}


def body_limit(path):
    """The largest request body accepted for ``path``: the admin takes page attachments (up to
    20 MB), the public site at most a logo (5 MB) with its form."""
    if path.startswith("/admin/"):
        return settings.ADMIN_REQUEST_BODY_MAX_BYTES
    return settings.REQUEST_BODY_MAX_BYTES


class RequestBodyLimitMiddleware:
    """Refuses a body over ``body_limit`` from its Content-Length, before anything reads it
    (413 with a short page), and a Content-Length that is not a number (400). Django never reads
    more than Content-Length, and a body sent without one is read as empty, so the declared
    length bounds what is read. Slow clients are the proxy's job (deploy/nginx.conf)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if not (declared.isascii() and declared.isdigit()):
            raise BadRequest("Malformed Content-Length header.")
        if int(declared) > body_limit(request.path):
            return render(request, "413.html", status=413)
        return self.get_response(request)


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every response under NO_STORE_PATH_PREFIXES."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if path_is_private(request.path):
            add_never_cache_headers(response)
        return response


class StaffSessionMiddleware:
    """Signed-in sessions end after STAFF_SESSION_IDLE_MINUTES without a request and after
    STAFF_SESSION_MAX_HOURS in all; the session is deleted on the server, not just forgotten."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            # No session cookie, nobody signed in: public visitors cost nothing here. (Sign-in
            # itself starts the clocks and the tracking through the user_logged_in signal.)
            return self.get_response(request)
        if request.user.is_authenticated:
            reason = sessions.expiry_reason(request.session)
            if reason is not None:
                logger.info("session ended (%s): %s", reason, request.user.get_username())
                logout(request)
                if request.path.startswith(tuple(settings.STAFF_SECOND_FACTOR_PATH_PREFIXES)):
                    messages.info(request, EXPIRY_MESSAGES[reason])
                    return redirect_to_login(request.get_full_path())
            else:
                sessions.touch(request)
        response = self.get_response(request)
        if request.user.is_authenticated:
            sessions.track(request, request.user)
        return response


def second_factor_exempt(view):
    """Mark a view that a visitor half-way through signing in may open."""
    view.second_factor_exempt = True
    return view


class SecondFactorRequiredMiddleware:
    """Under STAFF_SECOND_FACTOR_PATH_PREFIXES (the admin, and whatever else serves personal
    data), an account that needs a second factor and has not given it in this session is sent to
    the code page, or to the enrolment page while it has no confirmed device."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(tuple(settings.STAFF_SECOND_FACTOR_PATH_PREFIXES)):
            return None
        if getattr(view_func, "second_factor_exempt", False):
            return None
        if request.resolver_match.view_name == "admin:logout":
            return None
        if not second_factor.needs_second_step(request):
            return None
        user = second_factor.flow_user(request)
        response = redirect(second_factor.next_step(user, request.get_full_path()))
        add_never_cache_headers(response)
        return response
