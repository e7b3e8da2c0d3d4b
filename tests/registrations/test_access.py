"""Least privilege: only イベント受付担当 and superusers, with a second factor, see registrants.
Anonymous visitors, コンテンツ編集者 and 申込審査担当 get no registrant data by any URL."""

import pytest

from accounts.models import AccessLogEntry
from accounts.policy import can_see_registrations, second_factor_required
from registrations import booking
from tests.accounts.factories import verified_login
from tests.factories import UserFactory, content_editor, reception, reviewer

from .factories import RegistrationEventFactory, person

pytestmark = pytest.mark.django_db

SECRET_NAME = "秘密 花子"
SECRET_EMAIL = "hanako-secret@example.jp"


@pytest.fixture
def registration():
    event = RegistrationEventFactory()
    return booking.register(event, person(1, name=SECRET_NAME, email=SECRET_EMAIL))


def urls(registration):
    event = registration.event
    message = registration.outbox.get()
    base = "/admin/registrations/registration/"
    return [
        base,
        f"{base}?q=秘密",
        f"{base}{registration.pk}/change/",
        f"{base}events/",
        f"{base}event/{event.pk}/export.csv",
        f"{base}event/{event.pk}/message/",
        f"{base}event/{event.pk}/add/",
        f"{base}{registration.pk}/cancel/",
        "/admin/registrations/registrationmail/",
        f"/admin/registrations/registrationmail/{message.pk}/change/",
        "/admin/applications/outboxmessage/",
        f"/admin/applications/outboxmessage/{message.pk}/change/",
        "/admin/core/outboxmessage/",
        f"/admin/registrations/registration/{registration.pk}/history/",
    ]


def shows_no_registrant(url, response, registration):
    """No name, address or number in the answer; no page at all under /admin/registrations/
    (a reviewer's own outbox list may answer, without the registration's mails)."""
    body = response.content.decode("utf-8", "replace")
    if any(text in body for text in (SECRET_NAME, SECRET_EMAIL, registration.number)):
        return False
    return response.status_code != 200 or not url.startswith("/admin/registrations/")


@pytest.mark.parametrize(
    "who", ["anonymous", "public user", "content editor", "reviewer", "reviewer verified",
            "reception without a second factor"],
)  # fmt: skip
def test_nobody_else_gets_registrant_data(client, registration, who):
    if who == "public user":
        client.force_login(UserFactory())
    elif who == "content editor":
        client.force_login(content_editor())
    elif who == "reviewer":
        client.force_login(reviewer())
    elif who == "reviewer verified":
        verified_login(client, reviewer())
    elif who == "reception without a second factor":
        client.force_login(reception())
    for url in urls(registration):
        response = client.get(url)
        assert shows_no_registrant(url, response, registration), (who, url, response.status_code)
    assert not AccessLogEntry.objects.filter(action__startswith="registration").exists()


def test_reviewers_do_not_see_registration_mails_in_their_outbox(client, registration):
    verified_login(client, reviewer())
    html = client.get("/admin/applications/outboxmessage/").content.decode()
    assert registration.outbox.get().subject not in html


def test_reception_and_superusers_see_them_with_a_second_factor(client, registration):
    user = reception()
    assert can_see_registrations(user) and second_factor_required(user)
    assert not can_see_registrations(content_editor())
    assert not can_see_registrations(reviewer())
    verified_login(client, user)
    response = client.get(f"/admin/registrations/registration/{registration.pk}/change/")
    assert response.status_code == 200 and SECRET_NAME in response.content.decode()
    superuser = UserFactory(is_staff=True, is_superuser=True)
    verified_login(client, superuser)
    assert client.get("/admin/registrations/registration/").status_code == 200
    logged = AccessLogEntry.objects.values_list("username", "action")
    assert (user.username, "registration.view") in logged
    assert (superuser.username, "registrations.list") in logged
