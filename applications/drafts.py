"""What the person has entered so far, kept between 入力 and 確認, and its logo.

The draft lives in the session (so going back from 確認 keeps everything) and is also carried,
signed, in the 確認 page's form, so that sending works even when the session has expired meanwhile.

Its logo is kept in private storage until sending moves it to the application. Anyone can post the
form, so keeping a file is limited: only a step that validated stores its logo
(``Draft.keep_logo``), each stored upload counts in a rate limit per client address
(``APPLY_UPLOAD_RATE_LIMIT``), and the draft logos may take at most
``APPLY_DRAFT_LOGO_MB_PER_CLIENT`` per address and ``APPLY_DRAFT_LOGO_MB_TOTAL`` in all;
``apply_retention`` (hourly) deletes those older than ``APPLY_DRAFT_MAX_AGE_HOURS``. The files are
their own record: each name starts with a keyed hash of the client address (never the address), so
one address's usage is the size of its files, with no table to keep in step with the files that
sending, replacing and the cleanup delete.
"""

import dataclasses
import datetime
import logging
import os
import uuid

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_ratelimit.core import is_ratelimited

from accounts.clients import client_address, rate_limit_key
from core.images import stored_extension

from .storage import private_storage

logger = logging.getLogger(__name__)

SESSION_KEY = "applications:draft"
COMPLETED_KEY = "applications:completed"
PAYLOAD_SALT = "applications.confirm"
MAX_LOGO_NAME = 100
LOGO_EXPIRED = "ロゴ画像の保存期間が過ぎました。もう一度選択してください。"
LOGO_DIRECTORY = "applications/drafts/"
LOGO_RATE_LIMIT_GROUP = "applications.draft_logo"
LOGO_REFUSED = (
    "ただいまロゴ画像を受け付けることができません。"
    "しばらく時間をおいてから、もう一度お試しください。"
)
MB = 1024 * 1024


@dataclasses.dataclass
class Draft:
    """The answers as the form confirmed them (``data``, None until then) and what travels with
    them to the submission. JSON-safe as a whole (``as_dict``)."""

    data: dict | None = None
    pledge_version: int | None = None
    token: str = ""  # the one-time submission token, made when 確認 is shown
    logo: str = ""  # a storage name: a draft logo, or the application's own logo when amending
    logo_name: str = ""  # as uploaded, for display
    amend: int | None = None  # the returned application this draft corrects
    amend_number: str = ""

    @classmethod
    def from_dict(cls, value):
        names = {field.name for field in dataclasses.fields(cls)}
        return cls(**{key: item for key, item in (value or {}).items() if key in names})

    def as_dict(self):
        return dataclasses.asdict(self)

    @classmethod
    def from_version(cls, version):
        """A draft prefilled from a submitted version, for the correction after 差戻し."""
        application = version.application
        return cls(
            data={key: value for key, value in version.data.items() if key != "logo_name"},
            logo=application.logo.name if application.logo else "",
            logo_name=version.data.get("logo_name", "") if application.logo else "",
            amend=application.pk,
            amend_number=application.number,
        )

    def form_data(self):
        """The stored answers back into the shape a bound form expects."""
        return {key: value for key, value in self.data.items() if value not in (None, False)}

    def keep_logo(self, request, form):
        """Apply the logo part of a form that validated (only then is an upload stored, so that
        invalid posts cannot fill the disk). Returns False, with the reason on the form's logo
        field, when the upload cannot be accepted now; the draft is unchanged then."""
        upload = form.cleaned_data.get("logo")
        if upload:
            name = save_logo(request, upload, replacing=self.logo)
            if name is None:
                form.add_error("logo", LOGO_REFUSED)
                return False
            self.drop_logo()
            self.logo = name
            self.logo_name = os.path.basename(upload.name)[:MAX_LOGO_NAME]
        elif form.cleaned_data.get("remove_logo"):
            self.drop_logo()
        return True

    def drop_logo(self):
        if is_draft_logo(self.logo):
            private_storage.delete(self.logo)
        self.logo = ""
        self.logo_name = ""

    def forget_expired_logo(self) -> bool:
        """Drop a draft logo that the cleanup deleted before it was sent; True when it did."""
        if not is_draft_logo(self.logo) or private_storage.exists(self.logo):
            return False
        self.drop_logo()
        return True


