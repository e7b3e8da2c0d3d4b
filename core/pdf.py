"""The one PDF setup of the portal: WeasyPrint tagged to PDF/UA-1, loading only our static files.

Every generated PDF (申込書, 誓約書, a later 参加証明書 …) is rendered by ``render``: the template's
``<html lang="ja">`` becomes /Lang, its ``<title>`` the document title that viewers show
(DisplayDocTitle), and the HTML structure the PDF structure tree (H1, P, Table, TH/TD with their
headers), so screen readers and text extraction read the document as written.

WeasyPrint may load only the project's own static files: the url_fetcher below answers URLs under
STATIC_URL from the static finders and refuses everything else (http, https, file, data …), so text
typed by an applicant can never make the renderer fetch anything. All applicant text goes through
Django's autoescaping templates. Fonts come from the system (fonts-ipaexfont) and are embedded as
subsets. The one stylesheet of every PDF is core/static/core/pdf/document.css.
"""

import functools
import gc
import logging
import subprocess
import threading
import unicodedata
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from fontTools.ttLib import TTFont
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# A made-up origin: relative URLs in our templates resolve against it, and only it is served.
BASE_URL = "https://pdf.invalid/"
# Tagged PDF for accessibility (ISO 14289-1): structure tree, /Lang, /MarkInfo, DisplayDocTitle.
PDF_VARIANT = "pdf/ua-1"

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


def static_url(path):
    """The URL of a static file as the PDF renderer resolves it, for ``<link href>``."""
    return "/" + settings.STATIC_URL.strip("/") + "/" + path


_thread_state = threading.local()


def _font_config():
    """One FontConfiguration per thread, reused: a new one per render costs time and leaves
    native font-map memory behind (RSS grew about 0.4 MB per pair of PDFs); Pango font maps are
    not shared between threads."""
    font_config = getattr(_thread_state, "font_config", None)
    if font_config is None:
        font_config = _thread_state.font_config = FontConfiguration()
    return font_config


def render(template, context, fetcher=None) -> bytes:
    """A tagged PDF (PDF/UA-1) from a Django template that extends ``core/pdf/document.html``."""
    html = render_to_string(template, context)
    fetcher = fetcher or StaticOnlyFetcher()
    try:
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
        return document.write_pdf(font_config=_font_config(), pdf_variant=PDF_VARIANT)
    finally:
        # WeasyPrint leaves large reference cycles behind; collect them now so a worker that
        # renders many PDFs stays flat instead of swinging by hundreds of MB.
        gc.collect()


# The fonts of every generated PDF (fonts-ipaexfont): text values in Mincho, labels in Gothic.
PDF_FONT_FAMILIES = ("IPAexMincho", "IPAexGothic")


def _is_variation_selector(character):
    code = ord(character)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _font_file(family):
    """The file fontconfig uses for ``family``; refuses a substitute font."""
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{family}\n%{file}", family],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.split("\n")
    except (OSError, subprocess.SubprocessError) as error:
        raise ImproperlyConfigured(f"fontconfig cannot find the PDF font {family}") from error
    if len(found) < 2 or family not in found[0].split(","):
        raise ImproperlyConfigured(
            f"The PDF font {family} is not installed (Debian package fonts-ipaexfont)"
        )
    return found[1]


@functools.cache
def _coverage():
    """(code points, (base, selector) variation sequences) that every PDF font can draw."""
    characters, sequences = [], []
    for family in PDF_FONT_FAMILIES:
        font = TTFont(_font_file(family), lazy=True)
        characters.append(set(font.getBestCmap()))
        variations = set()
        for table in font["cmap"].tables:
            if table.format == 14:
                for selector, pairs in table.uvsDict.items():
                    variations.update((base, selector) for base, _glyph in pairs)
        sequences.append(variations)
        font.close()
    return set.intersection(*characters), set.intersection(*sequences)


def undrawable(text):
    """The characters of ``text`` the PDF fonts cannot draw (a variation sequence counts as one
    character), each once, in the order typed: 「𠮷」 or an emoji, which would print as a blank box."""
    characters, sequences = _coverage()
    found = []
    text = text or ""
    for index, character in enumerate(text):
        if _is_variation_selector(character) or unicodedata.category(character) == "Cc":
            continue
        following = text[index + 1 : index + 2]
        if following and _is_variation_selector(following):
            drawable = (ord(character), ord(following)) in sequences
            character += following
        else:
            drawable = ord(character) in characters
        if not drawable and character not in found:
            found.append(character)
    return found
