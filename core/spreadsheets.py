"""The one CSV writer of the portal. Every CSV it writes (open data, the admin's application
export, the access log) goes through it, so no cell can run as a spreadsheet formula.

A cell that starts like a formula (=, +, -, @, a tab or a carriage return, also their full-width
forms, which Excel in Japanese locales treats alike) gets a leading apostrophe, which spreadsheet
programs show as text; ``unguard_cell`` removes it again when our own CSV is imported.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.lstrip(" ").startswith(FORMULA_STARTS) else text


def unguard_cell(text: str) -> str:
    """The value ``safe_cell`` was given (for text cells of our own export)."""
    if text.startswith("'") and text[1:].lstrip(" ").startswith(FORMULA_STARTS):
        return text[1:]
    return text


class SafeWriter:
    """``csv.writer`` with CRLF line ends (what Excel expects) that guards every cell."""

    def __init__(self, stream):
        self._writer = csv.writer(stream, lineterminator="\r\n")

    def writerow(self, row):
        self._writer.writerow([safe_cell(value) for value in row])


def writer(stream) -> SafeWriter:
    return SafeWriter(stream)
