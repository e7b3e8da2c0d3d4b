"""受付 at the desk: the check-in service (a second check-in refused, another session fine,
numbers as scanned or typed), the desk page, who may use it, and what is logged."""

import datetime
import re

import pytest
from django.urls import reverse

from accounts.models import AccessLogEntry
from registrations import booking, checkin
from registrations.models import RegistrationLog, RegistrationSession
from tests.accounts.factories import superuser, verified_login
from tests.clock import Clock
from tests.factories import content_editor, reviewer
from tests.pdfs import text_of
from tests.queries import assert_queries_do_not_grow

from . import factories
from .attendance import (
    RECEPTION_URL,
    SESSIONS_URL,
    certificate_url,
    desk_url,
    person_url,
    receptionist,
    two_sessions,
)
from .factories import RegistrationEventFactory, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def staff():
    return receptionist(username="uketsuke")


# --- the service -------------------------------------------------------------------------------


def test_a_second_check_in_at_the_same_session_is_refused_with_the_time(clock, staff):
    registration, first, second = two_sessions(clock.now)
    clock.advance(minutes=50)
    session = checkin.check_in(first, registration.number, actor=staff)
    assert session.checked_in_at == clock.now and session.checked_in_by == staff
    assert session.check_in_method == RegistrationSession.CheckInMethod.RECEPTION

    clock.advance(minutes=5)
    with pytest.raises(checkin.CheckInError) as refused:
        checkin.check_in(first, checkin.signed_number(registration), actor=staff)
    assert str(refused.value) == "既に受付済みです（10:50）。"
    session.refresh_from_db()
    assert session.checked_in_at == clock.now - datetime.timedelta(minutes=5)

    # The same person at another session of the programme is checked in there.
    clock.advance(days=7)
    other = checkin.check_in(second, registration.number, actor=staff)
    assert other.event == second and other.attended
    logs = RegistrationLog.objects.filter(
        registration=registration, action="registration.checked_in"
    )
    assert [log.data["event"] for log in logs] == [first.pk, second.pk]
    assert all(log.actor == staff for log in logs)


@pytest.mark.parametrize(
    "typed",
    ["EVT-{y}-{s:05d}", "evt-{y}-{s:05d}", "ＥＶＴ－{y}－{s:05d}", "{y}-{s}", " EVT {y} {s:05d} "],
)
def test_a_number_may_be_typed_as_people_type_it(staff, typed):
    registration = register(RegistrationEventFactory())
    text = typed.format(y=registration.year, s=registration.sequence).replace(" EVT ", "EVT-")
    text = text.replace(f"{registration.year} ", f"{registration.year}-")
    session = checkin.check_in(registration.event, text, actor=staff)
    assert session.registration == registration


def test_a_scanned_code_is_verified(staff):
    registration = register(RegistrationEventFactory())
    signed = checkin.signed_number(registration)
    assert signed.startswith(f"{registration.number}:") and len(signed) > len(registration.number)
    other = register(registration.event, n=1)
    forged = other.number + signed[len(registration.number) :]
    with pytest.raises(checkin.CheckInError, match="QRコードを確認できませんでした"):
        checkin.check_in(registration.event, forged, actor=staff)
    assert not RegistrationSession.objects.filter(checked_in_at__isnull=False).exists()
    assert checkin.check_in(registration.event, signed, actor=staff).registration == registration


def test_unknown_waiting_cancelled_and_other_sessions_numbers_are_refused(staff):
    event = RegistrationEventFactory(capacity=1)
    confirmed = register(event)
    waiting = register(event, n=1)
    assert waiting.is_waiting
    cancelled = booking.cancel(register(RegistrationEventFactory(), n=2))
    elsewhere = register(RegistrationEventFactory(), n=3)
    cases = [
        ("EVT-1999-00001", "この申込番号の申込みは見つかりません。"),
        ("こんにちは", "申込番号の形式ではありません（例: EVT-2026-00001）。"),
        ("", "申込番号を入力するか、QRコードを読み取ってください。"),
        (waiting.number, "この申込みはキャンセル待ちです（参加は確定していません）。"),
        (elsewhere.number, "この申込みは、この回の参加申込みではありません。"),
    ]
    for text, message in cases:
        with pytest.raises(checkin.CheckInError) as refused:
            checkin.check_in(event, text, actor=staff)
        assert str(refused.value) == message
    with pytest.raises(checkin.CheckInError, match="キャンセルされています"):
        checkin.check_in(cancelled.event, cancelled.number, actor=staff)
    assert checkin.check_in(event, confirmed.number, actor=staff).attended
    assert RegistrationSession.objects.filter(checked_in_at__isnull=False).count() == 1


# --- the desk page -----------------------------------------------------------------------------


