"""Web benchmark: `taraz serve` on a large warehouse under 20 concurrent clients.

    python3 -m uv run python bench/bench_web.py                      # 10M lines, 20 clients, 60 s
    python3 -m uv run python bench/bench_web.py --lines 1000000 --duration 30

Builds (once, kept in bench/data/) a warehouse of N synthetic canonical lines through the real
import path, starts `taraz serve` on it (gunicorn, one process, 8 threads, rate limit and
computation budget off: every client is one address), then:

1. cold: asks each call of the mix once, one at a time (figures not computed yet, but for the
   whole country's, the opening page, which the server computes at start); the first call of
   each of the 31 provinces is also reported as "first request of a selection";
2. load: 20 clients, each with its own keep-alive connection, ask the mix round-robin for the
   given duration; every answer must be 200.

Prints p50/p95/p99 latency per kind of call and the error count, and writes them as JSON.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).parent
DATA = HERE / "data"
PROVINCES = ["IR"] + [f"IR-{i:02d}" for i in range(31)]
FIRST = "first request of a selection"


def ensure_warehouse(n: int) -> Path:
    """bench/data/web-N.duckdb: N canonical lines (2 Jalali years) imported as one batch."""
    from taraz.ingest import ImportOptions, import_files
    from taraz.sample import write_canonical_csv
    from taraz.warehouse import Warehouse

    target = DATA / f"web-{n}.duckdb"
    if target.exists():
        return target
    DATA.mkdir(parents=True, exist_ok=True)
    csv_path = DATA / f"canonical-{n}.csv"
    if not csv_path.exists():
        t = time.perf_counter()
        write_canonical_csv(csv_path, n, seed=7)
        print(f"# wrote {csv_path} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    t = time.perf_counter()
    with Warehouse.open(partial) as wh:
        report = import_files(wh, [csv_path], ImportOptions(user="bench"))
    partial.rename(target)
    print(
        f"# imported {report.rows_loaded:,} lines in {time.perf_counter() - t:.1f} s",
        file=sys.stderr,
    )
    return target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    warehouse: Path,
    port: int,
    threads: int,
    folder: Path,
    extra_env: dict[str, str] | None = None,
    python: str = sys.executable,
) -> subprocess.Popen:
    """`taraz serve` of `python` (another checkout's, for a paired run) on `warehouse`, once it
    answers; the rate limit and the per-address budget off, its files in `folder`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TARAZ_", "DJANGO_", "DATABASE_URL"))
    }
    env.update(
        TARAZ_WAREHOUSE=str(warehouse),
        TARAZ_WEB_DIR=str(folder),
        TARAZ_API_RATE="0",
        TARAZ_COMPUTE_BUDGET="0",  # the clients share one address: no per-address budget
        HOME=str(folder),
    )
    env.update(extra_env or {})
    log = (folder / "serve.log").open("w")
    proc = subprocess.Popen(
        [
            python,
            "-m",
            "taraz.cli.serve",
            "--port",
            str(port),
            "--threads",
            str(threads),
            "--no-access-log",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"taraz serve exited: {(folder / 'serve.log').read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/status", timeout=5):
                return proc
        except OSError:
            time.sleep(0.5)
    raise SystemExit("taraz serve did not answer within 180 s")


def default_period(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/status", timeout=30) as r:
        last = json.loads(r.read())["data_to"]
    from datetime import date

    from taraz.calendar import gregorian_to_jalali

    y, m, _ = gregorian_to_jalali(date.fromisoformat(last))
    return f"{y}-H{1 if m <= 6 else 2}"


def mix(period: str) -> list[tuple[str, str]]:
    """(kind, path): the main API calls and the dashboard page, for every province."""
    out = []
    for p in PROVINCES:
        q = f"province={p}&period={period}"
        out += [
            ("api totals", f"/api/v1/totals?{q}"),
            ("api figures (all)", f"/api/v1/figures?{q}"),
            ("api breakdown partner", f"/api/v1/breakdowns/partner?{q}&flow=X"),
            ("api breakdown hs6 page", f"/api/v1/breakdowns/hs6?{q}&flow=X&page=1&page_size=50"),
            ("api monthly", f"/api/v1/monthly?{q}"),
            ("dashboard page", f"/?{q}"),
        ]
    out.append(("api code list", "/api/v1/codes/countries?page_size=100"))
    return out


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, float]:
    t = time.perf_counter()
    conn.request("GET", path, headers={"Accept-Language": "fa-IR"})
    response = conn.getresponse()
    response.read()
    return response.status, time.perf_counter() - t


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def summarise(samples: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    return {
        kind: {
            "n": len(v),
            "p50_ms": round(1000 * statistics.median(v), 1),
            "p95_ms": round(1000 * pct(v, 95), 1),
            "p99_ms": round(1000 * pct(v, 99), 1),
            "max_ms": round(1000 * max(v), 1),
        }
        for kind, v in sorted(samples.items())
    }


def cold_pass(port: int, calls: list[tuple[str, str]]) -> tuple[dict, int]:
    """Each call once, in order; the first call of each province's selection is also counted
    as "first request of a selection" (it computes the figures), except the whole country's,
    which the server computes at start (its opening page)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    samples: dict[str, list[float]] = {}
    seen: set[str] = set()
    errors = 0
    for kind, path in calls:
        status, seconds = get(conn, path)
        errors += status != 200
        samples.setdefault(kind, []).append(seconds)
        province = path.partition("province=")[2].partition("&")[0]
        if province and province not in seen:
            seen.add(province)
            if province != "IR":
                samples.setdefault(FIRST, []).append(seconds)
    conn.close()
    return summarise(samples), errors


def load(
    port: int, calls: list[tuple[str, str]], clients: int, duration: float
) -> tuple[dict, int, int]:
    samples: dict[str, list[float]] = {}
    lock = threading.Lock()
    errors = [0]
    stop = time.monotonic() + duration

    def client(seed: int) -> None:
        rng = random.Random(seed)
        order = calls[:]
        rng.shuffle(order)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        mine: dict[str, list[float]] = {}
        bad = 0
        i = 0
        while time.monotonic() < stop:
            kind, path = order[i % len(order)]
            i += 1
            try:
                status, seconds = get(conn, path)
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                continue
            bad += status != 200
            mine.setdefault(kind, []).append(seconds)
        conn.close()
        with lock:
            for k, v in mine.items():
                samples.setdefault(k, []).extend(v)
            errors[0] += bad

    threads = [threading.Thread(target=client, args=(s,)) for s in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = sum(len(v) for v in samples.values())
    return summarise(samples), errors[0], total


def print_table(title: str, table: dict) -> None:
    print(title)
    print(f"  {'call':28} {'n':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind, s in table.items():
        print(
            f"  {kind:28} {s['n']:>7} {s['p50_ms']:>8} {s['p95_ms']:>8} {s['p99_ms']:>8} {s['max_ms']:>8}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--lines", type=int, default=10_000_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    ap.add_argument("--threads", type=int, default=8, help="server request threads")
    ap.add_argument("--out", type=Path, default=DATA / "bench_web.json")
    ap.add_argument("--warehouse", type=Path, help="serve a copy of this warehouse (the demo's)")
    ap.add_argument(
        "--prewarm",
        choices=("0", "1"),
        help="TARAZ_PREWARM for the server (default: its own default); 0 makes the cold pass's"
        " first call of each selection a true first request",
    )
    args = ap.parse_args()

    warehouse = args.warehouse or ensure_warehouse(args.lines)
    if args.warehouse:
        import duckdb

        with duckdb.connect(str(warehouse), read_only=True) as con:
            args.lines = con.execute("SELECT count(*) FROM lines").fetchall()[0][0]
    folder = DATA / f"web-serve-{warehouse.stem}-{args.lines}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    served = folder / "served.duckdb"
    shutil.copy(warehouse, served)  # the server opens its warehouse read-write
    port = free_port()
    t = time.perf_counter()
    extra = {"TARAZ_PREWARM": args.prewarm} if args.prewarm is not None else None
    proc = start_server(served, port, args.threads, folder, extra)
    started = time.perf_counter() - t
    try:
        period = default_period(port)
        calls = mix(period)
        cold, cold_errors = cold_pass(port, calls)
        warm, errors, total = load(port, calls, args.clients, args.duration)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(60)

    result = {
        "lines": args.lines,
        "warehouse": str(args.warehouse or warehouse.name),
        "prewarm": args.prewarm,
        "clients": args.clients,
        "duration_s": args.duration,
        "server_threads": args.threads,
        "period": period,
        "server_start_s": round(started, 1),
        "cold": cold,
        "cold_errors": cold_errors,
        "load": warm,
        "load_requests": total,
        "load_errors": errors,
        "load_rps": round(total / args.duration, 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(
        f"taraz serve on {args.lines:,} lines; period {period}; 32 selections (31 provinces + country)"
    )
    print(f"server ready in {started:.1f} s")
    print_table(f"cold: each call once, one client ({cold_errors} errors)", cold)
    print_table(
        f"load: {args.clients} clients for {args.duration:g} s, {total:,} requests, "
        f"{result['load_rps']} req/s, {errors} errors",
        warm,
    )


if __name__ == "__main__":
    main()
