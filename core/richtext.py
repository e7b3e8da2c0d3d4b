"""Rich text sanitising with an allow-list (nh3, the maintained Rust-based sanitiser).

Every rich-text body is cleaned when it is saved, so templates can print it as it is.
"""

from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django_prose_editor.fields import ProseEditorField

ALLOWED_TAGS = {
    "a", "b", "blockquote", "br", "caption", "em", "h2", "h3", "h4", "hr", "i", "li", "ol",
    "p", "s", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize_html(html: str) -> str:
    """Return ``html`` with everything outside the allow-list removed, in one canonical form
    (``_canonical``), so that sanitize_html(sanitize_html(x)) == sanitize_html(x) and the editor's
    output for an untouched body equals what is stored."""
    if not html:
        return ""
    cleaned = _canonical(_cleaner.clean(html)).strip()
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned


class _Element:
    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag, attrs):
        self.tag, self.attrs, self.children = tag, attrs, []


class _TreeBuilder(HTMLParser):
    """Parses the sanitiser's (well-formed) output into a small tree."""

    VOID = {"br", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Element(None, [])
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, attrs)
        self.stack[-1].children.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(_Element(tag, attrs))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


# The editor (ProseMirror) wraps the text of list items and table cells in a paragraph and
# writes the default span of table cells; stored bodies have neither. One paragraph (followed
# only by nested lists) is unwrapped, colspan/rowspan="1" dropped.
_UNWRAP_SINGLE_PARAGRAPH_IN = {"li", "td", "th"}
_DEFAULT_ATTRIBUTES = {("colspan", "1"), ("rowspan", "1")}


def _unwrap_single_paragraph(element):
    children = [c for c in element.children if not (isinstance(c, str) and not c.strip())]
    if not children or not isinstance(children[0], _Element) or children[0].tag != "p":
        return
    rest = children[1:]
    if all(isinstance(c, _Element) and c.tag in ("ul", "ol") for c in rest):
        element.children = children[0].children + rest


def _serialise(element, out):
    for child in element.children:
        if isinstance(child, str):
            out.append(escape(child, quote=False).replace("\xa0", "&nbsp;"))
            continue
        if child.tag in _UNWRAP_SINGLE_PARAGRAPH_IN:
            _unwrap_single_paragraph(child)
        attrs = "".join(
            f' {name}="{escape(value or "")}"'
            for name, value in child.attrs
            if (name, value) not in _DEFAULT_ATTRIBUTES
        )
        out.append(f"<{child.tag}{attrs}>")
        if child.tag not in _TreeBuilder.VOID:
            _serialise(child, out)
            out.append(f"</{child.tag}>")


def _canonical(html):
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    out = []
    _serialise(builder.root, out)
    return "".join(out)


# The editor offers exactly what the sanitiser keeps.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "ListItem": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}


class _ExternalLinkMarker(HTMLParser):
    """Re-emits sanitised HTML, adding 「（外部サイト）」 after links to other sites."""

    VOID = {"br", "hr"}

    def __init__(self, own_host):
        super().__init__(convert_charrefs=True)
        self.own_host = own_host
        self.out = []
        self.open_links = []

    def handle_starttag(self, tag, attrs):
        rendered = "".join(f' {name}="{escape(value or "")}"' for name, value in attrs)
        self.out.append(f"<{tag}{rendered}>")
        if tag == "a":
            host = urlsplit(dict(attrs).get("href") or "").hostname
            self.open_links.append(bool(host) and host != self.own_host)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if tag == "a" and self.open_links and self.open_links.pop():
            self.out.append('<span class="external-link__note">（外部サイト）</span>')
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(escape(data, quote=False))


def render_rich_text(html: str) -> str:
    """What a page prints: the sanitised body with links to other sites marked as such
    (a Japanese government site convention). Computed when saving, never per request."""
    marker = _ExternalLinkMarker(urlsplit(settings.SITE_URL).hostname)
    marker.feed(sanitize_html(html))
    marker.close()
    return "".join(marker.out)


def rich_text_field(verbose_name, **kwargs):
    return ProseEditorField(
        verbose_name, extensions=EDITOR_EXTENSIONS, sanitize=sanitize_html, blank=True, **kwargs
    )
