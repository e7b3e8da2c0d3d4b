"""What the person has entered so far, kept between 入力 and 確認.

The draft lives in the session (so going back from 確認 keeps everything) and is also carried,
signed, in the 確認 page's form, so that sending works even when the session has expired meanwhile.
"""

import os

from django.core import signing

from . import submission
from .storage import private_storage

SESSION_KEY = "applications:draft"
COMPLETED_KEY = "applications:completed"
PAYLOAD_SALT = "applications.confirm"
MAX_LOGO_NAME = 100


def load(request):
    return dict(request.session.get(SESSION_KEY) or {})


def store(request, draft):
    request.session[SESSION_KEY] = draft


def clear(request):
    request.session.pop(SESSION_KEY, None)


def sign(draft) -> str:
    return signing.dumps(draft, salt=PAYLOAD_SALT, compress=True)


def unsign(payload: str):
    """The draft carried by a 確認 form; raises signing.BadSignature when it was altered."""
    return signing.loads(payload or "", salt=PAYLOAD_SALT)


def _drop_draft_logo(draft):
    name = draft.get("logo", "")
    if name.startswith(submission.DRAFT_LOGO_DIR):
        private_storage.delete(name)
    draft["logo"] = ""
    draft["logo_name"] = ""


def keep_logo(draft, form):
    """Apply the logo part of a posted form to the draft, even when other fields have errors, so
    a valid image is never asked for twice."""
    cleaned = getattr(form, "cleaned_data", {})
    if cleaned.get("remove_logo"):
        _drop_draft_logo(draft)
    upload = cleaned.get("logo") if "logo" not in form.errors else None
    if upload:
        _drop_draft_logo(draft)
        draft["logo"] = submission.save_draft_logo(upload)
        draft["logo_name"] = os.path.basename(upload.name)[:MAX_LOGO_NAME]
    return draft


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
