"""Casework benchmark: the public procedure pages and an officer's queue under 20 clients, on a
service database of 100,000 cases and about 1,000,000 events.

    python3 -m uv run python bench/bench_cases.py                    # 100,000 cases, SQLite, 30 s
    python3 -m uv run python bench/bench_cases.py --cases 10000 --duration 10
    python3 -m uv run python bench/bench_cases.py --public 10 --queue 0   # one class alone
    python3 -m uv run python bench/bench_cases.py --postgres         # a bench database, dropped after

1. Builds the service database (`cases_fixture`: bodies and procedures loaded by their
   services, ~200 exporters, officers, signatories, a reviewer and a head at each body, then
   N cases written with `bulk_create`, each a valid workflow). SQLite: once, kept in
   bench/data/cases-N.sqlite3 (and cases-N.json: what was built, in how long); PostgreSQL:
   a database `taraz_bench_cases` made for the run and dropped after it.
2. Times, in this process, `taraz.web.cases.measured.compute()` (the cold computation of the
   public measures from every event), its two halves (`histories()`: reading the events
   through the ORM; `measure()`: the working days), and the bare alternative: the same events
   read with one plain SQL query by the database's own driver into Python tuples; wall and CPU
   seconds, `--compute-runs` times each.
3. Starts `taraz serve` (8 threads; `TARAZ_PREWARM=0`: the dashboard's figures are not what is
   measured here) on a copy, signs an officer in (the login form, its CSRF token, the session
   cookie), asks `/procedures/` once (the first request computes the measures: "measures
   computed in"), every other page once, then runs the clients for `--duration` seconds,
   back to back on keep-alive connections: `--public` (10) asking the public pages
   (`/procedures/`, each procedure's page, `/api/v1/procedures`), `--queue` (10) the
   officer's queue (`/cases/queue/`, all open and by state, first, second, middle and last
   page).

Prints n, statuses, p50/p95/max per class and per kind of page, the CPU the server used per
request, and writes them as JSON. The goal: p95 under 150 ms for both classes.
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import math
import os
import random
import re
import shutil
import signal
import threading
import time
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

from bench_load import Recorder
from bench_web import DATA, ensure_warehouse, free_port, start_server

CODES = ("certificate-of-origin", "export-permit", "health-certificate", "quality-test")
QUEUE_STATES = ("", "submitted", "screening", "returned", "in_review", "decision")
PG_NAME = "taraz_bench_cases"


def setup_django(folder: Path, warehouse: Path, database_url: str) -> None:
    import django

    os.environ.update(
        DJANGO_SETTINGS_MODULE="taraz.web.settings.local",
        TARAZ_WEB_DIR=str(folder),
        TARAZ_WAREHOUSE=str(warehouse),
        TARAZ_SECRET_KEY="bench-cases-" + "k" * 50,
        DATABASE_URL=database_url,
    )
    folder.mkdir(parents=True, exist_ok=True)
    django.setup()


def sqlite_database(n: int, args, warehouse: Path) -> tuple[Path, dict]:
    """bench/data/cases-N.sqlite3, built unless it was (cases-N.json says what was built)."""
    path = DATA / f"cases-{n}.sqlite3"
    marker = DATA / f"cases-{n}.json"
    setup_django(DATA / "cases-django", warehouse, f"sqlite:///{path.resolve()}")
    if marker.exists() and path.exists() and not args.rebuild:
        built = json.loads(marker.read_text())
        built["cached"] = True
        return path, built
    marker.unlink(missing_ok=True)
    path.unlink(missing_ok=True)
    import cases_fixture

    built = cases_fixture.build(n, exporters=args.exporters, seed=args.seed).to_dict()
    from django.db import connections

    connections.close_all()
    marker.write_text(json.dumps(built, indent=2))
    built["cached"] = False
    return path, built


def pg_admin(base: str):
    import psycopg

    return psycopg.connect(f"{base}/postgres", autocommit=True)


def postgres_database(n: int, args, warehouse: Path) -> tuple[str, dict]:
    url = f"{args.postgres_url}/{PG_NAME}"
    with pg_admin(args.postgres_url) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {PG_NAME}")
    setup_django(DATA / "cases-django", warehouse, url)
    import cases_fixture

    built = cases_fixture.build(n, exporters=args.exporters, seed=args.seed).to_dict()
    built["cached"] = False
    return url, built


def drop_postgres(args) -> None:
    from django.db import connections

    connections.close_all()
    with pg_admin(args.postgres_url) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")


# -- in process ----------------------------------------------------------------------------------


class Errors(logging.Handler):
    """Counts the cases the measures leave out (logged at ERROR by `measured`)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def bare_read(database: Path | str) -> int:
    """The events by one plain SQL query through the database's own driver, into tuples."""
    sql = "SELECT case_id, at, action, body_id FROM taraz_cases_caseevent ORDER BY case_id, seq"
    if isinstance(database, Path):
        import sqlite3

        with sqlite3.connect(database) as db:
            return len(db.execute(sql).fetchall())
    import psycopg

    with psycopg.connect(database) as db:
        return len(db.execute(sql).fetchall())


