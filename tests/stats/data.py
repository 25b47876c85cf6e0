"""Small hand-made warehouses for the stats tests, loaded through the real import path.

The main fixture ("yazd") is one canonical CSV covering Farvardin 1403 to Khordad 1404. The
figures each test expects are worked out by hand from the lines below (dates converted to
Jalali in the comments).
"""

from __future__ import annotations

import csv
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from taraz.calendar import parse_period
from taraz.ingest import ImportOptions, import_files
from taraz.ingest.layouts import CANONICAL_COLUMNS
from taraz.warehouse import Warehouse
from taraz.warehouse.batches import revert_batch

HEADER = list(CANONICAL_COLUMNS)  # the canonical layout's headers, in order
YAZD, TEHRAN, FARS = "IR-21", "IR-23", "IR-07"
T0 = datetime(2025, 7, 1, 8, 0, tzinfo=UTC)


def line(decl, no, flow, day, hs, partner, office, province, trader, size, value, weight):
    """One canonical row, in HEADER order (no consignment, quantity or unit)."""
    consignment = quantity = unit = ""
    row = [decl, no, flow, day, hs, partner, consignment, office, province, trader, size]
    return [*row, value, weight, quantity, unit]


# fmt: off
YAZD_LINES = [
    # -- Yazd exports, 1404-Q1 (21 Mar - 21 Jun 2025) -----------------------------------------
    line("D1", "1", "X", "2025-03-25", "69072100", "IQ", "IR21-YAZD", YAZD, "T1", "sme", "1000.00", "4000"),    # 1404-01-05 tiles (mining)
    line("D1", "2", "X", "2025-03-25", "25161100", "IQ", "IR21-YAZD", YAZD, "T1", "sme", "500.00", "10000"),    # 1404-01-05 granite (mining)
    line("D2", "1", "X", "2025-04-25", "57019010", "AF", "IR23-TEHRAN", YAZD, "T2", "large", "2000.00", "100"),  # 1404-02-05 carpets (textiles)
    line("D3", "1", "X", "2025-06-10", "08025100", "AE", "IR23-TEHRAN", YAZD, "T3", "large", "1500.00", "500"),  # 1404-03-20 pistachios (agriculture)
    line("", "", "X", "2025-06-01", "2516", "", "", YAZD, "", "", "300.00", ""),                                 # 1404-03-11 aggregated: no id, partner, office, weight
    # -- Yazd exports, 1403-Q1 (20 Mar - 20 Jun 2024) -----------------------------------------
    line("E1", "1", "X", "2024-03-25", "69072100", "IQ", "IR21-YAZD", YAZD, "T1", "sme", "800.00", "3000"),     # 1403-01-06
    line("E2", "1", "X", "2024-05-15", "57019010", "AF", "IR23-TEHRAN", YAZD, "T2", "large", "1200.00", "80"),  # 1403-02-26
    line("E3", "1", "X", "2024-06-15", "25161100", "IQ", "IR21-YAZD", YAZD, "T1", "sme", "2000.00", "16000"),   # 1403-03-26
    # -- Yazd imports, 1404-Q1 ----------------------------------------------------------------
    line("M1", "1", "M", "2025-04-01", "84719000", "CN", "IR21-YAZD", YAZD, "T4", "sme", "2500.00", "50"),      # 1404-01-12 (industry)
    line("M2", "1", "M", "2025-06-15", "39011000", "TR", "IR23-TEHRAN", YAZD, "T4", "sme", "700.00", "1000"),   # 1404-03-25 (petrochemical)
    line("M3", "1", "M", "2025-05-01", "84719000", "CN", "IR21-YAZD", YAZD, "T5", "sme", "500.00", ""),         # 1404-02-11, no weight
    # -- Yazd imports, 1403-Q1 ----------------------------------------------------------------
    line("N1", "1", "M", "2024-04-01", "84719000", "CN", "IR21-YAZD", YAZD, "T4", "sme", "2000.00", "40"),      # 1403-01-13
    line("N2", "1", "M", "2024-06-10", "39011000", "TR", "IR21-YAZD", YAZD, "T4", "sme", "1000.00", "1500"),    # 1403-03-21
    # -- Tehran exports, 1404-Q1: one cleared in Yazd, one in Tehran ----------------------------
    line("T1", "1", "X", "2025-05-01", "25161100", "IQ", "IR21-YAZD", TEHRAN, "T9", "large", "4000.00", "20000"),  # 1404-02-11
    line("T2", "1", "X", "2025-05-02", "69072100", "AF", "IR23-TEHRAN", TEHRAN, "T9", "large", "600.00", "2000"),  # 1404-02-12
    line("T3", "1", "X", "2024-05-02", "69072100", "AF", "IR23-TEHRAN", TEHRAN, "T9", "large", "900.00", "3000"),  # 1403-02-13
]
# fmt: on


