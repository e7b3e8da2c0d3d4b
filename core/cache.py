"""The shared cache survives a Redis outage: every operation that cannot reach Redis is logged and
skipped (a read is a miss, a write does nothing), so pages are rendered afresh instead of failing.
Rate limits and login throttling never depend on it (they count in the database: settings,
``RATELIMIT_USE_CACHE``, and django-axes' database handler). ``/healthz`` reports the outage."""

import logging
import time
from functools import wraps
from uuid import uuid4

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (ConnectionError, TimeoutError, OSError)
LOG_EVERY_SECONDS = 60  # one warning a minute per process while Redis is away, not one per call
# After a failed call the process leaves Redis alone for this long (each call would otherwise
# wait for its connection to be refused or time out).
SKIP_SECONDS = 2.0


def _skipped_on_outage(method, fallback):
    @wraps(method)
    def wrapper(self, *args, **kwargs):
        if time.monotonic() < self._skip_until:
            return fallback(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except OUTAGE_ERRORS as error:
            now = time.monotonic()
            type(self)._skip_until = now + SKIP_SECONDS
            if now - self._last_outage_logged >= LOG_EVERY_SECONDS:
                type(self)._last_outage_logged = now
                logger.warning(
                    "Cache unreachable, skipped (%s: %s)", method.__name__, type(error).__name__
                )
            return fallback(*args, **kwargs)

    return wrapper


def _default(key, default=None, *args, **kwargs):
    return default


class _OneClientPerPool(RedisCacheClient):
    """Django's Redis client builds a new ``redis.Redis`` on every call (a tenth of a
    millisecond of CPU, as much as the call itself); one per connection pool serves them all
    (redis-py's clients are thread-safe; the pool holds the options)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, with outages skipped instead of raised."""

    _last_outage_logged = float("-inf")
    _skip_until = float("-inf")

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _OneClientPerPool

    get = _skipped_on_outage(RedisCache.get, _default)
    set = _skipped_on_outage(RedisCache.set, lambda *a, **k: None)
    add = _skipped_on_outage(RedisCache.add, lambda *a, **k: False)
    touch = _skipped_on_outage(RedisCache.touch, lambda *a, **k: False)
    delete = _skipped_on_outage(RedisCache.delete, lambda *a, **k: False)
    has_key = _skipped_on_outage(RedisCache.has_key, lambda *a, **k: False)
    get_many = _skipped_on_outage(RedisCache.get_many, lambda *a, **k: {})
    set_many = _skipped_on_outage(RedisCache.set_many, lambda *a, **k: [])
    delete_many = _skipped_on_outage(RedisCache.delete_many, lambda *a, **k: None)
    clear = _skipped_on_outage(RedisCache.clear, lambda *a, **k: False)

    def is_reachable(self) -> bool:
        """Ask Redis itself, past the skipping (for /healthz)."""
        try:
            key = self.make_and_validate_key(f"healthz:{uuid4().hex}")
            client = self._cache.get_client(key, write=True)
            return bool(client.ping())
        except OUTAGE_ERRORS:
            return False


def is_reachable(alias="default") -> bool:
    """Whether the cache answers: Redis is pinged; the database cache is a table in the
    database, which /healthz checks apart."""
    cache = caches[alias]
    if isinstance(cache, ResilientRedisCache):
        return cache.is_reachable()
    return True
