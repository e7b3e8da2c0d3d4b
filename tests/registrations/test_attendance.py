"""The registrant's side (the QR code for the desk, the 出席コード of online sessions) and the
staff's (出席状況 per session and per person, the 参加証明書 PDF)."""

import datetime
import re

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from registrations import checkin, links
from registrations.models import RegistrationLog
from tests.accounts.factories import verified_login
from tests.clock import Clock
from tests.pdfs import fonts_of, structure_of, text_of
from tests.qr import decode_qr

from .attendance import (
    SESSIONS_URL,
    add_session,
    certificate_url,
    person_url,
    receptionist,
    two_sessions,
)
from .factories import OnlineRegistrationEventFactory, RegistrationEventFactory, register

pytestmark = pytest.mark.django_db

SVG = re.compile(r"<svg [^>]*>.*?</svg>", re.S)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def page_of(client, registration):
    response = client.get(links.page_path(registration))
    assert response.status_code == 200
    return response.content.decode()


def code_url(registration, event):
    return reverse("registrations:attendance-code", args=[links.make_token(registration), event.pk])


# --- the QR code -------------------------------------------------------------------------------


def test_the_page_shows_a_qr_code_of_the_signed_number(client, tmp_path):
    registration = register(RegistrationEventFactory())
    html = page_of(client, registration)
    svg = SVG.search(html).group(0)
    assert 'role="img"' in svg
    assert f'aria-label="受付用QRコード（申込番号 {registration.number}）"' in svg
    assert f'申込番号 <span class="registration-qr__number">{registration.number}</span>' in html
    [(text, kind)] = decode_qr(svg, tmp_path)
    assert kind == "QRCode"
    assert text == checkin.signed_number(registration)
    number = signing.Signer(salt=checkin.SIGNING_SALT).unsign(text)
    assert number == registration.number


def test_no_qr_code_unless_confirmed_nor_for_an_online_event(client):
    event = RegistrationEventFactory(capacity=1)
    register(event)
    waiting = register(event, n=1)
    assert "<svg" not in page_of(client, waiting)
    online = register(OnlineRegistrationEventFactory(), n=2)
    html = page_of(client, online)
    assert "<svg" not in html and "オンラインでの出席" in html


def test_the_qr_code_goes_once_the_in_person_sessions_are_over(client, monkeypatch):
    clock = Clock(monkeypatch)
    registration = register(RegistrationEventFactory())
    clock.set(registration.event.ends_at + datetime.timedelta(minutes=1))
    html = page_of(client, registration)
    assert "<svg" not in html and "未受付" in html


# --- the 出席コード ---------------------------------------------------------------------------


def test_the_attendance_code_is_taken_on_the_day_only_and_once(client, clock):
    registration, first, second = two_sessions(clock.now)
    late, latest = register(first, n=5), register(first, n=6)
    add_session(late, second)
    add_session(latest, second)
    code = checkin.attendance_code(second)
    assert re.fullmatch(r"\d{6}", code) and code != checkin.attendance_code(first)
    html = page_of(client, registration)
    assert "開催日（" in html and f'/attendance/{second.pk}/"' not in html

    response = client.post(code_url(registration, second), {"code": code})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#attendance-{second.pk}")
    assert "出席コードは開催日になってから入力できます。" in page_of(client, registration)

    clock.set(second.starts_at + datetime.timedelta(minutes=30))
    html = page_of(client, registration)
    assert f'/attendance/{second.pk}/"' in html
    client.post(
        code_url(registration, second), {"code": "０００ ０００" if code != "000000" else "1"}
    )
    html = page_of(client, registration)
    assert "出席コードが違います。" in html and 'aria-invalid="true"' in html
    assert 'id="error-summary"' in html
    assert not registration.sessions.get(event=second).attended

    client.post(code_url(registration, second), {"code": f" {code[:3]}-{code[3:]} "})
    html = page_of(client, registration)
    assert "出席を記録しました（10:30）。" in html
    session = registration.sessions.get(event=second)
    assert session.attended and session.check_in_method == "code" and session.checked_in_by is None
    client.post(code_url(registration, second), {"code": code})
    assert "この回の出席は既に記録しています（10:30）。" in page_of(client, registration)
    assert RegistrationLog.objects.filter(action="registration.checked_in").count() == 1

    # After the session's day the code is no longer taken.
    clock.set(timezone.localtime(second.ends_at).replace(hour=23, minute=59))
    client.post(code_url(late, second), {"code": code})
    assert late.sessions.get(event=second).checked_in_at == clock.now
    clock.advance(minutes=1)
    assert "出席を記録しました（23:59）。" in page_of(client, late)
    assert "出席を記録しました</strong>" in page_of(client, late)
    client.post(code_url(latest, second), {"code": code})
    assert "この回の出席コードの受付は終了しました。" in page_of(client, latest)
    assert not latest.sessions.get(event=second).attended


