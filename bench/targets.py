"""Every target of issue 12 (speed), measured in one run, each against its bar.

    python3 -m uv run python bench/targets.py                  # 10M lines (about 15 min)
    python3 -m uv run python bench/targets.py --big            # also 99.6M lines and Spark
    python3 -m uv run python bench/targets.py --lines 1000000 --xlsx-rows 50000   # quick

It runs the benchmarks one after the other, each in processes of its own, and prints one table:
what was measured, taraz's figure, the bare alternative measured in the same run, the ratio,
the target, and whether it is met. The benchmarks (and what each measures) are
`bench_ingest.py`, `bench_stats.py`, `bench_web.py` and, with `--big`, `bench_spark.py`; their
READMEs in `bench/` hold the figures measured so far. The demo warehouse (`taraz demo`) is made
once in `bench/data/demo/` for the command line's and the dashboard's targets on it. The
machine is shared: the load average is printed before and after, and the ratios (taken in one
run) are steadier than the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

HERE = Path(__file__).parent
DATA = HERE / "data"
PY = sys.executable


def run(args: list[str]) -> str:
    """Run a benchmark in a process of its own; what it printed."""
    print("$ python " + " ".join(args), file=sys.stderr, flush=True)
    done = subprocess.run([PY, *args], cwd=HERE.parent, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise SystemExit(f"{args[0]} failed ({done.returncode})")
    return done.stdout


def run_json(args: list[str], *, last_line: bool = False) -> dict:
    """Run a benchmark; its JSON (the whole output, or its last line)."""
    text = run(args).strip()
    return json.loads(text.splitlines()[-1] if last_line else text)


def demo_warehouse() -> Path:
    """The demo warehouse, made once (`taraz demo`)."""
    folder = DATA / "demo"
    warehouse = folder / "w.duckdb"
    if not warehouse.exists():
        folder.mkdir(parents=True, exist_ok=True)
        taraz = str(Path(PY).with_name("taraz"))
        env = {**os.environ, "TARAZ_WAREHOUSE": str(warehouse)}
        subprocess.run([taraz, "demo"], cwd=folder, env=env, check=True, stdout=subprocess.DEVNULL)
    return warehouse


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str, str]] = []

    def add(self, what, taraz, bare="", ratio="", target="", met: bool | None = None) -> None:
        verdict = "" if met is None else ("met" if met else "NOT met")
        self.rows.append((what, taraz, bare, ratio, target, verdict))

    def print(self) -> None:
        head = ("what", "taraz", "bare alternative, same run", "ratio", "target", "")
        widths = [max(len(r[i]) for r in [head, *self.rows]) for i in range(6)]
        for r in [head, tuple("-" * w for w in widths), *self.rows]:
            print(" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))


def seconds(x: float) -> str:
    return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--lines", type=int, default=10_000_000, help="ingest, statistics and web")
    ap.add_argument("--xlsx-rows", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=7, help="warm runs of the statistics")
    ap.add_argument("--web-duration", type=float, default=30.0)
    ap.add_argument("--big", action="store_true", help="also 99.6M lines: statistics and Spark")
    ap.add_argument("--json", type=Path, help="also write every result to this file")
    args = ap.parse_args(argv)
    # taraz and the installed packages as bytecode, as Python leaves them after a first run:
    # where PYTHONDONTWRITEBYTECODE is set, every process would compile them again, which is
    # not what a user's `taraz report` costs
    packages = sysconfig.get_path("purelib", vars={"base": str(Path(PY).parent.parent)})
    subprocess.run(
        [PY, "-m", "compileall", "-q", "-j", "0", packages, str(HERE.parent / "src" / "taraz")],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    load_before = os.getloadavg()
    results: dict[str, dict] = {}
    demo = demo_warehouse()

    results["ingest"] = run_json(
        ["bench/bench_ingest.py", "--lines", str(args.lines), "--xlsx-rows", str(args.xlsx_rows)],
        last_line=True,
    )
    sizes = ["1000000", str(args.lines)] if args.lines != 1_000_000 else ["1000000"]
    stats_args = ["bench/bench_stats.py", "--sizes", *sizes, "--runs", str(args.runs)]
    stats_args += ["--pandas-runs", "0", "--report-warehouse", str(demo), "--json"]
    results["stats"] = run_json(stats_args + (["--big"] if args.big else []))
    # the server as deployed: it computes the opening selection (the whole country) at start,
    # then the cold pass's first call of each province is that selection's first request
    web_out = DATA / f"targets-web-{args.lines}.json"
    web = ["bench/bench_web.py", "--duration", str(args.web_duration)]
    run([*web, "--lines", str(args.lines), "--out", str(web_out)])
    results["web"] = json.loads(web_out.read_text())
    demo_out = DATA / "targets-web-demo.json"
    run([web[0], "--duration", "5", "--warehouse", str(demo), "--out", str(demo_out)])
    results["web_demo"] = json.loads(demo_out.read_text())
    if args.big:
        results["spark"] = run_json(["bench/bench_spark.py", "--json", "--runs", "1"])
    load_after = os.getloadavg()

    t = Table()
    ing = results["ingest"]
    n = ing["csv_lines"]
    c, b = ing["csv_taraz"], ing["csv_duckdb_read_csv"]
    t.add(
        f"ingest: canonical CSV, {n:,} lines",
        seconds(c["seconds"]),
        f"DuckDB read_csv into a table {seconds(b['seconds'])}",
        f"{ing['csv_ratio_to_duckdb']:.2f}x",
        "<= 1.5x",
        ing["csv_ratio_to_duckdb"] <= 1.5,
    )
    t.add(
        "ingest: CSV lines a second",
        f"{ing['csv_taraz_lines_per_s']:,}",
        "",
        "",
        ">= 1,000,000",
        ing["csv_taraz_lines_per_s"] >= 1_000_000,
    )
    t.add(
        f"ingest: CSV peak memory, {n:,} lines",
        f"{c['peak_mb']} MB",
        f"{b['peak_mb']} MB",
        "",
        "< 1 GB",
        c["peak_mb"] < 1024,
    )
    x, xb = ing["xlsx_taraz"], ing["xlsx_calamine"]
    t.add(
        f"ingest: Persian XLSX, {ing['xlsx_rows']:,} rows",
        seconds(x["seconds"]),
        f"calamine reading the sheet {seconds(xb['seconds'])}",
        f"{ing['xlsx_ratio_to_calamine']:.2f}x",
        "<= 1.3x",
        ing["xlsx_ratio_to_calamine"] <= 1.3,
    )
    o, f = ing["revised_month_over_warehouse"], ing["revised_month_fresh"]
    t.add(
        f"ingest: a revised month over {n:,} lines",
        seconds(o["seconds"]),
        f"the same file fresh {seconds(f['seconds'])}",
        f"{ing['revision_ratio']:.2f}x",
        "<= 2x",
        ing["revision_ratio"] <= 2,
    )
    for r in results["stats"]["sizes"]:
        lines = r["lines"]
        ratio = r["taraz_warm_s"] / r["analyst_sql_s"]
        t.add(
            f"stats: Yazd 1404-H1 bulletin, {lines:,} lines, warm",
            seconds(r["taraz_warm_s"]),
            f"the analyst's SQL {seconds(r['analyst_sql_s'])}",
            f"{ratio:.2f}x",
            "<= 1.5x",
            ratio <= 1.5,
        )
        if 9_000_000 <= lines < 20_000_000:
            t.add(
                f"stats: bulletin warm, {lines:,} lines",
                seconds(r["taraz_warm_s"]),
                "",
                "",
                "< 0.15 s",
                r["taraz_warm_s"] < 0.15,
            )
        if lines > 90_000_000:
            t.add(
                f"stats: bulletin warm, {lines:,} lines",
                seconds(r["taraz_warm_s"]),
                "",
                "",
                "< 1.5 s",
                r["taraz_warm_s"] < 1.5,
            )
        t.add(
            f"stats: the same as of a moment, {lines:,} lines",
            seconds(r["taraz_as_of_s"]),
            "",
            f"{r['taraz_as_of_s'] / r['taraz_warm_s']:.2f}x of now",
            "measured",
            None,
        )
    rep = results["stats"]["report"]
    t.add(
        "command line: taraz report, demo, whole process",
        seconds(rep["wall_s"]),
        "",
        "",
        "< 0.4 s",
        rep["wall_s"] < 0.4,
    )
    t.add(
        "command line: taraz report, missing warehouse",
        seconds(rep["error_wall_s"]),
        "",
        "",
        "< 0.2 s",
        rep["error_wall_s"] < 0.2,
    )
    for label, web, bar in (
        ("demo", results["web_demo"], 100),
        (f"{n:,} lines", results["web"], 300),
    ):
        first = web["cold"]["first request of a selection"]  # of each province
        t.add(
            f"web: first request of a selection, {label}",
            f"p50 {first['p50_ms']} ms, p95 {first['p95_ms']} ms, max {first['max_ms']} ms",
            "",
            "",
            f"< {bar} ms",
            first["max_ms"] < bar,
        )
    w = results["web"]
    worst = max(s["p95_ms"] for s in w["load"].values())
    t.add(
        f"web: warm, {w['clients']} clients, {n:,} lines",
        f"worst p95 {worst} ms",
        f"{w['load_requests']:,} requests, {w['load_errors']} errors",
        "",
        "p95 < 50 ms",
        worst < 50 and w["load_errors"] == 0,
    )
    if "spark" in results:
        s = results["spark"]
        t.add(
            f"Spark {s['master']}: bulletin, {s['lines']:,} lines (Parquet)",
            f"first {seconds(s['spark_first_s'])}, warm {seconds(s['spark_warm_s'])}",
            f"DuckDB warm {seconds(s['duckdb_warm_s'])}",
            f"{s['spark_warm_s'] / s['duckdb_warm_s']:.1f}x",
            "figures identical",
            s["figures_identical"],
        )
    print(f"issue 12 targets, load average before {load_before[0]:.1f}, after {load_after[0]:.1f}")
    t.print()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
