"""The check-in parts of the registrant's page and the reception desk pass the Nu HTML Checker:
the QR code (inline SVG), the 出席コード form before, with an error and after; the desk with its
results."""

import datetime

import pytest

from registrations import checkin, links
from tests.accounts.factories import verified_login
from tests.clock import Clock
from tests.test_nu_html import nu_errors, report

from .attendance import RECEPTION_URL, SESSIONS_URL, add_session, desk_url, person_url, receptionist
from .factories import OnlineRegistrationEventFactory, RegistrationEventFactory, register
from .test_attendance import code_url

pytestmark = pytest.mark.django_db


def states(client, monkeypatch):
    clock = Clock(monkeypatch)
    venue = RegistrationEventFactory(
        starts_at=clock.now + datetime.timedelta(hours=1),
        ends_at=clock.now + datetime.timedelta(hours=3),
    )
    online = OnlineRegistrationEventFactory(
        starts_at=clock.now, ends_at=clock.now + datetime.timedelta(hours=2)
    )
    later = OnlineRegistrationEventFactory(
        starts_at=clock.now + datetime.timedelta(days=7),
        ends_at=clock.now + datetime.timedelta(days=7, hours=2),
    )
    registration = register(venue)
    add_session(registration, online)
    add_session(registration, later)
    page = links.page_path(registration)
    pages = [("registrant: QR and code form", client.get(page))]
    client.post(code_url(registration, online), {"code": "x"})
    pages.append(("registrant: wrong code", client.get(page)))
    client.post(code_url(registration, online), {"code": checkin.attendance_code(online)})
    pages.append(("registrant: code accepted", client.get(page)))

    staff = receptionist()
    verified_login(client, staff)
    pages.append(("reception: choose", client.get(RECEPTION_URL)))
    pages.append(("reception: desk", client.get(desk_url(venue))))
    client.post(desk_url(venue), {"code": registration.number})
    pages.append(("reception: checked in", client.get(desk_url(venue))))
    client.post(desk_url(venue), {"code": registration.number})
    pages.append(("reception: refused", client.get(desk_url(venue))))
    pages.append(("attendance: sessions", client.get(SESSIONS_URL)))
    pages.append(("attendance: person", client.get(person_url(registration))))
    return pages


def test_the_check_in_pages_have_no_nu_errors(client, monkeypatch, tmp_path):
    names, files = {}, []
    for index, (name, response) in enumerate(states(client, monkeypatch)):
        assert response.status_code == 200, name
        path = tmp_path / f"page-{index:02}.html"
        path.write_text(response.content.decode(), encoding="utf-8")
        names[path.name] = name
        files.append(path)
    errors = nu_errors(files)
    assert not errors, f"{len(errors)} Nu HTML Checker errors:\n{report(errors, names)}"
