"""Parquet files are measured by their metadata before DuckDB reads them, and a broken one is
a rejected file, not a traceback."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from taraz.ingest import ImportOptions, import_files
from taraz.ingest.limits import ReadBudget
from tests.fixtures import CANONICAL_HEADER, Line


def write_parquet(path, n: int):
    lines = [Line(f"D{i}").cells() for i in range(n)]
    table = pa.table({h: [row[j] or None for row in lines] for j, h in enumerate(CANONICAL_HEADER)})
    pq.write_table(table, path)
    return path


def test_a_parquet_file_loads(wh, tmp_path):
    report = import_files(wh, [write_parquet(tmp_path / "x.parquet", 3)])
    assert (report.status, report.rows_loaded) == ("loaded", 3)


def test_a_parquet_file_over_the_rows_budget_is_refused_from_its_metadata(wh, tmp_path):
    path = write_parquet(tmp_path / "x.parquet", 5)
    report = import_files(wh, [path], ImportOptions(budget=ReadBudget(max_rows=4)))
    assert (report.error["code"], report.error["context"]["found"]) == ("source.too-large", 5)


def test_a_file_that_only_starts_like_parquet_is_a_bad_parquet(wh, tmp_path):
    path = tmp_path / "x.parquet"
    path.write_bytes(b"PAR1" + b"\x07" * 200)
    assert import_files(wh, [path]).error["code"] == "source.bad-parquet"


def test_a_parquet_file_with_damaged_pages_is_a_rejected_file(wh, tmp_path):
    path = write_parquet(tmp_path / "x.parquet", 50)
    data = bytearray(path.read_bytes())
    data[8:200] = b"\xff" * 192  # the first column's pages, the footer intact
    path.write_bytes(bytes(data))
    report = import_files(wh, [path])
    assert report.status == "rejected" and report.error["code"] == "source.bad-parquet"
