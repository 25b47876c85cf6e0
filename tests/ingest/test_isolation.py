"""Reading a file in a child process of its own (issue 8.1): the same batch as a read in the
importer, and a child stopped by its limits is a rejected file, never the importer's end."""

from __future__ import annotations

import csv
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from taraz.ingest import ImportOptions, ReaderLimits, import_files, load_mapping
from taraz.ingest.isolation import read_apart
from taraz.ingest.limits import ReadBudget
from taraz.warehouse import Warehouse
from tests.fixtures import TRADE_ADDENDUM, write_canonical_csv
from tests.fixtures.workbooks import cell, sheet_xml, write_workbook

NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
TABLES = ("batches", "batch_files", "coverage", "lines", "quarantine", "findings")
CHAMBER = """
name = "chamber-monthly"
[columns]
date_year = "Year"
date_month = "Month"
hs_code = "Product"
partner = "Partner"
value = "Trade value (EUR thousands)"
weight = "Net weight (t)"
[constants]
flow = "X"
province = "IR-21"
[value]
currency = "EUR"
scale = 1000
rates = "rates.csv"
[weight]
unit = "t"
[crosswalk]
partner = "partners.csv"
"""


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """A small synthetic sample as `taraz sample` writes it (Yazd's messy customs Excel files
    and the other provinces' canonical CSV)."""
    from taraz.sample.files import write_sample

    folder = tmp_path_factory.mktemp("sample")
    write_sample(folder, seed=7, scale=0.05)
    return folder


def chamber_files(folder: Path) -> tuple[Path, Path]:
    """An aggregated source in its own layout, with its mapping file, rates and crosswalk; one
    row whose month has no rate is quarantined."""
    data = folder / "chamber.csv"
    with data.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            ["Year", "Month", "Product", "Partner", "Trade value (EUR thousands)", "Net weight (t)"]
        )
        w.writerow(["1404", "3", "6907", "P-IRQ", "2", "1.5"])
        w.writerow(["1404", "4", "6907", "P-AFG", "4", "3"])
        w.writerow(["1404", "5", "2515", "P-IRQ", "1", "7"])  # no rate for 1404-05
    (folder / "rates.csv").write_text(
        "month,currency,usd_per_unit\n1404-03,EUR,1.10\n1404-04,EUR,1.20\n"
    )
    (folder / "partners.csv").write_text("from,to\nP-IRQ,IQ\nP-AFG,AF\n")
    mapping = folder / "chamber.toml"
    mapping.write_text(CHAMBER, encoding="utf-8")
    return data, mapping


def import_both_ways(tmp_path, paths, **options):
    """The same files imported into two fresh warehouses, read in the importer and apart."""
    out = {}
    for isolate in (False, True):
        wh = Warehouse.open(tmp_path / f"isolate-{isolate}.duckdb")
        try:
            report = import_files(wh, paths, ImportOptions(now=NOW, isolate=isolate, **options))
            tables = {
                t: wh.con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES
            }
        finally:
            wh.close()
        out[isolate] = (report.to_dict(), tables)
    return out[False], out[True]


@pytest.mark.parametrize(
    "name", ["yazd-exports-1404-03.xlsx", "yazd-imports-1403-11.xlsx", "canonical-1404-M.csv"]
)
def test_a_sample_file_read_apart_lands_the_same_batch(sample, tmp_path, name):
    (report, tables), (apart, apart_tables) = import_both_ways(tmp_path, [sample / name])
    assert report["status"] == "loaded" and report["rows_loaded"] > 0
    assert apart == report
    for table in TABLES:  # every column of every row
        assert apart_tables[table] == tables[table], table


def test_files_of_a_mapping_read_apart_land_the_same_batch(tmp_path):
    data, mapping = chamber_files(tmp_path)
    (report, tables), (apart, apart_tables) = import_both_ways(
        tmp_path, [data], mapping=load_mapping(mapping)
    )
    assert (report["status"], report["rows_loaded"], report["rows_quarantined"]) == (
        "loaded",
        2,
        1,
    )
    assert apart == report
    assert apart_tables == tables


def test_several_files_read_apart_land_as_one_batch_the_same(sample, tmp_path):
    files = [sample / "yazd-exports-1404-01.xlsx", sample / "yazd-exports-1404-02.xlsx"]
    (report, tables), (apart, apart_tables) = import_both_ways(tmp_path, files)
    assert report["rows_loaded"] > 0
    assert (apart, apart_tables) == (report, tables)


