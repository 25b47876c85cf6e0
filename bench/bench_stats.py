"""Statistics benchmark: the full bulletin figures on taraz against hand-written DuckDB SQL and
a plain pandas program, on the same data, in one run.

    uv run python bench/bench_stats.py                      # 1M and 10M lines
    uv run python bench/bench_stats.py --sizes 1000000      # one size
    uv run python bench/bench_stats.py --big                # also 100M lines (about 25 min to build)

Data: `taraz.sample.canonical` (the benchmark generator: synthetic canonical lines of every
province, Farvardin 1403 to Esfand 1404) written as Parquet files of at most 10M lines, each in
date order (as customs files come; the generator draws days at random), each loaded through the
real import path (`taraz.ingest.import_files`) as its own batch and source. Warehouses and
their Parquet exports are kept in bench/data/ and reused (delete bench/data/stats-* to rebuild).

Measured for Yazd (IR-21), 1404-H1, origin basis, all figures (`bulletin_figures`, top 10):
- taraz: `bulletin_figures` on DuckDB, warm: the median of --runs calls after one call; also the
  first call on a fresh engine ("cold": building and compiling the Ibis expressions) and warm
  calls with the compiled-SQL cache cleared before each ("no SQL cache");
- hand-written SQL: the query's live lines (the warehouse's own live-lines SQL) into a temporary
  table, then one GROUPING SETS statement for the line figures (labels joined; shares, growth,
  HHI and unit values computed in SQL) and small queries for declarations, attribution,
  coverage and findings, on the same database instance;
- pandas: a plain pandas program reading the Parquet export (`export_parquet`) and computing
  the same figures (values as float64, as an analyst would).
The hand-written and pandas runs alternate with taraz's so that both see the same machine load.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).parent
DATA = HERE / "data"
CHUNK = 10_000_000  # lines per file (the generator makes whole blocks: 9,961,472 lines)
BIG = 99_614_720  # --big: ten such files (an 11th of 0.4M lines ran ingest out of memory)
PANDAS_MAX_LINES = 20_000_000  # the plain pandas program holds every line in memory
PROVINCE = "IR-21"
PERIOD = "1404-H1"
SQL_CACHE = DATA / "sql-cache"  # the compiled SQL taraz keeps on disk (emptied at each start)
# targets of issue 12
ANALYST_RATIO_TARGET = 1.5  # taraz warm within 1.5x of the analyst's SQL
WARM_10M_TARGET_S = 0.15  # the full bulletin, warm, at 10M lines
REPORT_TARGET_S = 0.4  # `taraz report` as a whole process on the demo warehouse
ERROR_TARGET_S = 0.2  # `taraz report` that fails (a missing warehouse), whole process


# -- building the warehouses -------------------------------------------------------------------


def build(n: int, data_dir: Path) -> tuple[Path, Path]:
    """The warehouse of n lines (through the import path) and its Parquet export, built once."""
    import pyarrow.parquet as pq

    from taraz.ingest import ImportOptions, import_files
    from taraz.sample.canonical import BLOCK, canonical_chunks
    from taraz.stats import export_parquet
    from taraz.warehouse import Warehouse

    db = data_dir / f"stats-{n}.duckdb"
    export = data_dir / f"stats-{n}-parquet"
    done = data_dir / f"stats-{n}.sorted.done"
    if done.exists() and db.exists() and export.exists():
        return db, export
    data_dir.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    with Warehouse.open(db, memory_limit="12GB") as wh:
        # resumable: a file already loaded (its source is in the batches) is not loaded again
        loaded = {r[0] for r in wh.con.execute("SELECT source FROM batches").fetchall()}
        files = math.ceil(math.ceil(n / BLOCK) / (CHUNK // BLOCK))
        chunks = canonical_chunks(n, seed=0, chunk=CHUNK)
        if all(f"bench-{k}" in loaded for k in range(files)):
            chunks = iter(())
        for k, table in enumerate(chunks):
            if f"bench-{k}" in loaded:
                continue
            src = data_dir / f"stats-{n}-chunk{k}.parquet"
            # in date order, as customs files come (the generator draws days at random)
            pq.write_table(table.sort_by("date"), src, compression="zstd")
            del table
            report = import_files(wh, [src], ImportOptions(source=f"bench-{k}"))
            src.unlink()
            if report.status != "loaded":
                raise SystemExit(f"import failed: {report}")
            print(f"  chunk {k}: {report.rows_loaded:,} lines loaded", file=sys.stderr)
        wh.con.execute("CHECKPOINT")
        export_parquet(wh, export, overwrite=True)
    done.write_text(datetime.now().isoformat())
    print(f"  built {n:,} lines in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return db, export


# -- taraz ---------------------------------------------------------------------------------------


def taraz_query(as_of=None):
    from taraz.calendar import parse_period
    from taraz.stats import Query

    return Query(province=PROVINCE, period=parse_period(PERIOD), as_of=as_of)


def taraz_run(engine, query, clear_sql_cache=False):
    import os

    from taraz.stats import bulletin_figures

    if clear_sql_cache:  # neither the engine's compiled SQL nor the one kept on disk
        engine._sql.clear()
        os.environ["TARAZ_CACHE_DIR"] = "off"
    try:
        figures = bulletin_figures(engine, query, top=10)
    finally:
        os.environ["TARAZ_CACHE_DIR"] = str(SQL_CACHE)
    json.dumps(figures, ensure_ascii=False)  # the JSON a report would write
    return figures


def taraz_sql_raw(con, statements):
    """The SQL taraz compiled for the bulletin, run as it is: taraz less Ibis and Python."""
    for sql in statements:
        con.sql(sql).to_arrow_table()


def timed(fn, *args, **kwargs):
    """(wall seconds, CPU seconds of this process and its threads, result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu, result


# -- hand-written DuckDB SQL -------------------------------------------------------------------

# The live lines written by hand as semi/anti joins, so that the date and province filters
# reach the scan (the NOT EXISTS form of taraz.warehouse.history is decorrelated by DuckDB into
# a pass over every line, about 0.7 s at 10M lines, which would flatter taraz).
LIVE_SQL = """
    SELECT l.* FROM lines AS l
    SEMI JOIN (SELECT batch_id FROM batches WHERE reverted_at IS NULL) AS a ON a.batch_id = l.batch_id
    ANTI JOIN shadow AS s ON s.batch_id = l.batch_id AND s.flow = l.flow
        AND s.province = l.province AND l.date BETWEEN s.date_from AND s.date_to
    WHERE (l.date BETWEEN $cs AND $ce OR l.date BETWEEN $ps AND $pe) AND {where}
"""

BASE_SQL = """
CREATE OR REPLACE TEMP TABLE bench_base AS
WITH active AS (SELECT batch_id, seq, source FROM batches WHERE reverted_at IS NULL),
shadow AS (
    SELECT DISTINCT old.batch_id, old.flow, old.province, new.date_from, new.date_to
    FROM coverage AS old JOIN active AS a_old ON a_old.batch_id = old.batch_id
    JOIN coverage AS new ON new.source = old.source AND new.flow = old.flow
        AND new.province = old.province AND new.date_from <= old.date_to AND new.date_to >= old.date_from
    JOIN active AS a_new ON a_new.batch_id = new.batch_id AND a_new.seq > a_old.seq
),
mine AS (
    {own}
    UNION ALL  -- other provinces' lines cleared at the province's offices (attribution)
    {others}
)
SELECT l.flow, l.date, l.declaration_id, l.province, l.customs_office, o.province AS office_province,
       l.partner, l.trader_size, l.batch_id, l.hs_code, l.value_usd, l.weight_kg,
       l.date BETWEEN $cs AND $ce AS cur
FROM mine AS l LEFT JOIN ref_customs_offices AS o ON o.code = l.customs_office
"""

MAIN_SQL = """
WITH g AS (
    SELECT l.flow, GROUPING(p.sector, p.section, p.hs2, p.hs4, p.hs6, l.partner,
                            l.customs_office, l.trader_size, d.jm, l.batch_id, p.hs_digits) AS gid,
           p.sector, p.section, p.hs2, p.hs4, p.hs6, l.partner, l.customs_office,
           l.trader_size, d.jm, l.batch_id, p.hs_digits,
           sum(value_usd) FILTER (WHERE cur) AS v, sum(value_usd) FILTER (WHERE NOT cur) AS v_ly,
           sum(weight_kg) FILTER (WHERE cur) AS w, sum(weight_kg) FILTER (WHERE NOT cur) AS w_ly,
           count(*) FILTER (WHERE cur) AS n, count(*) FILTER (WHERE NOT cur) AS n_ly,
           sum(value_usd) FILTER (WHERE cur AND weight_kg > 0) AS vw,
           sum(value_usd) FILTER (WHERE NOT cur AND weight_kg > 0) AS vw_ly,
           count(*) FILTER (WHERE cur AND declaration_id IS NULL) AS no_id,
           min(l.date) AS date_min, max(l.date) AS date_max
    FROM bench_base AS l JOIN dim_product p USING (hs_code) JOIN dim_date d ON d.date = l.date
    WHERE l.province = $p
    GROUP BY GROUPING SETS ((l.flow), (l.flow, p.sector), (l.flow, p.section), (l.flow, p.hs2),
        (l.flow, p.hs4), (l.flow, p.hs6), (l.flow, l.partner), (l.flow, l.customs_office),
        (l.flow, l.trader_size), (l.flow, d.jm), (l.flow, l.batch_id), (l.flow, p.hs_digits))
)
SELECT g.*,
       round(100 * v / sum(v) OVER (PARTITION BY flow, gid), 2) AS share_pct,
       CASE WHEN v_ly <> 0 THEN round(100 * (v - v_ly) / v_ly, 2) END AS growth_value_pct,
       CASE WHEN w_ly <> 0 THEN round(100 * (w - w_ly) / w_ly, 2) END AS growth_weight_pct,
       CASE WHEN w > 0 THEN round(1000 * vw / w, 2) END AS usd_per_t,
       CASE WHEN w_ly > 0 THEN round(1000 * vw_ly / w_ly, 2) END AS usd_per_t_ly,
       round(10000 * sum(CAST(v AS DOUBLE) ^ 2) FILTER (WHERE coalesce(partner, hs6) IS NOT NULL)
                     OVER (PARTITION BY flow, gid)
             / sum(CAST(v AS DOUBLE)) FILTER (WHERE coalesce(partner, hs6) IS NOT NULL)
                     OVER (PARTITION BY flow, gid) ^ 2, 2) AS hhi,
       coalesce(s.name_fa, hs.name_fa, h.description_fa, c.name_fa, o.name_fa) AS name_fa,
       coalesce(s.name_en, hs.name_en, h.description_en, c.name_en, o.name_en) AS name_en
FROM g
LEFT JOIN ref_sectors s ON s.code = g.sector
LEFT JOIN ref_hs_sections hs ON hs.section = g.section
LEFT JOIN ref_hs h ON h.code = coalesce(g.hs6, g.hs4, g.hs2)
LEFT JOIN ref_countries c ON c.code = g.partner
LEFT JOIN ref_customs_offices o ON o.code = g.customs_office
"""

DECLARATIONS_SQL = """
SELECT flow, count(DISTINCT declaration_id) FILTER (WHERE cur) AS declarations,
       count(DISTINCT declaration_id) FILTER (WHERE NOT cur) AS declarations_ly
FROM bench_base WHERE province = $p GROUP BY flow
"""

CROSS_SQL = """
SELECT l.flow, l.province, l.office_province, po.name_fa, po.name_en,
       sum(l.value_usd) AS v, sum(l.weight_kg) AS w, count(*) AS n
FROM bench_base AS l LEFT JOIN ref_provinces po ON po.code = l.office_province
WHERE l.cur GROUP BY ALL ORDER BY v DESC
"""

MISSING_MONTHS_SQL = """
SELECT f.flow, d.jy, d.jm
FROM dim_date AS d CROSS JOIN (VALUES ('X'), ('M')) AS f(flow)
WHERE (d.date BETWEEN $cs AND $ce OR d.date BETWEEN $ps AND $pe)
  AND NOT EXISTS (
    SELECT 1 FROM coverage AS c JOIN batches AS b USING (batch_id)
    WHERE b.reverted_at IS NULL AND c.flow = f.flow AND c.province = $p
      AND d.date BETWEEN c.date_from AND c.date_to)
GROUP BY ALL
"""

BATCHES_SQL = """
SELECT b.batch_id, b.source, b.layout, b.loaded_at, b.date_min, b.date_max, b.hs_digits_min,
       b.rows_loaded, b.rows_quarantined,
       (SELECT list(file_name ORDER BY file_no) FROM batch_files f WHERE f.batch_id = b.batch_id) AS files,
       (SELECT count(*) FROM findings f WHERE f.batch_id = b.batch_id) AS warnings
FROM batches AS b WHERE b.batch_id IN ({batch_ids})
"""


def hand_sql(con, query) -> dict:
    """The bulletin's figures in hand-written DuckDB SQL (on the warehouse's live-lines SQL)."""
    params = {
        "cs": f"DATE '{query.period.start}'",
        "ce": f"DATE '{query.period.end}'",
        "ps": f"DATE '{query.last_year.start}'",
        "pe": f"DATE '{query.last_year.end}'",
        "p": f"'{PROVINCE}'",
    }

    def bind(sql: str) -> str:
        for k, v in sorted(params.items(), key=lambda kv: -len(kv[0])):
            sql = sql.replace(f"${k}", v)
        return sql

    own = LIVE_SQL.format(where="l.province = $p")
    others = LIVE_SQL.format(
        where="l.province <> $p AND l.customs_office IN "
        "(SELECT code FROM ref_customs_offices WHERE province = $p)"
    )
    con.execute(bind(BASE_SQL.format(own=own, others=others)))
    main = con.execute(bind(MAIN_SQL)).fetchall()
    batch_ids = sorted({r[11] for r in main if r[11] is not None})
    return {
        "main": main,
        "declarations": con.execute(bind(DECLARATIONS_SQL)).fetchall(),
        "cross": con.execute(bind(CROSS_SQL)).fetchall(),
        "missing_months": con.execute(bind(MISSING_MONTHS_SQL)).fetchall(),
        "batches": con.execute(
            BATCHES_SQL.format(batch_ids=", ".join(f"'{b}'" for b in batch_ids) or "NULL")
        ).fetchall(),
    }


# -- the analyst's SQL: the fewest plain statements over the lines ------------------------------

# What an analyst who knows DuckDB would write for the bulletin's figures: one GROUPING SETS
# statement over the `lines` table giving both years' totals and the breakdowns by HS6, partner,
# customs office, trader size and Jalali month. Live lines are those of the batches not
# reverted (the bench warehouses hold no revisions, so this is exact here; taraz also drops the
# lines a later batch of the same source revised). No names, shares, growth or provenance: the
# bar taraz's whole bulletin is measured against.
ANALYST_SQL = """
SELECT l.flow, l.date >= $cs AS cur,
       GROUPING(p.hs6, l.partner, l.customs_office, l.trader_size, d.jm) AS gid,
       p.hs6, l.partner, l.customs_office, l.trader_size, d.jm,
       sum(l.value_usd) AS value_usd, sum(l.weight_kg) AS weight_kg, count(*) AS lines
FROM lines AS l
JOIN dim_product AS p ON p.hs_code = l.hs_code
JOIN dim_date AS d ON d.date = l.date
WHERE l.province = $p
  AND (l.date BETWEEN $cs AND $ce OR l.date BETWEEN $ps AND $pe)
  AND l.batch_id IN (SELECT batch_id FROM batches WHERE reverted_at IS NULL)
GROUP BY GROUPING SETS ((l.flow, cur), (l.flow, cur, p.hs6), (l.flow, cur, l.partner),
    (l.flow, cur, l.customs_office), (l.flow, cur, l.trader_size), (l.flow, cur, d.jm))
"""


def analyst_sql(con, query) -> list[tuple]:
    params = {
        "cs": query.period.start,
        "ce": query.period.end,
        "ps": query.last_year.start,
        "pe": query.last_year.end,
        "p": PROVINCE,
    }
    return con.execute(ANALYST_SQL, params).fetchall()


def analyst_exports_value(rows) -> Decimal:
    full = (1 << 5) - 1  # GROUPING() of the (flow, cur) set
    return next(r[8] for r in rows if r[0] == "X" and r[1] and r[2] == full)


def hand_exports_value(result) -> Decimal:
    full = (1 << 11) - 1  # GROUPING() of the (flow) set: every other column rolled up
    return next(r[13] for r in result["main"] if r[0] == "X" and r[1] == full)


# -- plain pandas ----------------------------------------------------------------------------------


def pandas_program(export: Path, query) -> dict:
    """The same figures with pandas from the Parquet export, written the plain way."""
    import pandas as pd

    from taraz.calendar import gregorian_to_jalali

    lines = pd.read_parquet(
        export / "lines",
        columns=[
            "declaration_id",
            "flow",
            "date",
            "hs_code",
            "partner",
            "customs_office",
            "province",
            "trader_size",
            "value_usd",
            "weight_kg",
            "batch_id",
        ],
    )
    lines["value_usd"] = lines["value_usd"].astype("float64")
    lines["weight_kg"] = lines["weight_kg"].astype("float64")
    lines["date"] = pd.to_datetime(lines["date"])
    batches = pd.read_parquet(export / "batches.parquet")
    coverage = pd.read_parquet(export / "coverage.parquet")
    products = pd.read_parquet(export / "dim_product.parquet")
    offices = pd.read_parquet(export / "ref_customs_offices.parquet")
    countries = pd.read_parquet(export / "ref_countries.parquet")
    findings = pd.read_parquet(export / "findings.parquet")

    # live lines: active batches, minus what a later batch of the same source covers again
    active = batches[batches["reverted_at"].isna()][["batch_id", "seq", "source"]]
    cov = coverage.merge(active, on=["batch_id", "source"])
    pairs = cov.merge(cov, on=["source", "flow", "province"], suffixes=("", "_new"))
    shadow = pairs[
        (pairs["seq_new"] > pairs["seq"])
        & (pairs["date_from_new"] <= pairs["date_to"])
        & (pairs["date_to_new"] >= pairs["date_from"])
    ]
    live = lines[lines["batch_id"].isin(active["batch_id"])]
    if len(shadow):
        m = live.merge(
            shadow[["batch_id", "flow", "province", "date_from_new", "date_to_new"]],
            on=["batch_id", "flow", "province"],
            how="left",
        )
        hit = (m["date"] >= pd.to_datetime(m["date_from_new"])) & (
            m["date"] <= pd.to_datetime(m["date_to_new"])
        )
        live = live[~live.index.isin(m.index[hit])]

    cs, ce = pd.Timestamp(query.period.start), pd.Timestamp(query.period.end)
    ps, pe = pd.Timestamp(query.last_year.start), pd.Timestamp(query.last_year.end)
    in_span = live["date"].between(cs, ce) | live["date"].between(ps, pe)
    own_offices = set(offices.loc[offices["province"] == PROVINCE, "code"])
    df = live[
        in_span & ((live["province"] == PROVINCE) | live["customs_office"].isin(own_offices))
    ].copy()
    df["span"] = df["date"].between(cs, ce).map({True: "cur", False: "prev"})
    df = df.merge(
        offices[["code", "province"]].rename(
            columns={"code": "customs_office", "province": "office_province"}
        ),
        on="customs_office",
        how="left",
    )
    df = df.merge(products, on="hs_code", how="left")
    months = {}
    for d in df["date"].unique():
        jy, jm, _ = gregorian_to_jalali(d.date())
        months[d] = f"{jy:04d}-{jm:02d}"
    df["month"] = df["date"].map(months)
    inside = df[df["province"] == PROVINCE]

    out = {}
    out["totals"] = inside.groupby(["span", "flow"]).agg(
        value=("value_usd", "sum"),
        weight=("weight_kg", "sum"),
        lines=("value_usd", "size"),
        declarations=("declaration_id", "nunique"),
    )
    for dim in [
        "sector",
        "section",
        "hs2",
        "hs4",
        "hs6",
        "partner",
        "customs_office",
        "trader_size",
        "month",
        "batch_id",
        "hs_digits",
    ]:
        g = (
            inside.groupby(["flow", "span", dim], dropna=False)
            .agg(
                value=("value_usd", "sum"), weight=("weight_kg", "sum"), lines=("value_usd", "size")
            )
            .reset_index()
        )
        wide = g.pivot_table(
            index=["flow", dim], columns="span", values=["value", "weight"], dropna=False
        ).fillna(0)
        wide.columns = [f"{a}_{b}" for a, b in wide.columns]
        if "value_cur" in wide:
            wide["share_pct"] = (
                100 * wide["value_cur"] / wide.groupby(level="flow")["value_cur"].transform("sum")
            )
            if "value_prev" in wide:
                wide["growth_pct"] = (
                    100 * (wide["value_cur"] - wide["value_prev"]) / wide["value_prev"]
                )
        out[dim] = wide
    weighed = inside[inside["weight_kg"] > 0]
    uv = weighed.groupby(["flow", "span", "hs6"]).agg(
        v=("value_usd", "sum"), w=("weight_kg", "sum")
    )
    out["unit_values"] = 1000 * uv["v"] / uv["w"]
    for dim in ["partner", "hs6"]:
        cur = (
            inside[(inside["span"] == "cur") & inside[dim].notna()]
            .groupby(["flow", dim])["value_usd"]
            .sum()
        )
        shares = cur / cur.groupby(level="flow").transform("sum")
        out[f"hhi_{dim}"] = 10000 * (shares**2).groupby(level="flow").sum()
    cur = df[df["span"] == "cur"]
    out["cross"] = cur.groupby(["flow", "province", "office_province"], dropna=False).agg(
        value=("value_usd", "sum"), weight=("weight_kg", "sum"), lines=("value_usd", "size")
    )
    out["countries"] = countries.set_index("code")
    used = inside["batch_id"].unique()
    out["findings"] = findings[findings["batch_id"].isin(used)].groupby(["batch_id", "code"]).size()
    return out


# -- the run -----------------------------------------------------------------------------------


def median(xs):
    return statistics.median(xs)


def bench_size(n: int, data_dir: Path, runs: int, pandas_runs: int) -> dict:
    import shutil

    from taraz.stats import open_engine

    db, export = build(n, data_dir)
    query = taraz_query()
    shutil.rmtree(SQL_CACHE, ignore_errors=True)
    os.environ["TARAZ_CACHE_DIR"] = str(SQL_CACHE)

    engine = open_engine(db)
    cold, _, figures = timed(taraz_run, engine, query)  # Ibis builds and compiles
    with open_engine(db) as fresh:  # a new engine (as a new process): the SQL kept on disk
        kept, _, _ = timed(taraz_run, fresh, query)
    # "as of" a moment after every load: the same figures through the as-of path
    as_of_query = taraz_query(as_of=datetime.now(UTC))
    as_of_figures = taraz_run(engine, as_of_query)
    hand_con = engine.backend.con.cursor()
    hand = hand_sql(hand_con, query)  # warm the hand-written queries too
    analyst = analyst_sql(hand_con, query)
    # the SQL bulletin_figures compiled and ran, less the statements with bound parameters
    # (their values are not kept) and the hand-written facts statement (never compiled)
    compiled = [sql for sql in engine._sql.values() if "$" not in sql]
    times: dict[str, list[tuple[float, float]]] = {
        "taraz": [],
        "asof": [],
        "hand": [],
        "analyst": [],
        "nocache": [],
        "raw": [],
        "pandas": [],
    }
    for i in range(runs):
        # alternate, so that every method sees the same machine load
        times["taraz"].append(timed(taraz_run, engine, query)[:2])
        times["asof"].append(timed(taraz_run, engine, as_of_query)[:2])
        times["analyst"].append(timed(analyst_sql, hand_con, query)[:2])
        times["raw"].append(timed(taraz_sql_raw, hand_con, compiled)[:2])
        times["hand"].append(timed(hand_sql, hand_con, query)[:2])
        times["nocache"].append(timed(taraz_run, engine, query, clear_sql_cache=True)[:2])
        if i < pandas_runs and n <= PANDAS_MAX_LINES:
            times["pandas"].append(timed(pandas_program, export, query)[:2])
    agree = Decimal(figures["totals"]["exports"]["value_usd"]) == hand_exports_value(hand)
    agree_analyst = Decimal(figures["totals"]["exports"]["value_usd"]) == analyst_exports_value(
        analyst
    )
    engine.close()

    def wall(k):
        return median([t[0] for t in times[k]]) if times[k] else None

    def cpu(k):
        return median([t[1] for t in times[k]]) if times[k] else None

    return {
        "lines": n,
        "taraz_cold_s": cold,
        "taraz_fresh_engine_kept_sql_s": kept,
        "taraz_as_of_s": wall("asof"),
        "as_of_agrees": as_of_figures["totals"] == figures["totals"],
        "analyst_sql_s": wall("analyst"),
        "analyst_sql_cpu_s": cpu("analyst"),
        "analyst_sql_agrees": agree_analyst,
        "taraz_warm_s": wall("taraz"),
        "taraz_no_sql_cache_s": wall("nocache"),
        "taraz_sql_raw_s": wall("raw"),
        "hand_sql_s": wall("hand"),
        "pandas_s": wall("pandas"),
        "taraz_warm_cpu_s": cpu("taraz"),
        "hand_sql_cpu_s": cpu("hand"),
        "pandas_cpu_s": cpu("pandas"),
        "exports_value_usd": figures["totals"]["exports"]["value_usd"],
        "hand_sql_agrees": agree,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=float, nargs="+", default=[1e6, 1e7], help="lines per warehouse"
    )
    parser.add_argument("--big", action="store_true", help="also 100M lines (99.6M: ten files)")
    parser.add_argument("--runs", type=int, default=7, help="warm runs of taraz and of the SQL")
    parser.add_argument("--pandas-runs", type=int, default=2)
    parser.add_argument("--data-dir", type=Path, default=DATA)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--report-warehouse",
        type=Path,
        help="also time `taraz report` for Yazd 1404-H1 as a whole process on this warehouse"
        " (the demo's: taraz demo)",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes] + ([BIG] if args.big else [])
    results = []
    for n in sizes:
        print(f"{n:,} lines ...", file=sys.stderr)
        results.append(bench_size(n, args.data_dir, args.runs, args.pandas_runs))
    report = time_report(args.report_warehouse, args.runs) if args.report_warehouse else None
    if args.json:
        print(json.dumps({"sizes": results, "report": report}, indent=2, default=str))
        return
    print(f"\nload average: {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f}")
    print(
        f"Yazd {PERIOD} bulletin figures (all sections, JSON) on DuckDB;"
        f" median of {args.runs} warm runs (pandas: {args.pandas_runs})"
    )
    cols = [
        "lines",
        "taraz",
        "as-of",
        "cold",
        "kept SQL",
        "no-cache",
        "its SQL",
        "analyst",
        "hand SQL",
    ]
    cols += ["pandas", "taraz/analyst", "taraz/hand", "pandas/taraz", "CPU taraz", "CPU analyst"]
    print(" ".join(f"{c:>13}" for c in cols))

    def sec(x):
        return f"{x:.3f}s" if x is not None else "-"

    for r in results:
        cells = [
            f"{r['lines']:,}",
            sec(r["taraz_warm_s"]),
            sec(r["taraz_as_of_s"]),
            sec(r["taraz_cold_s"]),
            sec(r["taraz_fresh_engine_kept_sql_s"]),
            sec(r["taraz_no_sql_cache_s"]),
            sec(r["taraz_sql_raw_s"]),
            sec(r["analyst_sql_s"]),
            sec(r["hand_sql_s"]),
            sec(r["pandas_s"]),
            f"{r['taraz_warm_s'] / r['analyst_sql_s']:.2f}x",
            f"{r['taraz_warm_s'] / r['hand_sql_s']:.2f}x",
            f"{r['pandas_s'] / r['taraz_warm_s']:.0f}x" if r["pandas_s"] else "-",
            sec(r["taraz_warm_cpu_s"]),
            sec(r["analyst_sql_cpu_s"]),
        ]
        print(" ".join(f"{c:>13}" for c in cells))
    print("\nAgainst the targets of issue 12:")
    for r in results:
        ratio = r["taraz_warm_s"] / r["analyst_sql_s"]
        print(
            f"  {r['lines']:>12,} lines: taraz / analyst SQL {ratio:.2f}x"
            f" (target {ANALYST_RATIO_TARGET}x): {'met' if ratio <= ANALYST_RATIO_TARGET else 'NOT met'}"
        )
        if r["lines"] >= 9_000_000 and r["lines"] < 20_000_000:
            warm = r["taraz_warm_s"]
            print(
                f"  {r['lines']:>12,} lines: taraz warm {warm:.3f} s (target {WARM_10M_TARGET_S} s):"
                f" {'met' if warm <= WARM_10M_TARGET_S else 'NOT met'}"
            )
    if report:
        wall = report["wall_s"]
        print(
            f"  taraz report, whole process: {wall:.2f} s wall, {report['cpu_s']:.2f} s CPU"
            f" (target {REPORT_TARGET_S} s): {'met' if wall <= REPORT_TARGET_S else 'NOT met'}"
        )
        err = report["error_wall_s"]
        print(
            f"  taraz report on a missing warehouse: {err:.2f} s wall"
            f" (target {ERROR_TARGET_S} s): {'met' if err < ERROR_TARGET_S else 'NOT met'}"
        )
    for r in results:
        if not r["hand_sql_agrees"]:
            print(f"WARNING: hand-written SQL disagrees at {r['lines']:,} lines", file=sys.stderr)
        if not r["as_of_agrees"]:
            print(f"WARNING: as-of figures differ at {r['lines']:,} lines", file=sys.stderr)
        if not r["analyst_sql_agrees"]:
            print(f"WARNING: the analyst's SQL disagrees at {r['lines']:,} lines", file=sys.stderr)


