"""The public flow 入力 → 確認 → 完了, the number, the mail with its .ics and the link to the
registrant's own page, and what the form keeps and checks."""

import re

import icalendar
import pytest
from django.core import mail as sent_mail
from django.urls import reverse

from applications import worker
from events.models import EventQuestion
from registrations.models import Registration, RegistrationStatus

from .factories import OnlineRegistrationEventFactory, RegistrationEventFactory

pytestmark = pytest.mark.django_db

FORM = {
    "name": "東北　太郎",
    "reading": "トウホク タロウ",
    "email": "ｔａｒｏ＠Example.JP",
    "email_confirmation": "taro@example.jp",
    "phone": "０２２ー２２１ー４８６１",
    "organisation": "株式会社とうほく",
    "needs": "",
    "privacy_consent": "on",
}


def register_url(event):
    return reverse("registrations:register", args=[event.slug])


def confirm_url(event):
    return reverse("registrations:confirm", args=[event.slug])


def payload_of(response):
    return re.search(r'name="payload" value="([^"]+)"', response.content.decode()).group(1)


def to_confirm(client, event, **changes):
    response = client.post(register_url(event), {**FORM, **changes})
    assert response.status_code == 302, response.content.decode()[:3000]
    return client.get(confirm_url(event))


def submit(client, event, **changes):
    confirm = to_confirm(client, event, **changes)
    return client.post(confirm_url(event), {"payload": payload_of(confirm), "submit": "1"})


def test_the_flow_registers_with_a_number_and_normalised_input(client):
    event = RegistrationEventFactory(capacity=5)
    assert client.get(register_url(event)).status_code == 200
    confirm = to_confirm(client, event)
    html = confirm.content.decode()
    assert "taro@example.jp" in html and "022-221-4861" in html and "トウホク タロウ" in html
    response = client.post(confirm_url(event), {"payload": payload_of(confirm), "submit": "1"})
    assert response.status_code == 302
    complete = client.get(response["Location"])
    registration = Registration.objects.get()
    assert re.fullmatch(r"EVT-\d{4}-00001", registration.number)
    assert registration.number in complete.content.decode()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.name == "東北 太郎" and registration.email == "taro@example.jp"
    assert registration.sessions.get().event == event
    event.refresh_from_db()
    assert (event.confirmed_count, event.waiting_count) == (1, 0)
    assert registration.logs.get().action == "registration.confirmed"


def test_sending_the_confirm_page_twice_registers_once(client):
    event = RegistrationEventFactory()
    confirm = to_confirm(client, event)
    data = {"payload": payload_of(confirm), "submit": "1"}
    client.post(confirm_url(event), data)
    client.post(confirm_url(event), data)
    assert Registration.objects.count() == 1


def test_the_mail_has_the_details_the_ics_and_a_working_link(client, settings):
    event = OnlineRegistrationEventFactory()
    submit(client, event)
    worker.run_once()
    [message] = sent_mail.outbox
    assert message.to == ["taro@example.jp"]
    assert event.title in message.subject
    body = message.body
    registration = Registration.objects.get()
    assert registration.number in body and event.joining_url in body
    [(filename, content, mimetype)] = message.attachments
    assert filename == "event.ics" and mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    [component] = calendar.walk("VEVENT")
    assert str(component["uid"]) == str(event.uid)
    link = re.search(r"https?://\S+(/registrations/\S+/)", body)
    assert link.group(0).startswith(settings.SITE_URL)
    page = client.get(link.group(1))
    assert page.status_code == 200
    assert registration.number in page.content.decode()
    assert event.joining_url in page.content.decode()
    # The stored mail holds no live link: staff reading the outbox never see it.
    stored = registration.outbox.get()
    assert "/registrations/" not in stored.body


def test_a_full_event_puts_people_on_the_waiting_list(client):
    event = RegistrationEventFactory(capacity=0)
    html = client.get(register_url(event)).content.decode()
    assert "キャンセル待ちとして受け付けます" in html
    complete = client.get(submit(client, event)["Location"]).content.decode()
    assert "キャンセル待ち（1番目）" in complete
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.WAITING
    worker.run_once()
    body = sent_mail.outbox[0].body
    assert "キャンセル待ち" in body and "1番目" in body
    assert not sent_mail.outbox[0].attachments  # no .ics before a seat is theirs


