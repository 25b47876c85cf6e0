"""A small trade warehouse built through the real import path, with figures worked out by hand.

Two canonical CSV files (one batch each): the first two Jalali months of 1403 and of 1404.
Yazd (IR-21) for 1404-01..1404-02 on the origin basis, by hand:

exports  D1 IQ 1000.00 + 500.00, D2 DE 2000.00 (cleared in Tehran), D3 AF 1500.00
         = 5000.00 USD, 10000 + 2000 + 100 + 15000 kg = 27.1 t, 4 lines, 3 declarations
         last year D4 IQ 2000.00 (20000 kg) + D5 DE 2000.00 (100 kg) = 4000.00 USD, 20.1 t
         growth (5000 - 4000) / 4000 = 25.00 %, weight (27.1 - 20.1) / 20.1 = 34.83 %
imports  D6 CN 3000.00 (500 kg) + D7 CN 1000.00 (200 kg) = 4000.00 USD, 0.7 t
         last year D8 CN 2000.00 + D9 AE 2000.00 = 4000.00 USD, 0.6 t: growth 0.00 %
balance  5000.00 - 4000.00 = 1000.00 (surplus); total trade 9000.00 against 8000.00: 12.50 %
sectors  exports: mining 3000.00 (60.00 %: marble 2515, tiles 6907), textiles 2000.00 (40.00 %)
partners exports: DE 2000.00 (40 %), IQ 1500.00 (30 %), AF 1500.00 (30 %)
attribution (exports): origin 5000.00; customs basis = cleared at Yazd's offices 3000.00 +
         Tehran's D10 700.00 = 3700.00; difference 1300.00 = D2 2000.00 cleared in Tehran - 700.00
whole country exports 1404-01..1404-02: 5000.00 + 700.00 = 5700.00
"""

from __future__ import annotations

import csv
from pathlib import Path

from taraz.ingest import ImportOptions, import_files
from taraz.ingest.layouts import CANONICAL_COLUMNS
from taraz.warehouse import Warehouse

HEADER = list(CANONICAL_COLUMNS)  # the canonical layout's headers, in order
PERIOD = "1404-01..1404-02"
YAZD = "IR-21"

LINES_1403 = [
    (
        "D4",
        1,
        "X",
        "2024-03-25",
        "25151200",
        "IQ",
        "IR21-YAZD",
        "IR-21",
        "T1",
        "sme",
        "2000.00",
        "20000.000",
    ),
    (
        "D5",
        1,
        "X",
        "2024-04-25",
        "57019010",
        "DE",
        "IR23-IMAMAIRPORT",
        "IR-21",
        "T2",
        "large",
        "2000.00",
        "100.000",
    ),
    (
        "D8",
        1,
        "M",
        "2024-04-01",
        "84713000",
        "CN",
        "IR21-YAZD",
        "IR-21",
        "T3",
        "sme",
        "2000.00",
        "300.000",
    ),
    (
        "D9",
        1,
        "M",
        "2024-05-01",
        "84713000",
        "AE",
        "IR21-YAZD",
        "IR-21",
        "T3",
        "sme",
        "2000.00",
        "300.000",
    ),
    (
        "D11",
        1,
        "X",
        "2024-04-05",
        "25151200",
        "IQ",
        "IR23-TEHRAN",
        "IR-23",
        "T9",
        "large",
        "300.00",
        "3000.000",
    ),
]
LINES_1404 = [
    (
        "D1",
        1,
        "X",
        "2025-03-25",
        "25151200",
        "IQ",
        "IR21-YAZD",
        "IR-21",
        "T1",
        "sme",
        "1000.00",
        "10000.000",
    ),
    (
        "D1",
        2,
        "X",
        "2025-03-25",
        "69072100",
        "IQ",
        "IR21-YAZD",
        "IR-21",
        "T1",
        "sme",
        "500.00",
        "2000.000",
    ),
    (
        "D2",
        1,
        "X",
        "2025-04-25",
        "57019010",
        "DE",
        "IR23-IMAMAIRPORT",
        "IR-21",
        "T2",
        "large",
        "2000.00",
        "100.000",
    ),
    (
        "D3",
        1,
        "X",
        "2025-05-10",
        "25151200",
        "AF",
        "IR21-YAZD",
        "IR-21",
        "T1",
        "sme",
        "1500.00",
        "15000.000",
    ),
    (
        "D6",
        1,
        "M",
        "2025-04-01",
        "84713000",
        "CN",
        "IR21-YAZD",
        "IR-21",
        "T3",
        "sme",
        "3000.00",
        "500.000",
    ),
    (
        "D7",
        1,
        "M",
        "2025-05-01",
        "84713000",
        "CN",
        "IR21-YAZD",
        "IR-21",
        "T3",
        "sme",
        "1000.00",
        "200.000",
    ),
    (
        "D10",
        1,
        "X",
        "2025-04-05",
        "25151200",
        "IQ",
        "IR21-YAZD",
        "IR-23",
        "T9",
        "large",
        "700.00",
        "7000.000",
    ),
]
# a later file: one more Yazd export in Ordibehesht 1404 (for upload tests)
LINES_EXTRA = [
    (
        "D12",
        1,
        "X",
        "2025-05-15",
        "25151200",
        "IQ",
        "IR21-YAZD",
        "IR-21",
        "T1",
        "sme",
        "250.00",
        "2500.000",
    ),
]


def write_canonical(path: Path, lines) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for (
            decl,
            no,
            flow,
            day,
            hs,
            partner,
            office,
            province,
            trader,
            size,
            value,
            weight,
        ) in lines:
            w.writerow(
                [
                    decl,
                    no,
                    flow,
                    day,
                    hs,
                    partner,
                    "",
                    office,
                    province,
                    trader,
                    size,
                    value,
                    weight,
                    "",
                    "",
                ]
            )
    return path


def build_trade(folder: Path) -> Path:
    """The warehouse file of this module's lines, imported as two batches."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "trade.duckdb"
    files = [
        write_canonical(folder / "canonical-1403.csv", LINES_1403),
        write_canonical(folder / "canonical-1404.csv", LINES_1404),
    ]
    with Warehouse.open(target) as wh:
        for f in files:
            report = import_files(wh, [f], ImportOptions(user="fixture"))
            assert report.status == "loaded", report.to_dict()
    return target
