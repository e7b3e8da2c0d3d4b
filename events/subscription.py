"""The subscription calendar's body, built once per change of the events.

It is keyed on events.freshness's version (one aggregate query per request) and kept in the
shared cache, so one worker builds it for all; each worker also keeps the latest body in memory
under the same version, which saves reading some hundred kilobytes from the cache per request.
The version is read from the database every time, so neither copy is ever served stale."""

import gzip
import hashlib

from django.core.cache import cache
from django.utils import timezone

from .freshness import content_version
from .ical import calendar_bytes
from .models import Event

MAX_SECONDS = 60 * 60
_latest = {}  # this process's newest body: {"version": …, "value": (etag, body)}


def feed_body():
    """(ETag, iCalendar bytes, the same gzip-compressed) for /events/feed.ics."""
    now = timezone.now()
    version, valid_until = content_version(now)
    if _latest.get("version") == version:
        return _latest["value"]
    key = f"events:feed-ics:v2:{version}"  # v2: (etag, body, gzip body)
    value = cache.get(key)
    if value is None:
        body = calendar_bytes(Event.objects.live(now).order_by("starts_at", "pk"))
        value = (f'"{hashlib.sha256(body).hexdigest()[:32]}"', body, gzip.compress(body, mtime=0))
        seconds = max(1, min(MAX_SECONDS, int((valid_until - now).total_seconds())))
        cache.set(key, value, seconds)
    _latest.update(version=version, value=value)
    return value
