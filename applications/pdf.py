"""申込書 and 誓約書 as A4 PDFs, rendered once per submitted version and stored.

Rendering (PDF/UA-1 tagging, the static-only fetcher, fonts) is the portal's one PDF setup in
``core.pdf``; this module supplies the templates and the answers.
"""

import logging

from django.core.files.base import ContentFile
from django.utils import timezone

from core import pdf as core_pdf
from core.dates import wareki
from core.pdf import StaticOnlyFetcher  # noqa: F401  (re-exported for callers and tests)
from core.prefectures import PREFECTURE_NAMES

from . import sections

logger = logging.getLogger(__name__)

ADDRESSEE = "東北経済産業局長 殿"


def _render(template, context, fetcher=None):
    return core_pdf.render(template, context, fetcher)


def _moment(value):
    """「令和8年11月25日 14時05分」."""
    return f"{wareki(value)} {timezone.localtime(value):%H時%M分}"


def _context(version):
    application = version.application
    data = {**version.data, "logo_name": version.data.get("logo_name", "")}
    return {
        "stylesheets": [core_pdf.static_url("core/pdf/document.css")],
        "prefecture_name": PREFECTURE_NAMES.get(data.get("prefecture"), ""),
        "submitted": _moment(version.submitted_at),
        "agreed": _moment(version.submitted_at),
        "application": application,
        "version": version,
        "data": data,
        "sections": [
            (section, rows) for section, rows in sections.answers(data) if section.consent is None
        ],
        "date": wareki(version.submitted_at),
        "addressee": ADDRESSEE,
        "pledge": version.pledge_version,
        "pledge_paragraphs": [
            (line, line[:1].isdigit())
            for line in version.pledge_version.text.splitlines()
            if line.strip()
        ],
        "individual": data.get("kind") == "individual",
    }


def render_application(version, fetcher=None) -> bytes:
    """申込書."""
    return _render("applications/pdf/application.html", _context(version), fetcher)


def render_pledge(version, fetcher=None) -> bytes:
    """暴力団排除に関する誓約書, with the wording of the version the applicant agreed to."""
    return _render("applications/pdf/pledge.html", _context(version), fetcher)


def generate(version, fetcher=None):
    """Render both PDFs of a submitted version and store them; never called per download."""
    base = f"{version.application.number}-v{version.number}"
    application_pdf = render_application(version, fetcher)
    pledge_pdf = render_pledge(version, fetcher)
    version.application_pdf.save(
        f"{base}-application.pdf", ContentFile(application_pdf), save=False
    )
    version.pledge_pdf.save(f"{base}-pledge.pdf", ContentFile(pledge_pdf), save=False)
    version.pdf_generated_at = timezone.now()
    version.save(update_fields=["application_pdf", "pledge_pdf", "pdf_generated_at"])
    return version
