"""Two-factor sign-in: who needs it, enrolment, codes, recovery codes."""

import base64
import re

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import CODE_REFUSED
from accounts.policy import can_see_applications, second_factor_required
from tests.factories import TEST_PASSWORD, UserFactory, content_editor, reviewer
from tests.qr import decode_qr

from .factories import (
    LOGIN_URL,
    RECOVERY_URL,
    SETUP_URL,
    VERIFY_URL,
    code_for,
    code_for_key,
    password_step,
    recovery_codes,
    secret_from_page,
    sign_in,
    superuser,
    totp_device,
)

pytestmark = pytest.mark.django_db

# Every URL that shows or leads to personal data; one application's change view and PDFs are
# covered in tests/applications/test_access_log.py.
PROTECTED_URLS = [
    "/admin/",
    "/admin/pages/page/",
    "/admin/auth/user/",
    "/admin/applications/application/",
]


def applications_permission():
    content_type, _ = ContentType.objects.get_or_create(
        app_label="applications", model="application"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_application", defaults={"name": "閲覧"}
    )
    return permission


def test_policy_names_the_accounts_that_can_see_applications():
    holder = UserFactory(is_staff=True)
    holder.user_permissions.add(applications_permission())
    assert can_see_applications(superuser())
    assert can_see_applications(reviewer())
    assert can_see_applications(holder)
    assert not can_see_applications(content_editor())
    assert not can_see_applications(UserFactory(is_staff=True, is_superuser=True, is_active=False))


def test_second_factor_is_optional_for_editors_until_they_set_one_up():
    editor = content_editor()
    assert not second_factor_required(editor)
    totp_device(editor)
    assert second_factor_required(editor)


@pytest.mark.parametrize("url", PROTECTED_URLS)
def test_reviewer_without_device_is_sent_to_enrolment_for_every_protected_url(client, url):
    user = reviewer()
    response = password_step(client, user)
    assert response.status_code == 302 and response["Location"].startswith(SETUP_URL)
    assert "_auth_user_id" not in client.session  # the password alone signs nobody in

    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP_URL)
    setup = client.get(response["Location"])
    assert setup.status_code == 200
    assert "二段階認証の設定" in setup.content.decode()


@pytest.mark.parametrize("url", PROTECTED_URLS)
def test_signed_in_reviewer_without_second_factor_gets_no_admin_page(client, url):
    """Even a session signed in some other way (here force_login) must give the code first."""
    user = reviewer()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(SETUP_URL)
    totp_device(user)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY_URL)


@pytest.mark.parametrize("make_user", [reviewer, superuser])
@pytest.mark.parametrize("url", PROTECTED_URLS)
def test_valid_code_opens_the_admin(client, url, make_user):
    user = make_user()
    device = totp_device(user)
    response = password_step(client, user, next_url=url)
    assert response["Location"].startswith(VERIFY_URL)
    response = client.post(VERIFY_URL, {"code": code_for(device), "next": url})
    assert response.status_code == 302 and response["Location"] == url
    # Past the second-factor gate; the admin's own permissions decide the rest (a reviewer
    # sees applications but may not edit pages or accounts).
    reviewer_urls = ("/admin/", "/admin/applications/application/")
    expected = 200 if user.is_superuser or url in reviewer_urls else 403
    assert client.get(url).status_code == expected


def assert_code_refused(client, url, code, message):
    """After the password step: ``code`` posted to ``url`` is refused with ``message`` on the
    form again, and the admin still sends the user to the second-factor step."""
    response = client.post(url, {"code": code})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert client.get("/admin/")["Location"].startswith(VERIFY_URL)


def test_wrong_code_is_refused_and_the_admin_stays_closed(client):
    user = reviewer()
    device = totp_device(user)
    password_step(client, user)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    assert_code_refused(client, VERIFY_URL, wrong, "確認コードが正しくないか")


