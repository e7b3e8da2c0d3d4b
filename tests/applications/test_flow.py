"""確認 and 完了: normalised values shown, going back keeps everything, one application per
submission whatever the person does, CSRF failures and expired sessions keep the input, rate limit."""

import os
import re
import subprocess
import sys

import pytest
from django.core import signing
from django.test import Client

from applications import drafts, worker
from applications.models import Application, ApplicationStatus, PledgeVersion
from tests.responses import assert_contains_all

from .factories import answers

pytestmark = pytest.mark.django_db


def payload_of(response):
    return re.search(r'name="payload" value="([^"]+)"', response.content.decode()).group(1)


def to_confirm(client, **overrides):
    assert client.post("/apply/", answers(**overrides)).status_code == 302
    response = client.get("/apply/confirm/")
    assert response.status_code == 200
    return response


def submit(client, payload):
    return client.post("/apply/confirm/", {"payload": payload, "submit": "1"})


def test_confirm_shows_the_normalised_values(client):
    html = to_confirm(
        client, postal_code="〒９８０－８４０３", phone="０２２－２２１－４８６１",
        reading="カブシキガイシャトウホクミライ",
    ).content.decode()  # fmt: skip
    assert "〒980-8403" in html
    assert "022-221-4861" in html
    assert "カブシキガイシャトウホクミライ" in html
    assert "宮城県" in html
    assert "関係人口の創出・活用、学びの場の提供" in html
    assert "利用目的" in html


def test_confirm_without_input_goes_back_to_the_form(client):
    response = client.get("/apply/confirm/")
    assert response.status_code == 302
    assert response["Location"] == "/apply/"


def test_going_back_from_confirm_keeps_everything(client):
    payload = payload_of(to_confirm(client, address="本町３丁目"))
    response = client.post("/apply/confirm/", {"payload": payload, "back": "1"})
    assert response["Location"] == "/apply/"
    html = client.get("/apply/").content.decode()
    assert_contains_all(
        html,
        ["株式会社とうほく未来", "本町3丁目", "980-8403", "とうほく たろう", "info@example.jp"],
    )
    assert re.search(r'id="id_pledge_agreed"[^>]*checked|checked[^>]*id="id_pledge_agreed"', html)


def test_going_back_works_even_when_the_session_expired(client):
    payload = payload_of(to_confirm(client))
    fresh = Client()
    fresh.post("/apply/confirm/", {"payload": payload, "back": "1"})
    assert "株式会社とうほく未来" in fresh.get("/apply/").content.decode()


def test_submit_shows_the_number_on_the_complete_page(client):
    payload = payload_of(to_confirm(client))
    response = submit(client, payload)
    worker.run_once()
    assert response["Location"] == "/apply/complete/"
    html = client.get("/apply/complete/").content.decode()
    application = Application.objects.get()
    assert re.fullmatch(r"NTM-\d{4}-\d{4}", application.number)
    assert application.number in html
    assert application.status == ApplicationStatus.RECEIVED
    assert application.pledge_version == PledgeVersion.objects.current()
    version = application.versions.get()
    assert version.has_pdfs
    assert version.data["postal_code"] == "980-8403"
    assert application.categories.count() == 2
    assert application.group == "miyagi"


@pytest.mark.parametrize("times", [2, 3])
def test_double_submission_creates_one_application(client, times):
    payload = payload_of(to_confirm(client))
    responses = [submit(client, payload) for _ in range(times)]
    assert {r["Location"] for r in responses} == {"/apply/complete/"}
    assert Application.objects.count() == 1


def test_back_and_resubmit_after_completion_creates_nothing_new(client):
    payload = payload_of(to_confirm(client))
    submit(client, payload)
    number = Application.objects.get().number
    # The browser's back button shows the old 確認 page; sending it again, even from another
    # browser session, finds the same application.
    other = Client()
    response = submit(other, payload)
    assert response["Location"] == "/apply/complete/"
    assert number in other.get("/apply/complete/").content.decode()
    assert Application.objects.count() == 1


def test_two_separate_applications_get_consecutive_numbers(client):
    submit(client, payload_of(to_confirm(client)))
    submit(client, payload_of(to_confirm(client, name="合同会社みやぎ")))
    numbers = list(Application.objects.order_by("sequence").values_list("sequence", flat=True))
    assert numbers == [1, 2]


def test_submit_works_after_the_session_expired(client):
    payload = payload_of(to_confirm(client))
    response = submit(Client(), payload)
    assert response["Location"] == "/apply/complete/"
    assert Application.objects.count() == 1


