"""``migrate`` creates the database cache table whenever a cache uses it: the default cache
without Redis, the rate-limit counters always (also beside Redis)."""

import pytest
from django.db import connection

from core.apps import create_cache_table


def _tables():
    return connection.introspection.table_names()


@pytest.mark.django_db(transaction=True)
def test_migrate_creates_the_rate_limit_table_when_the_default_cache_is_elsewhere(settings):
    settings.CACHES = {
        # Not the database (as with REDIS_URL): only the rate-limit counters need the table.
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                      "LOCATION": "test_ratelimit_table"},
    }  # fmt: skip
    assert "test_ratelimit_table" not in _tables()
    try:
        create_cache_table()
        assert "test_ratelimit_table" in _tables()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS test_ratelimit_table")


@pytest.mark.django_db(transaction=True)
def test_no_table_when_no_cache_uses_the_database(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                    "LOCATION": "test_ratelimit_table"},
    }  # fmt: skip
    create_cache_table()
    assert "test_ratelimit_table" not in _tables()
