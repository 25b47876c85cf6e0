"""Ingest benchmark: taraz's import against the bare readers, measured in the same run.

    python3 -m uv run python bench/bench_ingest.py                 # 10M-line CSV, 200k-row XLSX
    python3 -m uv run python bench/bench_ingest.py --lines 1000000 --xlsx-rows 50000

Each measurement runs in its own process, so its peak memory (max RSS) is its own. Prints:
canonical CSV ingest in lines/s and as a ratio to DuckDB's own `read_csv` into a table of the
same file; Persian XLSX ingest as a ratio to the bare Excel reader (python-calamine) reading
the same file; a revised month (one Jalali month of the CSV's lines, a tenth of them with a new
value and a fiftieth gone) imported over the warehouse of the CSV against the same file
imported into an empty warehouse; peak memory of each; each against its target of issue 12;
and the machine's load average before and after (the machine may be shared).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
DATA = HERE / "data"

TARAZ_IMPORT = """
import sys, time
from pathlib import Path
from taraz.warehouse import Warehouse
from taraz.ingest import ImportOptions, import_files
db = Path(sys.argv[1])
if sys.argv[4] == "fresh":
    db.unlink(missing_ok=True); Path(str(db) + ".wal").unlink(missing_ok=True)
wh = Warehouse.open(db)
t = time.perf_counter()
report = import_files(wh, [Path(sys.argv[2])], ImportOptions(flow=sys.argv[3] if sys.argv[3] != "-" else None))
elapsed = time.perf_counter() - t
wh.close()
print()
print(elapsed, report.rows_read, report.rows_loaded, report.status)
"""

DUCKDB_BARE = """
import sys, time, duckdb
from pathlib import Path
db = Path(sys.argv[1]); db.unlink(missing_ok=True); Path(str(db) + ".wal").unlink(missing_ok=True)
con = duckdb.connect(str(db), config={"memory_limit": "1GB"})
con.execute("SET enable_progress_bar = false")
t = time.perf_counter()
con.execute(f"CREATE TABLE lines AS SELECT * FROM read_csv('{sys.argv[2]}')")
n = con.execute("SELECT count(*) FROM lines").fetchall()[0][0]
elapsed = time.perf_counter() - t
print()
print(elapsed, n, n, "loaded")
"""

CALAMINE_BARE = """
import sys, time
from python_calamine import CalamineWorkbook
t = time.perf_counter()
rows = CalamineWorkbook.from_path(sys.argv[2]).get_sheet_by_index(0).to_python(skip_empty_area=False)
elapsed = time.perf_counter() - t
print(elapsed, len(rows), len(rows), "read")
"""


PEAK = "\nimport resource; print('@@', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"


def measure(script: str, *args: str) -> dict:
    """Run `script` in a fresh interpreter: its time and its own peak memory (max RSS)."""
    stdout = subprocess.run(
        [sys.executable, "-c", script + PEAK, *args], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    # the last two lines are ours: the figures, then '@@ peak'
    out = stdout[-2].split() + stdout[-1].split()[1:]
    elapsed, read, loaded, status, peak_kb = (
        float(out[0]),
        int(out[1]),
        int(out[2]),
        out[3],
        int(out[4]),
    )
    return {
        "seconds": round(elapsed, 3),
        "rows": read,
        "loaded": loaded,
        "status": status,
        "peak_mb": round(peak_kb / 1024),
    }


def ensure_csv(n: int) -> Path:
    from taraz.sample import write_canonical_csv

    path = DATA / f"canonical-{n}.csv"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        write_canonical_csv(path, n, seed=7)
        print(f"# wrote {path} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return path


def ensure_revised_month(csv_path: Path, n: int) -> Path:
    """Ordibehesht 1403 of the CSV's lines, revised: every tenth line's value
    up by 1% (rounded to the cent), every fiftieth line gone; in the file's order."""
    import duckdb
    import jdatetime

    path = DATA / f"revised-1403-02-of-{n}.csv"
    if path.exists():
        return path
    first = jdatetime.date(1403, 2, 1).togregorian()
    last = jdatetime.date(1403, 3, 1).togregorian() - jdatetime.timedelta(days=1)
    value = "CAST(value_usd AS DECIMAL(18, 2))"
    con = duckdb.connect()
    con.execute(
        f"""COPY (
            SELECT * REPLACE (CASE WHEN CAST(line_no AS INTEGER) % 10 = 0
                THEN CAST(CAST(round({value} * 1.01, 2) AS DECIMAL(18, 2)) AS VARCHAR)
                ELSE value_usd END AS value_usd)
            FROM read_csv('{csv_path}', all_varchar = true)
            WHERE CAST(date AS DATE) BETWEEN DATE '{first}' AND DATE '{last}'
              AND hash(declaration_id, line_no) % 50 <> 0
        ) TO '{path}' (HEADER, DELIMITER ',')"""
    )
    return path


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def ensure_xlsx(n: int) -> Path:
    """A customs-layout Persian Excel file of n rows (names, Jalali dates, title and totals)."""
    import xlsxwriter

    from taraz.calendar import gregorian_to_jalali
    from taraz.ingest.layouts import CUSTOMS_ALIASES
    from taraz.reference import load_reference
    from taraz.sample import generate_canonical

    path = DATA / f"customs-{n}.xlsx"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    ref = load_reference()
    table = generate_canonical(n, seed=11).to_pydict()
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet()
    sheet.right_to_left()
    sheet.write_row(0, 0, ["سازمان صنعت، معدن و تجارت", "آمار صادرات قطعی"])
    fields = ("border", "customs_office", "province", "hs_code", "hs6", "isic")
    fields += ("value", "weight", "date", "partner_x")
    sheet.write_row(1, 0, [CUSTOMS_ALIASES[f][0] for f in fields])  # the layout's own spellings
    offices = {c: o.name_fa for c, o in ref.customs_offices.items()}
    provinces = {c: p.name_fa for c, p in ref.provinces.items()}
    countries = {c: k.name_fa for c, k in ref.countries.items()}
    total_v = total_w = 0
    for i in range(n):
        jy, jm, jd = gregorian_to_jalali(table["date"][i])
        v, w = table["value_usd"][i], table["weight_kg"][i]
        total_v += v
        total_w += w
        sheet.write_row(
            i + 2,
            0,
            [
                "مرز",
                offices.get(table["customs_office"][i] or "", ""),
                provinces[table["province"][i]],
                table["hs_code"][i],
                table["hs_code"][i][:6],
                "",
                float(v),
                float(w),
                f"{jy}/{jm:02d}/{jd:02d}",
                countries.get(table["partner"][i] or "", ""),
            ],
        )
    sheet.write_row(n + 2, 0, ["جمع کل", "", "", "", "", "", float(total_v), float(total_w)])
    book.close()
    return path


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--lines", type=int, default=10_000_000)
    ap.add_argument("--xlsx-rows", type=int, default=200_000)
    args = ap.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    db = str(DATA / "bench.duckdb")
    fresh_db = str(DATA / "bench-fresh.duckdb")

    xlsx = ensure_xlsx(args.xlsx_rows)
    csv_path = ensure_csv(args.lines)
    revised = ensure_revised_month(csv_path, args.lines)
    load_before = load_average()
    bare_x = measure(CALAMINE_BARE, db, str(xlsx))
    taraz_x = measure(TARAZ_IMPORT, db, str(xlsx), "X", "fresh")
    bare_c = measure(DUCKDB_BARE, db, str(csv_path))
    taraz_c = measure(TARAZ_IMPORT, db, str(csv_path), "-", "fresh")
    # the revised month over the warehouse the CSV import left, then the same file fresh
    over = measure(TARAZ_IMPORT, db, str(revised), "-", "over")
    fresh = measure(TARAZ_IMPORT, fresh_db, str(revised), "-", "fresh")
    load_after = load_average()

    result = {
        "load_average_before": load_before,
        "load_average_after": load_after,
        "csv_lines": args.lines,
        "csv_taraz": taraz_c,
        "csv_duckdb_read_csv": bare_c,
        "csv_taraz_lines_per_s": round(taraz_c["rows"] / taraz_c["seconds"]),
        "csv_ratio_to_duckdb": round(taraz_c["seconds"] / bare_c["seconds"], 2),
        "xlsx_rows": args.xlsx_rows,
        "xlsx_taraz": taraz_x,
        "xlsx_calamine": bare_x,
        "xlsx_ratio_to_calamine": round(taraz_x["seconds"] / bare_x["seconds"], 2),
        "revised_month_over_warehouse": over,
        "revised_month_fresh": fresh,
        "revision_ratio": round(over["seconds"] / fresh["seconds"], 2),
    }
    print(f"load average (1, 5, 15 min) before {load_before}, after {load_after}")
    print(f"canonical CSV, {args.lines:,} lines")
    print(
        f"  taraz import        {taraz_c['seconds']:8.2f} s  {result['csv_taraz_lines_per_s']:>12,} lines/s  peak {taraz_c['peak_mb']} MB  ({taraz_c['loaded']:,} loaded)"
    )
    print(f"  DuckDB read_csv     {bare_c['seconds']:8.2f} s  peak {bare_c['peak_mb']} MB")
    print(f"  ratio taraz/DuckDB  {result['csv_ratio_to_duckdb']:8.2f}   (target <= 1.5)")
    print(
        f"  targets: ratio <= 1.5 {_met(result['csv_ratio_to_duckdb'] <= 1.5)}, "
        f">= 1M lines/s {_met(result['csv_taraz_lines_per_s'] >= 1_000_000)}, "
        f"peak < 1 GB {_met(taraz_c['peak_mb'] < 1024)}"
    )
    print(f"Persian XLSX (customs layout), {args.xlsx_rows:,} rows")
    print(
        f"  taraz import        {taraz_x['seconds']:8.2f} s  peak {taraz_x['peak_mb']} MB  ({taraz_x['loaded']:,} loaded)"
    )
    print(f"  calamine read       {bare_x['seconds']:8.2f} s")
    print(
        f"  ratio taraz/reader  {result['xlsx_ratio_to_calamine']:8.2f}   (target <= 1.3: "
        f"{_met(result['xlsx_ratio_to_calamine'] <= 1.3)})"
    )
    print(f"revised month ({fresh['rows']:,} lines, {revised.name})")
    print(
        f"  over the warehouse  {over['seconds']:8.2f} s  peak {over['peak_mb']} MB  "
        f"({over['loaded']:,} loaded, {over['status']})"
    )
    print(f"  into an empty one   {fresh['seconds']:8.2f} s  peak {fresh['peak_mb']} MB")
    print(
        f"  ratio over/fresh    {result['revision_ratio']:8.2f}   (target <= 2: "
        f"{_met(result['revision_ratio'] <= 2)})"
    )
    print(json.dumps(result))


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


if __name__ == "__main__":
    main()
