"""What the person has entered so far, kept between 入力 and 確認.

The draft lives in the session (so going back from 確認 keeps everything) and is also carried,
signed, in the 確認 page's form, so that sending works even when the session has expired meanwhile.
"""

import os

from django.conf import settings
from django.core import signing

from . import draft_logos
from .storage import private_storage

SESSION_KEY = "applications:draft"
COMPLETED_KEY = "applications:completed"
PAYLOAD_SALT = "applications.confirm"
MAX_LOGO_NAME = 100
LOGO_EXPIRED = "ロゴ画像の保存期間が過ぎました。もう一度選択してください。"


def load(request):
    return dict(request.session.get(SESSION_KEY) or {})


def store(request, draft):
    request.session[SESSION_KEY] = draft
    if not request.user.is_authenticated:
        # An abandoned flow's draft ends with the flow: the visitor's session expires when the
        # draft logos do, and ``clearsessions`` (cron) deletes it from the database.
        request.session.set_expiry(settings.APPLY_DRAFT_MAX_AGE_HOURS * 60 * 60)


def clear(request):
    request.session.pop(SESSION_KEY, None)


def sign(draft) -> str:
    return signing.dumps(draft, salt=PAYLOAD_SALT, compress=True)


def unsign(payload: str):
    """The draft carried by a 確認 form; raises signing.BadSignature when it was altered."""
    return signing.loads(payload or "", salt=PAYLOAD_SALT)


def _drop_draft_logo(draft):
    name = draft.get("logo", "")
    if draft_logos.is_draft(name):
        private_storage.delete(name)
    draft["logo"] = ""
    draft["logo_name"] = ""


def keep_logo(request, draft, form):
    """Apply the logo part of a form that validated (only then is an upload stored, so that
    invalid posts cannot fill the disk). Returns False, with the reason on the form's logo
    field, when the upload cannot be accepted now; the draft is unchanged then."""
    upload = form.cleaned_data.get("logo")
    if upload:
        name = draft_logos.save(request, upload, replacing=draft.get("logo", ""))
        if name is None:
            form.add_error("logo", draft_logos.REFUSED)
            return False
        _drop_draft_logo(draft)
        draft["logo"] = name
        draft["logo_name"] = os.path.basename(upload.name)[:MAX_LOGO_NAME]
    elif form.cleaned_data.get("remove_logo"):
        _drop_draft_logo(draft)
    return True


def forget_expired_logo(draft) -> bool:
    """Drop a draft logo that the cleanup deleted before it was sent; True when it did."""
    name = draft.get("logo", "")
    if not draft_logos.is_draft(name) or private_storage.exists(name):
        return False
    _drop_draft_logo(draft)
    return True


def from_version(version):
    """A draft prefilled from a submitted version, for the correction after 差戻し."""
    data = {key: value for key, value in version.data.items() if key != "logo_name"}
    application = version.application
    return {
        "data": data,
        "logo": application.logo.name if application.logo else "",
        "logo_name": version.data.get("logo_name", "") if application.logo else "",
        "amend": application.pk,
        "amend_number": application.number,
    }


def as_form_data(data):
    """Stored answers back into the shape a bound form expects."""
    return {key: value for key, value in data.items() if value not in (None, False)}