def test_a_large_clean_csv_is_read_by_duckdb_and_a_line_duckdb_refuses_is_read_again_apart(
    tmp_path,
):
    from taraz.ingest.delimited import FAST_CSV_BYTES
    from taraz.sample import write_canonical_csv as write_many

    path = write_many(tmp_path / "many.csv", 180_000, seed=5)
    with path.open("a", encoding="utf-8") as fh:  # a line DuckDB cannot read: extra fields
        fh.write("D-X,1,X,2025-05-01,25151200,AF,,IR-21,T1,sme,1.00,1.000,,,extra,more\n")
    assert path.stat().st_size > FAST_CSV_BYTES
    (report, tables), (apart, apart_tables) = import_both_ways(tmp_path, [path])
    assert report["rows_quarantined"] == 1 and report["rows_loaded"] >= 180_000 - 1
    assert apart == report
    assert apart_tables == tables


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "source.not-a-table"),
        ("نام,توضیح\nعلی,سلام\n".encode(), "source.no-header"),
        (None, "source.too-large"),  # a workbook reaching XFD1048576
    ],
    ids=["picture", "no-header", "corner"],
)
def test_a_file_refused_apart_is_refused_with_the_same_words(tmp_path, content, code):
    if content is None:
        far = f'<row r="1">{cell("A1", "x")}</row><row r="1048576">{cell("XFD1048576", "y")}</row>'
        path = write_workbook(tmp_path / "corner.xlsx", {"S": sheet_xml(far)})
    else:
        path = tmp_path / "file.csv"
        path.write_bytes(content)
    (report, _), (apart, _) = import_both_ways(tmp_path, [path])
    assert (report["status"], report["error"]["code"]) == ("rejected", code)
    assert apart == report


def twenty_million_cells(tmp_path) -> Path:
    """1.5 KB of workbook whose sheet reaches T1000000: 20 million cells, within the default
    budget, that python-calamine builds as one 640 MB block."""
    corner = f'<row r="1">{cell("A1", "x")}</row><row r="1000000">{cell("T1000000", "y")}</row>'
    return write_workbook(tmp_path / "wide.xlsx", {"S": sheet_xml(corner)})


def test_a_reader_out_of_memory_is_a_rejected_file_and_the_importer_goes_on(wh, tmp_path):
    path = twenty_million_cells(tmp_path)
    limits = ReaderLimits(memory_mb=600)
    report = import_files(wh, [path], ImportOptions(isolate=True, reader_limits=limits))
    assert (report.status, report.error["code"]) == ("rejected", "source.reader-failed")
    context = report.error["context"]
    assert (context["reason"], context["limit"], context["setting"]) == (
        "memory",
        600,
        "TARAZ_READER_MEMORY_MB",
    )
    assert "۶۰۰ مگابایت" in report.message_fa and "nothing was loaded" in report.message_en
    assert wh.con.execute("SELECT count(*) FROM batches").fetchall() == [(0,)]
    good = write_canonical_csv(tmp_path / "good.csv", TRADE_ADDENDUM)
    after = import_files(wh, [good], ImportOptions(isolate=True))  # the importer goes on
    assert (after.status, after.rows_loaded) == ("loaded", 1)


def test_a_reader_out_of_time_is_a_rejected_file_naming_its_limit(wh, tmp_path):
    path = twenty_million_cells(tmp_path)
    limits = ReaderLimits(memory_mb=4096, seconds=1)
    report = import_files(wh, [path], ImportOptions(isolate=True, reader_limits=limits))
    assert report.error["code"] == "source.reader-failed"
    assert (report.error["context"]["reason"], report.error["context"]["setting"]) == (
        "time",
        "TARAZ_READER_SECONDS",
    )
    assert "۱ ثانیه" in report.message_fa


def test_the_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("TARAZ_READER_MEMORY_MB", "512")
    monkeypatch.setenv("TARAZ_READER_SECONDS", "30")
    assert ReaderLimits.from_environment() == ReaderLimits(memory_mb=512, seconds=30)


def test_a_bad_limit_in_the_environment_is_a_usage_error(monkeypatch):
    from taraz.errors import UsageError

    monkeypatch.setenv("TARAZ_READER_MEMORY_MB", "lots")
    with pytest.raises(UsageError) as caught:
        ReaderLimits.from_environment()
    assert caught.value.fields["name"] == "TARAZ_READER_MEMORY_MB"


def test_the_answer_is_kept_in_a_private_folder(tmp_path):
    path = write_canonical_csv(tmp_path / "a.csv", TRADE_ADDENDUM)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    src = read_apart(path, None, None, ReadBudget(), ReaderLimits(), scratch)
    assert src.arrow is not None and src.arrow.num_rows == 1
    [folder] = scratch.iterdir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["request.json", "source.json", "stderr.txt", "table.arrow"]
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}


def test_an_import_leaves_no_answer_behind(wh, tmp_path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    path = write_canonical_csv(tmp_path / "a.csv", TRADE_ADDENDUM)
    import_files(wh, [path], ImportOptions(isolate=True, scratch=scratch))
    assert list(scratch.iterdir()) == []
