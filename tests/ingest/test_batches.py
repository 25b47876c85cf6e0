"""Nothing lost, nothing doubled: accounting, duplicates, revisions, as-of and revert."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from taraz.calendar import parse_period
from taraz.ingest import ImportOptions, import_files
from taraz.warehouse import live_lines_sql
from taraz.warehouse.batches import list_batches, revert_batch
from tests.fixtures import customs_headers, customs_row, write_customs_csv

T0 = datetime(2025, 7, 1, 8, 0, tzinfo=UTC)
# a customs export file that numbers its declarations and their lines
DECLARATION_HEADERS = customs_headers(
    "declaration_id", "line_no", "province", "hs_code", "value", "weight", "date", "partner_x"
)


def live_total(wh, as_of=None):
    return wh.con.execute(
        f"SELECT sum(value_usd), count(*) FROM {live_lines_sql(as_of)}"
    ).fetchall()[0]


def test_every_row_read_is_loaded_quarantined_or_duplicate(wh, tmp_path):
    rows = [
        customs_row(value="100"),
        customs_row(value="abc"),  # quarantined: not a number
        customs_row(country="ناکجاآباد"),  # quarantined: unknown country
        customs_row(date="1404/02/32"),  # quarantined: no such day
        customs_row(value="300"),
    ]
    report = import_files(
        wh, [write_customs_csv(tmp_path / "x.csv", rows)], ImportOptions(flow="X")
    )
    assert (
        report.rows_read,
        report.rows_loaded,
        report.rows_quarantined,
        report.rows_duplicate,
    ) == (5, 2, 3, 0)
    assert report.accounted


def test_quarantine_says_file_row_column_value_and_reason_in_both_languages(wh, tmp_path):
    path = write_customs_csv(tmp_path / "khordad.csv", [customs_row(), customs_row(value="۱۲x")])
    import_files(wh, [path], ImportOptions(flow="X"))
    row = wh.con.execute(
        "SELECT file_name, row_no, column_name, value, code, reason_fa, reason_en FROM quarantine"
    ).fetchall()
    # header on line 1, so the second data row is line 3 of the file
    assert row == [
        (
            "khordad.csv",
            3,
            "ارزش دلاري",
            "۱۲x",
            "ingest.bad-number",
            "عدد خوانا نیست",
            "not a readable number",
        )
    ]


def test_same_declaration_line_twice_in_a_file_is_a_duplicate(wh, tmp_path):
    rows = [
        ["1001", "1", "یزد", "69072100", "10", "5", "1404/01/10", "عراق"],
        ["1001", "2", "یزد", "69072100", "20", "5", "1404/01/10", "عراق"],
        ["1001", "1", "یزد", "69072100", "10", "5", "1404/01/10", "عراق"],
    ]
    report = import_files(
        wh,
        [write_customs_csv(tmp_path / "x.csv", rows, headers=DECLARATION_HEADERS)],
        ImportOptions(flow="X"),
    )
    assert (report.rows_loaded, report.rows_duplicate) == (2, 1)
    assert live_total(wh) == (Decimal("30.00"), 2)


def test_importing_the_same_file_again_changes_nothing(wh, tmp_path):
    path = write_customs_csv(tmp_path / "x.csv", [customs_row()])
    first = import_files(wh, [path], ImportOptions(flow="X"))
    again = import_files(wh, [path], ImportOptions(flow="X"))
    assert (again.status, again.batch_id, again.rows_duplicate) == ("duplicate", first.batch_id, 1)
    assert wh.con.execute("SELECT count(*) FROM batches").fetchall() == [(1,)]
    assert live_total(wh) == (Decimal("1000.00"), 1)


def test_revised_file_replaces_the_period_and_the_old_figure_stays_askable(wh, tmp_path):
    khordad = parse_period("1404-03")
    old = write_customs_csv(
        tmp_path / "v1.csv", [customs_row(value="100"), customs_row(value="200")]
    )
    new = write_customs_csv(
        tmp_path / "v2.csv", [customs_row(value="100"), customs_row(value="250")]
    )
    b1 = import_files(wh, [old], ImportOptions(flow="X", period=khordad, now=T0))
    b2 = import_files(
        wh, [new], ImportOptions(flow="X", period=khordad, now=T0 + timedelta(days=30))
    )
    assert [r["batch_id"] for r in b2.replaces] == [b1.batch_id]
    assert live_total(wh) == (Decimal("350.00"), 2)
    assert live_total(wh, T0 + timedelta(days=1)) == (Decimal("300.00"), 2)
    assert live_total(wh, T0 - timedelta(days=1)) == (None, 0)


def test_revision_replaces_only_its_own_months(wh, tmp_path):
    both = write_customs_csv(
        tmp_path / "q.csv",
        [customs_row(value="100", date="1404/02/10"), customs_row(value="200", date="1404/03/10")],
    )
    khordad = write_customs_csv(tmp_path / "k.csv", [customs_row(value="500", date="1404/03/12")])
    import_files(wh, [both], ImportOptions(flow="X", now=T0))
    import_files(wh, [khordad], ImportOptions(flow="X", now=T0 + timedelta(hours=1)))
    # Ordibehesht from the first file stays; Khordad is now the revised file's
    assert live_total(wh) == (Decimal("600.00"), 2)


def test_another_source_for_the_same_month_adds_rather_than_replaces(wh, tmp_path):
    a = write_customs_csv(tmp_path / "a.csv", [customs_row(value="100")])
    b = write_customs_csv(tmp_path / "b.csv", [customs_row(value="50")])
    import_files(wh, [a], ImportOptions(flow="X", source="yazd-customs"))
    import_files(wh, [b], ImportOptions(flow="X", source="bandar-abbas-customs"))
    assert live_total(wh) == (Decimal("150.00"), 2)


def test_revert_removes_a_batch_and_brings_back_what_it_replaced(wh, tmp_path):
    khordad = parse_period("1404-03")
    b1 = import_files(
        wh,
        [write_customs_csv(tmp_path / "v1.csv", [customs_row(value="100")])],
        ImportOptions(flow="X", period=khordad, now=T0),
    )
    b2 = import_files(
        wh,
        [write_customs_csv(tmp_path / "v2.csv", [customs_row(value="700")])],
        ImportOptions(flow="X", period=khordad, now=T0 + timedelta(hours=1)),
    )
    revert_batch(wh, b2.batch_id, user="analyst")
    assert live_total(wh) == (Decimal("100.00"), 1)
    statuses = {b["batch_id"]: b["status"] for b in list_batches(wh)}
    assert statuses == {b1.batch_id: "active", b2.batch_id: "reverted"}


def test_lines_without_declaration_numbers_are_identified_by_file_and_row(wh, tmp_path):
    # an aggregated source: no declaration number, two identical rows are two real lines
    path = write_customs_csv(
        tmp_path / "x.csv", [customs_row(hs8="6907", hs6=""), customs_row(hs8="6907", hs6="")]
    )
    report = import_files(wh, [path], ImportOptions(flow="X"))
    assert (report.rows_loaded, report.rows_duplicate, report.hs_digits) == (2, 0, 4)
    assert wh.con.execute("SELECT file_no, source_row FROM lines ORDER BY 2").fetchall() == [
        (0, 2),
        (0, 3),
    ]


def test_declaration_already_loaded_from_another_source_is_a_duplicate(wh, tmp_path):
    row = ["1001", "1", "یزد", "69072100", "10", "5", "1404/01/10", "عراق"]
    import_files(
        wh,
        [write_customs_csv(tmp_path / "a.csv", [row], headers=DECLARATION_HEADERS)],
        ImportOptions(flow="X", source="a"),
    )
    report = import_files(
        wh,
        [
            write_customs_csv(
                tmp_path / "b.csv", [row, [*row[:1], "2", *row[2:]]], headers=DECLARATION_HEADERS
            )
        ],
        ImportOptions(flow="X", source="b"),
    )
    assert (report.rows_loaded, report.rows_duplicate) == (1, 1)


def test_files_loaded_together_again_are_one_duplicate_of_their_batch_rows(wh, tmp_path):
    a = write_customs_csv(tmp_path / "a.csv", [customs_row(value="100")])
    b = write_customs_csv(tmp_path / "b.csv", [customs_row(value="200"), customs_row(value="300")])
    first = import_files(wh, [a, b], ImportOptions(flow="X"))
    again = import_files(wh, [a, b], ImportOptions(flow="X"))
    # the batch read 1 + 2 = 3 rows, counted once though both of its files came again
    assert (again.status, again.batch_id, again.rows_read, again.rows_duplicate) == (
        "duplicate",
        first.batch_id,
        3,
        3,
    )
