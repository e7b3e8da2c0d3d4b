"""Session lifetime, logout on the server, sessions ended by account changes, cookie flags."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from accounts import sessions
from accounts.models import UserSession
from tests.factories import TEST_PASSWORD, content_editor, reviewer

from .factories import LOGIN_URL, password_step, sign_in, superuser

pytestmark = pytest.mark.django_db


def age_session(client, seconds, key=sessions.LAST_SEEN_AT):
    session = client.session
    session[key] -= seconds
    session.save()


def session_exists(key):
    return Session.objects.filter(session_key=key).exists()


def test_idle_session_expires_and_is_deleted_on_the_server(client):
    password_step(client, content_editor())
    key = client.session.session_key
    assert client.get("/admin/").status_code == 200
    age_session(client, 30 * 60)
    response = client.get("/admin/pages/page/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL + "?next=/admin/pages/page/")
    assert not session_exists(key)
    assert "一定時間操作がなかったため" in client.get(response["Location"]).content.decode()


def test_activity_within_the_idle_limit_keeps_the_session(client):
    password_step(client, content_editor())
    age_session(client, 29 * 60)
    assert client.get("/admin/").status_code == 200
    assert client.session[sessions.LAST_SEEN_AT] >= sessions.now() - 1
    age_session(client, 29 * 60)
    assert client.get("/admin/").status_code == 200


def test_session_ends_after_eight_hours_however_active(client):
    password_step(client, content_editor())
    age_session(client, 8 * 3600, key=sessions.SIGNED_IN_AT)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN_URL)


def test_limits_are_configurable(client, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 5
    password_step(client, content_editor())
    assert client.session.get_expiry_age() == 5 * 60
    age_session(client, 5 * 60)
    assert client.get("/admin/").status_code == 302


def test_expired_session_on_a_public_page_just_signs_out(client):
    password_step(client, content_editor())
    age_session(client, 30 * 60)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session_on_the_server(client):
    user = reviewer()
    sign_in(client, user)
    key = client.session.session_key
    assert session_exists(key) and UserSession.objects.filter(session_key=key, user=user).exists()
    client.post("/admin/logout/")
    assert not session_exists(key)
    assert not UserSession.objects.filter(session_key=key).exists()
    client.cookies["sessionid"] = key  # replaying the old cookie gets nothing
    assert client.get("/admin/").status_code == 302


def test_deactivating_a_user_ends_their_live_session(client):
    user = reviewer()
    sign_in(client, user)
    key = client.session.session_key
    assert client.get("/admin/").status_code == 200
    user.is_active = False
    user.save()
    assert not session_exists(key)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN_URL)


def test_a_password_change_by_an_admin_ends_the_users_sessions(client, django_user_model):
    editor = content_editor()
    password_step(client, editor)
    key = client.session.session_key
    editor = django_user_model.objects.get(pk=editor.pk)
    editor.set_password("another-long-password-2026")
    editor.save()
    assert not session_exists(key)


def test_changing_ones_own_password_ends_the_other_sessions_only(client, django_user_model):
    editor = content_editor()
    other_device = Client()
    password_step(other_device, editor)
    other_key = other_device.session.session_key
    password_step(client, editor)
    response = client.post(
        "/admin/password_change/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "a-new-long-password-for-2026",
            "new_password2": "a-new-long-password-for-2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert client.get("/admin/").status_code == 200
    assert not session_exists(other_key)
    assert other_device.get("/admin/").status_code == 302
    current = client.session.session_key
    assert UserSession.objects.filter(session_key=current).exists()


def test_unrelated_saves_do_not_end_sessions(client, django_user_model):
    editor = content_editor()
    password_step(client, editor)
    key = client.session.session_key
    editor = django_user_model.objects.get(pk=editor.pk)
    editor.first_name = "花子"
    editor.save()
    assert session_exists(key)


def test_session_cookie_is_httponly_samesite_lax_and_secure_in_production(client, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    response = password_step(client, superuser())
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax"
    csrf = client.get(LOGIN_URL).cookies.get("csrftoken") or client.cookies["csrftoken"]
    assert csrf["samesite"] == "Lax"


def test_mappings_of_sessions_past_the_absolute_limit_are_dropped_at_sign_in(client):
    editor = content_editor()
    password_step(client, editor)
    stale_key = client.session.session_key
    UserSession.objects.filter(session_key=stale_key).update(
        created_at=timezone.now() - timedelta(hours=9)
    )
    Client().post(LOGIN_URL, {"username": editor.username, "password": TEST_PASSWORD})
    assert not UserSession.objects.filter(session_key=stale_key).exists()
    assert UserSession.objects.filter(user=editor).count() == 1
