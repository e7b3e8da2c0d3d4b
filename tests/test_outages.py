"""Outages degrade, never break: with Redis unreachable the public pages render (the cache is
skipped), rate limits still count (in the database) and /healthz answers 503 naming the cache."""

import socket

import pytest
from django.core.cache import cache

from core import page_cache

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/supporters/", "/events/", "/apply/"]


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_cache(settings):
    """The production cache configuration (meetup_portal.settings) pointed at a given Redis URL."""

    def configure(url):
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        settings.CACHES = {
            **settings.CACHES,
            "default": {
                "BACKEND": "core.cache.ResilientRedisCache",
                "LOCATION": url,
                "OPTIONS": {
                    "socket_connect_timeout": 0.25,
                    "socket_timeout": 0.25,
                    "retry_on_timeout": False,
                    "retry": Retry(NoBackoff(), 0),
                },
            },
        }

    return configure


@pytest.fixture
def redis_unreachable(redis_cache, monkeypatch):
    from core.cache import ResilientRedisCache

    monkeypatch.setattr(ResilientRedisCache, "_last_outage_logged", float("-inf"))
    monkeypatch.setattr(ResilientRedisCache, "_skip_until", float("-inf"))
    redis_cache(f"redis://127.0.0.1:{closed_port()}/0")


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_render_with_redis_unreachable(client, seeded, redis_unreachable, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "<h1" in response.content.decode()


def test_the_outage_is_logged_and_calls_are_skipped(redis_unreachable, caplog):
    assert cache.get("anything", "fallback") == "fallback"
    assert cache.add("key", 1) is False
    cache.set("key", 1)  # nothing raised
    assert "Cache unreachable" in caplog.text
    assert page_cache.content_version()  # a fresh version, never stored


def test_healthz_names_the_cache_when_redis_is_unreachable(client, redis_unreachable):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["cache"]
    assert body["cache"] == "unavailable"
    assert body["database"] == "ok" and body["private_storage"] == "ok"


def test_healthz_is_ok_with_the_database_cache(client):
    """Positive control: the same check passes when the cache answers."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["cache"] == "ok"


def test_the_submission_rate_limit_counts_with_redis_unreachable(
    client, settings, redis_unreachable
):
    from tests.applications.test_flow import payload_of, submit, to_confirm

    settings.APPLY_RATE_LIMIT = "1/h"
    first = submit(client, payload_of(to_confirm(client)))
    assert first.status_code == 302
    second = submit(client, payload_of(to_confirm(client, email="other@example.jp")))
    assert second.status_code == 429


def test_the_redis_cache_builds_one_client_per_connection_pool(redis_cache):
    # Django's own builds a client object on every call, as costly as the call itself.
    from django.core.cache import caches

    redis_cache(f"redis://127.0.0.1:{closed_port()}/0")
    backend = caches["default"]._cache
    assert backend.get_client("a") is backend.get_client("b") is backend.get_client(write=True)
