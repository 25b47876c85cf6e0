"""Every physical line of a CSV is accounted for; a structural fault sets aside its own line with
its real row number and never swallows the lines after it (issue 7.6)."""

from __future__ import annotations

import time

import pytest

from taraz.errors import UsageError
from taraz.ingest import ImportOptions, delimited, import_files
from taraz.ingest.limits import ReadBudget
from tests.fixtures import CANONICAL_HEADER_LINE, Line

# a canonical line has 15 fields: the header's columns


def line(n: int, **fields) -> str:
    return ",".join(Line(f"D{n}", **fields).cells())


def write(path, *lines: str, newline: str = "\n", encoding: str = "utf-8"):
    path.write_bytes((newline.join([CANONICAL_HEADER_LINE, *lines]) + newline).encode(encoding))
    return path


def outcome(wh, path, **options):
    """(read, loaded, quarantined, duplicate), the quarantine's (row, reason) and the rows
    loaded."""
    report = import_files(wh, [path], ImportOptions(**options))
    assert report.status == "loaded", report.to_dict()
    counts = (report.rows_read, report.rows_loaded, report.rows_quarantined, report.rows_duplicate)
    quarantined = wh.con.execute("SELECT row_no, code FROM quarantine ORDER BY 1").fetchall()
    loaded = [r[0] for r in wh.con.execute("SELECT source_row FROM lines ORDER BY 1").fetchall()]
    return counts, quarantined, loaded


def test_a_quote_that_never_closes_sets_aside_its_line_only(wh, tmp_path):
    path = write(tmp_path / "x.csv", line(1), '"' + line(2), line(3), line(4), line(5))
    counts, quarantined, loaded = outcome(wh, path)
    # header on line 1; lines 2-6 are five rows: four loaded, the one with the quote set aside
    assert counts == (5, 4, 1, 0)
    assert quarantined == [(3, "ingest.unclosed-quote")]
    assert loaded == [2, 4, 5, 6]


def test_a_stray_quote_closed_by_a_later_one_does_not_swallow_the_lines_between(wh, tmp_path):
    # line 3 opens a quote in its unit field; line 5's trader id ends with one, before a comma
    stray = line(2, unit='"box')
    closing = line(4, trader_id='T4"')
    path = write(tmp_path / "x.csv", line(1), stray, line(3), closing, line(5))
    counts, quarantined, loaded = outcome(wh, path)
    assert quarantined[0] == (3, "ingest.unclosed-quote")
    assert 4 in loaded and 6 in loaded
    assert counts[0] == counts[1] + counts[2]


def test_text_after_a_closing_quote_is_malformed_quotes(wh, tmp_path):
    path = write(tmp_path / "x.csv", line(1), line(2, unit='"kg"x'), line(3))
    counts, quarantined, loaded = outcome(wh, path)
    assert (counts, quarantined, loaded) == ((3, 2, 1, 0), [(3, "ingest.bad-quotes")], [2, 4])


def test_a_row_with_more_filled_cells_than_the_header_is_set_aside(wh, tmp_path):
    # a thousands comma left unquoted: 1,500.00 became two cells and shifted the rest
    shifted = line(2) + ",oops"
    path = write(tmp_path / "x.csv", line(1), shifted, line(3))
    counts, quarantined, _ = outcome(wh, path)
    assert (counts, quarantined) == ((3, 2, 1, 0), [(3, "ingest.extra-fields")])


def test_empty_cells_past_the_header_are_harmless(wh, tmp_path):
    path = write(tmp_path / "x.csv", line(1) + ",,", line(2))
    assert outcome(wh, path)[0] == (2, 2, 0, 0)


FILLER = [line(10_000 + i) for i in range(1000)]  # 1,000 good lines: past the 64 KB sample


def test_a_nul_byte_after_the_sample_sets_aside_its_line(wh, tmp_path):
    path = write(tmp_path / "x.csv", *FILLER, line(1, unit="k\x00g"), line(2))
    assert len(CANONICAL_HEADER_LINE) + sum(len(x) + 1 for x in FILLER) > 1 << 16
    counts, quarantined, _ = outcome(wh, path)
    # the NUL is on line 1 + 1,000 + 1 = 1,002
    assert (counts, quarantined) == ((1002, 1001, 1, 0), [(1002, "ingest.nul-byte")])


def test_bytes_that_are_not_utf8_after_the_sample_set_aside_their_line(wh, tmp_path):
    path = tmp_path / "x.csv"
    body = "\n".join([CANONICAL_HEADER_LINE, *FILLER]).encode() + b"\n"
    body += line(1).encode() + b"\xff\xfe\n" + line(2).encode() + b"\n"
    path.write_bytes(body)
    counts, quarantined, _ = outcome(wh, path)
    assert (counts, quarantined) == ((1002, 1001, 1, 0), [(1002, "ingest.bad-encoding")])


def test_a_cell_longer_than_the_budget_sets_aside_its_row(wh, tmp_path):
    path = write(tmp_path / "x.csv", line(1), line(2, unit="x" * 41), line(3))
    counts, quarantined, _ = outcome(wh, path, budget=ReadBudget(max_cell_chars=40))
    assert (counts, quarantined) == ((3, 2, 1, 0), [(3, "ingest.cell-too-long")])


