"""Login throttling (django-axes): per account, per address, one refusal for every reason."""

import logging
from datetime import timedelta

import pytest
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils.module_loading import import_string

from accounts.forms import LOGIN_REFUSED
from tests.factories import TEST_PASSWORD, content_editor

from .factories import password_step

pytestmark = pytest.mark.django_db

WRONG = TEST_PASSWORD + "-wrong"


def refusal(response):
    """What the visitor sees when refused: the status and the page without its CSRF token."""
    html = response.content.decode()
    start = html.index('<main id="content-start"')
    end = html.index("</main>")
    body = html[start:end]
    body = body[: body.index('name="csrfmiddlewaretoken"')] + body[body.index('name="username"') :]
    return response.status_code, body.replace(response.wsgi_request.POST["username"], "NAME")


def test_five_wrong_passwords_lock_the_account_like_an_unknown_one(client):
    editor = content_editor(username="tanaka")
    for _ in range(4):
        response = password_step(client, editor, WRONG)
        assert response.status_code == 200 and LOGIN_REFUSED in response.content.decode()
    wrong = password_step(client, editor, WRONG)  # the fifth failure locks
    locked = password_step(client, editor)  # the right password, during the cool-off
    unknown = password_step(client, "nobody-by-this-name", WRONG)
    assert "_auth_user_id" not in client.session
    assert LOGIN_REFUSED in locked.content.decode()
    assert refusal(locked) == refusal(unknown) == refusal(wrong)
    assert client.get("/admin/").status_code == 302


def test_lock_ends_after_the_cool_off(client):
    editor = content_editor()
    for _ in range(5):
        password_step(client, editor, WRONG)
    assert password_step(client, editor).status_code == 200
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time
        - settings.AXES_COOLOFF_TIME
        - timedelta(seconds=1)
    )
    response = password_step(client, editor)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_one_address_is_locked_after_twenty_failures_across_accounts(client):
    victim = content_editor()
    for number in range(settings.STAFF_LOGIN_ADDRESS_FAILURE_LIMIT):
        # four tries per made-up name: no single account reaches its own limit
        password_step(client, f"guess{number // 4}", WRONG)
    assert password_step(client, victim).status_code == 200
    assert "_auth_user_id" not in client.session
    other_address = client.post(
        "/admin/login/",
        {"username": victim.username, "password": TEST_PASSWORD},
        REMOTE_ADDR="192.0.2.10",
    )
    assert other_address.status_code == 302


def test_nineteen_failures_from_one_address_do_not_lock_it(client):
    victim = content_editor()
    for number in range(settings.STAFF_LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        password_step(client, f"guess{number // 4}", WRONG)
    assert password_step(client, victim).status_code == 302


def test_attempts_are_kept_in_the_shared_database():
    handler = import_string(settings.AXES_HANDLER)
    assert issubclass(handler, AxesDatabaseHandler)


def test_success_failure_and_lock_out_are_logged(client, caplog):
    caplog.set_level(logging.INFO, logger="accounts")
    editor = content_editor(username="suzuki")
    password_step(client, editor)
    client.post("/admin/logout/")
    for _ in range(5):
        password_step(client, editor, WRONG)
    lines = [record.getMessage() for record in caplog.records if record.name.startswith("accounts")]
    assert any(line.startswith("login succeeded: suzuki from 127.0.0.1") for line in lines)
    assert sum(line.startswith("login failed: suzuki from 127.0.0.1") for line in lines) == 5
    assert any(line.startswith("login locked out: suzuki from 127.0.0.1") for line in lines)
    assert AccessLog.objects.filter(username="suzuki").count() == 1
    assert AccessFailureLog.objects.filter(username="suzuki", locked_out=True).exists()


def test_a_success_resets_the_account_counter(client):
    editor = content_editor()
    for _ in range(4):
        password_step(client, editor, WRONG)
    password_step(client, editor)
    client.post("/admin/logout/")
    for _ in range(4):
        password_step(client, editor, WRONG)
    assert password_step(client, editor).status_code == 302


def test_a_success_clears_only_that_accounts_failures(client):
    """Five wrong passwords lock A; B signing in from the same address must not lift A's lock."""
    account_a = content_editor(username="account-a")
    account_b = content_editor(username="account-b")
    for _ in range(5):
        password_step(client, account_a, WRONG)
    assert password_step(client, account_b).status_code == 302
    client.post("/admin/logout/")
    response = password_step(client, account_a)
    assert response.status_code == 200 and LOGIN_REFUSED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_success_clears_the_accounts_own_failures_only(client):
    account_a = content_editor(username="account-a")
    account_b = content_editor(username="account-b")
    for _ in range(3):
        password_step(client, account_a, WRONG)
        password_step(client, account_b, WRONG)
    password_step(client, account_b)
    assert not AccessAttempt.objects.filter(username="account-b").exists()
    assert AccessAttempt.objects.get(username="account-a").failures_since_start == 3


# --- behind the TLS proxy (DJANGO_BEHIND_TLS_PROXY=true, one trusted proxy) ---------------------

PROXY = "10.0.0.1"  # REMOTE_ADDR of every request: the proxy


def forwarded_login(client, user_or_name, password, chain):
    username = getattr(user_or_name, "username", user_or_name)
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=chain,
    )


def test_behind_the_proxy_failures_from_other_clients_do_not_lock_an_address(client, settings):
    settings.CLIENT_ADDRESS_PROXY_COUNT = 1
    victim = content_editor()
    # twenty failures from four clients: five each, over made-up names (no account reaches a limit)
    for number in range(settings.STAFF_LOGIN_ADDRESS_FAILURE_LIMIT):
        client_ip = f"198.51.100.{number % 4 + 1}"
        forwarded_login(client, f"guess{number}", WRONG, client_ip)
    response = forwarded_login(client, victim, TEST_PASSWORD, "203.0.113.9")
    assert response.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        f"198.51.100.{n}" for n in range(1, 5)
    }


def test_behind_the_proxy_a_spoofed_left_entry_does_not_escape_the_address_limit(client, settings):
    settings.CLIENT_ADDRESS_PROXY_COUNT = 1
    victim = content_editor()
    for number in range(settings.STAFF_LOGIN_ADDRESS_FAILURE_LIMIT):
        # the client invents a new left-most entry every time; the proxy appends the real one
        forwarded_login(client, f"guess{number // 4}", WRONG, f"192.0.2.{number}, 198.51.100.7")
    response = forwarded_login(client, victim, TEST_PASSWORD, "192.0.2.200, 198.51.100.7")
    assert response.status_code == 200 and LOGIN_REFUSED in response.content.decode()
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}
