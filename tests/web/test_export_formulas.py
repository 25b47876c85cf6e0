"""Every table the web exports (the API's CSV and XLSX, open to anyone; the data desk's
quarantine XLSX) writes text from outside as text: an upload's source label, file name and
cells named like formulas stay inert, and numbers stay numbers."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from taraz.web.api.responses import csv_bytes, xlsx_bytes
from tests.fixtures import TRADE_ADDENDUM, TRADE_PERIOD, YAZD, Line, write_canonical_csv
from tests.spreadsheets import (
    HOSTILE_TEXTS,
    assert_no_live_formula_in_csv,
    csv_cells,
    xlsx_formulas,
    xlsx_texts,
)

EVIL_FILE = "=cmd|'calc'!A0.csv"
EVIL_SOURCE = '=HYPERLINK("http://evil.example/","x")'
ROWS = [
    {"code": text, "name_en": text, "value_usd": Decimal("-12.50"), "growth_value_pct": "-4.35"}
    for text in HOSTILE_TEXTS
]


def test_api_csv_quotes_formula_text_and_keeps_numbers():
    text = csv_bytes(ROWS).decode("utf-8")
    assert_no_live_formula_in_csv(text)
    header, *rows = csv_cells(text)
    for row, original in zip(rows, ROWS, strict=True):
        cells = dict(zip(header, row, strict=True))
        name = original["name_en"]
        assert cells["name_en"] == ("'" + name if name[0] in "=+-@\t\r" else name)
        assert (cells["value_usd"], cells["growth_value_pct"]) == ("-12.50", "-4.35")


def test_api_xlsx_keeps_formula_text_as_text_and_numbers_as_numbers():
    data = xlsx_bytes(ROWS)
    assert xlsx_formulas(data) == []
    assert set(HOSTILE_TEXTS) <= xlsx_texts(data)
    import io

    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert {r[2] for r in rows[1:]} == {-12.5}


@pytest.fixture
def hostile_upload(staff_client, warehouse, tmp_path):
    """A file named like a formula, under a source label that is one, with a cell that is one
    (quarantined), imported through the data desk; the client then signs out."""
    from taraz.web.datadesk.runner import runner

    lines = [
        *TRADE_ADDENDUM,
        Line("D15", date="2025-05-15", hs_code="25151200", value_usd=HOSTILE_TEXTS[1]),
    ]
    path = write_canonical_csv(tmp_path / "src.csv", lines)
    upload = SimpleUploadedFile(EVIL_FILE, path.read_bytes(), content_type="text/csv")
    response = staff_client.post(
        "/desk/upload/",
        {"files": [upload], "source": EVIL_SOURCE},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 202, response.content
    assert runner().wait_idle(60)
    job = json.loads(staff_client.get(response.json()["status_url"]).content)
    [report] = job["result"]
    assert report["rows_quarantined"] == 1
    return report["batch_id"]


@pytest.mark.django_db(transaction=True)
def test_coverage_exports_for_anyone_keep_the_source_label_inert(client, hostile_upload):
    params = {"province": YAZD, "period": TRADE_PERIOD}
    xlsx = client.get("/api/v1/coverage", {**params, "format": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx_formulas(xlsx.content) == []
    assert {EVIL_SOURCE} <= xlsx_texts(xlsx.content)
    text = client.get("/api/v1/coverage", {**params, "format": "csv"}).content.decode()
    assert_no_live_formula_in_csv(text)
    assert "'" + EVIL_SOURCE in [cell for row in csv_cells(text) for cell in row]


@pytest.mark.django_db(transaction=True)
def test_quarantine_xlsx_of_the_desk_keeps_names_and_cells_inert(staff_client, hostile_upload):
    response = staff_client.get(f"/desk/batches/{hostile_upload}/quarantine.xlsx")
    assert response.status_code == 200
    assert xlsx_formulas(response.content) == []
    assert {EVIL_FILE, HOSTILE_TEXTS[1]} <= xlsx_texts(response.content)
