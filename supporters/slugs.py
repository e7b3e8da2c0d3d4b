"""Readable, unique URL names for supporters, made from the reading (ふりがな)."""

from django.utils.text import slugify

from core.kana import romanise

MAX_SLUG_LENGTH = 80
FALLBACK = "supporter"


def base_slug(text: str) -> str:
    """「とうほくサポート」 → "touhokusapoto"; "supporter" when nothing readable is left."""
    slug = slugify(romanise(text))[: MAX_SLUG_LENGTH - 6].strip("-")
    return slug or FALLBACK


def next_free(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` … whichever is not in ``taken``."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def unique_slug(model, text: str, exclude_pk=None) -> str:
    """A slug for ``text`` that no other row of ``model`` uses (one query)."""
    base = base_slug(text)
    taken = model.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    return next_free(base, set(taken.values_list("slug", flat=True)))
