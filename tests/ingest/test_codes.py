"""Codes are validated against the code lists, which a user may extend without touching code."""

from __future__ import annotations

import pytest

from taraz.ingest import ImportOptions, import_files
from taraz.reference import clear_cache
from taraz.warehouse.batches import revert_batch
from tests.fixtures import customs_row, write_customs_csv


@pytest.mark.parametrize(
    ("row", "code"),
    [
        (customs_row(hs8="99999999", hs6=""), "ingest.unknown-hs"),
        (customs_row(hs8="69", hs6=""), "ingest.bad-hs"),
        (customs_row(hs8="6907X", hs6=""), "ingest.bad-hs"),
        (customs_row(hs8="69072100", hs6="720851"), "ingest.hs-mismatch"),
        (customs_row(province="آتلانتیس"), "ingest.unknown-province"),
        (customs_row(office="گمرک ناموجود"), "ingest.unknown-customs-office"),
        (customs_row(value="-5"), "ingest.negative"),
        (customs_row(value="99999999999999999"), "ingest.too-large"),  # over DECIMAL(18, 2)
        (customs_row(value="۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹۹"), "ingest.too-large"),
        (customs_row(value=""), "ingest.missing-value"),
        (customs_row(date=""), "ingest.missing-date"),
        (customs_row(date="1390/13/01"), "ingest.bad-date"),
        (customs_row(date="1370/01/01"), "ingest.date-out-of-range"),
    ],
)
def test_a_bad_value_is_quarantined_with_its_reason(wh, tmp_path, row, code):
    report = import_files(
        wh, [write_customs_csv(tmp_path / "x.csv", [row])], ImportOptions(flow="X")
    )
    assert [q.code for q in report.quarantine] == [code]
    assert report.rows_loaded == 0


def test_a_customs_office_added_by_the_user_is_recognised(wh, tmp_path, monkeypatch):
    row = customs_row(office="گمرک آزمایشی میبد")
    path = write_customs_csv(tmp_path / "a.csv", [row])
    first = import_files(wh, [path], ImportOptions(flow="X"))
    assert (first.rows_loaded, first.rows_quarantined) == (0, 1)
    ref_dir = tmp_path / "reference"
    ref_dir.mkdir()
    (ref_dir / "customs_offices.csv").write_text(
        "code,name_fa,name_en,province,city_fa,aliases\nIR21-MEYBOD,گمرک آزمایشی میبد,Meybod test customs,IR-21,میبد,\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("TARAZ_REFERENCE_DIR", str(ref_dir))
    clear_cache()
    # the same file again is a duplicate until its first batch is reverted
    again = import_files(wh, [path], ImportOptions(flow="X"))
    assert again.status == "duplicate" and "revert" in again.message_en
    revert_batch(wh, first.batch_id)
    report = import_files(wh, [path], ImportOptions(flow="X"))
    assert report.rows_loaded == 1
    assert wh.con.execute("SELECT customs_office FROM lines").fetchall() == [("IR21-MEYBOD",)]
