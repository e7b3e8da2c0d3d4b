"""Japanese text normalisation for sorting and searching."""

import unicodedata

_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}


def to_hiragana(text: str) -> str:
    """Katakana → hiragana (ア→あ, ヴ→ゔ); everything else unchanged."""
    return text.translate(_KATAKANA_TO_HIRAGANA)


def normalise_for_search(text: str) -> str:
    """The form stored for matching: NFKC (full-width ＡＢＣ → ABC, half-width ｶﾅ → カナ),
    case-folded, katakana folded into hiragana."""
    return to_hiragana(unicodedata.normalize("NFKC", text or "")).casefold()


def reading_sort_key(reading: str) -> str:
    """五十音順 key: hiragana and katakana readings sort together."""
    return normalise_for_search(reading).replace(" ", "").replace("\u3000", "")
