"""Caching of the directory's expensive parts (the full grouped list, the open data).

The cache key is derived from the data itself, so nothing has to remember to invalidate it:
the number of supporters, the latest change, and the category links. Any save, delete, bulk
insert, import or category change gives a new key. Entries expire at the next scheduled
publish-from / publish-until moment, so timed publication shows up on time.
"""

import datetime
import hashlib

from django.core.cache import cache
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from .models import Supporter

MAX_TIMEOUT = 60 * 60


class DirectoryState:
    """What the cache keys depend on, read in two small aggregate queries."""

    def __init__(self, now=None):
        self.now = now or timezone.now()
        supporters = Supporter.objects.order_by().aggregate(
            count=Count("pk"),
            changed=Max("updated_at"),
            next_from=Min("publish_from", filter=Q(publish_from__gt=self.now)),
            next_until=Min("publish_until", filter=Q(publish_until__gt=self.now)),
        )
        links = Supporter.categories.through.objects.order_by().aggregate(
            count=Count("pk"), last=Max("pk")
        )
        fingerprint = "|".join(
            str(value)
            for value in (
                supporters["count"],
                supporters["changed"],
                links["count"],
                links["last"],
            )
        )
        self.version = hashlib.sha1(fingerprint.encode(), usedforsecurity=False).hexdigest()[:16]
        boundaries = [t for t in (supporters["next_from"], supporters["next_until"]) if t]
        self.timeout = MAX_TIMEOUT
        if boundaries:
            seconds = (min(boundaries) - self.now) / datetime.timedelta(seconds=1)
            self.timeout = max(1, min(MAX_TIMEOUT, int(seconds) + 1))

    def key(self, *parts):
        return ":".join(["supporters", self.version, *map(str, parts)])

    def get_or_build(self, build, *parts):
        """The cached value for ``parts``, or ``build()`` stored under it."""
        key = self.key(*parts)
        value = cache.get(key)
        if value is None:
            value = build()
            cache.set(key, value, self.timeout)
        return value
