"""An import lowers DuckDB's memory limit to a share of the warehouse's, and puts it back."""

from __future__ import annotations

from taraz.ingest import ImportOptions, import_files
from taraz.ingest.limits import import_memory
from taraz.warehouse import Warehouse
from tests.fixtures import Line, write_canonical_csv


def limit(wh):
    return wh.con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]


def test_an_import_works_within_three_fifths_and_gives_the_limit_back(tmp_path):
    wh = Warehouse.open(tmp_path / "w.duckdb", memory_limit="1GB")
    try:
        before = limit(wh)
        with import_memory(wh):
            # 0.6 GB = 600,000,000 bytes = 572.2 MiB, as DuckDB shows it (rounded down)
            assert limit(wh) == "572.2 MiB"
        assert limit(wh) == before == "953.6 MiB"
        report = import_files(wh, [write_canonical_csv(tmp_path / "x.csv", [Line()])])
        assert report.rows_loaded == 1
        assert limit(wh) == before
    finally:
        wh.close()


def test_a_limit_not_known_is_left_alone(tmp_path):
    wh = Warehouse.open(tmp_path / "w.duckdb", memory_limit="1GB")
    try:
        wh.memory_limit = None
        with import_memory(wh):
            assert limit(wh) == "953.6 MiB"
    finally:
        wh.close()


def test_a_limit_in_binary_units_is_read_as_such(tmp_path):
    wh = Warehouse.open(tmp_path / "w.duckdb", memory_limit="2GiB")
    try:
        with import_memory(wh):
            # 0.6 of 2 GiB is 1,288,490,188.8 bytes, a byte short of 1.2 GiB once whole:
            # DuckDB shows it rounded down
            assert limit(wh) == "1.1 GiB"
        assert limit(wh) == "2.0 GiB"
        import_files(wh, [write_canonical_csv(tmp_path / "x.csv", [Line()])], ImportOptions())
        assert limit(wh) == "2.0 GiB"
    finally:
        wh.close()
