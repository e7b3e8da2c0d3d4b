"""Request-level guards for staff: session lifetime, the second factor, and no-store."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from . import second_factor, sessions
from .policy import SECOND_FACTOR_PATH_PREFIXES, is_no_store_path

logger = logging.getLogger("accounts.security")

EXPIRY_MESSAGES = {
    "idle": "一定時間操作がなかったため、ログアウトしました。もう一度ログインしてください。",
    "absolute": "ログインしてから長時間が経過したため、ログアウトしました。もう一度ログインしてください。",
}


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every response under NO_STORE_PATH_PREFIXES and
    NO_STORE_PATH_PATTERNS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_no_store_path(request.path):
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
                if request.path.startswith(SECOND_FACTOR_PATH_PREFIXES):
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
    """Under SECOND_FACTOR_PATH_PREFIXES (the admin, and whatever else serves personal
    data), an account that needs a second factor and has not given it in this session is sent to
    the code page, or to the enrolment page while it has no confirmed device."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(SECOND_FACTOR_PATH_PREFIXES):
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