def test_wrong_codes_are_rate_limited(client, settings):
    # The wall clock (not tests.clock): the counters' cache compares expiry times with it.
    settings.ATTENDANCE_CODE_RATE_LIMIT = "3/h"
    now = timezone.now()
    event = OnlineRegistrationEventFactory(starts_at=now, ends_at=now + datetime.timedelta(hours=2))
    registration = register(event)
    code = checkin.attendance_code(event)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(4):
        client.post(code_url(registration, event), {"code": wrong})
    client.post(code_url(registration, event), {"code": code})
    html = page_of(client, registration)
    assert "出席コードの入力が続けて誤っています。" in html
    assert not registration.sessions.get().attended
    # Another registration is not held back by this one's attempts.
    other = register(event, n=1)
    client.post(code_url(other, event), {"code": code})
    assert other.sessions.get().attended


def test_a_waiting_registration_cannot_record_attendance(client, clock):
    event = OnlineRegistrationEventFactory(
        starts_at=clock.now, ends_at=clock.now + datetime.timedelta(hours=2), capacity=1
    )
    register(event)
    waiting = register(event, n=1)
    client.post(code_url(waiting, event), {"code": checkin.attendance_code(event)})
    assert not waiting.sessions.get().attended


# --- 出席状況 and the 参加証明書 ----------------------------------------------------------------


@pytest.fixture
def attended(clock):
    """A programme's registration that attended the first session (desk) and the second
    (code); a third session it missed; a second person who attended nothing."""
    staff = receptionist(username="uketsuke")
    registration, first, second = two_sessions(clock.now)
    third = RegistrationEventFactory(
        title="右腕人材育成プログラム 第3回",
        starts_at=clock.now + datetime.timedelta(days=14),
        ends_at=clock.now + datetime.timedelta(days=14, hours=2),
    )
    registration.sessions.create(event=third)
    absent = register(first, n=1)
    checkin.check_in(first, registration.number, actor=staff)
    clock.set(second.starts_at)
    checkin.check_in_with_code(registration, second, checkin.attendance_code(second))
    return staff, registration, absent, (first, second, third)


def test_staff_see_attendance_per_session_and_per_person(client, attended):
    staff, registration, absent, (first, second, third) = attended
    verified_login(client, staff)
    html = client.get(SESSIONS_URL).content.decode()
    row = re.search(rf'<tr data-event="{first.pk}">.*?</tr>', html, re.S).group(0)
    assert '"expected">2人' in row and '"attended">1人' in row and '"absent">1人' in row
    row = re.search(rf'<tr data-event="{second.pk}">.*?</tr>', html, re.S).group(0)
    assert '"expected">1人' in row and '"attended">1人' in row
    assert checkin.attendance_code(second) in row  # online: staff announce its code

    html = client.get(f"{SESSIONS_URL}?event={first.pk}").content.decode()
    assert registration.number in html and absent.number in html
    assert '<span data-count="attended">1</span>' in html
    html = client.get(f"{SESSIONS_URL}?event={first.pk}&attended=no").content.decode()
    assert absent.number in html and registration.number not in html

    html = client.get(person_url(registration)).content.decode()
    assert "3回のうち2回出席" in html
    for event, state in [(first, "出席"), (second, "出席"), (third, "未出席")]:
        row = re.search(rf'<tr data-event="{event.pk}">.*?</tr>', html, re.S).group(0)
        assert f"<td>{state}</td>" in row
    labels = set(AccessLogEntry.objects.filter(user=staff).values_list("target_label", flat=True))
    assert {"出席状況（回ごと）", f"出席状況 {first.title}", registration.number} <= labels


