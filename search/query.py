"""What a visitor typed, as search terms: words separated by blanks (the ideographic space too)
must all occur; a "quoted phrase" must occur as written. Each term keeps the form it was typed in
(ranked first where the text has it as typed) and its folded form (core.kana), which is what is
matched."""

import re
from dataclasses import dataclass

from core.kana import normalise_for_search

# A query is bounded: longer input is cut, further terms are ignored.
MAX_QUERY_LENGTH = 100
MAX_TERMS = 8

# Straight, typographic and full-width double quotes delimit a phrase.
_QUOTES = '"“”＂'
_TOKEN = re.compile(rf"[{_QUOTES}]([^{_QUOTES}]*)[{_QUOTES}]?|([^\s{_QUOTES}]+)")


def fold(text: str) -> str:
    """The matching form of a text: core.kana's folding (NFKC, width, case, katakana →
    hiragana) with every run of blanks one space."""
    return " ".join(normalise_for_search(text).split())


@dataclass(frozen=True)
class Term:
    typed: str  # as typed, blanks collapsed
    folded: str  # what is matched

    @property
    def is_short(self):
        """Under three characters: too short for a trigram index."""
        return len(self.folded) < 3


@dataclass(frozen=True)
class Query:
    text: str  # what is searched for, at most MAX_QUERY_LENGTH characters
    terms: tuple[Term, ...]
    shortened: bool  # the input was cut or had more than MAX_TERMS terms

    def __bool__(self):
        return bool(self.terms)


def parse(text: str | None) -> Query:
    text = (text or "").strip()
    shortened = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    terms = []
    for match in _TOKEN.finditer(text):
        typed = " ".join((match.group(1) or match.group(2) or "").split())
        term = Term(typed, fold(typed))
        if term.folded and term not in terms:
            terms.append(term)
    shortened |= len(terms) > MAX_TERMS
    return Query(text, tuple(terms[:MAX_TERMS]), shortened)
