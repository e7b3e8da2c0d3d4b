"""The registrant's own page through the signed link: see, change the answers, cancel (with a
confirmation step); the joining URL only while confirmed; a tampered or expired link is refused."""

import pytest
from django.core import mail as sent_mail
from django.urls import reverse

from applications import worker
from registrations import booking, links
from registrations.models import Registration, RegistrationStatus

from .factories import OnlineRegistrationEventFactory, RegistrationEventFactory, person

pytestmark = pytest.mark.django_db


def page_url(registration):
    return links.page_path(registration)


def test_the_page_shows_the_registration_and_the_joining_url_when_confirmed(client):
    event = OnlineRegistrationEventFactory(capacity=1)
    confirmed = booking.register(event, person(1))
    waiting = booking.register(event, person(2))
    html = client.get(page_url(confirmed)).content.decode()
    assert confirmed.number in html and "確定" in html and event.joining_url in html
    assert "パスコード" in html
    html = client.get(page_url(waiting)).content.decode()
    assert "キャンセル待ち" in html and "1番目" in html
    assert event.joining_url not in html and "パスコード" not in html
    response = client.get(page_url(confirmed))
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex"


def test_a_tampered_or_expired_link_is_refused(client, settings):
    registration = booking.register(RegistrationEventFactory(), person(1))
    token = links.make_token(registration)
    assert client.get(f"/registrations/{token[:-2]}xx/").status_code == 404
    settings.REGISTRATION_LINK_MAX_AGE = -1
    assert client.get(f"/registrations/{token}/").status_code == 410


def test_the_registrant_changes_their_answers_and_gets_a_mail(client):
    registration = booking.register(RegistrationEventFactory(), person(1))
    token = links.make_token(registration)
    edit = reverse("registrations:edit", args=[token])
    html = client.get(edit).content.decode()
    assert 'value="株式会社とうほく"' in html
    response = client.post(
        edit,
        {"name": "東北 花子", "reading": "とうほく はなこ", "email": "hanako@example.jp",
         "email_confirmation": "hanako@example.jp", "organisation": "",
         "needs": "車いすで参加します", "privacy_consent": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.name == "東北 花子" and registration.needs == "車いすで参加します"
    assert registration.logs.last().action == "registration.changed"
    worker.run_once()
    assert sent_mail.outbox[-1].to == ["hanako@example.jp"]
    assert "変更" in sent_mail.outbox[-1].subject


def test_cancelling_asks_to_confirm_then_promotes_the_first_waiting_person(client):
    event = RegistrationEventFactory(capacity=1)
    first = booking.register(event, person(1))
    second = booking.register(event, person(2))
    third = booking.register(event, person(3))
    worker.run_once()  # the three acknowledgements
    cancel = reverse("registrations:cancel", args=[links.make_token(first)])
    assert "キャンセルすると元に戻せません" in client.get(cancel).content.decode()
    response = client.post(cancel, {})
    assert "確認のチェックを入れてください" in response.content.decode()
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED
    assert client.post(cancel, {"confirm": "on"}).status_code == 302
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: RegistrationStatus.CANCELLED,
        second.pk: RegistrationStatus.CONFIRMED,
        third.pk: RegistrationStatus.WAITING,
    }
    event.refresh_from_db()
    assert (event.confirmed_count, event.waiting_count) == (1, 1)
    sent_mail.outbox.clear()
    worker.run_once()
    promoted = [m for m in sent_mail.outbox if m.to == ["person2@example.jp"]]
    assert len(promoted) == 1 and "確定" in promoted[0].subject
    assert promoted[0].attachments  # the .ics, now that the seat is theirs
    assert [m.to for m in sent_mail.outbox if m.to == ["person3@example.jp"]] == []
    assert "キャンセル" in client.get(page_url(first)).content.decode()
    assert client.get(cancel).status_code == 302  # already cancelled