def test_the_desk_checks_in_and_refuses_a_second_time(client, clock, staff):
    registration, first, _second = two_sessions(clock.now)
    verified_login(client, staff)
    response = client.get(RECEPTION_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("本日の回") < html.index(first.title) < html.index("今後の回")
    page = client.get(desk_url(first)).content.decode()
    assert re.search(r'<input type="text" name="code"[^>]*autofocus', page)
    assert "受付済み <strong>0</strong>人 ／ 確定 1人" in page

    response = client.post(desk_url(first), {"code": checkin.signed_number(registration)})
    assert response.status_code == 302 and response["Location"] == desk_url(first)
    page = client.get(desk_url(first)).content.decode()
    assert "受付しました" in page and "東北 太郎 様" in page and registration.number in page
    assert "受付済み <strong>1</strong>人 ／ 確定 1人" in page

    client.post(desk_url(first), {"code": registration.number})
    page = client.get(desk_url(first)).content.decode()
    assert 'role="alert"' in page and "既に受付済みです（10:00）。" in page
    # The result is shown once.
    assert "既に受付済みです" not in client.get(desk_url(first)).content.decode()

    actions = list(AccessLogEntry.objects.filter(user=staff).values_list("action", "target_label"))
    assert ("registration.check_in", f"{registration.number} {first.title}") in actions
    assert ("registration.check_in", f"受付できず {registration.number} {first.title}") in actions
    assert ("attendance.view", "受付（回の選択）") in actions
    assert ("attendance.view", f"受付 {first.title}") in actions


def test_the_desk_answers_never_stored(client, staff):
    registration = register(RegistrationEventFactory())
    verified_login(client, staff)
    for url in [RECEPTION_URL, desk_url(registration.event), person_url(registration)]:
        assert "no-store" in client.get(url)["Cache-Control"]


def test_a_reception_account_needs_its_second_factor_first(client, staff):
    registration = register(RegistrationEventFactory())
    client.force_login(staff)
    for url in [RECEPTION_URL, desk_url(registration.event)]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/otp/" in response["Location"]
    client.post(desk_url(registration.event), {"code": registration.number})
    assert not RegistrationSession.objects.filter(checked_in_at__isnull=False).exists()


@pytest.mark.parametrize("who", ["anonymous", "editor", "reviewer"])
def test_others_get_nothing_from_the_desk_and_attendance_urls(client, who):
    registration = register(RegistrationEventFactory())
    checkin.check_in(registration.event, registration.number, actor=superuser())
    if who != "anonymous":
        verified_login(client, content_editor() if who == "editor" else reviewer())
    changelist = reverse("admin:registrations_registrationsession_changelist")
    urls = [
        RECEPTION_URL,
        desk_url(registration.event),
        person_url(registration),
        certificate_url(registration),
        changelist,
        f"{changelist}?event={registration.event.pk}",
    ]
    for url in urls:
        response = client.get(url)
        body = response.content.decode(errors="replace")
        if who == "anonymous":
            assert response.status_code == 302 and "/admin/login/" in response["Location"]
        else:
            assert response.status_code == 403, url
        assert registration.number not in body and "東北 太郎" not in body
        assert not body.startswith("%PDF")
    other = register(registration.event, n=1)
    client.post(desk_url(registration.event), {"code": other.number})
    assert not RegistrationSession.objects.filter(registration=other, checked_in_at__isnull=False)
    assert not AccessLogEntry.objects.filter(action__in=["registration.check_in"]).exists()


def test_the_desk_runs_as_many_queries_with_more_check_ins(client, staff):
    event = RegistrationEventFactory(capacity=None)
    for n in range(3):
        checkin.check_in(event, register(event, n=n).number, actor=staff)
    verified_login(client, staff)

    def more():
        for n in range(3, 15):
            checkin.check_in(event, register(event, n=n).number, actor=staff)
        RegistrationEventFactory.create_batch(5)

    assert_queries_do_not_grow(client, desk_url(event), more)


def test_the_session_choice_runs_as_many_queries_with_more_sessions(client, staff):
    register(RegistrationEventFactory())
    verified_login(client, staff)

    def more():
        for n in range(8):
            register(RegistrationEventFactory(), n=n)

    assert_queries_do_not_grow(client, RECEPTION_URL, more)
    assert_queries_do_not_grow(client, SESSIONS_URL, more)


def test_a_programmes_registration_is_checked_in_session_by_session(client, staff, tmp_path):
    series = factories.programme(3)
    first, second, third = series.sessions.order_by("starts_at")
    registration = register(series)
    assert registration.sessions.count() == 3
    checkin.check_in(first, registration.number, actor=staff)
    with pytest.raises(checkin.CheckInError, match="既に受付済みです"):
        checkin.check_in(first, registration.number, actor=staff)
    checkin.check_in(third, checkin.signed_number(registration), actor=staff)
    assert [s.event for s in checkin.attended_sessions(registration)] == [first, third]

    verified_login(client, staff)
    html = client.get(person_url(registration)).content.decode()
    assert "3回のうち2回出席" in html
    text = text_of(client.get(certificate_url(registration)).content, tmp_path, "c.pdf")
    assert "第1回テスト講座" in "".join(text.split()) and "第3回テスト講座" in "".join(text.split())
    assert "第2回テスト講座" not in "".join(text.split())
