"""verified_staff_required for views outside the admin (PDF downloads and the like)."""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import UserFactory, content_editor, reviewer

from .factories import LOGIN_URL, SETUP_URL, VERIFY_URL, password_step, sign_in, totp_device

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.urls_for_tests")]

URL = "/files/7/"


def reviewer_who_may_view_pages():
    user = reviewer()
    user.user_permissions.add(Permission.objects.get(codename="view_page"))
    return user


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN_URL)


def test_half_signed_in_reviewer_is_sent_to_the_second_step(client):
    user = reviewer_who_may_view_pages()
    password_step(client, user)
    assert client.get(URL)["Location"].startswith(SETUP_URL)
    totp_device(user)
    assert client.get(URL)["Location"].startswith(VERIFY_URL)


def test_verified_reviewer_with_the_permission_gets_the_file_not_stored(client):
    user = reviewer_who_may_view_pages()
    sign_in(client, user)
    response = client.get(URL)
    assert response.status_code == 200 and response.content == b"file 7"
    assert "no-store" in response["Cache-Control"]


def test_verified_reviewer_without_the_permission_is_refused(client):
    sign_in(client, reviewer())
    assert client.get(URL).status_code == 403


def test_editor_without_a_second_factor_passes_on_permission_alone(client):
    password_step(client, content_editor())
    assert client.get(URL).status_code == 200


def test_non_staff_is_sent_to_sign_in(client):
    client.force_login(UserFactory(is_staff=False))
    assert client.get(URL)["Location"].startswith(LOGIN_URL)
