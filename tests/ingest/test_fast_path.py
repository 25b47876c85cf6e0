"""Large clean CSV files are read by DuckDB itself; nothing about the result may differ."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taraz.fa import parse_number
from taraz.ingest import ImportOptions, delimited, import_files, sources
from tests.fixtures import (
    CUSTOMS_EXPORT_HEADERS,
    Line,
    customs_row,
    write_canonical_csv,
    write_customs_csv,
)


def canonical_csv(path, n, bad_at=()):
    """n export lines D0, D1, ... of 100.5, 101.5, ... USD; those in `bad_at` say "oops"."""
    lines = [
        Line(
            f"D{i}",
            customs_office="",
            value_usd="oops" if i in bad_at else f"{100 + i}.5",
            weight_kg="10",
        )
        for i in range(n)
    ]
    return write_canonical_csv(path, lines)


@pytest.mark.parametrize("fast", [True, False])
def test_row_numbers_are_file_lines_on_either_path(wh, tmp_path, monkeypatch, fast):
    monkeypatch.setattr(delimited, "FAST_CSV_BYTES", 0 if fast else 10**12)
    path = canonical_csv(tmp_path / "x.csv", 50, bad_at={9, 30})
    report = import_files(wh, [path])
    assert (report.rows_loaded, report.rows_quarantined) == (48, 2)
    # the header is line 1, so data row i is line i + 2
    assert wh.con.execute("SELECT row_no FROM quarantine ORDER BY 1").fetchall() == [(11,), (32,)]
    assert wh.con.execute(
        "SELECT source_row FROM lines WHERE declaration_id = 'D40'"
    ).fetchall() == [(42,)]
    assert wh.con.execute("SELECT sum(value_usd) FROM lines").fetchall()[0][0] == Decimal(
        sum(Decimal(f"{100 + i}.5") for i in range(50) if i not in (9, 30))
    )


def test_the_fast_path_is_taken_for_a_large_clean_file(tmp_path, monkeypatch):
    monkeypatch.setattr(delimited, "FAST_CSV_BYTES", 0)
    path = canonical_csv(tmp_path / "x.csv", 3)
    table = sources.read_source(path, lambda keys: "hscode" in keys)
    assert table.csv_fast is not None and table.arrow is None


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=Decimal("9999999999999"), places=3, allow_nan=False))
def test_duckdb_reads_plain_numbers_as_taraz_fa_does(value):
    # the SQL fast path (TRY_CAST) and taraz.fa.parse_number must agree on what both read
    text = format(value, "f")
    sql = duckdb.sql(f"SELECT TRY_CAST('{text}' AS DECIMAL(38, 6))").fetchall()[0][0]
    assert sql == parse_number(text)


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_a_large_file_with_a_blank_line_keeps_its_row_numbers(wh, tmp_path, monkeypatch, eol):
    monkeypatch.setattr(delimited, "FAST_CSV_BYTES", 0)
    path = canonical_csv(tmp_path / "x.csv", 3)
    header, d0, *rest = path.read_text().splitlines()
    path.write_bytes(eol.join([header, d0, "", *rest, ""]).encode())
    import_files(wh, [path])
    # the header, D0 on line 2, a blank line 3, D1 on line 4
    assert wh.con.execute(
        "SELECT source_row FROM lines WHERE declaration_id = 'D1'"
    ).fetchall() == [(4,)]


@pytest.mark.parametrize(("threads", "eol"), [(2, "\n"), (3, "\r\n")])
def test_row_numbers_hold_in_pieces_read_at_once(wh, tmp_path, monkeypatch, threads, eol):
    # a large file is numbered in as many pieces as DuckDB has threads, all read at once (the
    # reader's own buffers of a few MB end mid-line anywhere): each line carries its own line
    # number (D<i> is on line i + 2) to check against
    monkeypatch.setattr(delimited, "FAST_CSV_BYTES", 0)
    wh.con.execute(f"SET threads = {threads}")
    n = 400_000
    bad_at = {5, 122_879, 250_001, n - 2}
    lines = (
        Line(
            f"D{i}",
            customs_office="",
            trader_id="T" * (1 + i % 97),  # lines of many lengths: pieces end mid-line anywhere
            value_usd="oops" if i in bad_at else "1.5",
            weight_kg="10",
        )
        for i in range(n)
    )
    path = write_canonical_csv(tmp_path / "x.csv", lines)
    path.write_bytes(path.read_bytes().replace(b"\n", eol.encode()))
    assert path.stat().st_size > 40 * 1024 * 1024
    report = import_files(wh, [path])
    assert (report.rows_loaded, report.rows_quarantined) == (n - len(bad_at), len(bad_at))
    assert wh.con.execute(
        """SELECT count(*), count(*) FILTER (
               WHERE source_row <> CAST(substr(declaration_id, 2) AS INTEGER) + 2)
           FROM lines"""
    ).fetchall() == [(n - len(bad_at), 0)]
    assert wh.con.execute("SELECT DISTINCT row_no FROM quarantine ORDER BY 1").fetchall() == [
        (i + 2,) for i in sorted(bad_at)
    ]


@pytest.mark.parametrize("fast", [True, False])
def test_a_batch_is_stored_in_province_and_date_order(wh, tmp_path, monkeypatch, fast):
    # the file lists its lines province after province backwards and days at random; stored,
    # a province's lines are together and in date order (zone maps then skip other provinces'
    # row groups), each still carrying its own file line
    monkeypatch.setattr(delimited, "FAST_CSV_BYTES", 0 if fast else 10**12)
    provinces = ["IR-30", "IR-21", "IR-10", "IR-07", "IR-01"]
    lines = [
        Line(
            f"D{i}",
            date=f"2025-{1 + (i * 7) % 12:02d}-{1 + (i * 13) % 28:02d}",
            province=provinces[i % len(provinces)],
            customs_office="",
        )
        for i in range(500)
    ]
    path = write_canonical_csv(tmp_path / "x.csv", lines)
    import_files(wh, [path])
    stored = wh.con.execute(
        "SELECT province, date, declaration_id, source_row FROM lines ORDER BY rowid"
    ).fetchall()
    assert [(p, d) for p, d, _, _ in stored] == sorted((p, d) for p, d, _, _ in stored)
    assert [p for p, *_ in stored][:1] == ["IR-01"] and len(stored) == 500
    assert all(row == int(decl[1:]) + 2 for _, _, decl, row in stored)


@pytest.mark.parametrize("fast", [True, False])
def test_named_provinces_are_stored_as_codes_in_code_and_date_order(
    wh, tmp_path, monkeypatch, fast
):
    # provinces and countries by Persian name, Jalali dates: the lines carry the codes (text),
    # in the order of the codes, not of the names (کرمان IR-08 < اصفهان IR-10 < یزد IR-21)
    monkeypatch.setattr(delimited, "FAST_CSV_BYTES", 0 if fast else 10**12)
    rows = [
        customs_row(province="یزد", date="1404/03/15", country="ترکیه"),
        customs_row(province="کرمان", date="1404/03/20"),
        customs_row(province="اصفهان", date="1404/01/02", country="ترکیه"),
        customs_row(province="کرمان", date="1404/02/01"),
        customs_row(province="یزد", date="1403/12/29"),
    ]
    path = write_customs_csv(tmp_path / "x.csv", rows, headers=CUSTOMS_EXPORT_HEADERS)
    report = import_files(wh, [path], ImportOptions(flow="X"))
    assert (report.rows_loaded, report.rows_quarantined) == (5, 0)
    stored = wh.con.execute(
        "SELECT province, date, partner, typeof(province), typeof(partner), source_row "
        "FROM lines ORDER BY rowid"
    ).fetchall()
    # the header is line 1, so rows[i] is line i + 2 (written with "\r\n")
    assert stored == [
        ("IR-08", date(2025, 4, 21), "IQ", "VARCHAR", "VARCHAR", 5),  # 1404/02/01
        ("IR-08", date(2025, 6, 10), "IQ", "VARCHAR", "VARCHAR", 3),  # 1404/03/20
        ("IR-10", date(2025, 3, 22), "TR", "VARCHAR", "VARCHAR", 4),  # 1404/01/02
        ("IR-21", date(2025, 3, 19), "IQ", "VARCHAR", "VARCHAR", 6),  # 1403/12/29
        ("IR-21", date(2025, 6, 5), "TR", "VARCHAR", "VARCHAR", 2),  # 1404/03/15
    ]
