"""Titles and snippets with the matched words in ``<mark>``: the text as stored (never the
folded copy), every part escaped.

A match is found in the folded text and mapped back to the characters it came from: the text is
folded piece by piece (a character with the combining marks after it, so that ｶﾞ folds to が
as a whole), each piece remembering where it was."""

import unicodedata

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from core.kana import normalise_for_search

from .query import fold

SNIPPET_LENGTH = 120  # characters of text around the first match
LEAD = 30  # of which before it

# Half-width voiced marks (ﾞ ﾟ) and variation selectors belong to the character before them.
_JOINING = {"\uff9e", "\uff9f"}


def _joins_previous(character):
    code = ord(character)
    return (
        unicodedata.combining(character)
        or character in _JOINING
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
    )


class _FoldedCharacters(dict):
    """code point -> its folded form, for ``str.translate``; filled as characters are met."""

    def __missing__(self, code):
        folded = self[code] = normalise_for_search(chr(code))
        return folded


_FOLDED_CHARACTERS = _FoldedCharacters()


def folded_with_origins(text):
    """(folded, origins): ``folded`` is the text folded as search.query.fold does (blank runs
    one space), ``origins[i]`` the (start, end) of the characters that folded character i came
    from. Most text folds one character to one (full-width forms, kana, case): that is found at
    C speed, and only other text is walked piece by piece."""
    simple = text.translate(_FOLDED_CHARACTERS)
    if (
        len(simple) == len(text)  # no character folded to several (a fold is never empty)
        and unicodedata.is_normalized("NFC", simple)  # and none composes with the one before
        and "  " not in simple
    ):
        return simple, [(index, index + 1) for index in range(len(text))]
    folded, origins = [], []
    start = 0
    for end in range(1, len(text) + 1):
        if end < len(text) and _joins_previous(text[end]):
            continue
        for character in normalise_for_search(text[start:end]):
            if character.isspace():
                if not folded or folded[-1] == " ":
                    continue
                character = " "
            folded.append(character)
            origins.append((start, end))
        start = end
    if folded and folded[-1] == " ":
        folded.pop()
        origins.pop()
    return "".join(folded), origins


def matched_spans(text, terms):
    """(start, end) of every match of the folded ``terms`` in ``text``, merged and sorted."""
    folded, origins = folded_with_origins(text)
    spans = []
    for term in terms:
        position = folded.find(term)
        while term and position >= 0:
            last = position + len(term) - 1
            spans.append((origins[position][0], origins[last][1]))
            position = folded.find(term, position + 1)
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text, spans, start=0, end=None):
    end = len(text) if end is None else end
    parts, position = [], start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        parts.append(escape(text[position:span_start]))
        parts.append(format_html("<mark>{}</mark>", text[span_start:span_end]))
        position = span_end
    parts.append(escape(text[position:end]))
    return mark_safe("".join(parts))  # every part escaped above


def highlight(text, terms):
    """The whole ``text`` with the matches of ``terms`` marked."""
    return _marked(text, matched_spans(text, terms))


def snippet(text, terms, length=SNIPPET_LENGTH, lead=LEAD):
    """About ``length`` characters of ``text`` from a little before its first match (its
    beginning when it has none), on one line, the matches marked, 「…」 where text was left out.
    The line with the first match is found on folded lines; only that line and the snippet
    are mapped character by character, so long texts cost little."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    first, start = 0, 0
    for number, line in enumerate(lines):
        if any(term in fold(line) for term in terms):
            spans = matched_spans(line, terms)
            if spans:
                first, start = number, max(0, spans[0][0] - lead)
                break
    rest = " ".join(lines[first:])
    window = rest[start : start + length]
    left_out_before = first > 0 or start > 0
    left_out_after = start + length < len(rest)
    return format_html(
        "{}{}{}",
        "…" if left_out_before else "",
        highlight(window, terms),
        "…" if left_out_after else "",
    )
