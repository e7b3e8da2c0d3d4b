"""申込書 and 誓約書 as A4 PDFs with WeasyPrint, rendered once per submitted version and stored.

WeasyPrint may load only the project's own static files: the url_fetcher below answers URLs under
STATIC_URL from the static finders and refuses everything else (http, https, file, data …), so text
typed by an applicant can never make the renderer fetch anything. All applicant text goes through
Django's autoescaping templates. Fonts come from the system (fonts-ipaexfont) and are embedded as
subsets.
"""

import gc
import logging
import threading
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from core.dates import wareki
from core.prefectures import PREFECTURE_NAMES

from . import sections

logger = logging.getLogger(__name__)

# A made-up origin: relative URLs in our templates resolve against it, and only it is served.
BASE_URL = "https://pdf.invalid/"
ADDRESSEE = "東北経済産業局長 殿"

STATIC_TYPES = {".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml"}


class StaticOnlyFetcher(URLFetcher):
    """Serves ``https://pdf.invalid/static/…`` from the project's static files; refuses the rest.
    ``refused`` lists what was refused, for logs and tests."""

    def __init__(self):
        super().__init__(timeout=1, allowed_protocols=(), allow_redirects=False)
        self.refused = []
        self.served = []

    def fetch(self, url, headers=None):
        path = self._static_path(url)
        if path is None:
            self.refused.append(url)
            logger.warning("PDF renderer refused to fetch %r", url[:200])
            raise ValueError("Only the project's own static files may be loaded")
        self.served.append(url)
        with open(path, "rb") as handle:
            body = handle.read()
        suffix = path[path.rfind(".") :]
        return URLFetcherResponse(
            url,
            body,
            headers={"Content-Type": STATIC_TYPES.get(suffix, "application/octet-stream")},
        )

    @staticmethod
    def _static_path(url):
        parts = urlsplit(url)
        prefix = urlsplit(BASE_URL)
        if (parts.scheme, parts.netloc) != (prefix.scheme, prefix.netloc) or parts.query:
            return None
        static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        if not parts.path.startswith(static_prefix):
            return None
        relative = unquote(parts.path[len(static_prefix) :])
        if (
            not relative
            or ".." in relative.split("/")
            or relative.startswith("/")
            or "\\" in relative
        ):
            return None
        if not any(relative.endswith(suffix) for suffix in STATIC_TYPES):
            return None
        try:
            return finders.find(relative)
        except Exception:  # SuspiciousFileOperation and the like: refuse
            return None


_thread_state = threading.local()


def _font_config():
    """One FontConfiguration per thread, reused: a new one per render costs time and leaves
    native font-map memory behind (RSS grew about 0.4 MB per pair of PDFs); Pango font maps are
    not shared between threads."""
    font_config = getattr(_thread_state, "font_config", None)
    if font_config is None:
        font_config = _thread_state.font_config = FontConfiguration()
    return font_config


def _render(template, context, fetcher=None):
    html = render_to_string(template, context)
    fetcher = fetcher or StaticOnlyFetcher()
    try:
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
        return document.write_pdf(font_config=_font_config())
    finally:
        # WeasyPrint leaves large reference cycles behind; collect them now so a worker that
        # renders many PDFs stays flat instead of swinging by hundreds of MB.
        gc.collect()


def _moment(value):
    """「令和8年11月25日 14時05分」."""
    return f"{wareki(value)} {timezone.localtime(value):%H時%M分}"


def _context(version):
    application = version.application
    data = {**version.data, "logo_name": version.data.get("logo_name", "")}
    return {
        "stylesheet": "/" + settings.STATIC_URL.strip("/") + "/applications/pdf.css",
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


def generate_quietly(version_pk):
    """After commit: a failed render is logged and left for ``retry_outbox``; the application is
    already saved."""
    from .models import ApplicationVersion

    try:
        version = ApplicationVersion.objects.select_related("application", "pledge_version").get(
            pk=version_pk
        )
        if not version.has_pdfs:
            generate(version)
    except Exception:
        logger.exception(
            "PDF generation for version %s failed; retry_outbox will retry", version_pk
        )
