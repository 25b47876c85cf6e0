"""The Yazd 1404-H1 bulletin past one machine: Apache Spark over the Parquet export beside DuckDB.

    python3 -m uv run python bench/bench_spark.py                 # 99.6M lines (builds them once)
    python3 -m uv run python bench/bench_spark.py --lines 1000000 # quick

Both engines compute every figure of the bulletin (`taraz.stats.bulletin_figures`, top 10,
origin basis) for the same query: DuckDB over the warehouse (`open_engine(warehouse)`), Spark
in local mode over the warehouse's Parquet export (`open_engine(export, backend="spark")`),
the data built by `bench_stats.build` (the same files, kept in `bench/data/`). It prints each
engine's first and warm times and whether the figures are identical (every figure, decimals
included: the two dicts compared whole). `--json` prints the results as one JSON object.

Spark here is one JVM with `--master` cores (default `local[2]`, the machine's two); it reads
the Parquet files partitioned by Jalali year, prunes to the two years the query needs, and keeps
the query's lines cached between the parts of the facts query. On a real cluster the same code
runs with `--master spark://...` and an export on storage every worker reads (hdfs://, s3a://):
what changes is bench/README-stats.md's "Past one machine".
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import bench_stats  # noqa: E402  (the same data and query as the statistics benchmark)


def spark_session(master: str, driver_memory: str):
    from pyspark.sql import SparkSession

    cores = master.removeprefix("local[").removesuffix("]")
    session = (
        SparkSession.builder.master(master)
        .appName("taraz-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", str(2 * int(cores)) if cores.isdigit() else "8")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", driver_memory)
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def timed(fn, *args):
    t = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - t, result


def bulletin(engine, query):
    from taraz.stats import bulletin_figures

    return bulletin_figures(engine, query, top=10)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--lines", type=int, default=bench_stats.BIG)
    ap.add_argument("--data-dir", type=Path, default=bench_stats.DATA)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--driver-memory", default="8g")
    ap.add_argument("--runs", type=int, default=3, help="warm runs of each engine")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from taraz.stats import open_engine

    db, export = bench_stats.build(args.lines, args.data_dir)
    query = bench_stats.taraz_query()
    os.environ["TARAZ_CACHE_DIR"] = "off"  # each engine compiles its own expressions
    load_before = os.getloadavg()

    with open_engine(db) as duck:
        duck_first, duck_figures = timed(bulletin, duck, query)
        duck_warm = [timed(bulletin, duck, query)[0] for _ in range(args.runs)]

    session = spark_session(args.master, args.driver_memory)
    try:
        spark = open_engine(export, backend="spark", spark=session)
        spark_first, spark_figures = timed(bulletin, spark, query)
        spark_warm = [timed(bulletin, spark, query)[0] for _ in range(args.runs)]
    finally:
        session.stop()

    identical = spark_figures == duck_figures
    result = {
        "lines": args.lines,
        "master": args.master,
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "duckdb_first_s": round(duck_first, 3),
        "duckdb_warm_s": round(statistics.median(duck_warm), 3),
        "spark_first_s": round(spark_first, 3),
        "spark_warm_s": round(statistics.median(spark_warm), 3),
        "figures_identical": identical,
        "exports_value_usd": duck_figures["totals"]["exports"]["value_usd"],
    }
    if not identical:
        diff = [k for k in duck_figures if spark_figures.get(k) != duck_figures[k]]
        result["sections_that_differ"] = diff
    if args.json:
        print(json.dumps(result, indent=2, default=str))
        return
    print(f"Yazd {bench_stats.PERIOD} bulletin, {args.lines:,} lines")
    print(
        f"  DuckDB (warehouse)          first {duck_first:7.2f} s  warm {result['duckdb_warm_s']:7.2f} s"
    )
    print(
        f"  Spark {args.master:<10} (Parquet) first {spark_first:7.2f} s  warm {result['spark_warm_s']:7.2f} s"
    )
    print(f"  figures identical (every figure, decimals included): {identical}")
    print(f"  Yazd exports: {result['exports_value_usd']} USD")
    print(f"  load average before {load_before}, after {result['load_average_after']}")
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