def test_an_endless_line_is_set_aside_and_the_next_line_read(wh, tmp_path):
    # a cell of 20 characters, 15 columns: a line may hold 20 x 16 = 320
    path = write(tmp_path / "x.csv", line(1), "y" * 5000, line(3))
    _, quarantined, loaded = outcome(wh, path, budget=ReadBudget(max_cell_chars=20))
    assert (quarantined, loaded) == ([(3, "ingest.line-too-long")], [2, 4])


def test_a_quoted_line_break_is_one_row_numbered_by_its_first_line(wh, tmp_path):
    path = write(tmp_path / "x.csv", line(1, unit='"kg\nbox"'), line(2))
    counts, quarantined, loaded = outcome(wh, path)
    # line 2 holds a cell that runs on to line 3; the next row is line 4
    assert (counts, quarantined, loaded) == ((2, 2, 0, 0), [], [2, 4])


def test_windows_line_ends_are_lines_too(wh, tmp_path):
    path = write(tmp_path / "x.csv", line(1), '"' + line(2), line(3), newline="\r\n")
    assert outcome(wh, path)[1:] == ([(3, "ingest.unclosed-quote")], [2, 4])


def test_a_large_file_duckdb_cannot_read_is_read_line_by_line_instead(wh, tmp_path, monkeypatch):
    monkeypatch.setattr(delimited, "FAST_CSV_BYTES", 0)  # any file is "large"
    path = write(tmp_path / "x.csv", line(1), line(2) + ",1,2", line(3))
    _, quarantined, loaded = outcome(wh, path)
    assert (quarantined, loaded) == ([(3, "ingest.extra-fields")], [2, 4])


@pytest.mark.parametrize(
    ("budget", "setting", "found"),
    [
        ({"max_rows": 3}, "TARAZ_READ_MAX_ROWS", 4),  # stops at the fourth row
        ({"max_columns": 14}, "TARAZ_READ_MAX_COLUMNS", 15),
        ({"max_cells": 45}, "TARAZ_READ_MAX_CELLS", 60),  # 3 rows of 15 fit; the 4th does not
        ({"max_bytes": 100}, "TARAZ_READ_MAX_BYTES", None),
    ],
)
def test_a_file_over_a_budget_is_refused_naming_the_limit(wh, tmp_path, budget, setting, found):
    path = write(tmp_path / "x.csv", *(line(i) for i in range(5)))
    report = import_files(wh, [path], ImportOptions(budget=ReadBudget(**budget)))
    error = report.error
    assert (report.status, error["code"], error["context"]["setting"]) == (
        "rejected",
        "source.too-large",
        setting,
    )
    if found is not None:
        assert error["context"]["found"] == found


def test_the_budget_comes_from_the_environment(wh, tmp_path, monkeypatch):
    monkeypatch.setenv("TARAZ_READ_MAX_ROWS", "2")
    path = write(tmp_path / "x.csv", line(1), line(2), line(3))
    assert import_files(wh, [path]).error["code"] == "source.too-large"


def test_a_budget_in_the_environment_that_is_not_a_number_is_a_usage_error(
    wh, tmp_path, monkeypatch
):
    monkeypatch.setenv("TARAZ_READ_MAX_ROWS", "many")
    path = write(tmp_path / "x.csv", line(1))
    with pytest.raises(UsageError, match="TARAZ_READ_MAX_ROWS"):
        import_files(wh, [path])


@pytest.mark.parametrize("delim", [";", "\t", "|"])
def test_the_delimiter_is_the_one_under_which_the_header_is_known(wh, tmp_path, delim):
    path = tmp_path / "x.csv"
    path.write_text("\n".join(x.replace(",", delim) for x in (CANONICAL_HEADER_LINE, line(1))))
    assert outcome(wh, path)[0] == (1, 1, 0, 0)


def test_a_sample_full_of_quotes_and_commas_is_refused_at_once(wh, tmp_path):
    # csv.Sniffer took about 45 seconds over these 60 KB
    path = tmp_path / "x.csv"
    path.write_text('"a,' * 20_000)
    started = time.monotonic()
    report = import_files(wh, [path])
    assert (report.error["code"], time.monotonic() - started < 10) == ("source.no-header", True)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"date": "2025-06\x1f05"}, "ingest.bad-date"),
        ({"hs_code": "6907\x1f2100"}, "ingest.bad-hs"),
    ],
)
def test_a_field_holding_the_key_separator_is_set_aside_not_a_crash(wh, tmp_path, fields, code):
    # chr(31) joins the fields of a date or HS key in the distinct-value pass: a cell holding
    # it once split into too many fields, and the import stopped on an internal error
    path = write(tmp_path / "x.csv", line(1), line(2, **fields), line(3))
    counts, quarantined, loaded = outcome(wh, path)
    assert counts == (3, 2, 1, 0)
    assert quarantined == [(3, code)]
    assert loaded == [2, 4]
