"""The quarantine's exports (`taraz quarantine --export`, the data desk's XLSX) write the
rejected cells and file names as text: nothing that came from a file becomes a formula."""

from __future__ import annotations

import pytest

from taraz.ingest.quarantine import COLUMNS, export_quarantine
from tests.spreadsheets import HOSTILE_TEXTS, csv_cells, xlsx_formulas, xlsx_texts

EVIL_FILE = "=cmd|'calc'!A0.csv"


def hostile_rows() -> list[dict]:
    return [
        {
            "batch_id": "B00001",
            "file_name": EVIL_FILE,
            "row_no": n,
            "column_name": text,
            "value": text,
            "code": "ingest.bad-hs",
            "reason_fa": "کد نادرست",
            "reason_en": "bad code",
        }
        for n, text in enumerate(HOSTILE_TEXTS, start=2)
    ]


def test_quarantine_xlsx_has_no_formula_and_keeps_the_text(tmp_path):
    data = export_quarantine(hostile_rows(), tmp_path / "q.xlsx").read_bytes()
    assert xlsx_formulas(data) == []
    assert {EVIL_FILE, *HOSTILE_TEXTS} <= xlsx_texts(data)


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_quarantine_csv_quotes_formulas_with_an_apostrophe(tmp_path, text):
    rows = [r for r in hostile_rows() if r["value"] == text]
    path = export_quarantine(rows, tmp_path / "q.csv")
    [header, row] = csv_cells(path.read_bytes().decode("utf-8-sig"))
    cells = dict(zip(header, row, strict=True))
    assert header == list(COLUMNS)
    assert cells["file_name"] == "'" + EVIL_FILE
    expected = "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text
    assert cells["value"] == cells["column_name"] == expected
    assert cells["row_no"] == str(rows[0]["row_no"])
