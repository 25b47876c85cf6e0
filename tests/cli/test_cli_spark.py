"""`taraz export-parquet` then `taraz report --parquet --spark`: the same figures as DuckDB's."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from taraz.cli.main import cli
from taraz.ingest import import_files
from taraz.warehouse import Warehouse
from tests.fixtures import YAZD, Line, write_canonical_csv

pytestmark = [
    pytest.mark.spark,
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
    pytest.mark.filterwarnings("ignore:The 'future.infer_string' option is deprecated"),
]


@pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java on the PATH")
def test_report_on_spark_over_the_parquet_export_equals_the_report_on_duckdb(tmp_path):
    csv = write_canonical_csv(
        tmp_path / "lines.csv",
        [
            Line("D1", 1, "X", "2025-04-10", "69072100", "IQ", "IR21-YAZD", YAZD, "T1", "sme", "1000.50", "5000"),
            Line("D2", 1, "X", "2025-05-10", "26011100", "AF", "IR21-YAZD", YAZD, "T2", "large", "250.25", "90000"),
            Line("D3", 1, "M", "2025-05-11", "84181000", "CN", "IR21-YAZD", YAZD, "T3", "large", "700", "10"),
            Line("D4", 1, "X", "2024-04-10", "69072100", "IQ", "IR21-YAZD", YAZD, "T1", "sme", "900", "4000"),
        ],
    )  # fmt: skip
    db = tmp_path / "w.duckdb"
    with Warehouse.open(db) as wh:
        assert import_files(wh, [csv]).rows_loaded == 4
    runner = CliRunner()
    base = ["--warehouse", str(db)]
    assert runner.invoke(cli, [*base, "export-parquet", str(tmp_path / "pq")]).exit_code == 0
    report = [*base, "report", "--province", "IR-21", "--period", "1404-H1", "--format", "json"]
    on_duckdb = json.loads(runner.invoke(cli, report).output)
    result = runner.invoke(cli, [*report, "--parquet", str(tmp_path / "pq"), "--spark", "local[1]"])
    assert result.exit_code == 0, result.output
    on_spark = json.loads(result.output)
    for figures in (on_duckdb, on_spark):
        figures.pop("generated_at")
    assert on_spark == on_duckdb
    # and the figures are the hand-summed ones: exports 1000.50 + 250.25 in 1404-H1
    assert on_duckdb["totals"]["exports"]["value_usd"] == "1250.75"
