"""The staff side for イベント受付担当: per event the registrants with status, CSV (BOM), a message
to all through the outbox, adding someone by hand, cancelling on someone's behalf; every view,
export and change logged."""

import pytest
from django.core import mail as sent_mail

from accounts.models import AccessLogEntry
from applications import worker
from registrations import booking
from registrations.models import Registration, RegistrationStatus
from tests.accounts.factories import verified_login
from tests.factories import reception

from .factories import RegistrationEventFactory, person, programme

pytestmark = pytest.mark.django_db

BASE = "/admin/registrations/registration/"


@pytest.fixture
def staff(client):
    user = reception()
    verified_login(client, user)
    return user


def actions():
    return list(AccessLogEntry.objects.order_by("pk").values_list("action", flat=True))


def test_the_list_per_event_and_a_registration_are_shown_and_logged(client, staff):
    event = RegistrationEventFactory(capacity=1)
    first = booking.register(event, person(1, name="東北 一郎"))
    booking.register(event, person(2, name="東北 二郎"))
    other = booking.register(RegistrationEventFactory(), person(3, name="宮城 三郎"))
    events_page = client.get(f"{BASE}events/").content.decode()
    assert event.title in events_page and "1" in events_page
    listing = client.get(BASE, {"target": f"event-{event.pk}"}).content.decode()
    assert "東北 一郎" in listing and "東北 二郎" in listing and "宮城 三郎" not in listing
    assert "確定" in listing and "キャンセル待ち" in listing
    page = client.get(f"{BASE}{first.pk}/change/").content.decode()
    assert "person1@example.jp" in page and "申込み（確定）" in page
    assert other.number not in page
    assert actions() == ["registrations.list", "registration.view"]
    search = client.get(BASE, {"q": "とうほく"})
    assert search.status_code == 200
    assert "no-store" in search["Cache-Control"]


def test_csv_export_has_a_bom_every_column_and_guards_formulas(client, staff):
    event = RegistrationEventFactory()
    booking.register(event, person(1, name="=HYPERLINK(1)", needs="段差のない席"))
    response = client.get(f"{BASE}event/{event.pk}/export.csv")
    assert response.status_code == 200
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff申込番号,イベント・連続講座,状態")
    assert "'=HYPERLINK(1)" in body and "段差のない席" in body and "確定" in body
    assert "no-store" in response["Cache-Control"]
    assert actions() == ["registrations.export"]


def test_a_message_goes_to_every_active_registrant_once_each(client, staff):
    event = RegistrationEventFactory(capacity=1)
    booking.register(event, person(1))
    booking.register(event, person(2))
    cancelled = booking.register(event, person(3))
    booking.cancel(cancelled)
    worker.run_once()
    sent_mail.outbox.clear()
    url = f"{BASE}event/{event.pk}/message/"
    assert "確定 1 人、キャンセル待ち 1 人" in client.get(url).content.decode()
    response = client.post(
        url, {"subject": "会場の変更\nBcc: x@example.jp", "text": "会場が2階に変わりました。",
              "include_waiting": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    worker.run_once()
    assert sorted(m.to[0] for m in sent_mail.outbox) == ["person1@example.jp", "person2@example.jp"]
    assert all("会場が2階に変わりました。" in m.body for m in sent_mail.outbox)
    assert all("\n" not in m.subject for m in sent_mail.outbox)
    assert "registrations.message" in actions()
    assert Registration.objects.filter(logs__action="registration.messaged").count() == 2


def test_staff_add_a_phone_registration_without_an_email(client, staff):
    event = RegistrationEventFactory(capacity=1)
    booking.register(event, person(1))
    url = f"{BASE}event/{event.pk}/add/"
    assert (
        "個人情報の取扱い（利用目的）を説明し、同意を得ました" in client.get(url).content.decode()
    )
    response = client.post(url, {"name": "電話 花子", "reading": "でんわ はなこ"})
    assert "メールアドレスか電話番号のどちらかを入力してください。" in response.content.decode()
    response = client.post(
        url,
        {"name": "電話 花子", "reading": "でんわ はなこ", "phone": "090-1234-5678",
         "privacy_consent": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    added = Registration.objects.get(name="電話 花子")
    assert added.status == RegistrationStatus.WAITING and added.channel == "staff"
    assert added.logs.get().actor == staff
    assert not added.outbox.exists()  # no address, no mail
    assert "registration.change" in actions()


def test_staff_add_for_a_programme_with_chosen_sessions(client, staff):
    series = programme(2, selectable=True)
    second = series.sessions.order_by("series_number").last()
    response = client.post(
        f"{BASE}series/{series.pk}/add/",
        {"name": "電話 次郎", "reading": "でんわ じろう", "email": "jiro@example.jp",
         "sessions": [str(second.pk)], "privacy_consent": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    added = Registration.objects.get(name="電話 次郎")
    assert added.series == series and [s.event for s in added.sessions.all()] == [second]


def test_cancelling_on_someones_behalf_promotes_the_first_waiting(client, staff):
    event = RegistrationEventFactory(capacity=1)
    confirmed = booking.register(event, person(1))
    waiting = booking.register(event, person(2))
    url = f"{BASE}{confirmed.pk}/cancel/"
    assert client.post(url, {"comment": "電話で連絡あり"}).status_code == 200  # not confirmed
    assert client.post(url, {"comment": "電話で連絡あり", "confirm": "on"}).status_code == 302
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert confirmed.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    log = confirmed.logs.last()
    assert log.action == "registration.cancelled_by_staff" and log.actor == staff
    assert log.comment == "電話で連絡あり"


def test_reception_sees_the_registration_mails_with_the_link_masked(client, staff):
    registration = booking.register(RegistrationEventFactory(), person(1))
    message = registration.outbox.get()
    listing = client.get("/admin/registrations/registrationmail/").content.decode()
    assert message.subject in listing
    detail = client.get(f"/admin/registrations/registrationmail/{message.pk}/change/")
    html = detail.content.decode()
    assert "ご本人用リンク：送信時に差し込むため表示しません" in html
    assert "/registrations/" not in html.split("ご本人用リンク")[0].split("本文")[-1]
    assert actions()[-2:] == ["outbox.list", "outbox.view"]
