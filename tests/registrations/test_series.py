"""A programme (EventSeries) booked as one: one registration covers every session (or the ones
chosen where staff allow it), every session is in the registrant's .ics, the series page shows
the seats and the 申し込む button."""

import icalendar
import pytest
import vobject
from django.core import mail as sent_mail

from applications import worker
from registrations import booking, links
from registrations.models import Registration, RegistrationStatus

from .factories import person, programme
from .test_flow import FORM, payload_of

pytestmark = pytest.mark.django_db


def register_url(series):
    return f"/events/series/{series.slug}/register/"


def submit(client, series, **changes):
    response = client.post(register_url(series), {**FORM, **changes})
    assert response.status_code == 302, response.content.decode()[:2000]
    confirm = client.get(response["Location"])
    return client.post(response["Location"], {"payload": payload_of(confirm), "submit": "1"})


def uids_in(ics):
    """The UIDs of the VEVENTs, read by two parsers that must agree."""
    text = ics if isinstance(ics, str) else ics.decode()
    by_icalendar = {str(c["uid"]) for c in icalendar.Calendar.from_ical(text).walk("VEVENT")}
    by_vobject = {e.uid.value for e in vobject.readOne(text).vevent_list}
    assert by_icalendar == by_vobject
    return by_icalendar


def test_one_registration_covers_every_session_and_every_session_is_in_the_ics(client):
    series = programme(3)
    sessions = list(series.sessions.order_by("series_number"))
    html = client.get(series.get_absolute_url()).content.decode()
    assert "残り 20 席" in html and register_url(series) in html and "全回まとめて申込み" in html
    form_html = client.get(register_url(series)).content.decode()
    assert all(session.title in form_html for session in sessions)
    complete = client.get(submit(client, series)["Location"]).content.decode()
    registration = Registration.objects.get()
    assert registration.series == series and registration.event is None
    assert registration.number in complete
    assert {s.event for s in registration.sessions.all()} == set(sessions)
    series.refresh_from_db()
    assert series.confirmed_count == 1
    assert "残り 19 席" in client.get(series.get_absolute_url()).content.decode()

    worker.run_once()
    [message] = sent_mail.outbox
    [(_, content, _)] = message.attachments
    expected = {str(session.uid) for session in sessions}
    assert uids_in(content) == expected
    for session in sessions:
        assert session.title in message.body
    page_ics = client.get(f"{links.page_path(registration)}calendar.ics")
    assert uids_in(page_ics.content) == expected


def test_chosen_sessions_when_staff_allow_choosing(client):
    series = programme(3, selectable=True)
    first, second, third = series.sessions.order_by("series_number")
    response = client.post(register_url(series), FORM)
    assert "参加する回を1つ以上選択してください。" in response.content.decode()
    submit(client, series, sessions=[str(first.pk), str(third.pk)])
    registration = Registration.objects.get()
    assert {s.event for s in registration.sessions.all()} == {first, third}

    edit = f"{links.page_path(registration)}edit/"
    data = {**FORM, "email": "taro@example.jp", "sessions": [str(second.pk)]}
    assert client.post(edit, data).status_code == 302
    assert {s.event for s in registration.sessions.all()} == {second}
    assert registration.logs.last().data == {"fields": ["sessions"]}


def test_series_capacity_and_waiting_list_and_promotion():
    series = programme(2, capacity=1)
    first = booking.register(series, person(1))
    second = booking.register(series, person(2))
    assert second.status == RegistrationStatus.WAITING
    booking.cancel(first)
    second.refresh_from_db()
    assert second.status == RegistrationStatus.CONFIRMED
    series.refresh_from_db()
    assert (series.confirmed_count, series.waiting_count) == (1, 0)


def test_a_whole_programme_closes_when_its_first_session_starts(client):
    import datetime

    from django.utils import timezone

    series = programme(2)
    first = series.sessions.order_by("series_number").first()
    first.starts_at = timezone.now() - datetime.timedelta(hours=1)
    first.ends_at = timezone.now() + datetime.timedelta(hours=1)
    first.save()
    series.refresh_from_db()
    assert series.registration_closed()
    assert "受付は終了しました" in client.get(register_url(series)).content.decode()
    with pytest.raises(booking.RegistrationError):
        booking.register(series, person(1))
