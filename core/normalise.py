"""Japanese input normalisation for the public forms (the application, event registration).

Full-width digits and letters become half-width (NFKC); postal codes and phone numbers accept every
hyphen, dash, minus and long-vowel form and come out as ``980-8403`` / ``022-221-4861``; readings
accept hiragana or katakana only. Each function returns the normalised value or raises
``ValidationError`` with a Japanese message.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

from .kana import as_typed, validate_reading
from .pdf import undrawable

# Characters people type between the groups of a postal code or phone number: ASCII hyphen-minus,
# the Unicode hyphens and dashes, the minus signs, the katakana long-vowel marks (full and half
# width) and the full-width hyphen-minus.
HYPHENS = (
    "\u002d\u00ad\u02d7\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2500\u2501"
    "\u2e3a\u2e3b\u30fc\ufe58\ufe63\uff0d\uff70"
)
_HYPHEN_TO_ASCII = str.maketrans(dict.fromkeys(HYPHENS, "-"))
_SPACES = re.compile(r"[\s\u3000]+")

_FULLWIDTH_ALNUM = {
    **{code: code - 0xFEE0 for code in range(ord("０"), ord("９") + 1)},
    **{code: code - 0xFEE0 for code in range(ord("Ａ"), ord("Ｚ") + 1)},
    **{code: code - 0xFEE0 for code in range(ord("ａ"), ord("ｚ") + 1)},
}

POSTAL_CODE_MESSAGE = "郵便番号は7桁の数字で入力してください（例: 980-8403）。"
PHONE_MESSAGE = "電話番号は市外局番から、10桁又は11桁の数字で入力してください（例: 022-221-4861）。"

# Numbers with a fixed grouping by their first digits, for input typed without separators.
_FIXED_GROUPINGS = [
    ("0120", (4, 3, 3)),
    ("0800", (4, 3, 4)),
    ("0570", (4, 3, 3)),
    ("070", (3, 4, 4)),
    ("080", (3, 4, 4)),
    ("090", (3, 4, 4)),
    ("050", (3, 4, 4)),
    ("020", (3, 4, 4)),
    ("03", (2, 4, 4)),
    ("06", (2, 4, 4)),
]


def nfkc(value: str) -> str:
    """NFKC, runs of whitespace (also the ideographic space) to one space, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", value or "")).strip()


def text(value: str) -> str:
    """Names, addresses and titles as typed: only width forms are folded; 旧字体 written as CJK
    compatibility ideographs (神 U+FA19) and 機種依存文字 (①, ㈱, ㍻) are kept (``core.kana.as_typed``)."""
    return as_typed(value)


def validate_printable(value: str):
    """Every character must be printable in the 申込書 and 誓約書 (the IPAex fonts): a name with
    「𠮷」 is stopped at 入力 with the character named, not printed as a blank box."""
    missing = undrawable(value)
    if missing:
        named = "".join(f"「{character}」" for character in missing)
        raise ValidationError(
            f"{named}は申込書（PDF）に印字できない文字です。別の字体（例: 𠮷→吉）に置き換えて入力してください。",
            code="unprintable",
        )


def prose(value: str) -> str:
    """Free text keeps its punctuation and line breaks; only full-width digits and Latin letters
    become half-width, line endings become ``\\n`` and surrounding blank space is trimmed."""
    text = (value or "").translate(_FULLWIDTH_ALNUM)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _digits_and_groups(value: str) -> list[str]:
    text = unicodedata.normalize("NFKC", value or "").translate(_HYPHEN_TO_ASCII)
    text = re.sub(r"[()（）]", "-", text)
    return [group for group in re.split(r"[-\s]+", text.strip()) if group]


def postal_code(value: str) -> str:
    """〒９８０－８４０３, 980ｰ8403, 9808403 → 980-8403."""
    text = nfkc(value).removeprefix("〒").strip()
    digits = "".join(_digits_and_groups(text))
    if not (len(digits) == 7 and digits.isascii() and digits.isdigit()):
        raise ValidationError(POSTAL_CODE_MESSAGE, code="postal_code")
    return f"{digits[:3]}-{digits[3:]}"


def phone(value: str) -> str:
    """０２２－２２１－４８６１, 022ー221ー4861, 022(221)4861, +81 22-221-4861 → 022-221-4861.

    Groups typed by the person are kept (area codes have two to five digits, so only they know
    the split); numbers typed without separators are grouped where the prefix fixes it
    (mobile, IP, toll-free, Tokyo and Osaka) and otherwise kept as one run of digits."""
    groups = _digits_and_groups(value)
    if groups and groups[0].startswith("+81"):
        groups[0] = groups[0].removeprefix("+81")
        if not groups[0]:
            groups.pop(0)
        if groups:
            groups[0] = "0" + groups[0]
    digits = "".join(groups)
    if not (
        digits.isascii()
        and digits.isdigit()
        and digits.startswith("0")
        and len(digits) in (10, 11)
        and len(groups) <= 3
    ):
        raise ValidationError(PHONE_MESSAGE, code="phone")
    if len(groups) > 1:
        return "-".join(groups)
    for prefix, sizes in _FIXED_GROUPINGS:
        if digits.startswith(prefix) and sum(sizes) == len(digits):
            parts, start = [], 0
            for size in sizes:
                parts.append(digits[start : start + size])
                start += size
            return "-".join(parts)
    return digits


def reading(value: str) -> str:
    """ひらがな or カタカナ (half-width ｶﾀｶﾅ becomes full-width); nothing else."""
    text = nfkc(value)
    if text:
        validate_reading(text)
    return text


def corporate_number(value: str) -> str:
    """１２３４５６７８９０１２３ or 1234-5678-90123 → 13 digits (validated elsewhere)."""
    return "".join(_digits_and_groups(nfkc(value)))


def email(value: str) -> str:
    """Full-width ＠ and letters become ASCII; the domain is lower-cased."""
    text = nfkc(value).replace(" ", "")
    local, at, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}" if at else text
