"""受付番号: ``NTM-<year>-<4+ digits>``, sequential and gapless per year (``core.numbering``: a
locked per-year counter row incremented in the transaction that inserts the application)."""

from core import numbering

from .models import YearCounter

PREFIX = "NTM"


def format_number(year: int, sequence: int) -> str:
    """NTM-2026-0001; a year past 9999 applications simply gets more digits."""
    return f"{PREFIX}-{year}-{sequence:04d}"


def take_next(year: int | None = None) -> tuple[int, int, str]:
    """Reserve the next number of ``year`` (this year in Asia/Tokyo by default). Must run inside
    the transaction that inserts the application. Returns (year, sequence, number)."""
    year, sequence = numbering.take_next(YearCounter, year)
    return year, sequence, format_number(year, sequence)
