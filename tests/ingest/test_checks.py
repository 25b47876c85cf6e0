"""Plausibility checks are reported per batch and never change the data."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from taraz.calendar import parse_period
from taraz.ingest import ImportOptions, import_files
from tests.fixtures import customs_row, write_customs_csv

NOW = datetime(2025, 10, 15, tzinfo=UTC)


def codes(report):
    return {f.code: f.count for f in report.findings}


def usual_tiles(n, start=1):
    # tiles at 0.20 to 0.29 USD/kg: value 200..290 for 1000 kg
    return [
        customs_row(value=str(200 + (i % 10) * 10), weight="1000") for i in range(start, start + n)
    ]


def test_zero_weight_and_zero_value_are_warnings_not_rejections(wh, tmp_path):
    rows = [customs_row(value="0"), customs_row(weight="0"), customs_row(weight="")]
    report = import_files(
        wh, [write_customs_csv(tmp_path / "x.csv", rows)], ImportOptions(flow="X", now=NOW)
    )
    assert report.rows_loaded == 3
    assert codes(report) == {
        "check.zero-value": 1,
        "check.zero-weight": 1,
        "check.missing-weight": 1,
    }


def test_tonnes_written_as_kilograms_stand_out_against_the_usual_unit_value(wh, tmp_path):
    # the motivating case: «۲/۱۶۱ هزار تن» read as 2.161 thousand tonnes makes a unit value ~1000x the usual
    import_files(
        wh,
        [write_customs_csv(tmp_path / "history.csv", usual_tiles(40))],
        ImportOptions(flow="X", now=NOW, source="h"),
    )
    rows = [*usual_tiles(5), customs_row(value="250", weight="1")]  # 1 "kg" that was 1 tonne
    report = import_files(
        wh, [write_customs_csv(tmp_path / "new.csv", rows)], ImportOptions(flow="X", now=NOW)
    )
    assert codes(report) == {"check.unit-value": 1}
    flagged = wh.con.execute(
        "SELECT row_no FROM findings WHERE code = 'check.unit-value'"
    ).fetchall()
    assert flagged == [(7,)]  # header is line 1, the odd row is the 6th data row
    # reported, not fixed: the weight is stored as given
    assert wh.con.execute(
        "SELECT weight_kg FROM lines WHERE source_row = 7 AND value_usd = 250"
    ).fetchall() == [(Decimal("1.000"),)]


def test_a_whole_file_in_the_wrong_unit_is_flagged_as_a_batch(wh, tmp_path):
    import_files(
        wh,
        [write_customs_csv(tmp_path / "history.csv", usual_tiles(40))],
        ImportOptions(flow="X", now=NOW, source="h"),
    )
    tonnes = [customs_row(value=str(200 + i), weight="1") for i in range(10)]
    report = import_files(
        wh, [write_customs_csv(tmp_path / "t.csv", tonnes)], ImportOptions(flow="X", now=NOW)
    )
    assert codes(report)["check.batch-unit-value"] == 1


def test_ordinary_spread_of_unit_values_raises_nothing(wh, tmp_path):
    report = import_files(
        wh,
        [write_customs_csv(tmp_path / "x.csv", usual_tiles(40))],
        ImportOptions(flow="X", now=NOW),
    )
    assert codes(report) == {}


def test_future_dates_and_dates_outside_the_declared_period(wh, tmp_path):
    rows = [
        customs_row(date="1404/03/15"),
        customs_row(date="1404/04/02"),
        customs_row(date="1404/09/01"),
    ]
    report = import_files(
        wh,
        [write_customs_csv(tmp_path / "x.csv", rows)],
        ImportOptions(flow="X", now=NOW, period=parse_period("1404-03")),
    )
    # 15 Oct 2025 is 23 Mehr 1404, so 1 Azar 1404 is in the future
    assert codes(report) == {"check.outside-period": 2, "check.future-date": 1}
    assert report.rows_loaded == 3


def test_a_sampled_reference_still_finds_the_unit_mistake(wh, tmp_path, monkeypatch):
    from taraz.ingest import checks

    monkeypatch.setattr(checks, "REFERENCE_SAMPLE", 25)  # fewer than the 40 earlier lines
    import_files(
        wh,
        [write_customs_csv(tmp_path / "h.csv", usual_tiles(40))],
        ImportOptions(flow="X", now=NOW, source="h"),
    )
    rows = [*usual_tiles(5), customs_row(value="250", weight="1")]
    report = import_files(
        wh, [write_customs_csv(tmp_path / "n.csv", rows)], ImportOptions(flow="X", now=NOW)
    )
    assert codes(report) == {"check.unit-value": 1}
