"""受付番号: NTM-<year>-<4+ digits>, sequential and gapless per year, also under concurrency."""

import re
import threading
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import IntegrityError, transaction

from applications import drafts, numbering
from applications.models import Application, PledgeVersion, YearCounter

from .factories import cleaned, submit_application


def test_number_format():
    assert numbering.format_number(2026, 1) == "NTM-2026-0001"
    assert numbering.format_number(2026, 10000) == "NTM-2026-10000"


@pytest.mark.django_db
def test_numbers_are_sequential_per_year_and_restart_each_year():
    with transaction.atomic():
        assert numbering.take_next(2026)[2] == "NTM-2026-0001"
        assert numbering.take_next(2026)[2] == "NTM-2026-0002"
        assert numbering.take_next(2027)[2] == "NTM-2027-0001"
    assert YearCounter.objects.get(year=2026).last_number == 2


@pytest.mark.django_db(transaction=True)
def test_numbering_outside_a_transaction_is_a_programming_error():
    with pytest.raises(RuntimeError):
        numbering.take_next(2026)


@pytest.mark.django_db
def test_a_failed_insert_leaves_no_gap():
    submit_application()
    with pytest.raises(IntegrityError), transaction.atomic():
        numbering.take_next()
        Application.objects.create(number="NTM-broken")  # violates NOT NULL columns
    second = submit_application(name="合同会社みやぎ")
    assert second.sequence == 2


def _post_submission(base_url, payload):
    """One browser-less submission of a 確認 form, with its own CSRF cookie."""
    csrf = uuid.uuid4().hex  # any 32 characters are a valid unmasked token
    body = urllib.parse.urlencode(
        {"payload": payload, "submit": "1", "csrfmiddlewaretoken": csrf}
    ).encode()
    request = urllib.request.Request(
        f"{base_url}/apply/confirm/",
        data=body,
        headers={
            "Cookie": f"csrftoken={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_submissions_get_twenty_consecutive_numbers(
    migration_data, live_server, settings, monkeypatch
):
    settings.APPLY_RATE_LIMIT = "1000/h"
    pledge = PledgeVersion.objects.current()
    payloads = [
        drafts.sign(
            drafts.Draft(
                data=cleaned(name=f"並行申込{index}"),
                pledge_version=pledge.pk,
                token=uuid.uuid4().hex,
            )
        )
        for index in range(20)
    ]
    start = threading.Barrier(20)

    def send(payload):
        start.wait()
        return _post_submission(live_server.url, payload)

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(send, payloads))
    assert statuses == [302] * 20
    numbers = list(Application.objects.values_list("number", flat=True))
    sequences = sorted(Application.objects.values_list("sequence", flat=True))
    assert len(numbers) == len(set(numbers)) == 20
    assert sequences == list(range(1, 21))
    assert all(re.fullmatch(r"NTM-\d{4}-\d{4}", number) for number in numbers)
    assert sorted(Application.objects.values_list("name", flat=True)) == sorted(
        f"並行申込{index}" for index in range(20)
    )
