"""Certificates benchmark: signing and verifying 10,000 certificates against the bare
`cryptography` ES256, then the public checker `/verify/check` under 20 concurrent clients.

    python3 -m uv run python bench/bench_certificates.py                  # 10,000, 20 clients, 30 s
    python3 -m uv run python bench/bench_certificates.py --certificates 2000 --duration 10

1. In process, no Django: a keys folder made with `KeyStore.init`; 10,000 quality certificates
   (the claims the certificates app signs: Persian and English names, ten claims) signed with
   `sign_token` (the signing key opened once, as docs/credentials.md advises for many), then
   each verified with `verify` against the folder's trust and revocation lists (100 entries).
   Beside them, in the same run, the bare alternative: the same signing inputs
   (`header.payload`) signed and verified by `cryptography`'s ECDSA P-256 SHA-256 alone, with
   no JWS, no JSON, no lists. Each timed `--runs` times; the best run counts.
2. Over HTTP: `taraz serve` (8 threads) with that keys folder (`TARAZ_KEYS_DIR`), its checker's
   rate limit on but raised above what the clients can ask (`TARAZ_VERIFY_RATE` 1,000,000 per
   address and `TARAZ_VERIFY_RATE_TOTAL` 10,000,000 per 60 s; each client has its own address
   through `X-Forwarded-For`, `TARAZ_TRUSTED_PROXIES=1`). 20 clients ask back to back on
   keep-alive connections for `--duration` seconds: `POST /verify/check` with a valid, a
   revoked or a changed token (8:1:1), and every tenth call the page `GET /verify/`. Every
   answer is checked (status, and the verdict's `valid` and `reason`).

Prints the rates and ratios, p50/p95/max per kind of call, the server's CPU per request and the
load average; writes them as JSON. The goal: p95 under 100 ms for the checker.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench_cases import server_cpu
from bench_load import Recorder
from bench_web import DATA, ensure_warehouse, free_port, start_server

PASSPHRASE = "bench-certificates-" + "p" * 24
REVOKED_ENTRIES = 100


def claims(i: int, issued: datetime, expires: datetime) -> dict:
    """A quality certificate's claims as `taraz.web.certificates.services` signs them."""
    return {
        "jti": f"YZ-B{i:09d}",
        "knd": "quality",
        "iss": {
            "fa": "سازمان صنعت، معدن و تجارت استان یزد",
            "en": "Yazd Province Industry, Mine and Trade Organization",
        },
        "sub": f"1{i:010d}",
        "ex": {"fa": "کاشی و سرامیک کویر مهر میبد", "en": "Kavir Mehr Tile Co.", "city": "میبد"},
        "pr": {"hs": "69072100", "desc": "کاشی لعابی کف", "qty": "20 t"},
        "adv": [
            {
                "fa": "آزمایشگاه آزمون همکار",
                "en": "Partner test laboratory",
                "kind": "laboratory",
                "advice": "no_objection",
            }
        ],
        "res": "pass",
        "ref": f"1404/QT/{i % 100000:05d}",
        "dt": {
            "iss": issued.date().isoformat(),
            "iss_j": "1405-09-08",
            "exp": expires.date().isoformat(),
            "exp_j": "1406-09-08",
        },
        "sig": "مریم وکیلی",
        "dst": "IQ",
    }


def best(runs: list[float]) -> float:
    return min(runs)


