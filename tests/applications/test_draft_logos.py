"""Issue 10, item 5: anyone can post the form, so a logo is kept between 入力 and 送信 only when the
whole step validates, each stored upload counts in a rate limit per client address, the drafts
are capped per address and in all, and drafts never sent are deleted after a few hours."""

import datetime
import io
import os
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from PIL import Image

from applications.models import Application
from applications.storage import private_storage

from .factories import answers
from .test_form import png

pytestmark = pytest.mark.django_db

REFUSED = "ただいまロゴ画像を受け付けることができません"
CHOOSE_AGAIN = "もう一度選択してください"


def private_files():
    """Every file under the private media root, as names relative to it."""
    root = private_storage.location
    return sorted(
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _, names in os.walk(root)
        for name in names
    )


def draft_files():
    return [name for name in private_files() if name.startswith("applications/drafts/")]


def noise_png(side=450):
    """A PNG that does not compress: about side² × 3 bytes (~600 KB for 450)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_an_invalid_step_stores_no_logo_and_asks_to_choose_it_again(client):
    response = client.post("/apply/", {**answers(name=""), "logo": png()})
    assert response.status_code == 200
    html = response.content.decode()
    assert private_files() == []
    assert not client.session.get("applications:draft", {}).get("logo")
    assert "選択済みのロゴ画像" not in html
    assert (
        f"選択したロゴ画像（logo.png）は、ほかの項目に誤りがあったため保存していません。{CHOOSE_AGAIN}"
        in html
    )
    assert "仙台市青葉区" in html and "インターンシップの受入れ先の開拓" in html  # the rest is kept


def test_a_valid_step_stores_one_logo_named_without_the_address(client):
    assert client.post("/apply/", {**answers(), "logo": png()}).status_code == 302
    stored = draft_files()
    assert len(stored) == 1
    assert client.session["applications:draft"]["logo"] == stored[0]
    assert "127.0.0.1" not in stored[0] and "127-0-0-1" not in stored[0]


def test_a_logo_replaced_in_the_same_draft_leaves_one_file(client):
    client.post("/apply/", {**answers(), "logo": png()})
    client.post("/apply/", {**answers(), "logo": png(size=(60, 30))})
    assert len(draft_files()) == 1


def test_stored_uploads_count_in_their_own_rate_limit(settings):
    settings.APPLY_UPLOAD_RATE_LIMIT = "2/h"
    statuses = [Client().post("/apply/", {**answers(), "logo": png()}).status_code for _ in "12"]
    assert statuses == [302, 302]
    client = Client()
    response = client.post("/apply/", {**answers(), "logo": png()})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{REFUSED}。しばらく時間をおいてから、もう一度お試しください。" in html
    assert "株式会社とうほく未来" in html  # the rest is kept
    assert len(draft_files()) == 2
    # Only stored uploads count: a step without a logo and invalid steps go on as before.
    assert client.post("/apply/", answers()).status_code == 302
    assert Client().post("/apply/", {**answers(name=""), "logo": png()}).status_code == 200
    assert len(draft_files()) == 2


def test_behind_the_proxy_the_upload_rate_limit_counts_each_client_apart(settings):
    settings.CLIENT_ADDRESS_PROXY_COUNT = 1
    settings.APPLY_UPLOAD_RATE_LIMIT = "1/h"
    for number in range(3):
        client = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{number + 1}")
        assert client.post("/apply/", {**answers(), "logo": png()}).status_code == 302
    assert len(draft_files()) == 3


def test_draft_logos_of_one_address_are_capped(settings):
    settings.APPLY_DRAFT_LOGO_MB_PER_CLIENT = 1
    assert Client().post("/apply/", {**answers(), "logo": noise_png()}).status_code == 302
    refused = Client().post("/apply/", {**answers(), "logo": noise_png()})
    assert refused.status_code == 200 and REFUSED in refused.content.decode()
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post("/apply/", {**answers(), "logo": noise_png()}).status_code == 302
    assert len(draft_files()) == 2


def test_replacing_the_logo_of_a_draft_does_not_count_against_the_cap(client, settings):
    settings.APPLY_DRAFT_LOGO_MB_PER_CLIENT = 1
    assert client.post("/apply/", {**answers(), "logo": noise_png()}).status_code == 302
    assert client.post("/apply/", {**answers(), "logo": noise_png()}).status_code == 302
    assert len(draft_files()) == 1


def test_draft_logos_of_all_addresses_are_capped(settings):
    settings.APPLY_DRAFT_LOGO_MB_TOTAL = 1
    assert Client().post("/apply/", {**answers(), "logo": noise_png()}).status_code == 302
    other = Client(REMOTE_ADDR="192.0.2.7")
    refused = other.post("/apply/", {**answers(), "logo": noise_png()})
    assert refused.status_code == 200 and REFUSED in refused.content.decode()
    assert len(draft_files()) == 1


def test_upload_settings_come_from_the_environment():
    import subprocess
    import sys

    names = [
        "APPLY_UPLOAD_RATE_LIMIT",
        "APPLY_DRAFT_LOGO_MB_PER_CLIENT",
        "APPLY_DRAFT_LOGO_MB_TOTAL",
        "APPLY_DRAFT_MAX_AGE_HOURS",
    ]
    code = f"from django.conf import settings; print([settings.{', settings.'.join(names)}])"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "meetup_portal.settings"}
    for name in names:
        env.pop(name, None)
    default = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    env.update(dict(zip(names, ["3/m", "5", "50", "1"], strict=True)))
    changed = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert default.stdout.strip() == "['20/h', 20, 500, 3]"
    assert changed.stdout.strip() == "['3/m', 5, 50, 1]"


def age(name, hours):
    moment = (timezone.now() - datetime.timedelta(hours=hours)).timestamp()
    os.utime(private_storage.path(name), (moment, moment))


def run_retention(*args):
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def payload_of(response):
    return re.search(r'name="payload" value="([^"]+)"', response.content.decode()).group(1)


def test_cleanup_deletes_drafts_older_than_the_max_age_and_keeps_the_rest(settings):
    sent = Client()
    sent.post("/apply/", {**answers(), "logo": png()})
    sent.post(
        "/apply/confirm/", {"payload": payload_of(sent.get("/apply/confirm/")), "submit": "1"}
    )
    submitted_logo = Application.objects.get().logo.name
    old, recent = Client(), Client()
    old.post("/apply/", {**answers(), "logo": png()})
    recent.post("/apply/", {**answers(), "logo": png()})
    old_name = old.session["applications:draft"]["logo"]
    recent_name = recent.session["applications:draft"]["logo"]
    age(old_name, 4)
    age(recent_name, 2)
    age(submitted_logo, 48)

    assert "1 logo drafts would be deleted" in run_retention("--dry-run")
    assert "1 logo drafts deleted" in run_retention()
    assert not private_storage.exists(old_name)
    assert private_storage.exists(recent_name)
    assert private_storage.exists(submitted_logo)

    settings.APPLY_DRAFT_MAX_AGE_HOURS = 1
    assert "1 logo drafts deleted" in run_retention()
    assert not private_storage.exists(recent_name)
    assert private_storage.exists(submitted_logo)


def test_a_draft_logo_deleted_before_sending_is_asked_for_again(client):
    client.post("/apply/", {**answers(), "logo": png()})
    payload = payload_of(client.get("/apply/confirm/"))
    private_storage.delete(client.session["applications:draft"]["logo"])  # the cleanup ran

    response = client.post("/apply/confirm/", {"payload": payload, "submit": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "ロゴ画像の保存期間が過ぎました。もう一度選択してください。" in html
    assert "株式会社とうほく未来" in html
    assert not Application.objects.exists()
    assert client.session["applications:draft"]["logo"] == ""
    # Sending without the logo, or with a new one, works again.
    assert client.post("/apply/", {**answers(), "logo": png()}).status_code == 302
    client.post(
        "/apply/confirm/", {"payload": payload_of(client.get("/apply/confirm/")), "submit": "1"}
    )
    assert Application.objects.get().logo
