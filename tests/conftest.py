"""Fixtures shared by every app's tests: temporary media, users, and a Chromium browser."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    """The two-server test (tests/test_two_servers.py) starts nginx, two gunicorn servers and
    their workers on PostgreSQL and Redis: it runs only when asked for with TWO_SERVER_TEST=1
    (.ci/run), and is reported as deselected otherwise."""
    if os.environ.get("TWO_SERVER_TEST"):
        return
    deselected = [item for item in items if item.get_closest_marker("two_servers")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("two_servers")]


@pytest.fixture(scope="session")
def django_db_modify_db_settings():
    """Tests that run threads or processes against the live server need a file database: SQLite's
    in-memory test database is private to one connection."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(settings.BASE_DIR / ".pytest-db.sqlite3")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"


@pytest.fixture(autouse=True)
def _fast_password_hashing(request, settings):
    """Argon2 costs ~0.2 s a hash by design; tests that are not about hashing use a fast one."""
    if not request.node.get_closest_marker("real_password_hashers"):
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """The database cache table is not emptied by the flush after transactional tests; clear it
    so that a cached row never outlives the test that wrote it."""
    yield
    uses_database = request.node.get_closest_marker("django_db") or (
        {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    )
    if uses_database:
        from django.core.cache import cache

        cache.clear()


@pytest.fixture(autouse=True)
def _site_settings_row(request):
    """The settings row exists, as on any site that has served a page: its creation by the
    first page of a fresh database would be a change of content of its own (core.page_cache)."""
    if request.node.get_closest_marker("django_db"):
        from pages.models import SiteSettings

        SiteSettings.load()


@pytest.fixture
def seeded(db, request):
    """The demo content of ``seed_demo``; a module or test asks for synthetic volume with
    ``@pytest.mark.seed_demo(supporters=80, events=40)``."""
    from django.core.management import call_command

    marker = request.node.get_closest_marker("seed_demo")
    call_command("seed_demo", verbosity=0, **(marker.kwargs if marker else {}))


@pytest.fixture(params=["page cache", "rendered"])
def visitor(request, client):
    """An anonymous visitor served from the page cache, and one whose request is rendered
    (a session cookie bypasses the cache, as for signed-in staff)."""
    from django.conf import settings

    if request.param == "rendered":
        client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    return client


@pytest.fixture
def migration_data(transactional_db):
    """Content rows that data migrations create (the eight activity categories, the first
    pledge). A transactional test's flush removes them (the staff roles come back by themselves
    through post_migrate), so transactional tests that need them ask for this fixture."""
    import datetime
    import importlib

    from applications.models import PledgeVersion
    from supporters.models import Category

    Category.objects.ensure_all()
    if not PledgeVersion.objects.exists():
        first = importlib.import_module(
            "applications.migrations.0002_first_pledge_and_reviewer_permissions"
        )
        PledgeVersion.objects.create(
            title="暴力団排除に関する誓約書",
            text=first.PLEDGE_TEXT,
            effective_on=datetime.date(2021, 3, 1),
        )


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not (os.path.exists(CHROMIUM) and shutil.which(CHROMIUM)):
        message = f"Chromium is not installed at {CHROMIUM} (Debian package 'chromium')"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "; browser tests are required under CI=true")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab (own storage) with the live server as base URL."""
    context = browser.new_context(base_url=live_server.url, locale="ja-JP")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()