def in_process(keys: Path, n: int, runs: int) -> tuple[dict, list[str]]:
    """Sign and verify n certificates with taraz and with bare cryptography; the tokens."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from taraz.credentials import (
        KeyStore,
        Passphrase,
        Revocation,
        RevocationStatus,
        sign_token,
        verify,
    )

    passphrase = Passphrase(PASSPHRASE)
    now = datetime.now(UTC).replace(microsecond=0)
    store = KeyStore(keys)
    store.init(passphrase, now=now - timedelta(days=1))
    revoked = [
        Revocation(f"YZ-B{i:09d}", RevocationStatus.REVOKED, "nonconformity", now)
        for i in range(n, n + REVOKED_ENTRIES - 1)
    ]
    revoked.append(Revocation("YZ-B000000001", RevocationStatus.REVOKED, "nonconformity", now))
    store.publish_revocations(revoked, passphrase, now=now)
    key = store.signing_key(passphrase, now=now)
    trust = store.trust_list()
    revocations = store.revocation_list(trust)
    expires = now + timedelta(days=365)
    all_claims = [claims(i, now, expires) for i in range(n)]

    out: dict = {"certificates": n, "runs": runs}
    tokens: list[str] = []
    sign_s, verify_s, bare_sign_s, bare_verify_s = [], [], [], []
    for _ in range(runs):
        t = time.perf_counter()
        tokens = [sign_token(c, key, now=now, expires=expires) for c in all_claims]
        sign_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        verdicts = [verify(token, trust, revocations, now=now) for token in tokens]
        verify_s.append(time.perf_counter() - t)
        valid = sum(v.valid for v in verdicts)
        if valid != n - 1 or verdicts[1].reason != "revoked":
            raise SystemExit(f"verdicts: {valid} valid of {n}, #1 {verdicts[1].reason}")

        bare = ec.generate_private_key(ec.SECP256R1())
        public = bare.public_key()
        inputs = [token.rsplit(".", 1)[0].encode("ascii") for token in tokens]
        algorithm = ec.ECDSA(hashes.SHA256())
        t = time.perf_counter()
        signatures = [bare.sign(data, algorithm) for data in inputs]
        bare_sign_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        for data, signature in zip(inputs, signatures, strict=True):
            public.verify(signature, data, algorithm)
        bare_verify_s.append(time.perf_counter() - t)

    out.update(
        token_chars=round(sum(map(len, tokens)) / len(tokens)),
        sign_s=[round(s, 3) for s in sign_s],
        verify_s=[round(s, 3) for s in verify_s],
        bare_sign_s=[round(s, 3) for s in bare_sign_s],
        bare_verify_s=[round(s, 3) for s in bare_verify_s],
        sign_per_s=round(n / best(sign_s)),
        verify_per_s=round(n / best(verify_s)),
        bare_sign_per_s=round(n / best(bare_sign_s)),
        bare_verify_per_s=round(n / best(bare_verify_s)),
        sign_ratio=round(best(sign_s) / best(bare_sign_s), 2),
        verify_ratio=round(best(verify_s) / best(bare_verify_s), 2),
    )
    return out, tokens


# -- over HTTP -----------------------------------------------------------------------------------


def changed(token: str) -> str:
    """The token with one letter of its payload changed: bad-signature."""
    head, payload, signature = token.split(".")
    middle = len(payload) // 2
    letter = "A" if payload[middle] != "A" else "B"
    return f"{head}.{payload[:middle]}{letter}{payload[middle + 1 :]}.{signature}"


def calls_of(tokens: list[str]) -> list[tuple[str, str | None, tuple]]:
    """(kind, token or None for the page, what the answer must be): 8 valid, 1 revoked, 1
    changed in ten; every tenth call the page."""
    out = []
    valid = [t for i, t in enumerate(tokens[:2000]) if i != 1]
    for i in range(1000):
        if i % 10 == 9:
            out.append(("page GET /verify/", None, (200, None, None)))
        elif i % 10 == 8:
            out.append(("check, revoked", tokens[1], (200, False, "revoked")))
        elif i % 10 == 7:
            out.append(
                ("check, changed", changed(valid[i % len(valid)]), (200, False, "bad-signature"))
            )
        else:
            out.append(("check, valid", valid[i % len(valid)], (200, True, None)))
    return out


def ask(conn: http.client.HTTPConnection, token: str | None, address: str):
    headers = {"Accept-Language": "fa-IR", "X-Forwarded-For": address}
    t = time.perf_counter()
    if token is None:
        conn.request("GET", "/verify/", headers=headers)
    else:
        headers["Content-Type"] = "application/json"
        conn.request("POST", "/verify/check", body=json.dumps({"token": token}), headers=headers)
    response = conn.getresponse()
    body = response.read()
    return response.status, time.perf_counter() - t, body


def answered_as(status: int, body: bytes, want: tuple) -> bool:
    if status != want[0]:
        return False
    if want[1] is None:
        return True
    verdict = json.loads(body)
    return verdict["valid"] is want[1] and verdict["reason"] == want[2]


def load(port: int, calls, clients: int, duration: float):
    by_kind, overall = Recorder(), Recorder()
    wrong: list[str] = []
    stop = time.monotonic() + duration

    def client(seed: int) -> None:
        order = calls[:]
        random.Random(seed).shuffle(order)
        address = f"198.51.100.{seed + 1}"  # documentation range: a header, never a target
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        i = 0
        while time.monotonic() < stop:
            kind, token, want = order[i % len(order)]
            i += 1
            try:
                status, seconds, body = ask(conn, token, address)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                status, seconds, body = 0, 0.0, b""
            if not answered_as(status, body, want):
                wrong.append(f"{kind}: {status} {body[:120]!r}")
            by_kind.add(kind, status, seconds)
            overall.add("checker, all calls", status, seconds)
        conn.close()

    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return overall.summary(), by_kind.summary(), wrong


def print_table(title: str, table: dict) -> None:
    print(title)
    print(f"  {'calls':22} {'n':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  statuses")
    for kind, s in table.items():
        codes = " ".join(f"{k}:{v}" for k, v in s["statuses"].items())
        print(
            f"  {kind:22} {s['n']:>7} {s['p50_ms']:>8} {s['p95_ms']:>8} {s['max_ms']:>8}  {codes}"
        )


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:  # pragma: no cover - no uptime on this system
        return "load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--certificates", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3, help="in-process timings, each")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    ap.add_argument("--threads", type=int, default=8, help="server request threads")
    ap.add_argument("--warehouse-lines", type=int, default=10_000, help="the served warehouse")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    out_path = args.out or DATA / f"bench_certificates-{args.certificates}.json"
    uptime_at_start = uptime()
    print(f"# {uptime_at_start}", flush=True)

    work = Path(tempfile.mkdtemp(prefix="taraz-bench-certificates-"))
    try:
        keys = work / "keys"
        timings, tokens = in_process(keys, args.certificates, args.runs)
        print(f"# in process: {json.dumps(timings)}", flush=True)

        warehouse = ensure_warehouse(args.warehouse_lines)
        folder = work / "serve"
        folder.mkdir()
        served = folder / "served.duckdb"
        shutil.copy(warehouse, served)
        server_env = {
            "TARAZ_PREWARM": "0",
            "TARAZ_KEYS_DIR": str(keys),
            "TARAZ_VERIFY_RATE": "1000000",
            "TARAZ_VERIFY_RATE_TOTAL": "10000000",
            "TARAZ_VERIFY_RATE_WINDOW": "60",
            "TARAZ_TRUSTED_PROXIES": "1",
        }
        port = free_port()
        t = time.perf_counter()
        proc = start_server(served, port, args.threads, folder, server_env)
        started = time.perf_counter() - t
        try:
            calls = calls_of(tokens)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            for kind, token, want in calls[:10]:  # warm: one of each, every answer right
                status, _, body = ask(conn, token, "198.51.100.250")
                if not answered_as(status, body, want):
                    raise SystemExit(f"{kind}: {status} {body[:300]!r}")
            conn.close()
            uptime_before = uptime()
            cpu_before = server_cpu(proc.pid)
            overall, kinds, wrong = load(port, calls, args.clients, args.duration)
            cpu_load = server_cpu(proc.pid) - cpu_before
            uptime_after = uptime()
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(60)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    requests = overall["checker, all calls"]["n"]
    result = {
        "in_process": timings,
        "server_threads": args.threads,
        "server_env": {k: v for k, v in server_env.items() if k != "TARAZ_KEYS_DIR"},
        "server_start_s": round(started, 1),
        "clients": args.clients,
        "duration_s": args.duration,
        "uptime_at_start": uptime_at_start,
        "uptime_before_load": uptime_before,
        "uptime_after_load": uptime_after,
        "requests": requests,
        "requests_per_s": round(requests / args.duration, 1),
        "server_cpu_load_s": round(cpu_load, 1),
        "server_cpu_ms_per_request": round(1000 * cpu_load / max(1, requests), 1),
        "wrong_answers": len(wrong),
        "wrong_first": wrong[:5],
        "overall": overall,
        "kinds": kinds,
    }
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(result, indent=2, ensure_ascii=False))

    t = timings
    print(
        f"{t['certificates']:,} certificates ({t['token_chars']} characters a token), best of "
        f"{t['runs']}:"
    )
    print(
        f"  sign:   taraz {t['sign_per_s']:,}/s, bare cryptography {t['bare_sign_per_s']:,}/s: "
        f"{t['sign_ratio']}x"
    )
    print(
        f"  verify: taraz {t['verify_per_s']:,}/s, bare cryptography {t['bare_verify_per_s']:,}/s:"
        f" {t['verify_ratio']}x"
    )
    print(f"server ready in {started:.1f} s")
    print(
        f"load: {requests:,} requests, {result['requests_per_s']} req/s, the server used "
        f"{result['server_cpu_load_s']} s of CPU: {result['server_cpu_ms_per_request']} ms a "
        f"request; {len(wrong)} wrong answers"
    )
    print(f"uptime before the load: {uptime_before}")
    print(f"uptime after the load:  {uptime_after}")
    print_table(f"{args.clients} clients for {args.duration:g} s", overall)
    print_table("by kind of call", kinds)
    print(f"written to {out_path}")


if __name__ == "__main__":
    main()