def test_the_certificate_lists_the_sessions_attended_with_embedded_fonts(
    client, attended, tmp_path
):
    staff, registration, absent, (first, second, third) = attended
    verified_login(client, staff)
    response = client.get(certificate_url(registration))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    data = response.content
    text = "".join(text_of(data, tmp_path, "certificate.pdf").split())
    assert "参加証明書" in text and "東北太郎様" in text and registration.number in text
    assert first.title.replace(" ", "") in text and second.title.replace(" ", "") in text
    assert third.title.replace(" ", "") not in text
    assert "令和" in text and "東北経済産業局" in text
    fonts = fonts_of(data, tmp_path, "certificate.pdf")
    assert fonts and {row[0].split("+")[-1] for row in fonts} <= {"IPAexMincho", "IPAexGothic"}
    assert all(row[-5] == "yes" for row in fonts)
    structure = structure_of(data)
    assert {"/H1", "/Table", "/TH", "/TD"} <= structure["types"] and structure["lang"] == "ja"
    assert structure["title"] == f"参加証明書 {registration.number}"

    log = RegistrationLog.objects.get(action="registration.certificate_issued")
    assert log.registration == registration and log.actor == staff
    assert log.data == {"events": [first.pk, second.pk]}
    assert AccessLogEntry.objects.filter(
        user=staff, action="registration.certificate", target_label=registration.number
    ).exists()

    response = client.get(certificate_url(absent))
    assert response.status_code == 302 and response["Location"] == person_url(absent)
    assert not RegistrationLog.objects.filter(
        registration=absent, action="registration.certificate_issued"
    ).exists()


def test_a_stale_csrf_token_keeps_the_code_typed(clock):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    event = OnlineRegistrationEventFactory(
        starts_at=clock.now, ends_at=clock.now + datetime.timedelta(hours=2)
    )
    registration = register(event)
    token = links.make_token(registration)
    url = reverse("registrations:attendance-code", args=[token, event.pk])
    response = client.post(url, {"code": "135 791"})
    assert response.status_code == 302
    page = reverse("registrations:page", args=[token])
    assert response["Location"] == f"{page}#attendance-{event.pk}"
    html = page_of(client, registration)
    assert "もう一度「出席を記録する」を押してください。" in html and 'value="135 791"' in html
    assert not registration.sessions.get().attended


def test_the_code_url_answers_only_for_the_registrations_own_sessions(client, clock):
    event = OnlineRegistrationEventFactory(
        starts_at=clock.now, ends_at=clock.now + datetime.timedelta(hours=2)
    )
    registration = register(event)
    other = OnlineRegistrationEventFactory(
        starts_at=clock.now, ends_at=clock.now + datetime.timedelta(hours=2)
    )
    response = client.post(code_url(registration, other), {"code": checkin.attendance_code(other)})
    assert response.status_code == 404
    token = links.make_token(registration)[:-2] + "xx"
    url = reverse("registrations:attendance-code", args=[token, event.pk])
    assert client.post(url, {"code": checkin.attendance_code(event)}).status_code == 404
    assert client.get(code_url(registration, event)).status_code == 405
    assert not registration.sessions.get().attended


def test_the_sessions_list_is_paged_newest_first(client, monkeypatch):
    from registrations.attendance_admin import AttendanceAdmin

    monkeypatch.setattr(AttendanceAdmin, "sessions_per_page", 2)
    events = [
        RegistrationEventFactory(
            starts_at=timezone.now() + datetime.timedelta(days=days),
            ends_at=timezone.now() + datetime.timedelta(days=days, hours=1),
        )
        for days in (1, 2, 3)
    ]
    for n, event in enumerate(events):
        register(event, n=n)
    verified_login(client, receptionist())
    first = client.get(SESSIONS_URL).content.decode()
    assert f'data-event="{events[2].pk}"' in first and f'data-event="{events[0].pk}"' not in first
    assert "3回中 1〜2回目" in first and "?page=2" in first
    second = client.get(f"{SESSIONS_URL}?page=2").content.decode()
    assert f'data-event="{events[0].pk}"' in second and f'data-event="{events[2].pk}"' not in second