def time_report(warehouse: Path, runs: int) -> dict:
    """`taraz report --province yazd --period 1404-H1 --format json` as a whole process:
    median wall and CPU (user + system of the child) of `runs` runs after a first one (which
    compiles and keeps the SQL)."""
    taraz = Path(sys.executable).with_name("taraz")
    cmd = [str(taraz), "report", "--province", "yazd", "--period", PERIOD, "--format", "json"]
    env = {**os.environ, "TARAZ_WAREHOUSE": str(warehouse), "TARAZ_CACHE_DIR": str(SQL_CACHE)}
    walls, cpus = [], []
    for i in range(runs + 1):
        before = os.times()
        t = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t
        after = os.times()
        if i:
            walls.append(wall)
            cpus.append(
                after.children_user
                - before.children_user
                + after.children_system
                - before.children_system
            )
    # a report that fails (no warehouse there): the error must answer at once
    missing = {**env, "TARAZ_WAREHOUSE": str(SQL_CACHE / "no-such-warehouse.duckdb")}
    errors = []
    for _ in range(runs):
        t = time.perf_counter()
        done = subprocess.run(cmd, env=missing, capture_output=True)
        errors.append(time.perf_counter() - t)
        if done.returncode == 0:
            raise SystemExit("taraz report on a missing warehouse did not fail")
    return {"wall_s": median(walls), "cpu_s": median(cpus), "error_wall_s": median(errors)}


if __name__ == "__main__":
    main()
