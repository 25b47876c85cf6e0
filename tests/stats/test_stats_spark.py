"""Spark parity: the same figures on Spark (local mode, over the Parquet export) as on DuckDB."""

from __future__ import annotations

import importlib.util
import shutil
from datetime import timedelta

import pytest

from taraz.calendar import parse_period
from taraz.stats import Query, bulletin_figures, export_parquet, open_engine, trader_figures
from taraz.stats.live import live_lines
from taraz.warehouse import Warehouse, live_lines_sql
from tests.fixtures import HISTORY_REVERT, T0, TRADERS, YAZD
from tests.fixtures.datasets.traders import FIRM_A

pytestmark = [
    pytest.mark.spark,
    # pyspark 4.0 and Ibis call pandas 3 APIs that pandas now deprecates; not ours to fix
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
    pytest.mark.filterwarnings("ignore:The 'future.infer_string' option is deprecated"),
]


@pytest.fixture(scope="session")
def spark():
    """One local SparkSession for every Spark test (2 cores, no UI, few shuffle partitions)."""
    if importlib.util.find_spec("pyspark") is None:
        pytest.skip("pyspark is not installed (uv sync --extra spark)")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java (a JDK 17) on the PATH")
    from taraz.stats.engine import local_spark_session

    session = local_spark_session(cores=2, app_name="taraz-tests")
    session.sparkContext.setLogLevel("ERROR")
    # tiny data: one shuffle partition and no adaptive re-planning keep each query quick
    session.conf.set("spark.sql.shuffle.partitions", "1")
    session.conf.set("spark.sql.adaptive.enabled", "false")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def random_on_spark(random_wh, spark, tmp_path_factory):
    out = tmp_path_factory.mktemp("spark") / "random"
    export_parquet(random_wh, out)
    return open_engine(out, backend="spark", spark=spark)


@pytest.fixture(scope="session")
def history_on_spark(history_wh, spark, tmp_path_factory):
    out = tmp_path_factory.mktemp("spark") / "history"
    export_parquet(history_wh, out)
    return open_engine(out, backend="spark", spark=spark)


@pytest.mark.parametrize(
    "query",
    [
        Query(province=YAZD, period=parse_period("1404-H1")),
        Query(province=None, period=parse_period("1403")),
    ],
    ids=["yazd-origin-h1", "country-1403"],
)
def test_spark_gives_every_figure_duckdb_gives(random_engine, random_on_spark, query):
    assert bulletin_figures(random_on_spark, query) == bulletin_figures(random_engine, query)


def test_spark_gives_a_firms_own_figures_as_duckdb_does(dataset_file, spark, tmp_path):
    out = tmp_path / "traders"
    with Warehouse.open(dataset_file(TRADERS), read_only=True) as wh, open_engine(wh) as duck:
        export_parquet(wh, out)
        expected = trader_figures(duck, FIRM_A)
    assert trader_figures(open_engine(out, backend="spark", spark=spark), FIRM_A) == expected


def test_spark_applies_as_of_revisions_and_the_customs_basis_as_duckdb_does(
    revised, spark, tmp_path
):
    export_parquet(revised, tmp_path / "revised")
    spark_engine = open_engine(tmp_path / "revised", backend="spark", spark=spark)
    as_of = T0 + timedelta(hours=1)
    query = Query(province=YAZD, period=parse_period("1404-01"), basis="customs", as_of=as_of)
    with open_engine(revised) as duck:
        assert bulletin_figures(spark_engine, query) == bulletin_figures(duck, query)


@pytest.mark.parametrize(
    "as_of",
    [T0 + timedelta(days=4, hours=1), HISTORY_REVERT[1], None],
    ids=["between-revisions", "at-the-revert", "now"],
)
def test_spark_picks_the_live_lines_the_warehouse_picks(history_wh, history_on_spark, as_of):
    live = live_lines(history_on_spark, as_of).select("batch_id", "source_row")
    got = sorted((r["batch_id"], r["source_row"]) for r in history_on_spark.fetch(live))
    columns = "l.batch_id, l.source_row"
    sql = f"SELECT * FROM {live_lines_sql(as_of, columns)} ORDER BY ALL"
    assert got == history_wh.con.execute(sql).fetchall()
