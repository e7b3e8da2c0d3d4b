"""The second step of signing in: TOTP devices, one-time recovery codes and the state between
the password and the code. After a correct password an account that needs a second factor is
*not* signed in yet; the session only remembers who is half-way, for a few minutes."""

import base64
import logging
import time
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import qr

from .policy import second_factor_required

logger = logging.getLogger("accounts.security")

PENDING = "accounts.pending_sign_in"
PENDING_MAX_AGE_SECONDS = 10 * 60
ENROLMENT_DEVICE = "accounts.enrolment_device"
NEW_RECOVERY_CODES = "accounts.new_recovery_codes"
RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "認証アプリ"
RECOVERY_DEVICE_NAME = "リカバリーコード"


# --- where to go -------------------------------------------------------------------------------


def safe_next(request, candidate):
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def step_url(name, next_url):
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def next_step(user, next_url=""):
    """The enrolment page for an account without a confirmed device, else the code page."""
    name = "accounts:otp-verify" if confirmed_totp_device(user) else "accounts:otp-setup"
    return step_url(name, next_url)


# --- who is half-way ---------------------------------------------------------------------------


def begin(request, user):
    """The password was right and a second factor is needed: remember the account, not signed in."""
    request.session.cycle_key()
    request.session[PENDING] = {
        "user_id": user.pk,
        "backend": user.backend,
        "at": int(time.time()),
    }
    logger.info("password accepted, second factor pending: %s", user.get_username())


def pending_user(request):
    state = request.session.get(PENDING)
    if not state:
        return None
    if time.time() - state["at"] > PENDING_MAX_AGE_SECONDS:
        del request.session[PENDING]
        return None
    return get_user_model().objects.filter(pk=state["user_id"], is_active=True).first()


def flow_user(request):
    """The account on its way through the second step: one that entered its password a moment
    ago, or one signed in without a second factor that needs or wants one."""
    if request.user.is_authenticated:
        return request.user
    return pending_user(request)


def is_verified(request):
    user = request.user
    return user.is_authenticated and user.is_verified()


def needs_second_step(request):
    """True while the current visitor still has to give (or set up) a second factor."""
    if request.user.is_authenticated:
        return not request.user.is_verified() and second_factor_required(request.user)
    return pending_user(request) is not None


def complete(request, user, device):
    """Both factors given: sign in (if the password step left the account half-way) and mark the
    session as verified by ``device``. The session gets a new key either way."""
    state = request.session.pop(PENDING, None)
    if request.user.is_authenticated:
        request.session.cycle_key()
    else:
        auth_login(request, user, backend=state["backend"])
    otp_login(request, device)


# --- devices -----------------------------------------------------------------------------------


def confirmed_totp_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def enrolment_device(request, user):
    """The unconfirmed device shown on the enrolment page; the same one until it is confirmed,
    so that reloading the page does not invalidate a QR code already scanned."""
    device = TOTPDevice.objects.filter(
        pk=request.session.get(ENROLMENT_DEVICE), user=user, confirmed=False
    ).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
        request.session[ENROLMENT_DEVICE] = device.pk
    return device


def confirm_enrolment(request, user, device, token):
    """Check the first code from the new device; on success confirm it, issue fresh recovery
    codes (kept in the session to be shown once) and finish signing in."""
    if not device.verify_token(token):
        logger.warning("device enrolment code refused: %s", user.get_username())
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    request.session.pop(ENROLMENT_DEVICE, None)
    codes = issue_recovery_codes(user)
    complete(request, user, device)
    request.session[NEW_RECOVERY_CODES] = codes
    logger.info("authenticator app enrolled: %s", user.get_username())
    return True


def issue_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify_app_code(request, user, token):
    device = confirmed_totp_device(user)
    if device is None:
        return False
    verified = verify_token(user, device.persistent_id, token)
    if verified is None:
        logger.warning("second factor refused (app code): %s", user.get_username())
        return False
    complete(request, user, verified)
    logger.info("second factor verified (app code): %s", user.get_username())
    return True


def verify_recovery_code(request, user, code):
    """A recovery code is deleted when it is used: it works once."""
    device = StaticDevice.objects.devices_for_user(user, confirmed=True).first()
    if device is None:
        return False
    verified = verify_token(user, device.persistent_id, normalise_recovery_code(code))
    if verified is None:
        logger.warning("second factor refused (recovery code): %s", user.get_username())
        return False
    complete(request, user, verified)
    remaining = verified.token_set.count()
    logger.warning(
        "second factor verified with a recovery code: %s (%d left)",
        user.get_username(),
        remaining,
    )
    return True


def normalise_recovery_code(code):
    return "".join(character for character in code.lower() if character.isalnum())


def remaining_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def reset_devices(user):
    """Delete every second-factor device of ``user`` (a lost phone); returns how many."""
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    return len(devices)


# --- showing the secret ------------------------------------------------------------------------


def secret_text(device):
    """The key in base32, in groups of four, for typing into an authenticator app."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def qr_code_data_uri(device):
    """The otpauth:// URL as an SVG QR code in a data: URI (allowed by img-src; no inline SVG)."""
    return qr.svg_data_uri(device.config_url)
