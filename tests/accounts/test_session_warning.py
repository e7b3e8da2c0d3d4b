"""The idle-limit warning: its markup on staff pages and the endpoint that extends the session."""

import re

import pytest
from django.test import Client

from accounts import sessions
from tests.factories import content_editor

pytestmark = pytest.mark.django_db

EXTEND_URL = "/admin/session/extend/"


def signed_in_client(**kwargs):
    client = Client(**kwargs)
    client.force_login(content_editor())  # starts the session clocks (user_logged_in)
    return client


def age_session(client, seconds):
    session = client.session
    session[sessions.LAST_SEEN_AT] -= seconds
    session.save()


def test_staff_pages_carry_the_warning_with_the_seconds_left(client, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    client = signed_in_client()
    html = client.get("/admin/").content.decode()
    dialog = re.search(r'<dialog id="session-warning"[^>]*>', html).group(0)
    assert 'role="alertdialog"' in dialog and 'aria-labelledby="session-warning-title"' in dialog
    seconds_left = int(re.search(r'data-seconds-left="(\d+)"', dialog).group(1))
    assert 30 * 60 - 5 <= seconds_left <= 30 * 60
    assert 'data-warning-seconds="120"' in dialog
    assert 'data-extend-url="/admin/session/extend/"' in dialog
    assert '<script src="/static/accounts/session-warning.js" defer></script>' in html
    assert "<script>" not in html  # CSP: no inline script


def test_public_pages_and_signed_out_visitors_get_no_warning(client):
    assert 'id="session-warning"' not in client.get("/admin/login/").content.decode()
    assert 'id="session-warning"' not in client.get("/").content.decode()
    signed_in = signed_in_client()
    assert 'id="session-warning"' in signed_in.get("/admin/").content.decode()  # control


def test_continuing_restarts_the_idle_clock(settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    client = signed_in_client(enforce_csrf_checks=True)
    html = client.get("/admin/").content.decode()
    token = re.search(r'data-csrf-token="([^"]+)"', html).group(1)
    age_session(client, 29 * 60)
    response = client.post(EXTEND_URL, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert response.json()["signed_in"] is True
    assert response.json()["seconds_left"] >= 30 * 60 - 2
    assert client.session[sessions.LAST_SEEN_AT] >= sessions.now() - 2
    # The session outlives what would have been its idle limit.
    age_session(client, 29 * 60)
    assert client.get("/admin/").status_code == 200


def test_extending_needs_the_csrf_token():
    client = signed_in_client(enforce_csrf_checks=True)
    html = client.get("/admin/").content.decode()
    # Within a minute of the last request, a request alone does not move the idle clock.
    age_session(client, 30)
    before = client.session[sessions.LAST_SEEN_AT]
    assert client.post(EXTEND_URL).status_code == 403
    assert client.session[sessions.LAST_SEEN_AT] == before
    token = re.search(r'data-csrf-token="([^"]+)"', html).group(1)
    assert client.post(EXTEND_URL, HTTP_X_CSRFTOKEN=token).status_code == 200
    assert client.session[sessions.LAST_SEEN_AT] > before


def test_extending_is_post_only_and_for_signed_in_staff(client):
    assert client.post(EXTEND_URL).status_code in (302, 403)
    signed_in = signed_in_client()
    assert signed_in.get(EXTEND_URL).status_code == 405
    assert signed_in.post(EXTEND_URL).status_code == 200  # positive control


def test_an_ended_session_cannot_be_extended():
    client = signed_in_client()
    age_session(client, 31 * 60)
    response = client.post(EXTEND_URL)
    assert response.status_code != 200
    assert sessions.LAST_SEEN_AT not in client.session


def test_no_warning_half_way_through_signing_in(client):
    """An account that must still give its second factor sees no warning yet."""
    from tests.accounts.factories import totp_device
    from tests.factories import reviewer

    user = reviewer()
    totp_device(user)
    client.force_login(user)
    html = client.get("/admin/otp/verify/").content.decode()
    assert "認証" in html and 'id="session-warning"' not in html