def timed(function, *args):
    """(result, wall seconds, CPU seconds of this process)."""
    t, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - t, time.process_time() - cpu


def in_process(database: Path | str, runs: int) -> dict:
    """compute() cold, its halves, and the bare read; each `runs` times, wall and CPU."""
    from taraz.calendar.workdays import configured_calendar
    from taraz.stats.casework import MIN_CASES, measure
    from taraz.web.cases import measured
    from taraz.web.cases.models import CaseEvent

    errors = Errors()
    logging.getLogger("taraz.web.cases.measured").addHandler(errors)
    submitted = CaseEvent.objects.filter(action="submit").values("case_id").distinct().count()
    out: dict = {}

    def note(name: str, wall: float, cpu: float) -> None:
        out.setdefault(f"{name}_s", []).append(round(wall, 2))
        out.setdefault(f"{name}_cpu_s", []).append(round(cpu, 2))

    rows = figures = None
    for _ in range(runs):
        rows, wall, cpu = timed(bare_read, database)
        note("bare_read", wall, cpu)
        figures, wall, cpu = timed(measured.compute)
        note("compute", wall, cpu)
        found, wall, cpu = timed(measured.histories)
        note("histories", wall, cpu)
        _, wall, cpu = timed(partial(measure, found, configured_calendar(), min_cases=MIN_CASES))
        note("measure", wall, cpu)
        del found
    if figures is None:
        return {"cases_submitted": submitted}
    out.update(
        events_read=rows,
        cases_measured=figures.cases,
        events_measured=figures.events,
        cases_submitted=submitted,
        cells=len(figures.cells),
        left_out=len(errors.messages),
        left_out_first=errors.messages[:3],
    )
    return out


