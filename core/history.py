"""Content history as staff read it: values in Japanese, rich text as a diff of its words.

Used by ``core.admin.ContentHistoryAdmin`` for the history list and its comparison column.
"""

import datetime
import difflib
import re
from html.parser import HTMLParser

from django.db import models
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_prose_editor.fields import ProseEditorField
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_reverse_field_name

EMPTY = "（空欄）"
BOOLEAN_LABELS = {True: "はい", False: "いいえ"}

# Japanese has no spaces between words: a token is a run of one script (kanji, hiragana,
# katakana, latin letters and digits), a run of white space, or one other character.
_TOKEN = re.compile(
    r"[\u4e00-\u9fff\u3400-\u4dbf々〆ヵヶ]+"
    r"|[\u3041-\u309f]+"
    r"|[\u30a0-\u30ffー\uff66-\uff9f]+"
    r"|[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a_]+"
    r"|\s+"
    r"|.",
    re.DOTALL,
)


def tokens(text):
    return _TOKEN.findall(text)


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "li", "h2", "h3", "h4", "blockquote", "tr", "br", "hr", "table", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(html):
    """The text a reader sees in ``html``: one line per block, no markup."""
    extractor = _TextExtractor()
    extractor.feed(html or "")
    extractor.close()
    lines = (" ".join(line.split()) for line in "".join(extractor.parts).splitlines())
    return "\n".join(line for line in lines if line)


def text_diff(old, new):
    """``old`` → ``new`` as a list of ("same" | "removed" | "added", text) runs by token."""
    old_tokens, new_tokens = tokens(old), tokens(new)
    runs = []
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            runs.append(("same", "".join(old_tokens[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("removed", "".join(old_tokens[i1:i2])))
        if j2 > j1:
            runs.append(("added", "".join(new_tokens[j1:j2])))
    return runs


def render_text_diff(old, new):
    """The diff of two texts as HTML: removed text in <del>, added text in <ins> (titled 削除 /
    追加; the admin stylesheet also marks them without colour)."""
    runs = text_diff(old, new)
    if not any(kind != "same" for kind, _ in runs):
        return format_html(
            '<span class="history-diff__none">{}</span>', "文字の変更なし（書式のみ）"
        )
    pieces = []
    for kind, text in runs:
        if kind == "same":
            pieces.append(format_html("{}", text))
        elif kind == "removed":
            pieces.append(
                format_html('<del class="history-diff__removed" title="削除">{}</del>', text)
            )
        else:
            pieces.append(
                format_html('<ins class="history-diff__added" title="追加">{}</ins>', text)
            )
    body = mark_safe("".join(pieces))  # every piece escaped by format_html above
    return format_html('<div class="history-diff">{}</div>', body)


class ContentHistoryContextHelper(HistoricalRecordContextHelper):
    """Field names as their verbose names, values as staff see them in the form, rich text as
    a text diff."""

    def format_delta_change(self, change):
        field = self.model._meta.get_field(change.field)
        label = str(field.verbose_name)
        if isinstance(field, ProseEditorField):
            diff = render_text_diff(html_to_text(change.old), html_to_text(change.new))
            return type(change)(field=label, old=None, new=diff)
        if isinstance(field, models.TextField):
            diff = render_text_diff(change.old or "", change.new or "")
            return type(change)(field=label, old=None, new=diff)
        return type(change)(
            field=label,
            old=self.display_value(field, change.old),
            new=self.display_value(field, change.new),
        )

    def display_value(self, field, value):
        if isinstance(field, models.ManyToManyField):
            related = [str(row[get_m2m_reverse_field_name(field)]) for row in value]
            return "、".join(related) or EMPTY
        if value is None or value == "":
            return EMPTY
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return BOOLEAN_LABELS[value]
        if isinstance(value, datetime.datetime):
            return date_format(timezone.localtime(value), "Y年n月j日 H:i")
        if isinstance(value, datetime.date):
            return date_format(value, "Y年n月j日")
        return str(value)
