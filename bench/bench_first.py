"""First requests of new selections: what a visitor waits for when nobody asked their selection
before (issue 12: under 100 ms on the sample warehouse, under 300 ms at 10M lines).

    python3 -m uv run python bench/bench_first.py --warehouse /tmp/demo/w.duckdb
    python3 -m uv run python bench/bench_first.py --warehouse W.duckdb \\
        --baseline-python /path/to/other/checkout/.venv/bin/python

Starts `taraz serve` on a copy of the warehouse (prewarm off, a fresh compiled-SQL cache, no
computation budget), asks one selection first (imports, not counted), then for each kind of
call (the dashboard page, `/api/v1/totals`, `/api/v1/figures`) `--selections` selections never
asked before (provinces x periods other than the default half-year), one at a time. With
`--baseline-python` a second server of another checkout runs beside it and each selection is
asked of both in turn (which one first alternates), so both see the same load: the median of
the per-selection ratios is steadier than either's seconds on a shared machine.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import signal
import statistics
import subprocess
import sys
from pathlib import Path

from bench_web import DATA, PROVINCES, free_port, get, pct, start_server

PERIODS = ["1403-H2", "1404-Q1", "1404-Q2", "1403-Q3", "1403-Q4", "1404-02", "1404-05", "1403"]
KINDS = {
    "dashboard page": "/?province={p}&period={per}",
    "api totals": "/api/v1/totals?province={p}&period={per}",
    "api figures": "/api/v1/figures?province={p}&period={per}",
}


def start(python: str, warehouse: Path, folder: Path) -> tuple[subprocess.Popen, int]:
    """`taraz serve` of `python` on a copy of `warehouse`: no prewarming, a fresh SQL cache."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    served = folder / "served.duckdb"
    shutil.copy(warehouse, served)
    port = free_port()
    extra = {"TARAZ_PREWARM": "0", "TARAZ_CACHE_DIR": str(folder / "sql-cache")}
    return start_server(served, port, 8, folder, extra, python=python), port


def selections(n: int) -> list[tuple[str, str]]:
    """n different (province, period) pairs, none of them a default half-year."""
    return [(PROVINCES[i % 32], PERIODS[(i + i // 32) % len(PERIODS)]) for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--warehouse", type=Path, required=True)
    ap.add_argument("--selections", type=int, default=20, help="new selections per kind")
    ap.add_argument("--baseline-python", help="the Python of another checkout, run beside")
    args = ap.parse_args()

    pythons = {"this": sys.executable}
    if args.baseline_python:
        pythons["baseline"] = args.baseline_python
    servers = {
        name: start(python, args.warehouse, DATA / f"first-{name}")
        for name, python in pythons.items()
    }
    samples: dict[tuple[str, str], list[float]] = {}
    try:
        conns = {
            name: http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            for name, (_, port) in servers.items()
        }
        for conn in conns.values():  # imports and the first compilations: not counted
            get(conn, "/?province=IR-22&period=1403-Q1")
        asked = iter(selections(args.selections * len(KINDS)))
        for kind, path in KINDS.items():
            for i in range(args.selections):
                province, period = next(asked)
                order = list(conns) if i % 2 == 0 else list(reversed(conns))
                for name in order:
                    status, seconds = get(conns[name], path.format(p=province, per=period))
                    if status != 200:
                        raise SystemExit(f"{name}: {status} for {kind} {province} {period}")
                    samples.setdefault((kind, name), []).append(seconds)
    finally:
        for proc, _ in servers.values():
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(60)

    print(f"first request of a new selection, {args.selections} each, one client (ms)")
    for kind in KINDS:
        line = f"  {kind:15}"
        for name in servers:
            v = samples[(kind, name)]
            line += f"  {name} p50 {1000 * statistics.median(v):6.0f} p95 {1000 * pct(v, 95):6.0f}"
        if "baseline" in servers:
            pairs = zip(samples[(kind, "baseline")], samples[(kind, "this")], strict=True)
            line += f"  this/baseline {statistics.median(b / a for a, b in pairs):.2f}"
        print(line)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