def load(request) -> Draft:
    return Draft.from_dict(request.session.get(SESSION_KEY))


def store(request, draft):
    request.session[SESSION_KEY] = draft.as_dict()
    if not request.user.is_authenticated:
        # An abandoned flow's draft ends with the flow: the visitor's session expires when the
        # draft logos do, and ``clearsessions`` (cron) deletes it from the database.
        request.session.set_expiry(settings.APPLY_DRAFT_MAX_AGE_HOURS * 60 * 60)


def clear(request):
    request.session.pop(SESSION_KEY, None)


def sign(draft) -> str:
    return signing.dumps(draft.as_dict(), salt=PAYLOAD_SALT, compress=True)


def unsign(payload: str) -> Draft:
    """The draft carried by a 確認 form; raises signing.BadSignature when it was altered."""
    return Draft.from_dict(signing.loads(payload or "", salt=PAYLOAD_SALT))


# Draft logos in private storage.


def client_tag(address) -> str:
    """A keyed hash of the client address for the file names: the same for one address, and
    not the address itself."""
    return salted_hmac("applications.draft_logos", address or "unknown").hexdigest()[:16]


def is_draft_logo(name) -> bool:
    return bool(name) and name.startswith(LOGO_DIRECTORY)


def _each_logo(read) -> dict[str, object]:
    """{file name: read(its storage name)} of the stored draft logos."""
    try:
        _, names = private_storage.listdir(LOGO_DIRECTORY)
    except FileNotFoundError:
        return {}
    found = {}
    for name in names:
        try:
            found[name] = read(f"{LOGO_DIRECTORY}{name}")
        except FileNotFoundError:  # sent or cleaned up meanwhile
            pass
    return found


def _over_a_cap(tag, size, replacing) -> str:
    """Which cap storing ``size`` more bytes would pass ("" when none); the draft's own file
    that the upload replaces does not count."""
    sizes = _each_logo(private_storage.size)
    sizes.pop(replacing.removeprefix(LOGO_DIRECTORY), None)
    if sum(sizes.values()) + size > settings.APPLY_DRAFT_LOGO_MB_TOTAL * MB:
        return "total cap"
    mine = sum(bytes_ for name, bytes_ in sizes.items() if name.startswith(f"{tag}-"))
    if mine + size > settings.APPLY_DRAFT_LOGO_MB_PER_CLIENT * MB:
        return "per-address cap"
    return ""


def save_logo(request, upload, replacing=""):
    """Store a validated upload for the draft and return its name, or None when it cannot be
    accepted now (a cap or the upload rate limit). Named by the format found in its content,
    never by the name it was uploaded with."""
    tag = client_tag(client_address(request))
    reason = _over_a_cap(tag, upload.size, replacing)
    if not reason and is_ratelimited(
        request,
        group=LOGO_RATE_LIMIT_GROUP,
        key=rate_limit_key,
        rate=settings.APPLY_UPLOAD_RATE_LIMIT,
        increment=True,
    ):
        reason = "upload rate limit"
    if reason:
        logger.warning("Draft logo refused: %s", reason)
        return None
    name = f"{LOGO_DIRECTORY}{tag}-{uuid.uuid4().hex}{stored_extension(upload)}"
    return private_storage.save(name, upload)


def stale_logos(now=None) -> list[str]:
    """Draft logos not sent within APPLY_DRAFT_MAX_AGE_HOURS."""
    cutoff = (now or timezone.now()) - datetime.timedelta(hours=settings.APPLY_DRAFT_MAX_AGE_HOURS)
    modified = _each_logo(private_storage.get_modified_time)
    return [f"{LOGO_DIRECTORY}{name}" for name, moment in modified.items() if moment < cutoff]