def queue_paths() -> list[tuple[str, str]]:
    """(kind, path): the queue, all open and by state, its first, second, middle, last page."""
    from django.db.models import Count

    from taraz.web.cases.models import Case
    from taraz.web.cases.views import PAGE_SIZE

    counts = dict(Case.objects.values_list("state").annotate(n=Count("id")))
    out = []
    for state in QUEUE_STATES:
        n = counts.get(state, 0) if state else sum(counts.get(s, 0) for s in QUEUE_STATES[1:])
        pages = max(1, math.ceil(n / PAGE_SIZE))
        for page in sorted({1, 2, pages // 2, pages} & set(range(1, pages + 1))):
            query = urlencode({"state": state, "page": page} if state else {"page": page})
            kind = "queue, page 1" if page == 1 else "queue, later page"
            out.append((kind, f"/cases/queue/?{query}"))
    out.append(("queue, page 1", "/cases/queue/"))
    return out


def public_paths() -> list[tuple[str, str]]:
    out = [("public, list page", "/procedures/"), ("public, api", "/api/v1/procedures")]
    out += [("public, procedure page", f"/procedures/{c}/") for c in CODES]
    return out


# -- over HTTP -----------------------------------------------------------------------------------


def server_cpu(master: int) -> float:
    """CPU seconds (user and system) used so far by the server: gunicorn and its worker."""
    pids = [master]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def cookies_of(response: http.client.HTTPResponse) -> dict[str, str]:
    out = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        out[name.strip()] = rest.split(";", 1)[0]
    return out


def sign_in(port: int, username: str, password: str) -> str:
    """A real session: the login form, its CSRF token and cookie, the session cookie back."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/accounts/login/")
    response = conn.getresponse()
    page = response.read().decode()
    jar = cookies_of(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urlencode(
        {
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": token,
            "next": "/cases/queue/",
        }
    )
    conn.request(
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={jar['csrftoken']}",
        },
    )
    response = conn.getresponse()
    response.read()
    jar.update(cookies_of(response))
    conn.close()
    if response.status != 302 or "sessionid" not in jar:
        raise SystemExit(f"sign-in refused: {response.status}")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def get(conn, path: str, cookie: str | None) -> tuple[int, float, bytes]:
    headers = {"Accept-Language": "fa-IR"}
    if cookie:
        headers["Cookie"] = cookie
    t = time.perf_counter()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    return response.status, time.perf_counter() - t, body


def warm(port: int, calls: list[tuple[str, str, str | None]]) -> tuple[float, dict]:
    """The first /procedures/ (computes the measures), then every call once."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    status, first, _ = get(conn, "/procedures/", None)
    if status != 200:
        raise SystemExit(f"/procedures/ answered {status}")
    once = {}
    for _, path, cookie in calls:
        status, seconds, body = get(conn, path, cookie)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        once[path] = round(1000 * seconds, 1)
    status, _, body = get(conn, "/cases/queue/", calls[-1][2])
    rows = len(re.findall(rb'href="/cases/\d+/"', body))
    conn.close()
    if rows == 0:
        raise SystemExit("the officer's queue shows no case")
    return first, once


def load(port: int, groups: list[list[tuple[str, str, str | None]]], duration: float):
    by_kind, by_class = Recorder(), Recorder()
    stop = time.monotonic() + duration

    def client(seed: int, calls) -> None:
        order = calls[:]
        random.Random(seed).shuffle(order)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        i = 0
        while time.monotonic() < stop:
            kind, path, cookie = order[i % len(order)]
            i += 1
            try:
                status, seconds, _ = get(conn, path, cookie)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                status, seconds = 0, 0.0
            by_kind.add(kind, status, seconds)
            by_class.add(kind.split(",")[0], status, seconds)
        conn.close()

    threads = [
        threading.Thread(target=client, args=(seed, calls)) for seed, calls in enumerate(groups)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return by_class.summary(), by_kind.summary()


def print_table(title: str, table: dict) -> None:
    print(title)
    print(f"  {'class':24} {'n':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  statuses")
    for kind, s in table.items():
        codes = " ".join(f"{k}:{v}" for k, v in s["statuses"].items())
        print(
            f"  {kind:24} {s['n']:>7} {s['p50_ms']:>8} {s['p95_ms']:>8} {s['max_ms']:>8}  {codes}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--exporters", type=int, default=200)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--rebuild", action="store_true", help="build the SQLite database again")
    ap.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    ap.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    ap.add_argument("--public", type=int, default=10, help="clients asking the public pages")
    ap.add_argument("--queue", type=int, default=10, help="clients asking the officer's queue")
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    ap.add_argument("--threads", type=int, default=8, help="server request threads")
    ap.add_argument("--compute-runs", type=int, default=2, help="in-process timings, each")
    ap.add_argument("--warehouse-lines", type=int, default=10_000, help="the served warehouse")
    ap.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting of the server (e.g. TARAZ_MEASURES_SECONDS=10); may be repeated",
    )
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    backend = "postgresql" if args.postgres else "sqlite"
    out_path = args.out or DATA / f"bench_cases-{backend}-{args.cases}.json"
    load_at_start = os.getloadavg()

    warehouse = ensure_warehouse(args.warehouse_lines)
    if args.postgres:
        database, built = postgres_database(args.cases, args, warehouse)
    else:
        database, built = sqlite_database(args.cases, args, warehouse)
    print(f"# data: {json.dumps(built)}", flush=True)
    try:
        timings = in_process(database, args.compute_runs)
        print(f"# in process: {json.dumps(timings)}", flush=True)
        queue, public = queue_paths(), public_paths()
        from django.db import connections

        connections.close_all()

        folder = DATA / f"cases-serve-{backend}-{args.cases}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        served = folder / "served.duckdb"
        shutil.copy(warehouse, served)
        server_env = {"TARAZ_PREWARM": "0", **dict(e.split("=", 1) for e in args.server_env)}
        if args.postgres:
            server_env["DATABASE_URL"] = database
        else:
            shutil.copy(database, folder / "service.sqlite3")
        port = free_port()
        t = time.perf_counter()
        proc = start_server(served, port, args.threads, folder, server_env)
        started = time.perf_counter() - t
        try:
            import cases_fixture

            cookie = sign_in(port, "officer-1", cases_fixture.PASSWORD)
            calls = [(k, p, None) for k, p in public] + [(k, p, cookie) for k, p in queue]
            cpu_start = server_cpu(proc.pid)
            measures_s, once = warm(port, calls)
            cpu_warm = server_cpu(proc.pid)
            groups = [[(k, p, None) for k, p in public]] * args.public
            groups += [[(k, p, cookie) for k, p in queue]] * args.queue
            load_before = os.getloadavg()
            classes, kinds = load(port, groups, args.duration)
            load_after = os.getloadavg()
            cpu_load = server_cpu(proc.pid) - cpu_warm
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(60)
    finally:
        if args.postgres:
            drop_postgres(args)

    requests = sum(c["n"] for c in classes.values())
    result = {
        "backend": backend,
        "data": built,
        "in_process": timings,
        "server_threads": args.threads,
        "server_env": server_env if not args.postgres else {"DATABASE_URL": "(bench database)"},
        "server_start_s": round(started, 1),
        "measures_computed_in_s": round(measures_s, 2),
        "first_requests_ms": once,
        "clients": {"public": args.public, "queue": args.queue},
        "duration_s": args.duration,
        "load_average_at_start": [round(x, 2) for x in load_at_start],
        "load_average_before_load": [round(x, 2) for x in load_before],
        "load_average_after_load": [round(x, 2) for x in load_after],
        "server_cpu_warm_up_s": round(cpu_warm - cpu_start, 1),
        "server_cpu_load_s": round(cpu_load, 1),
        "requests": requests,
        "requests_per_s": round(requests / args.duration, 1),
        "server_cpu_ms_per_request": round(1000 * cpu_load / max(1, requests), 1),
        "classes": classes,
        "kinds": kinds,
    }
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(result, indent=2, ensure_ascii=False))

    cached = " (kept from an earlier run)" if built.get("cached") else ""
    print(
        f"taraz serve ({backend}) on {built['cases']:,} cases, {built['events']:,} events, "
        f"{built['reviews']:,} reviews: data built in {built['build_s']} s{cached}"
    )
    if "compute_s" in timings:
        t = timings
        print(
            f"in process, wall (CPU) s: compute() {t['compute_s']} ({t['compute_cpu_s']}) = "
            f"histories() {t['histories_s']} ({t['histories_cpu_s']}) + measure() "
            f"{t['measure_s']} ({t['measure_cpu_s']}); the bare read of {t['events_read']:,} "
            f"events {t['bare_read_s']} ({t['bare_read_cpu_s']}); {t['cases_measured']:,} cases "
            f"measured of {t['cases_submitted']:,} submitted, {t['left_out']} left out"
        )
    print(
        f"server ready in {started:.1f} s; measures computed in {measures_s:.2f} s (first "
        f"request; the server used {result['server_cpu_warm_up_s']} s of CPU warming up)"
    )
    print(
        f"load: {requests:,} requests, {result['requests_per_s']} req/s, the server used "
        f"{result['server_cpu_load_s']} s of CPU: {result['server_cpu_ms_per_request']} ms "
        "a request"
    )
    print(
        f"load average at start {load_at_start[0]:.2f}, before the load {load_before[0]:.2f}, "
        f"after {load_after[0]:.2f}"
    )
    print_table(
        f"{args.public} public clients and {args.queue} queue clients for {args.duration:g} s",
        classes,
    )
    print_table("by kind of page", kinds)
    print(f"written to {out_path}")


if __name__ == "__main__":
    main()
