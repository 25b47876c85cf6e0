"""Load benchmark: `taraz serve` while 20 clients ask new selections at once.

    python3 -m uv run python bench/bench_load.py                     # 1M lines, 60 s
    python3 -m uv run python bench/bench_load.py --lines 10000000 --duration 60
    python3 -m uv run python bench/bench_load.py --one-address       # the 20 from one address

Builds (once, in bench/data/, as bench_web.py does) a warehouse of N synthetic lines, starts
`taraz serve` on a copy with its default settings (8 threads, the computation gate, the
budget per address; the API's request rate limit off, one trusted proxy so that each client
has its own address through X-Forwarded-For), asks every cached call once, then for the given
time runs at once:

- `--new` clients (20), each its own address (or all one with `--one-address`), asking
  selections never asked before (a province, a range of months, a basis) as the dashboard
  page or the API's totals, back to back; a refused one (429, 503) is asked again after its
  Retry-After (`--ignore-retry-after`: the next one at once, as a careless script would);
- `--pdf` clients (2), each its own address, asking the PDF bulletin of a province's default
  half-year (figures computed, PDF not yet);
- `--cached` clients (4) asking the dashboard page and API answers of the default half-year
  of every province (computed during the warm-up), and one client asking
  `/api/v1/status` and a code list.

Prints n, status counts and p50/p95/max latency per class, and writes them as JSON. The goal:
cached pages' p95 under 200 ms and no request over 5 s.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import random
import re
import shutil
import signal
import statistics
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path

from bench_web import DATA, PROVINCES, ensure_warehouse, free_port, pct, start_server


def status_of(port: int) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/api/v1/status")
    body = json.loads(conn.getresponse().read())
    conn.close()
    return body


def months_of(first: date, last: date) -> list[str]:
    from taraz.calendar import gregorian_to_jalali

    y, m, _ = gregorian_to_jalali(first)
    y2, m2, _ = gregorian_to_jalali(last)
    out = []
    while (y, m) <= (y2, m2):
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def half_of(last: date) -> str:
    from taraz.calendar import gregorian_to_jalali

    y, m, _ = gregorian_to_jalali(last)
    return f"{y}-H{1 if m <= 6 else 2}"


def new_selections(months: list[str], seed: int) -> list[str]:
    """Query strings of selections no one asked yet, shuffled: province x month range x basis."""
    ranges = [f"{a}..{b}" for a, b in itertools.combinations_with_replacement(months, 2)]
    out = [
        f"province={p}&period={r}" + ("&basis=customs" if basis else "")
        for p in PROVINCES
        for r in ranges
        for basis in (False, True)
    ]
    random.Random(seed).shuffle(out)
    return out


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seconds: dict[str, list[float]] = {}
        self.statuses: dict[str, Counter] = {}

    def add(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.seconds.setdefault(kind, []).append(seconds)
            self.statuses.setdefault(kind, Counter())[status] += 1

    def summary(self) -> dict:
        out = {}
        for kind in sorted(self.seconds):
            v = self.seconds[kind]
            out[kind] = {
                "n": len(v),
                "statuses": dict(sorted(self.statuses[kind].items())),
                "p50_ms": round(1000 * statistics.median(v), 1),
                "p95_ms": round(1000 * pct(v, 95), 1),
                "max_ms": round(1000 * max(v), 1),
            }
        return out


REFUSALS = re.compile(rb"web\.(?:computing-busy|computing|compute-limited)")


def get(conn: http.client.HTTPConnection, path: str, address: str) -> tuple[int, float, float, str]:
    """(status, seconds, Retry-After in seconds or 0, the refusal's code or "")."""
    t = time.perf_counter()
    conn.request("GET", path, headers={"Accept-Language": "fa-IR", "X-Forwarded-For": address})
    response = conn.getresponse()
    body = response.read()
    seconds = time.perf_counter() - t
    retry = float(response.getheader("Retry-After") or 0)
    code = ""
    if response.status in (429, 503):
        found = REFUSALS.search(body)
        code = found.group().decode() if found else str(response.status)
    return response.status, seconds, retry, code


def client_loop(port, stop, rec, address, next_call, honour: bool) -> None:
    """Ask calls back to back; a refused call (429, 503) is asked again after its Retry-After
    when `honour`, else the next call is asked at once."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    call = None
    while time.monotonic() < stop:
        call = call or next_call()
        if call is None:
            return
        kind, path = call
        try:
            status, seconds, retry, code = get(conn, path, address)
        except (OSError, http.client.HTTPException):  # the server closed an idle connection
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            try:
                status, seconds, retry, code = get(conn, path, address)
            except (OSError, http.client.HTTPException):
                rec.add(kind, 0, 0.0)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                call = None
                continue
        rec.add(kind if status == 200 else f"{kind}, {code or status}", status, seconds)
        if honour and status in (429, 503) and retry:
            time.sleep(min(retry, max(0.0, stop - time.monotonic())))
        else:
            call = None
    conn.close()


def warm(port: int, calls: list[tuple[str, str]]) -> None:
    """Ask every cached call once, until it answers 200 (each from its own address, so that
    the budget of new computations never refuses one for long)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    for i, (_, path) in enumerate(calls):
        for _ in range(600):
            conn.request("GET", path, headers={"X-Forwarded-For": f"10.250.{i // 250}.{i % 250}"})
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                break
            time.sleep(float(response.getheader("Retry-After") or 1))
    conn.close()


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    ap.add_argument("--new", type=int, default=20, help="clients asking new selections")
    ap.add_argument("--pdf", type=int, default=2, help="clients asking PDF bulletins")
    ap.add_argument("--cached", type=int, default=4, help="clients asking computed pages")
    ap.add_argument(
        "--one-address", action="store_true", help="the new-selection clients share one address"
    )
    ap.add_argument(
        "--ignore-retry-after",
        action="store_true",
        help="refused clients ask their next call at once instead of waiting Retry-After",
    )
    ap.add_argument("--threads", type=int, default=8, help="server request threads")
    ap.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting of the server (e.g. TARAZ_COMPUTE_SLOTS=3); may be repeated",
    )
    ap.add_argument("--out", type=Path, default=DATA / "bench_load.json")
    args = ap.parse_args()

    warehouse = ensure_warehouse(args.lines)
    folder = DATA / f"load-serve-{args.lines}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    served = folder / "served.duckdb"
    shutil.copy(warehouse, served)
    port = free_port()
    server_env = {"TARAZ_TRUSTED_PROXIES": "1", **dict(e.split("=", 1) for e in args.server_env)}
    proc = start_server(served, port, args.threads, folder, server_env)
    try:
        st = status_of(port)
        first, last = date.fromisoformat(st["data_from"]), date.fromisoformat(st["data_to"])
        half = half_of(last)
        cached = []
        for p in PROVINCES:
            q = f"province={p}&period={half}"
            cached += [
                ("cached dashboard page", f"/?{q}"),
                ("cached api answer", f"/api/v1/totals?{q}"),
            ]
        t = time.perf_counter()
        warm(port, cached)
        warmed = time.perf_counter() - t

        rec = Recorder()
        stop = time.monotonic() + args.duration
        fresh = iter(new_selections(months_of(first, last), seed=7))
        fresh_lock = threading.Lock()
        turn = itertools.count()

        def next_new():
            with fresh_lock:
                q = next(fresh, None)
                i = next(turn)
            if q is None:
                return None
            return ("new selection", f"/?{q}" if i % 2 else f"/api/v1/totals?{q}")

        pdfs = itertools.cycle(random.Random(3).sample(PROVINCES, len(PROVINCES)))
        pdf_lock = threading.Lock()

        def next_pdf():
            with pdf_lock:
                p = next(pdfs)
            return ("pdf bulletin", f"/bulletin.pdf?province={p}&period={half}")

        def cached_calls(seed):
            order = cached[:]
            random.Random(seed).shuffle(order)
            it = itertools.cycle(order)
            return lambda: next(it)

        def status_calls():
            it = itertools.cycle(
                [
                    ("api status", "/api/v1/status"),
                    ("api code list", "/api/v1/codes/countries?page_size=100"),
                ]
            )
            return lambda: next(it)

        clients = []
        for i in range(args.new):
            address = "10.0.0.1" if args.one_address else f"10.0.{i}.1"
            clients.append((address, next_new))
        for i in range(args.pdf):
            clients.append((f"10.2.{i}.1", next_pdf))
        for i in range(args.cached):
            clients.append((f"10.1.{i}.1", cached_calls(i)))
        clients.append(("10.3.0.1", status_calls()))
        threads = [
            threading.Thread(
                target=client_loop,
                args=(port, stop, rec, address, calls, not args.ignore_retry_after),
            )
            for address, calls in clients
        ]
        load_avg = os.getloadavg()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        load_after = os.getloadavg()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(60)

    summary = rec.summary()
    worst = max(s["max_ms"] for s in summary.values())
    result = {
        "lines": args.lines,
        "duration_s": args.duration,
        "server_threads": args.threads,
        "clients": {"new": args.new, "pdf": args.pdf, "cached": args.cached, "status": 1},
        "one_address": args.one_address,
        "server_env": server_env,
        "honour_retry_after": not args.ignore_retry_after,
        "period": half,
        "warm_s": round(warmed, 1),
        "load_average_before": [round(x, 2) for x in load_avg],
        "load_average_after": [round(x, 2) for x in load_after],
        "classes": summary,
        "max_ms": worst,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(
        f"taraz serve on {args.lines:,} lines, {args.duration:g} s: {args.new} clients asking new "
        f"selections ({'one address' if args.one_address else 'one address each'}), {args.pdf} "
        f"asking PDF bulletins, {args.cached} asking computed pages, 1 asking status"
    )
    print(
        f"load average before {load_avg[0]:.2f}, after {load_after[0]:.2f}; warm-up {warmed:.1f} s"
    )
    print(f"  {'class':24} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  statuses")
    for kind, s in summary.items():
        codes = " ".join(f"{k}:{v}" for k, v in s["statuses"].items())
        print(
            f"  {kind:24} {s['n']:>6} {s['p50_ms']:>8} {s['p95_ms']:>8} {s['max_ms']:>8}  {codes}"
        )
    print(f"slowest request: {worst:.0f} ms")


if __name__ == "__main__":
    main()