def write_lines(path: Path, rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def load(wh: Warehouse, directory: Path, name: str, rows, **options):
    """Import `rows` as one canonical CSV; the report must say loaded."""
    report = import_files(wh, [write_lines(directory / name, rows)], ImportOptions(**options))
    assert report.status == "loaded", report
    return report


def build_yazd(directory: Path) -> Warehouse:
    wh = Warehouse.open(directory / "yazd.duckdb")
    load(wh, directory, "lines.csv", YAZD_LINES, now=T0)
    return wh


def build_partial(directory: Path) -> Warehouse:
    """Exports of Yazd: all of 1404-Q1, but of 1403-Q1 only Farvardin and Ordibehesht."""
    wh = Warehouse.open(directory / "partial.duckdb")
    this_year = [r for r in YAZD_LINES if r[2] == "X" and r[8] == YAZD and r[3] >= "2025"]
    last_year = [
        r for r in YAZD_LINES if r[2] == "X" and r[8] == YAZD and "2024" < r[3] < "2024-05-21"
    ]
    load(wh, directory, "1404.csv", this_year, now=T0)
    load(wh, directory, "1403.csv", last_year, now=T0)
    return wh


def build_revised(directory: Path) -> Warehouse:
    """Yazd exports of Farvardin 1404: 100 dollars at T0, revised to 150 dollars at T0 + 1 day."""
    wh = Warehouse.open(directory / "revised.duckdb")
    # fmt: off
    first = line("R1", "1", "X", "2025-04-10", "69072100", "IQ", "IR21-YAZD", YAZD, "T1", "sme", "100.00", "400")
    second = line("R2", "1", "X", "2025-04-10", "69072100", "IQ", "IR21-YAZD", YAZD, "T1", "sme", "150.00", "600")
    # fmt: on
    load(wh, directory, "farvardin.csv", [first], now=T0)
    load(wh, directory, "farvardin-revised.csv", [second], now=T0 + timedelta(days=1))
    return wh


# Revisions, other sources, other flows and provinces, and a revert, for the live-lines rule.
# Each line is known by its value (dollars); the batches, in load order (source / period):
#   B00001 T0       customs  1404-01..02  Yazd X Farvardin 1, Ordibehesht 2; Yazd M Farvardin 3;
#                                        Tehran X Farvardin 4
#   B00002 T0 + 1d  customs  1404-02      Yazd X Ordibehesht 5          (replaces 2)
#   B00003 T0 + 2d  chamber  1404-01      Yazd X Farvardin 6            (another source: adds)
#   B00004 T0 + 3d  customs  1404-01..03  Yazd X Farvardin 7, Ordibehesht 8, Khordad 9
#                                                                       (replaces 1, 5)
#   B00005 T0 + 4d  customs  1404-02      Yazd X Ordibehesht 10         (replaces 8)
#   B00004 reverted at T0 + 5d: 1 comes back; 5 stays replaced by B00005
#   B00006 T0 + 6d  customs  1404-01      Yazd M Farvardin 11           (replaces 3)
# fmt: off
HISTORY_BATCHES = [  # (days after T0, source, period, [(flow, date, province, value)])
    (0, "customs", "1404-01..1404-02", [("X", "2025-04-10", YAZD, "1"), ("X", "2025-05-10", YAZD, "2"),
                                        ("M", "2025-04-10", YAZD, "3"), ("X", "2025-04-10", TEHRAN, "4")]),
    (1, "customs", "1404-02", [("X", "2025-05-12", YAZD, "5")]),
    (2, "chamber", "1404-01", [("X", "2025-04-11", YAZD, "6")]),
    (3, "customs", "1404-01..1404-03", [("X", "2025-04-12", YAZD, "7"), ("X", "2025-05-13", YAZD, "8"),
                                        ("X", "2025-06-10", YAZD, "9")]),
    (4, "customs", "1404-02", [("X", "2025-05-14", YAZD, "10")]),
    (6, "customs", "1404-01", [("M", "2025-04-12", YAZD, "11")]),
]
# fmt: on
HISTORY_REVERT = ("B00004", T0 + timedelta(days=5))
# the lines live at each moment, worked out by hand from the table above
HISTORY_LIVE = {
    T0 - timedelta(days=1): [],
    T0: [1, 2, 3, 4],  # loaded at that very moment
    T0 + timedelta(hours=1): [1, 2, 3, 4],
    T0 + timedelta(days=1, hours=1): [1, 3, 4, 5],
    T0 + timedelta(days=2, hours=1): [1, 3, 4, 5, 6],
    T0 + timedelta(days=3, hours=1): [3, 4, 6, 7, 8, 9],
    T0 + timedelta(days=4, hours=1): [3, 4, 6, 7, 9, 10],
    T0 + timedelta(days=5): [1, 3, 4, 6, 10],  # reverted at that very moment
    T0 + timedelta(days=5, hours=1): [1, 3, 4, 6, 10],
    T0 + timedelta(days=6, hours=1): [1, 4, 6, 10, 11],
    None: [1, 4, 6, 10, 11],
}


def build_history(directory: Path) -> Warehouse:
    wh = Warehouse.open(directory / "history.duckdb")
    for i, (days, source, period, lines) in enumerate(HISTORY_BATCHES):
        rows = [
            line("", "", flow, day, "69072100", "IQ", "IR21-YAZD", province, "", "", value, "1")
            for flow, day, province, value in lines
        ]
        load(
            wh,
            directory,
            f"batch{i + 1}.csv",
            rows,
            source=source,
            period=parse_period(period),
            now=T0 + timedelta(days=days),
        )
    # `taraz revert` stamps the clock's moment; the history needs it between two loads
    batch_id, moment = HISTORY_REVERT
    revert_batch(wh, batch_id)
    wh.con.execute("UPDATE batches SET reverted_at = ? WHERE batch_id = ?", [moment, batch_id])
    return wh


HS_CODES = ["69072100", "25161100", "57019010", "08025100", "84719000", "39011000", "2516"]
PARTNERS = ["IQ", "AF", "AE", "CN", "TR", ""]
OFFICES = ["IR21-YAZD", "IR23-TEHRAN", "IR07-FARS", ""]


def random_lines(seed: int = 7, n: int = 600):
    """Deterministic random lines over 1403-1404 (Jalali) for the property tests."""
    rng = random.Random(seed)
    first = date(2024, 3, 20)  # 1 Farvardin 1403
    days = (date(2026, 3, 20) - first).days + 1  # to 29 Esfand 1404
    rows = []
    for i in range(n):
        weight = "" if rng.random() < 0.05 else f"{rng.randint(0, 500000) / 1000:.3f}"
        rows.append(
            line(
                f"R{i // 2}",
                str(i % 2 + 1),
                rng.choice("XM"),
                (first + timedelta(days=rng.randrange(days))).isoformat(),
                rng.choice(HS_CODES),
                rng.choice(PARTNERS),
                rng.choice(OFFICES),
                rng.choice([YAZD, YAZD, TEHRAN, FARS]),
                f"T{rng.randint(1, 20)}",
                rng.choice(["sme", "large", ""]),
                f"{rng.randint(1, 10_000_000) / 100:.2f}",
                weight,
            )
        )
    # both ends of the span, so that every (flow, province) is covered for the two whole years
    for flow in "XM":
        for province in (YAZD, TEHRAN, FARS):
            for day in ("2024-03-20", "2026-03-20"):
                rows.append(
                    line(
                        "", "", flow, day, "2516", "IQ", "IR21-YAZD", province, "", "", "1.00", "1"
                    )
                )
    return rows


def build_random(directory: Path) -> Warehouse:
    wh = Warehouse.open(directory / "random.duckdb")
    load(wh, directory, "random.csv", random_lines(), now=T0)
    return wh
