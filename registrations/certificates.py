"""参加証明書: an A4 PDF that lists the sessions a registrant attended, in the style of the
application's 申込書 (the portal's one PDF setup in ``core.pdf``: tagged PDF/UA-1, IPAex fonts
embedded as subsets, only our own stylesheet loaded). Issued by staff on demand and logged; it is
not stored, so it never outlives the registrant's personal data."""

from django.utils import timezone

from core import pdf as core_pdf
from core.dates import wareki
from events.formatting import when_text
from pages.models import SiteSettings

from . import checkin

TITLE = "参加証明書"


class CertificateError(Exception):
    """No certificate can be issued; the message says why (Japanese, for staff)."""


def _rows(sessions):
    return [
        {
            "title": session.event.title,
            "when": when_text(session.event, era=True),
            "where": session.event.location_text,
            "method": session.get_check_in_method_display(),
        }
        for session in sessions
    ]


def render(registration, sessions, *, now=None, fetcher=None) -> bytes:
    settings = SiteSettings.load()
    context = {
        "stylesheets": [core_pdf.static_url("core/pdf/document.css")],
        "title": TITLE,
        "registration": registration,
        "rows": _rows(sessions),
        "date": wareki(now or timezone.now()),
        "issuer": settings.organisation,
        "department": settings.department,
    }
    return core_pdf.render("registrations/pdf/certificate.html", context, fetcher)


def issue(registration, *, actor, now=None, fetcher=None) -> bytes:
    """The 参加証明書 of ``registration``: guard (personal data kept, at least one session
    attended) → render → one log call. Raises CertificateError."""
    if registration.personal_data_deleted_at is not None:
        raise CertificateError("個人情報を削除した申込みには参加証明書を発行できません。")
    sessions = checkin.attended_sessions(registration)
    if not sessions:
        raise CertificateError("出席の記録がないため、参加証明書を発行できません。")
    document = render(registration, sessions, now=now, fetcher=fetcher)
    registration.log(
        "registration.certificate_issued",
        actor=actor,
        events=[session.event_id for session in sessions],
    )
    return document