def test_errors_are_listed_and_shown_next_to_the_fields(client):
    event = RegistrationEventFactory(ask_referral="required")
    response = client.post(
        register_url(event),
        {**FORM, "name": "", "reading": "Taro", "email_confirmation": "other@example.jp",
         "privacy_consent": ""},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "入力内容に誤りがあります" in html
    for message in [
        "氏名を入力してください。",
        "メールアドレスと確認用のメールアドレスが一致しません",
        "個人情報の取扱いへの同意が必要です",
        "知ったきっかけを選択してください。",
    ]:
        assert message in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert "必須" in html and "任意" in html
    # What was typed stays in the form.
    assert 'value="株式会社とうほく"' in html


def test_staff_questions_are_asked_and_answered_with_their_label(client):
    event = RegistrationEventFactory(ask_organisation="no")
    question = EventQuestion.objects.create(
        event=event, label="参加する分科会", kind="choice", choices="A\nB", required=True
    )
    html = client.get(register_url(event)).content.decode()
    assert "参加する分科会" in html and 'name="organisation"' not in html
    response = client.post(register_url(event), FORM)
    assert "参加する分科会を選択してください。" in response.content.decode()
    submit(client, event, **{f"question_{question.pk}": "B"})
    registration = Registration.objects.get()
    assert registration.answers == [
        {"question": question.pk, "label": "参加する分科会", "answer": "B"}
    ]
    assert registration.organisation == ""


def test_the_honeypot_refuses_the_form(client):
    event = RegistrationEventFactory()
    response = client.post(register_url(event), {**FORM, "fax_number": "spam"})
    assert response.status_code == 200
    assert "送信できませんでした" in response.content.decode()


def test_registration_is_refused_after_the_deadline_and_for_other_modes(client):
    from django.utils import timezone

    closed = RegistrationEventFactory(registration_deadline=timezone.now())
    assert "受付は終了しました" in client.get(register_url(closed)).content.decode()
    assert client.post(register_url(closed), FORM).status_code == 200
    assert not Registration.objects.exists()
    elsewhere = RegistrationEventFactory(registration_mode="none")
    assert client.get(register_url(elsewhere)).status_code == 404


def test_the_rate_limit_stops_a_flood(client, settings):
    """Counted at the 入力 step that passes: only it leads to a signed 確認 payload."""
    settings.REGISTER_RATE_LIMIT = "2/h"
    event = RegistrationEventFactory(capacity=None)
    for n in range(2):
        assert submit(client, event, email=f"p{n}@example.jp",
                      email_confirmation=f"p{n}@example.jp").status_code == 302  # fmt: skip
    refused = client.post(
        register_url(event),
        {**FORM, "email": "p3@example.jp", "email_confirmation": "p3@example.jp"},
    )
    assert refused.status_code == 429
    assert "しばらく時間をおいてから" in refused.content.decode()
    assert client.get(confirm_url(event)).status_code == 302  # no draft: back to 入力
    assert Registration.objects.count() == 2


def test_every_step_is_never_stored(client):
    event = RegistrationEventFactory()
    for url in [register_url(event), confirm_url(event)]:
        assert "no-store" in client.get(url)["Cache-Control"]


def test_back_from_confirm_keeps_the_input(client):
    event = RegistrationEventFactory()
    confirm = to_confirm(client, event)
    response = client.post(confirm_url(event), {"payload": payload_of(confirm), "back": "1"})
    assert response.status_code == 302
    html = client.get(register_url(event)).content.decode()
    assert 'value="株式会社とうほく"' in html


def test_an_expired_session_still_registers_from_the_signed_confirm_page(client):
    event = RegistrationEventFactory()
    confirm = to_confirm(client, event)
    client.cookies.clear()
    response = client.post(confirm_url(event), {"payload": payload_of(confirm), "submit": "1"})
    assert response.status_code == 302
    assert Registration.objects.count() == 1


def test_a_stale_csrf_token_keeps_what_was_typed(client):
    from django.test import Client

    event = RegistrationEventFactory()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(register_url(event), FORM)
    html = response.content.decode()
    assert response.status_code == 403
    assert "入力した内容はそのまま残っています" in html
    assert 'value="株式会社とうほく"' in html and 'value="トウホク タロウ"' in html
    confirm = to_confirm(client, event)
    response = strict.post(confirm_url(event), {"payload": payload_of(confirm), "submit": "1"})
    assert response.status_code == 403
    assert "この内容で申し込む" in response.content.decode()
    assert not Registration.objects.exists()


def test_the_blank_form_comes_from_the_page_cache_with_a_working_token():
    from django.test import Client

    event = RegistrationEventFactory()
    warm = Client().get(register_url(event))
    assert warm.templates  # positive control: the first visit renders
    visitor = Client(enforce_csrf_checks=True)
    served = visitor.get(register_url(event))
    assert served.status_code == 200 and served.templates == []  # no template rendered
    assert "no-store" in served["Cache-Control"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', served.content.decode())
    response = visitor.post(register_url(event), {**FORM, "csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 302
    # A registration changes the seats the form shows: the page is rendered again.
    from registrations import booking

    booking.register(event, {"name": "a", "reading": "あ", "email": "a@example.jp"})
    assert Client().get(register_url(event)).templates
