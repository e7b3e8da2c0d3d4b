"""The settings module: local defaults, production hardening, shared cache."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PROJECT = Path(__file__).resolve().parents[1]


def run_manage(*args, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "x" * 20 + "-production-secret-for-the-settings-test-" + "y" * 20,
    "DJANGO_ALLOWED_HOSTS": "meetup.example.go.jp",
    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}


def test_check_deploy_passes_with_no_warning_in_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def settings_from(*expressions, **env):
    """The values of ``expressions`` (about ``s``, the settings) in a fresh process with ``env``."""
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps([{', '.join(expressions)}], default=str))"
    )
    result = run_manage("shell", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_production_settings_are_hardened():
    names = [
        "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE",
        "SECURE_HSTS_SECONDS", "DEBUG",
    ]  # fmt: skip
    values = settings_from(*(f"s.{name}" for name in names), **PRODUCTION)
    assert values == [True, True, True, True, "Lax", "Lax", 31536000, False]


def test_ssl_redirect_can_be_switched_off_for_tls_terminating_proxies():
    assert settings_from(
        "s.SECURE_SSL_REDIRECT", DJANGO_SECURE_SSL_REDIRECT="false", **PRODUCTION
    ) == [False]


def test_local_mode_uses_sqlite_in_the_project_folder():
    name, debug = settings_from("s.DATABASES['default']['NAME']", "s.DEBUG")
    assert Path(name) == PROJECT / "db.sqlite3" and debug is True


def test_database_url_switches_to_postgresql():
    database = "s.DATABASES['default']"
    values = settings_from(
        f"{database}['ENGINE']", f"{database}['NAME']",
        DATABASE_URL="postgres://u:p@db.example:5432/portal",
    )  # fmt: skip
    assert values == ["django.db.backends.postgresql", "portal"]


def test_redis_url_switches_the_shared_cache_to_redis():
    backend = settings_from("s.CACHES['default']['BACKEND']", REDIS_URL="redis://127.0.0.1:6379/3")
    assert backend == ["core.cache.ResilientRedisCache"]


def test_sqlite_is_configured_for_concurrent_web_use():
    """Local mode (no DATABASE_URL) is SQLite, whichever database this suite runs on."""
    [options] = settings_from("s.DATABASES['default']['OPTIONS']")
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5


def test_cache_is_shared_between_processes_never_per_process_memory():
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend.endswith(("DatabaseCache", "RedisCache")), backend


@pytest.mark.parametrize(
    "backend", [None, "django.core.mail.backends.console.EmailBackend"], ids=["unset", "console"]
)
def test_check_deploy_fails_without_a_mail_backend_that_delivers(backend):
    environment = {**PRODUCTION}
    environment.pop("DJANGO_EMAIL_BACKEND")
    if backend:
        environment["DJANGO_EMAIL_BACKEND"] = backend
    result = run_manage("check", "--deploy", **environment)
    assert result.returncode != 0
    assert "meetup.E001" in result.stderr and "DJANGO_EMAIL_BACKEND" in result.stderr


def test_mail_connections_time_out():
    assert settings_from("s.EMAIL_TIMEOUT", **PRODUCTION) == [10]


@pytest.mark.django_db
def test_status_link_tokens_never_reach_the_log(client):
    """Through the handler the settings configure (the one that writes the server log)."""
    import io
    import logging

    from core.logging import MaskStatusTokens

    (handler,) = [
        handler
        for handler in logging.getLogger("django").handlers
        if any(isinstance(f, MaskStatusTokens) for f in handler.filters)
    ]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        client.get("/apply/status/SECRET-TOKEN-123/no-such-page/")
        client.get("/apply/status/SECRET-TOKEN-456/documents/9/application/")
    finally:
        handler.setStream(previous)
    logged = stream.getvalue()
    assert "Not Found: /apply/status/[token]/" in logged, logged
    assert "SECRET-TOKEN" not in logged


@pytest.mark.django_db
def test_responses_carry_a_cross_origin_resource_policy(client):
    assert client.get("/")["Cross-Origin-Resource-Policy"] == "same-origin"
    assert client.get("/robots.txt")["Cross-Origin-Resource-Policy"] == "same-origin"


def test_files_nginx_serves_itself_carry_a_cross_origin_resource_policy():
    """/static/ and /media/ never reach Django; an add_header in a location replaces the ones
    nginx would inherit, so each such location needs its own."""
    config = (PROJECT / "deploy" / "nginx.conf").read_text()
    for location in ("/static/", "/media/"):
        block = config.split(f"location {location} {{", 1)[1].split("}", 1)[0]
        assert "add_header Cross-Origin-Resource-Policy same-origin always;" in block, location