def test_altered_payload_is_refused(client):
    payload = payload_of(to_confirm(client))
    draft = signing.loads(payload, salt=drafts.PAYLOAD_SALT)
    draft["data"]["name"] = "改ざん"
    forged = signing.dumps(draft, salt="something-else", compress=True)
    response = submit(client, forged)
    assert response["Location"] == "/apply/"
    assert Application.objects.count() == 0


def test_csrf_failure_on_the_form_keeps_what_was_typed():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/apply/", answers(address="本町三丁目3番1号 仙台合同庁舎B棟"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "もう一度「入力内容を確認する」を押してください" in html
    assert "本町三丁目3番1号 仙台合同庁舎B棟" in html
    assert "株式会社とうほく未来" in html
    assert re.search(r'value="learning"[^>]*checked', html)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    again = client.post("/apply/", {**answers(), "csrfmiddlewaretoken": token})
    assert again.status_code == 302


def test_csrf_failure_on_confirm_keeps_the_confirmed_data(client):
    payload = payload_of(to_confirm(client))
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/apply/confirm/", {"payload": payload, "submit": "1"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "もう一度「この内容で申し込む」を押してください" in html
    assert payload_of(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    strict.post(
        "/apply/confirm/",
        {"payload": payload_of(response), "submit": "1", "csrfmiddlewaretoken": token},
    )
    assert Application.objects.count() == 1


def test_csrf_failure_elsewhere_gets_the_standard_answer():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/topics/", {})
    assert response.status_code == 403
    assert "株式会社" not in response.content.decode()


def test_rate_limit_answers_429_with_a_friendly_page(client, settings):
    settings.APPLY_RATE_LIMIT = "2/h"
    for name in ["一社目", "二社目"]:
        assert submit(client, payload_of(to_confirm(client, name=name))).status_code == 302
    payload = payload_of(to_confirm(client, name="三社目"))
    response = submit(client, payload)
    assert response.status_code == 429
    assert "しばらく時間をおいてから" in response.content.decode()
    assert Application.objects.count() == 2


def forwarded_client(chain):
    """A visitor behind the bureau's TLS proxy: every request comes from the proxy's address."""
    return Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=chain)


def test_behind_the_proxy_the_rate_limit_counts_each_client_apart(settings):
    settings.CLIENT_ADDRESS_PROXY_COUNT = 1  # DJANGO_BEHIND_TLS_PROXY=true
    for number in range(7):
        client = forwarded_client(f"198.51.100.{number + 1}")
        assert (
            submit(client, payload_of(to_confirm(client, name=f"{number}社目"))).status_code == 302
        )
    assert Application.objects.count() == 7


def test_behind_the_proxy_a_spoofed_left_entry_does_not_escape_the_rate_limit(settings):
    settings.CLIENT_ADDRESS_PROXY_COUNT = 1
    settings.APPLY_RATE_LIMIT = "2/h"
    statuses = []
    for number in range(3):
        client = forwarded_client(f"192.0.2.{number}, 198.51.100.7")
        statuses.append(
            submit(client, payload_of(to_confirm(client, name=f"{number}社目"))).status_code
        )
    assert statuses == [302, 302, 429]


def test_rate_limit_does_not_count_a_repeated_submission(client, settings):
    settings.APPLY_RATE_LIMIT = "1/h"
    payload = payload_of(to_confirm(client))
    assert submit(client, payload).status_code == 302
    assert submit(client, payload).status_code == 302
    assert Application.objects.count() == 1


def test_rate_limit_setting_comes_from_the_environment():
    code = "from django.conf import settings; print(settings.APPLY_RATE_LIMIT)"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "meetup_portal.settings"}
    env.pop("APPLY_RATE_LIMIT", None)
    default = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    env["APPLY_RATE_LIMIT"] = "1000/h"
    changed = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert (default.stdout.strip(), changed.stdout.strip()) == ("5/h", "1000/h")


def test_form_invalid_at_submit_time_goes_back_with_errors(client):
    payload = payload_of(to_confirm(client))
    draft = drafts.unsign(payload)
    draft.data["postal_code"] = "12"
    response = submit(client, drafts.sign(draft))
    assert response.status_code == 200
    assert "郵便番号は7桁の数字で入力してください" in response.content.decode()
    assert Application.objects.count() == 0


def test_an_abandoned_drafts_session_expires_with_the_flow_and_clearsessions_removes_it(
    client, settings
):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.utils import timezone

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    to_confirm(client)
    session = Session.objects.get(pk=client.session.session_key)
    lifetime = timedelta(hours=settings.APPLY_DRAFT_MAX_AGE_HOURS)
    assert session.expire_date - timezone.now() <= lifetime
    assert session.expire_date - timezone.now() > lifetime - timedelta(minutes=1)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    call_command("clearsessions")
    assert not Session.objects.filter(pk=session.pk).exists()
