"""A large clean CSV is read by DuckDB in passes over the file (its rows numbered as it reads
them); revisions, as-of and the clean-file check must not notice."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taraz.ingest import ImportOptions, delimited, import_files
from taraz.warehouse import live_lines_sql
from tests.fixtures import Line, write_canonical_csv

T0 = datetime(2025, 7, 1, 8, 0, tzinfo=UTC)
LATER = T0 + timedelta(days=1)


@pytest.fixture(autouse=True)
def every_csv_is_large(monkeypatch):
    monkeypatch.setattr(delimited, "FAST_CSV_BYTES", 0)


def live(wh, as_of=None):
    return wh.con.execute(
        f"SELECT sum(value_usd), count(*) FROM {live_lines_sql(as_of)}"
    ).fetchall()[0]


def test_a_revised_month_read_by_duckdb_replaces_the_first_and_as_of_still_sees_it(wh, tmp_path):
    # first: D0..D9 of Khordad 1404, 100.50, 101.50, ... 109.50 USD: 1,050 USD in all
    first = [Line(f"D{i}", value_usd=f"{100 + i}.50") for i in range(10)]
    report = import_files(
        wh, [write_canonical_csv(tmp_path / "v1.csv", first)], ImportOptions(now=T0)
    )
    assert (report.status, report.rows_loaded) == ("loaded", 10)
    assert live(wh) == (Decimal("1050.00"), 10)

    # the revision: D0..D8 at 200 USD each, but D3's value is unreadable (file line 5)
    revised = [Line(f"D{i}", value_usd="oops" if i == 3 else "200") for i in range(9)]
    report = import_files(
        wh, [write_canonical_csv(tmp_path / "v2.csv", revised)], ImportOptions(now=LATER)
    )
    assert (report.status, report.rows_loaded, report.rows_quarantined) == ("loaded", 8, 1)
    assert wh.con.execute(
        "SELECT row_no, column_name, value, code FROM quarantine WHERE batch_id = ?",
        [report.batch_id],
    ).fetchall() == [(5, "value_usd", "oops", "ingest.bad-number")]
    # each line keeps the line of the file it came from (the header is line 1)
    rows = wh.con.execute(
        "SELECT declaration_id, source_row FROM lines WHERE batch_id = ? ORDER BY source_row",
        [report.batch_id],
    ).fetchall()
    assert rows == [(f"D{i}", i + 2) for i in range(9) if i != 3]
    # now: the revision's eight lines of 200 USD; as of between the two: the first month
    assert live(wh) == (Decimal("1600.00"), 8)
    assert live(wh, T0 + timedelta(hours=1)) == (Decimal("1050.00"), 10)


def test_a_line_repeated_in_a_large_file_is_counted_once(wh, tmp_path):
    lines = [Line("D1", 1), Line("D2", 1), Line("D1", 1), Line("D1", 2)]
    report = import_files(wh, [write_canonical_csv(tmp_path / "x.csv", lines)])
    assert (report.rows_loaded, report.rows_duplicate) == (3, 1)
    # the first of the two D1/1 lines (file line 2) is the one kept
    assert wh.con.execute(
        "SELECT source_row FROM lines WHERE declaration_id = 'D1' ORDER BY 1"
    ).fetchall() == [(2,), (5,)]


_BLANK = re.compile(rb"\n\r?\n")


@settings(max_examples=1000, deadline=None)
@given(
    st.binary(min_size=0, max_size=40).map(lambda b: bytes(b'a,\n\r"\x00'[x % 6] for x in b)),
    st.integers(min_value=1, max_value=7),
)
def test_the_clean_file_check_reads_in_chunks_as_it_would_whole(tmp_path_factory, data, chunk):
    path = tmp_path_factory.mktemp("chunks") / "x.csv"
    path.write_bytes(data)
    whole = b'"' not in data and b"\x00" not in data and _BLANK.search(data) is None
    old = delimited.CHECK_CHUNK_BYTES
    delimited.CHECK_CHUNK_BYTES = chunk
    try:
        assert delimited._one_record_per_line(path) == whole
    finally:
        delimited.CHECK_CHUNK_BYTES = old
