"""Logo images kept in private storage between 入力 and 送信.

Anyone can post the form, so keeping a file is limited: only a step that validated stores its
logo (``drafts.keep_logo``), each stored upload counts in a rate limit per client address
(``APPLY_UPLOAD_RATE_LIMIT``), and the drafts may take at most ``APPLY_DRAFT_LOGO_MB_PER_CLIENT``
per address and ``APPLY_DRAFT_LOGO_MB_TOTAL`` in all. Sending moves the file to the application;
``apply_retention`` (hourly) deletes drafts older than ``APPLY_DRAFT_MAX_AGE_HOURS``.

The files are their own record: each name starts with a keyed hash of the client address (never
the address), so one address's usage is the size of its files, with no table to keep in step
with the files that sending, replacing and the cleanup delete.
"""

import datetime
import logging
import uuid

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_ratelimit.core import is_ratelimited

from accounts.clients import client_address, rate_limit_key
from core.images import stored_extension

from .storage import private_storage

logger = logging.getLogger(__name__)

DIRECTORY = "applications/drafts/"
UPLOAD_RATE_LIMIT_GROUP = "applications.draft_logo"
REFUSED = (
    "ただいまロゴ画像を受け付けることができません。"
    "しばらく時間をおいてから、もう一度お試しください。"
)
MB = 1024 * 1024


def client_tag(address) -> str:
    """A keyed hash of the client address for the file names: the same for one address, and
    not the address itself."""
    return salted_hmac("applications.draft_logos", address or "unknown").hexdigest()[:16]


def is_draft(name) -> bool:
    return bool(name) and name.startswith(DIRECTORY)


def _each(read) -> dict[str, object]:
    """{file name: read(its storage name)} of the stored drafts."""
    try:
        _, names = private_storage.listdir(DIRECTORY)
    except FileNotFoundError:
        return {}
    found = {}
    for name in names:
        try:
            found[name] = read(f"{DIRECTORY}{name}")
        except FileNotFoundError:  # sent or cleaned up meanwhile
            pass
    return found


def _over_a_cap(tag, size, replacing) -> str:
    """Which cap storing ``size`` more bytes would pass ("" when none); the draft's own file
    that the upload replaces does not count."""
    sizes = _each(private_storage.size)
    sizes.pop(replacing.removeprefix(DIRECTORY), None)
    if sum(sizes.values()) + size > settings.APPLY_DRAFT_LOGO_MB_TOTAL * MB:
        return "total cap"
    mine = sum(bytes_ for name, bytes_ in sizes.items() if name.startswith(f"{tag}-"))
    if mine + size > settings.APPLY_DRAFT_LOGO_MB_PER_CLIENT * MB:
        return "per-address cap"
    return ""


def save(request, upload, replacing=""):
    """Store a validated upload for the draft and return its name, or None when it cannot be
    accepted now (a cap or the upload rate limit). Named by the format found in its content,
    never by the name it was uploaded with."""
    tag = client_tag(client_address(request))
    reason = _over_a_cap(tag, upload.size, replacing)
    if not reason and is_ratelimited(
        request,
        group=UPLOAD_RATE_LIMIT_GROUP,
        key=rate_limit_key,
        rate=settings.APPLY_UPLOAD_RATE_LIMIT,
        increment=True,
    ):
        reason = "upload rate limit"
    if reason:
        logger.warning("Draft logo refused: %s", reason)
        return None
    name = f"{DIRECTORY}{tag}-{uuid.uuid4().hex}{stored_extension(upload)}"
    return private_storage.save(name, upload)


def stale(now=None) -> list[str]:
    """Drafts not sent within APPLY_DRAFT_MAX_AGE_HOURS."""
    cutoff = (now or timezone.now()) - datetime.timedelta(hours=settings.APPLY_DRAFT_MAX_AGE_HOURS)
    modified = _each(private_storage.get_modified_time)
    return [f"{DIRECTORY}{name}" for name, moment in modified.items() if moment < cutoff]
