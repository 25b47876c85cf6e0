"""What a batch covers: for each flow and province, the months of its own lines."""

from __future__ import annotations

from datetime import date

from taraz.calendar import parse_period
from taraz.ingest import ImportOptions, import_files
from tests.fixtures import (
    CUSTOMS_EXPORT_HEADERS,
    customs_header,
    customs_row,
    write_customs_csv,
)

# Farvardin 1404 is 21 March to 20 April 2025; Khordad 1404 is 22 May to 21 June 2025
FARVARDIN = (date(2025, 3, 21), date(2025, 4, 20))
KHORDAD = (date(2025, 5, 22), date(2025, 6, 21))
IMPORT_HEADERS = [*CUSTOMS_EXPORT_HEADERS[:-1], customs_header("partner_m")]


def coverage(wh):
    return wh.con.execute(
        "SELECT flow, province, date_from, date_to FROM coverage ORDER BY ALL"
    ).fetchall()


def test_files_of_different_flows_in_one_batch_cover_only_their_own_months(wh, tmp_path):
    exports = write_customs_csv(tmp_path / "x.csv", [customs_row(date="1404/01/15")])
    imports = write_customs_csv(
        tmp_path / "m.csv", [customs_row(date="1404/03/10")], headers=IMPORT_HEADERS
    )
    import_files(wh, [exports, imports])  # --one-batch: the flow from each partner header
    assert coverage(wh) == [("M", "IR-21", *KHORDAD), ("X", "IR-21", *FARVARDIN)]


def test_each_province_of_a_batch_covers_the_months_of_its_own_lines(wh, tmp_path):
    path = write_customs_csv(
        tmp_path / "x.csv",
        [
            customs_row(date="1404/01/15"),
            customs_row(date="1404/03/10"),
            customs_row(province="کرمان", date="1404/03/20"),
        ],
    )
    import_files(wh, [path], ImportOptions(flow="X"))
    assert coverage(wh) == [("X", "IR-08", *KHORDAD), ("X", "IR-21", FARVARDIN[0], KHORDAD[1])]


def test_a_declared_period_is_the_coverage_of_every_flow_and_province(wh, tmp_path):
    path = write_customs_csv(
        tmp_path / "x.csv",
        [customs_row(date="1404/01/15"), customs_row(province="کرمان", date="1404/03/20")],
    )
    import_files(wh, [path], ImportOptions(flow="X", period=parse_period("1404-Q1")))
    assert coverage(wh) == [
        ("X", "IR-08", FARVARDIN[0], KHORDAD[1]),
        ("X", "IR-21", FARVARDIN[0], KHORDAD[1]),
    ]
