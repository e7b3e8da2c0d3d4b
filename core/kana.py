"""Japanese text: kana and width folding for sorting and searching, the reading (ふりがな)
check, and readable URL names."""

import re
import unicodedata

from django.core.exceptions import ValidationError

_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}

# 五十音順 compares kana first without voicing marks and small-kana differences
# (かいしゃ < がいこく < かんこう), then with them.
_PLAIN_KANA = str.maketrans(
    "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽゔぁぃぅぇぉっゃゅょゎゕゖ",
    "かきくけこさしすせそたちつてとはひふへほはひふへほうあいうえおつやゆよわかけ",
)
_VOWEL_ROWS = {
    "あ": "あかさたなはまやらわがざだばぱぁゃゎ",
    "い": "いきしちにひみりゐぎじぢびぴぃ",
    "う": "うくすつぬふむゆるぐずづぶぷゔぅっゅ",
    "え": "えけせてねへめれゑげぜでべぺぇ",
    "お": "おこそとのほもよろをごぞどぼぽぉょ",
}
_VOWEL_OF = {kana: vowel for vowel, row in _VOWEL_ROWS.items() for kana in row}

# A reading (after NFKC): hiragana, katakana, the long-vowel mark, iteration marks, the middle
# dot and spaces.
READING = re.compile(r"^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe\u30fb 　]+$")
READING_MESSAGE = "ふりがなは、ひらがな又はカタカナで入力してください。"

# Separates the plain key from the exact one: sorts before every kana.
SORT_KEY_SEPARATOR = "\u0001"


def to_hiragana(text: str) -> str:
    """Katakana → hiragana (ア→あ, ヴ→ゔ); everything else unchanged."""
    return text.translate(_KATAKANA_TO_HIRAGANA)


def normalise_for_search(text: str) -> str:
    """The form stored for matching: NFKC (full-width ＡＢＣ → ABC, half-width ｶﾅ → カナ),
    case-folded, katakana folded into hiragana."""
    return to_hiragana(unicodedata.normalize("NFKC", text or "")).casefold()


def is_reading(text: str) -> bool:
    """True for hiragana or katakana (half-width katakana too), spaces, ー and ・ only."""
    return bool(READING.match(unicodedata.normalize("NFKC", text or "")))


def validate_reading(value: str):
    if not is_reading(value):
        raise ValidationError(READING_MESSAGE, code="reading")


def _expand_long_vowels(kana: str) -> str:
    """「ゆーあい」 → 「ゆうあい」: the long-vowel mark sorts as the vowel it lengthens."""
    result = []
    for char in kana:
        if char == "ー" and result and result[-1] in _VOWEL_OF:
            char = _VOWEL_OF[result[-1]]
        result.append(char)
    return "".join(result)


def reading_sort_key(reading: str) -> str:
    """五十音順 key: hiragana and katakana readings sort together, the long-vowel mark counts as
    its vowel, and voiced or small kana sort with their plain kana before their exact form."""
    exact = _expand_long_vowels(
        re.sub(r"[\s・]", "", normalise_for_search(reading))  # spaces and 中黒 do not count
    )
    return exact.translate(_PLAIN_KANA) + SORT_KEY_SEPARATOR + exact


_ROMAJI = dict(
    zip(
        "あいうえおかきくけこがぎぐげごさしすせそざじずぜぞたちつてとだぢづでど"
        "なにぬねのはひふへほばびぶべぼぱぴぷぺぽまみむめもやゆよらりるれろわゐゑをんゔ",
        "a i u e o ka ki ku ke ko ga gi gu ge go sa shi su se so za ji zu ze zo "
        "ta chi tsu te to da ji zu de do na ni nu ne no ha hi fu he ho ba bi bu be bo "
        "pa pi pu pe po ma mi mu me mo ya yu yo ra ri ru re ro wa i e o n vu".split(),
        strict=True,
    )
)
_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_SMALL_VOWEL = {"ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o"}


def romanise(text: str) -> str:
    """Hepburn-style romanisation of a kana reading for readable URL names
    (「とうほくサポート」 → "touhokusapoto"); other letters and digits pass through."""
    kana = normalise_for_search(text)
    out = []
    double_next = False
    for index, char in enumerate(kana):
        following = kana[index + 1] if index + 1 < len(kana) else ""
        if char in _SMALL_Y or char in _SMALL_VOWEL or char == "ー":
            continue  # consumed with the kana before, or dropped (long vowel)
        if char == "っ":
            double_next = True
            continue
        roman = _ROMAJI.get(char)
        if roman is None:
            out.append(char if char.isascii() and char.isalnum() else "-")
            double_next = False
            continue
        if following in _SMALL_Y:
            stem = roman[:-1]
            roman = stem + ("" if stem in ("sh", "ch", "j") else "y") + _SMALL_Y[following]
        elif following in _SMALL_VOWEL and len(roman) > 1:
            roman = roman[:-1] + _SMALL_VOWEL[following]
        if double_next:
            roman = ("t" if roman.startswith("ch") else roman[0]) + roman
            double_next = False
        out.append(roman)
    return re.sub(r"-{2,}", "-", "".join(out)).strip("-")


# Width forms people type by accident: full-width ASCII (ＡＢＣ１２３（）) and half-width katakana
# (ｶﾀｶﾅ). Only these are folded when text is kept as typed.
_WIDTH_FORMS = re.compile(r"[\uff01-\uff5e\uff61-\uff9f]+")
_BLANKS = re.compile(r"[\s\u3000]+")


def is_compatibility_ideograph(character: str) -> bool:
    """神 (U+FA19), 塚 (U+FA10) …: CJK compatibility ideographs that NFC and NFKC would replace
    by their unified form (﨑 U+FA11 and the other twelve unified ones in the block are not)."""
    code = ord(character)
    return (0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F) and bool(
        unicodedata.decomposition(character)
    )


def as_typed(text: str) -> str:
    """Names, addresses and other text kept as the person typed them: full-width ＡＢＣ１２３ become
    half-width and half-width ｶﾅ full-width, runs of blanks (also the ideographic space) one space;
    decomposed kana are composed (NFC). CJK compatibility ideographs (旧字体 such as 神 U+FA19)
    and 機種依存文字 (①, ㈱, ㍻ …) are kept: NFKC would silently turn them into other characters."""
    text = _WIDTH_FORMS.sub(lambda match: unicodedata.normalize("NFKC", match.group()), text or "")
    text = "".join(
        character or unicodedata.normalize("NFC", part)
        for part, character in _runs_around_compatibility_ideographs(text)
    )
    return _BLANKS.sub(" ", text).strip()


def _runs_around_compatibility_ideographs(text):
    """(run, "") for a run of other characters, ("", character) for a compatibility ideograph."""
    run = []
    for character in text:
        if is_compatibility_ideograph(character):
            if run:
                yield "".join(run), ""
                run = []
            yield "", character
        else:
            run.append(character)
    if run:
        yield "".join(run), ""
