"""Second-factor helpers for tests: devices, codes computed from a device's secret, sign-in."""

import re

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD, UserFactory

LOGIN_URL = "/admin/login/"
SETUP_URL = "/admin/otp/setup/"
VERIFY_URL = "/admin/otp/verify/"
RECOVERY_URL = "/admin/otp/recovery/"


def superuser(**kwargs):
    return UserFactory(is_staff=True, is_superuser=True, **kwargs)


def totp_device(user, confirmed=True):
    return TOTPDevice.objects.create(user=user, name="認証アプリ", confirmed=confirmed)


def recovery_codes(user, codes=("abcd2345", "efgh6789")):
    device = StaticDevice.objects.create(user=user, name="リカバリーコード", confirmed=True)
    for code in codes:
        StaticToken.objects.create(device=device, token=code)
    return list(codes)


def code_for_key(key_bytes, step=0):
    """The 6-digit code an authenticator app shows now (``step=1``: the next one)."""
    return f"{totp(key_bytes, step=30, t0=0, digits=6, drift=step):06d}"


def code_for(device, step=0):
    return code_for_key(device.bin_key, step=step)


def secret_from_page(html):
    """The base32 secret as the enrolment page shows it, in groups of four."""
    return re.search(r'id="otp-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")


def password_step(client, user_or_name, password=TEST_PASSWORD, next_url=""):
    username = getattr(user_or_name, "username", user_or_name)
    return client.post(LOGIN_URL, {"username": username, "password": password, "next": next_url})


def sign_in(client, user, step=0):
    """Password, then a code from the account's app (a device is created if it has none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or totp_device(user)
    password_step(client, user)
    response = client.post(VERIFY_URL, {"code": code_for(device, step=step)})
    assert response.status_code == 302, response.content.decode()[:1000]
    return device


def verified_login(client, user):
    """For other apps' tests: ``force_login`` plus a session already verified by a device, the
    state a reviewer is in after entering a code. Use instead of plain ``force_login`` for any
    account that can see applications."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
