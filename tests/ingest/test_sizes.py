"""The declared size classes file (taraz.ingest.sizes, docs/sizes.md): its schema check names
every problem by row, column and value; a load replaces what was loaded, all or nothing; the
command line loads it and names each problem."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from click.testing import CliRunner

from taraz.cli.main import cli
from taraz.errors import TarazError
from taraz.ingest.sizes import (
    SizeSpan,
    SizesRejectedError,
    declared_sizes,
    load_sizes,
    read_sizes,
    write_sizes,
)

GOOD = (
    "# the registry's export\n"  # row 1, a comment
    "trader_id,size_class,valid_from,valid_to,note\n"  # row 2, an extra column is ignored
    "12100000101,sme,2024-03-20,2025-04-30,\n"  # row 3
    "12100000101,large,1404-02-11,,grew\n"  # row 4: 1404-02-11 = 2025-05-01, open
    "۱۲۱۰۰۰۰۰۲۰۲,کوچک و متوسط,1403/01/01,1403/12/30,\n"  # row 5: Persian digits and words
)
BAD = (
    "trader_id,size_class,valid_from,valid_to\n"  # row 1
    ",sme,2024-01-01,\n"  # row 2: no card
    "12100000101,huge,2024-01-01,2024-06-30\n"  # row 3: no such class
    "12100000101,sme,1404-13-01,\n"  # row 4: no 13th month
    "12100000202,large,2025-01-01,2024-12-31\n"  # row 5: ends before it begins
    "12100000303,sme,2024-01-01,2024-12-31\n"  # row 6
    "12100000303,large,2024-12-31,\n"  # row 7: its first day is row 6's last
    "12100000404,sme,,\n"  # row 8: no first day
)


def write(tmp_path, text: str, name: str = "sizes.csv"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_a_good_file_gives_its_spans(tmp_path):
    report = read_sizes(write(tmp_path, GOOD))
    assert report.problems == ()
    assert [(s.trader_id, s.size_class, s.valid_from, s.valid_to, s.row) for s in report.spans] == [
        ("12100000101", "sme", date(2024, 3, 20), date(2025, 4, 30), 3),
        ("12100000101", "large", date(2025, 5, 1), None, 4),
        ("12100000202", "sme", date(2024, 3, 20), date(2025, 3, 20), 5),  # 1403 is leap
    ]


def test_every_problem_is_named_by_row_column_and_value(tmp_path):
    report = read_sizes(write(tmp_path, BAD))
    assert [
        (p.code, p.fields["row"], p.fields["column"], p.fields["value"]) for p in report.problems
    ] == [
        ("ingest.sizes-missing", 2, "trader_id", ""),
        ("ingest.sizes-bad-class", 3, "size_class", "huge"),
        ("ingest.sizes-bad-day", 4, "valid_from", "1404-13-01"),
        ("ingest.sizes-bad-span", 5, "valid_to", "2024-12-31"),
        ("ingest.sizes-overlap", 7, "valid_from", "2024-12-31"),
        ("ingest.sizes-missing", 8, "valid_from", ""),
    ]
    overlap = report.problems[4]
    assert overlap.fields["other"] == 6
    assert "overlaps row 6" in overlap.message("en")
    assert "ردیف ۷" in overlap.message("fa")


def test_a_span_inside_a_long_one_is_an_overlap_even_after_a_short_one(tmp_path):
    text = (
        "trader_id,size_class,valid_from,valid_to\n"
        "12100000101,sme,2024-01-01,2024-12-31\n"  # row 2: the whole year
        "12100000101,large,2024-03-01,2024-03-31\n"  # row 3: inside row 2
        "12100000101,sme,2024-06-01,2024-06-30\n"  # row 4: inside row 2 too
    )
    report = read_sizes(write(tmp_path, text))
    assert [(p.code, p.fields["row"], p.fields["other"]) for p in report.problems] == [
        ("ingest.sizes-overlap", 3, 2),
        ("ingest.sizes-overlap", 4, 2),
    ]


def test_a_file_without_the_four_columns_is_refused(tmp_path):
    with pytest.raises(TarazError) as caught:
        read_sizes(write(tmp_path, "trader_id,size,from\n12100000101,sme,2024-01-01\n"))
    assert caught.value.code == "ingest.sizes-columns"
    assert caught.value.fields["missing"] == "size_class, valid_from, valid_to"


def test_a_load_replaces_what_was_loaded(wh, tmp_path):
    moment = datetime(2025, 7, 1, 8, 0, tzinfo=UTC)
    load_sizes(wh, write(tmp_path, GOOD), now=moment)
    assert len(declared_sizes(wh)) == 3
    second = "trader_id,size_class,valid_from,valid_to\n12100000909,large,2020-01-01,\n"
    report = load_sizes(wh, write(tmp_path, second, "second.csv"), now=moment)
    assert (report.loaded, report.to_dict()["rows"], report.to_dict()["traders"]) == (True, 1, 1)
    assert [(r["trader_id"], r["size_class"], r["file_name"]) for r in declared_sizes(wh)] == [
        ("12100000909", "large", "second.csv")
    ]


def test_a_file_with_a_problem_loads_nothing_and_keeps_what_was_there(wh, tmp_path):
    load_sizes(wh, write(tmp_path, GOOD))
    with pytest.raises(SizesRejectedError) as caught:
        load_sizes(wh, write(tmp_path, BAD, "bad.csv"))
    assert caught.value.code == "ingest.sizes-rejected"
    assert caught.value.fields["n"] == 6
    assert len(declared_sizes(wh)) == 3


def test_what_write_sizes_writes_reads_back_the_same(tmp_path):
    spans = [
        SizeSpan("12100000101", "sme", date(2023, 4, 4), date(2025, 4, 29)),
        SizeSpan("12100000101", "large", date(2025, 4, 30), None),
    ]
    path = tmp_path / "out.csv"
    assert write_sizes(path, spans) == 2
    assert path.read_text("utf-8").splitlines() == [
        "trader_id,size_class,valid_from,valid_to",
        "12100000101,sme,2023-04-04,2025-04-29",
        "12100000101,large,2025-04-30,",
    ]
    assert [
        (s.trader_id, s.size_class, s.valid_from, s.valid_to) for s in read_sizes(path).spans
    ] == [(s.trader_id, s.size_class, s.valid_from, s.valid_to) for s in spans]


# -- the command line --------------------------------------------------------------------------


def taraz(tmp_path, *args):
    db = tmp_path / "cli.duckdb"
    return CliRunner().invoke(cli, ["--warehouse", str(db), *args], catch_exceptions=False)


def test_import_sizes_loads_the_file(tmp_path):
    result = taraz(tmp_path, "--lang", "en", "import-sizes", str(write(tmp_path, GOOD)))
    assert result.exit_code == 0, result.output
    assert "3 spans of 2 firms' size classes loaded from" in result.output
    as_json = taraz(tmp_path, "import-sizes", "--json", str(write(tmp_path, GOOD)))
    assert json.loads(as_json.output)["rows"] == 3


def test_import_sizes_names_each_problem_and_exits_1(tmp_path):
    result = taraz(tmp_path, "--lang", "en", "import-sizes", str(write(tmp_path, BAD)))
    assert result.exit_code == 1
    assert "row 3, column 'size_class', value 'huge': not a size class" in result.output
    assert "[ingest.sizes-rejected]" in result.output or "6 problems" in result.output


def test_import_sizes_of_a_missing_file_is_a_usage_error(tmp_path):
    result = taraz(tmp_path, "import-sizes", str(tmp_path / "nowhere.csv"))
    assert result.exit_code == 2
