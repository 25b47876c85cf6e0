"""What each part of the facts statement costs: the statement with every part, then less one
part at a time, beside the analyst's statement (`bench_stats.ANALYST_SQL`), alternating.

    python3 -m uv run python bench/bench_facts_parts.py bench/data/stats-10000000.duckdb

Each figure is the median of `--runs` runs of the statement alone (execute and fetch) for Yazd
(IR-21) 1404-H1, wall and process CPU. The warehouses are those `bench_stats.py` builds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bench_stats import PERIOD, PROVINCE, analyst_sql

from taraz.calendar import parse_period
from taraz.stats import Query, open_engine
from taraz.stats.facts import PARTS
from taraz.stats.facts_sql import Shape, facts_params, facts_sql
from taraz.stats.sizes import has_declared_sizes

GROUPS = {
    "the distinct declarations": ("declarations",),
    "the office part": ("office",),
    "the tariff-code parts": (
        "totals",
        "sector",
        "stage",
        "section",
        "hs2",
        "hs4",
        "hs6",
        "hs_digits",
    ),
    "the days and batches": ("daily", "batch"),
    "the partners": ("partner",),
}


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("warehouse", type=Path)
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    engine = open_engine(args.warehouse)
    query = Query(province=PROVINCE, period=parse_period(PERIOD))
    declared = has_declared_sizes(engine)
    every = tuple(PARTS)
    shapes = {"nothing (every part)": every}
    for name, parts in GROUPS.items():
        shapes[name] = tuple(p for p in every if p not in parts)
    shapes["everything but the totals"] = ("totals",)
    con = engine._con
    runs = {}
    for name, parts in shapes.items():
        shape = Shape.of(query, parts, declared)
        sql, params = facts_sql(shape), facts_params(query, shape)
        runs[name] = lambda sql=sql, params=params: con.execute(sql, params).fetchall()
    runs["the analyst's statement"] = lambda: analyst_sql(con, query)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for fn in runs.values():
        fn()
    for _ in range(args.runs):
        for name, fn in runs.items():
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            times[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    print(f"the facts statement for {PROVINCE} {PERIOD}, median of {args.runs} (s)")
    print(f"{'less':32s} {'wall':>8s} {'CPU':>8s}")
    for name, t in times.items():
        wall = statistics.median(w for w, _ in t)
        cpu = statistics.median(c for _, c in t)
        print(f"{name:32s} {wall:8.3f} {cpu:8.3f}")


if __name__ == "__main__":
    main()