def test_full_width_digits_are_accepted(client):
    user = reviewer()
    device = totp_device(user)
    password_step(client, user)
    full_width = code_for(device).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert client.post(VERIFY_URL, {"code": full_width}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_superuser_needs_the_second_factor_too(client):
    response = password_step(client, superuser())
    assert response["Location"].startswith(SETUP_URL)


def test_the_enrolment_qr_code_holds_the_authenticator_url(client, tmp_path):
    user = reviewer()
    password_step(client, user)
    html = client.get(SETUP_URL).content.decode()
    image = re.search(r'<img src="data:image/svg\+xml;base64,[^"]+"[^>]*>', html).group(0)
    [(text, kind)] = decode_qr(image, tmp_path)
    assert kind == "QRCode"
    assert text == TOTPDevice.objects.get(user=user).config_url
    assert text.startswith("otpauth://totp/") and secret_from_page(html) in text


def test_enrolment_shows_qr_and_secret_confirms_and_shows_recovery_codes_once(client):
    user = reviewer()
    password_step(client, user)
    page = client.get(SETUP_URL)
    html = page.content.decode()
    assert re.search(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="[^"]+"', html)
    secret = secret_from_page(html)
    assert secret_from_page(client.get(SETUP_URL).content.decode()) == secret  # same on reload
    key = TOTPDevice.objects.get(user=user).bin_key
    assert code_for_key(key) == code_for(TOTPDevice.objects.get(user=user))

    response = client.post(SETUP_URL, {"code": "000000" if code_for_key(key) != "000000" else "1"})
    assert response.status_code == 200 and not TOTPDevice.objects.get(user=user).confirmed
    TOTPDevice.objects.get(user=user).throttle_reset()  # django-otp slows down after a failure

    secret_key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    response = client.post(SETUP_URL, {"code": code_for_key(secret_key)})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=user).confirmed
    codes_page = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page)
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )
    again = client.get(response["Location"])
    assert again.status_code == 302  # shown once only
    assert client.get("/admin/").status_code == 200


def test_password_alone_cannot_replace_an_existing_device(client):
    user = reviewer()
    totp_device(user)
    password_step(client, user)
    response = client.get(SETUP_URL)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY_URL)
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_recovery_code_works_once(client):
    user = reviewer()
    totp_device(user)
    code = recovery_codes(user)[0]
    password_step(client, user)
    response = client.post(RECOVERY_URL, {"code": code.upper()})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")

    password_step(client, user)
    assert_code_refused(client, RECOVERY_URL, code, "すでに使用されています")


def test_content_editor_without_device_signs_in_with_password_only(client):
    editor = content_editor()
    response = password_step(client, editor)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/page/").status_code == 200


def test_content_editor_may_enrol_and_then_must_give_the_code(client):
    editor = content_editor()
    password_step(client, editor)
    page = client.get(SETUP_URL).content.decode()
    assert "二段階認証を設定すると" in page
    device = TOTPDevice.objects.get(user=editor)
    assert client.post(SETUP_URL, {"code": code_for(device)}).status_code == 302
    client.post("/admin/logout/")

    response = password_step(client, editor)
    assert response["Location"].startswith(VERIFY_URL)
    assert client.get("/admin/")["Location"].startswith(VERIFY_URL)
    client.post(VERIFY_URL, {"code": code_for(device, step=1)})
    assert client.get("/admin/").status_code == 200


def test_a_code_cannot_be_used_twice(client):
    user = reviewer()
    device = sign_in(client, user)
    assert client.get("/admin/").status_code == 200  # the code opened the admin once
    client.post("/admin/logout/")
    password_step(client, user)
    response = client.post(VERIFY_URL, {"code": code_for(device)})
    assert response.status_code == 200
    assert CODE_REFUSED in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session  # the session is not verified
    assert client.get("/admin/")["Location"].startswith(VERIFY_URL)


def test_half_way_state_expires(client, monkeypatch):
    from accounts import second_factor

    user = reviewer()
    totp_device(user)
    password_step(client, user)
    monkeypatch.setattr(second_factor, "PENDING_MAX_AGE_SECONDS", -1)
    response = client.get(VERIFY_URL)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN_URL)


def test_login_page_is_japanese_and_keeps_next(client):
    html = client.get(LOGIN_URL + "?next=/admin/pages/page/").content.decode()
    assert "ユーザー名" in html and "パスワード" in html and 'value="ログイン"' in html
    assert 'name="next" value="/admin/pages/page/"' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_next_must_stay_on_this_site(client):
    editor = content_editor()
    response = password_step(client, editor, next_url="https://evil.example/")
    assert response["Location"] == "/admin/"


def test_non_staff_account_is_refused_like_a_wrong_password(client):
    user = UserFactory(is_staff=False)
    response = password_step(client, user)
    assert response.status_code == 200
    assert "ユーザー名またはパスワードが正しくないか" in response.content.decode()
    assert password_step(client, user, password=TEST_PASSWORD + "x").status_code == 200


def test_admin_offers_the_second_factor_setup_to_every_staff_member(client):
    password_step(client, content_editor())
    html = client.get("/admin/").content.decode()
    assert f'<a href="{SETUP_URL}">二段階認証の設定</a>' in html
    assert "NEXT TOHOKU MEETUP 管理" in html  # the admin's own branding is kept
