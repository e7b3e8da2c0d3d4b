"""The subscription calendar's body, built once per change and kept in the shared cache.

The cache key is the number of live events and their latest update time (one aggregate query);
any save, publish, unpublish or delete changes it. Entries also expire after ten minutes, which
bounds how late an event whose publication window opens or closes by itself appears or goes."""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max

from .ical import calendar_bytes
from .models import Event

CACHE_SECONDS = 10 * 60


def feed_body():
    """(ETag, iCalendar bytes) for /events/feed.ics."""
    live = Event.objects.live()
    state = live.aggregate(count=Count("pk"), latest=Max("updated_at"))
    version = f"{state['count']}-{state['latest'].timestamp() if state['latest'] else 0}"
    key = f"events:feed-ics:{version}"
    cached = cache.get(key)
    if cached is None:
        body = calendar_bytes(live.order_by("starts_at", "pk"))
        cached = (f'"{hashlib.sha256(body).hexdigest()[:32]}"', body)
        cache.set(key, cached, CACHE_SECONDS)
    return cached
