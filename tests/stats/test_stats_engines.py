"""Engines and the bulletin structure: DuckDB on the file, DuckDB on a Parquet export, JSON."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from taraz.calendar import parse_period
from taraz.errors import UsageError
from taraz.stats import Query, bulletin_figures, export_parquet, open_engine, totals
from tests.fixtures import QUARTERS, YAZD, build_warehouse

YAZD_Q1 = Query(province=YAZD, period=parse_period("1404-Q1"))
KEYS = {
    "schema",
    "query",
    "units",
    "totals",
    "breakdowns",
    "monthly",
    "top",
    "concentration",
    "unit_values",
    "attribution",
    "coverage",
}


def test_bulletin_figures_has_every_section(yazd):
    assert set(bulletin_figures(yazd, YAZD_Q1)) == KEYS


def test_bulletin_figures_is_plain_json(yazd):
    figures = bulletin_figures(yazd, YAZD_Q1)
    assert json.loads(json.dumps(figures, ensure_ascii=False)) == figures


def test_bulletin_figures_agree_with_the_single_figures(yazd):
    assert bulletin_figures(yazd, YAZD_Q1)["totals"] == totals(yazd, YAZD_Q1)


def test_export_partitions_lines_by_flow_and_jalali_year(yazd_wh, tmp_path):
    export_parquet(yazd_wh, tmp_path / "export")
    parts = sorted(
        p.parent.relative_to(tmp_path / "export" / "lines").as_posix()
        for p in (tmp_path / "export" / "lines").rglob("*.parquet")
    )
    assert parts == ["flow=M/jy=1403", "flow=M/jy=1404", "flow=X/jy=1403", "flow=X/jy=1404"]


def test_duckdb_on_the_parquet_export_gives_the_same_figures(random_wh, random_engine, tmp_path):
    export_parquet(random_wh, tmp_path / "export")
    query = Query(province=YAZD, period=parse_period("1404-H1"))
    with open_engine(tmp_path / "export") as parquet:
        assert bulletin_figures(parquet, query) == bulletin_figures(random_engine, query)


def test_an_engine_opens_a_closed_warehouse_file_read_only(tmp_path):
    with open_engine(build_warehouse(tmp_path, QUARTERS)) as engine:
        assert totals(engine, YAZD_Q1)["exports"]["value_usd"] == "5300.00"


def test_a_query_needs_a_timezone_aware_as_of():
    with pytest.raises(UsageError):
        Query(province=YAZD, period=parse_period("1404"), as_of=datetime(2025, 1, 1))


def test_a_query_names_a_known_basis():
    with pytest.raises(UsageError):
        Query(province=YAZD, period=parse_period("1404"), basis="border")
