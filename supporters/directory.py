"""Caching of the directory's expensive parts (the full grouped list, the open data).

The cache key is derived from the data itself, so nothing has to remember to invalidate it:
the number of supporters, the latest change, and the category links. Any save, delete, bulk
insert, import or category change gives a new key. Entries expire at the next scheduled
publish-from / publish-until moment, so timed publication shows up on time.
(A raw ``QuerySet.update()`` of supporters must set ``updated_at`` as well, or the cache keeps
the old lists until it expires.)
"""

import datetime
import hashlib
import pickle
import zlib

from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import Supporter

MAX_TIMEOUT = 60 * 60


def _as_datetime(value):
    """A MIN(...) of a datetime column from a raw query: a datetime (PostgreSQL) or a UTC
    string (SQLite)."""
    if value is None or isinstance(value, datetime.datetime):
        return value
    parsed = parse_datetime(str(value))
    return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=datetime.UTC)


class DirectoryState:
    """What the cache keys depend on, read in one small query."""

    def __init__(self, now=None):
        self.now = now or timezone.now()
        supporters = connection.ops.quote_name(Supporter._meta.db_table)
        links = connection.ops.quote_name(Supporter.categories.through._meta.db_table)
        moment = connection.ops.adapt_datetimefield_value(self.now)
        sql = (
            f"SELECT (SELECT COUNT(*) FROM {supporters}), (SELECT MAX(updated_at) FROM {supporters}), "
            f"(SELECT COUNT(*) FROM {links}), (SELECT MAX(id) FROM {links}), "
            f"(SELECT MIN(publish_from) FROM {supporters} WHERE publish_from > %s), "
            f"(SELECT MIN(publish_until) FROM {supporters} WHERE publish_until > %s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [moment, moment])
            count, changed, link_count, last_link, next_from, next_until = cursor.fetchone()
        fingerprint = f"{count}|{changed}|{link_count}|{last_link}"
        self.version = hashlib.sha1(fingerprint.encode(), usedforsecurity=False).hexdigest()[:16]
        boundaries = [t for t in (_as_datetime(next_from), _as_datetime(next_until)) if t]
        self.timeout = MAX_TIMEOUT
        if boundaries:
            seconds = (min(boundaries) - self.now) / datetime.timedelta(seconds=1)
            self.timeout = max(1, min(MAX_TIMEOUT, int(seconds) + 1))

    def key(self, *parts):
        return ":".join(["supporters", self.version, *map(str, parts)])

    def get_or_build(self, build, *parts):
        """The cached value for ``parts``, or ``build()`` stored under it. Values are kept
        compressed: the full directory is a few hundred kilobytes of HTML."""
        key = self.key(*parts)
        packed = cache.get(key)
        if packed is None:
            value = build()
            cache.set(key, _pack(value), self.timeout)
            return value
        return _unpack(packed)


def _pack(value):
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 6)


def _unpack(packed):
    return pickle.loads(zlib.decompress(packed))  # our own cache entries only


def detail_url_prefix():
    """「/supporters/s/」: list templates append slug + "/" instead of reversing per row."""
    return reverse("supporters:detail", kwargs={"slug": "-"}).removesuffix("-/")
