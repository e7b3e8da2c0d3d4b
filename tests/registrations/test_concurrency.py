"""50 people send the 確認 step at once for the last 10 seats, against the live server: exactly
10 are confirmed and 40 wait, the numbers are unique and gapless, no request fails; a
cancellation then promotes exactly the first person waiting. Runs on the test database of the
run: SQLite (a file, IMMEDIATE transactions) by default, PostgreSQL with
DATABASE_URL=postgres://… (row locks)."""

import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

from registrations import booking
from registrations.models import Registration, RegistrationStatus
from registrations.views import _sign

from .factories import RegistrationEventFactory

PEOPLE = 50
SEATS = 10


class _WideServer(ThreadedWSGIServer):
    """Django's threaded test server with a listen backlog for 50 clients at once (its own is
    10: the rest would be reset before the server accepts them)."""

    request_queue_size = 128


class _WideServerThread(LiveServerThread):
    server_class = _WideServer


@pytest.fixture
def wide_live_server():
    thread = _WideServerThread("127.0.0.1", StaticFilesHandler)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


def _draft(index):
    email = f"concurrent{index}@example.jp"
    return {
        "data": {
            "name": f"並行 太郎{index}",
            "reading": "へいこう たろう",
            "email": email,
            "email_confirmation": email,
            "phone": "",
            "organisation": "",
            "needs": "",
            "privacy_consent": True,
        },
        "token": str(uuid.uuid4()),
    }


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _post(url, payload):
    """One browser-less 確認 step with its own CSRF cookie; the status code."""
    csrf = uuid.uuid4().hex
    body = urllib.parse.urlencode(
        {"payload": payload, "submit": "1", "csrfmiddlewaretoken": csrf}
    ).encode()
    request = urllib.request.Request(
        url,
        data=body,
        headers={
            "Cookie": f"csrftoken={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=120) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.django_db(transaction=True)
def test_fifty_at_once_for_ten_seats(wide_live_server, settings):
    settings.REGISTER_RATE_LIMIT = "1000/h"
    event = RegistrationEventFactory(capacity=SEATS)
    url = f"{wide_live_server}/events/{event.slug}/register/confirm/"
    payloads = [_sign(event, _draft(index)) for index in range(PEOPLE)]
    start = threading.Barrier(PEOPLE)

    def send(payload):
        start.wait()
        return _post(url, payload)

    # Bounded: 50 threads, each one request, each with a 120 s timeout.
    with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
        statuses = list(pool.map(send, payloads))

    assert statuses == [302] * PEOPLE  # 0 errors
    registrations = Registration.objects.filter(event=event)
    counts = registrations.status_counts()
    assert counts == {
        RegistrationStatus.CONFIRMED: SEATS,
        RegistrationStatus.WAITING: PEOPLE - SEATS,
    }
    sequences = sorted(registrations.values_list("sequence", flat=True))
    assert sequences == list(range(sequences[0], sequences[0] + PEOPLE))
    numbers = list(registrations.values_list("number", flat=True))
    assert len(set(numbers)) == PEOPLE
    event.refresh_from_db()
    assert (event.confirmed_count, event.waiting_count) == (SEATS, PEOPLE - SEATS)

    # One cancellation promotes exactly the first person waiting.
    first_waiting, second_waiting = registrations.waiting()[:2]
    booking.cancel(registrations.confirmed().first())
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == RegistrationStatus.CONFIRMED
    assert second_waiting.status == RegistrationStatus.WAITING
    assert registrations.confirmed().count() == SEATS
    assert registrations.waiting().count() == PEOPLE - SEATS - 1
    promotions = Registration.objects.filter(logs__action="registration.promoted")
    assert list(promotions) == [first_waiting]
