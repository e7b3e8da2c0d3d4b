"""Lifetime of signed-in sessions and ending an account's sessions on the server."""

import logging
import time
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.utils import timezone

from .models import UserSession

logger = logging.getLogger("accounts.security")

SIGNED_IN_AT = "accounts.signed_in_at"
LAST_SEEN_AT = "accounts.last_seen_at"
TRACKED_KEY = "accounts.tracked_session_key"
# Activity is written to the session at most this often, not on every request.
TOUCH_INTERVAL_SECONDS = 60


def now():
    return int(time.time())


def idle_limit_seconds():
    return settings.STAFF_SESSION_IDLE_MINUTES * 60


def warning_seconds():
    """How long before the idle limit the page offers to continue (accounts/session-warning.js)."""
    return settings.STAFF_SESSION_WARNING_SECONDS


def absolute_limit_seconds():
    return settings.STAFF_SESSION_MAX_HOURS * 3600


def start(request, user):
    """Called at sign-in: the absolute and idle clocks start now. Mappings older than the
    absolute limit belong to sessions that can no longer be used and are dropped."""
    UserSession.objects.filter(
        user=user, created_at__lt=timezone.now() - timedelta(seconds=absolute_limit_seconds())
    ).delete()
    stamp = now()
    request.session[SIGNED_IN_AT] = stamp
    request.session[LAST_SEEN_AT] = stamp
    request.session.set_expiry(idle_limit_seconds())
    track(request, user)


def expiry_reason(session):
    """ "idle" or "absolute" when a signed-in session has run out, else None."""
    current = now()
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen_at = session.get(LAST_SEEN_AT)
    if signed_in_at is not None and current - signed_in_at >= absolute_limit_seconds():
        return "absolute"
    if last_seen_at is not None and current - last_seen_at >= idle_limit_seconds():
        return "idle"
    return None


def touch(request):
    """Note activity (at most once a minute) and push the session's own expiry forward."""
    session = request.session
    current = now()
    if SIGNED_IN_AT not in session:
        session[SIGNED_IN_AT] = current
    if current - session.get(LAST_SEEN_AT, 0) >= TOUCH_INTERVAL_SECONDS:
        session[LAST_SEEN_AT] = current
        session.set_expiry(idle_limit_seconds())


def seconds_left(session):
    """Seconds until this session ends by the idle or the absolute limit, as the server counts."""
    current = now()
    idle_left = idle_limit_seconds() - (current - session.get(LAST_SEEN_AT, current))
    absolute_left = absolute_limit_seconds() - (current - session.get(SIGNED_IN_AT, current))
    return max(0, min(idle_left, absolute_left))


def extend(request):
    """The person asked to continue: the idle clock restarts now (however recent the last
    noted activity), within the absolute limit. Returns the seconds left."""
    session = request.session
    session[LAST_SEEN_AT] = now()
    session.set_expiry(idle_limit_seconds())
    return seconds_left(session)


def track(request, user):
    """Map the current session key to its account (again after the key changed)."""
    session = request.session
    key = session.session_key
    if key is None or session.get(TRACKED_KEY) == key:
        return
    UserSession.objects.update_or_create(session_key=key, defaults={"user": user})
    session[TRACKED_KEY] = key


def forget(session_key):
    UserSession.objects.filter(session_key=session_key).delete()


def end_sessions(user, reason):
    """Delete every tracked session of ``user`` from the session store."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(session_key__in=keys).delete()
    if keys:
        logger.warning("ended %d session(s) of %s: %s", len(keys), user.get_username(), reason)
    return len(keys)
