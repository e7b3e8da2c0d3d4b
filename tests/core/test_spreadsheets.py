"""Every CSV the portal writes is formula-safe through one writer (core.spreadsheets)."""

import csv
import io

import pytest

from core.spreadsheets import safe_cell, unguard_cell, writer

DANGEROUS = [
    '=HYPERLINK("http://x")',
    "+81-22",
    "-1+1",
    "@SUM(A1)",
    "\tcmd",
    "\rcmd",
    "＝1+1",
    " =1",
]


@pytest.mark.parametrize("value", DANGEROUS)
def test_cells_that_start_like_a_formula_get_an_apostrophe(value):
    assert safe_cell(value) == "'" + value
    assert unguard_cell(safe_cell(value)) == value


@pytest.mark.parametrize("value", ["株式会社テスト", "022-221-4861", "a=b", "", "'quoted"])
def test_other_cells_are_written_as_they_are(value):
    assert safe_cell(value) == value
    assert unguard_cell(value) == value


def test_the_writer_guards_every_cell_and_ends_lines_with_crlf():
    buffer = io.StringIO()
    writer(buffer).writerow(["=1+1", None, 3, "ok"])
    assert buffer.getvalue() == "'=1+1,,3,ok\r\n"
    assert next(csv.reader(io.StringIO(buffer.getvalue())))[0] == "'=1+1"
