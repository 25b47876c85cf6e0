"""The canonical layout (CSV, Parquet) and any other layout through a mapping file."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from taraz.errors import UsageError
from taraz.ingest import ImportOptions, import_files, load_mapping
from tests.fixtures import YAZD, Line, write_canonical_csv


def test_canonical_csv_loads_every_field(wh, tmp_path):
    path = write_canonical_csv(
        tmp_path / "lines.csv",
        [
            Line("D1", 1, "X", "2025-06-05", "69072100", "IQ", "", YAZD, "T9", "sme", "1000.50", "5000.125"),
            Line("D1", 2, "M", "2025-06-06", "84181000", "CN", "", YAZD, "T9", "large", "2000", "10",
                 consignment="AE", quantity="3", unit="u"),
        ],
    )  # fmt: skip
    report = import_files(wh, [path])
    assert report.status == "loaded", report
    rows = wh.con.execute(
        "SELECT declaration_id, line_no, flow, date, partner, consignment, trader_size, value_usd, weight_kg, quantity FROM lines ORDER BY line_no"
    ).fetchall()
    assert rows == [
        (
            "D1",
            1,
            "X",
            date(2025, 6, 5),
            "IQ",
            None,
            "sme",
            Decimal("1000.50"),
            Decimal("5000.125"),
            None,
        ),
        (
            "D1",
            2,
            "M",
            date(2025, 6, 6),
            "CN",
            "AE",
            "large",
            Decimal("2000.00"),
            Decimal("10.000"),
            Decimal("3.000"),
        ),
    ]


def test_canonical_parquet_loads(wh, tmp_path):
    table = pa.table(
        {
            "flow": ["X", "X"],
            "date": pa.array([date(2025, 6, 5), date(2025, 6, 6)], pa.date32()),
            "hs_code": ["690721", "2601"],
            "province": ["IR-21", "IR-21"],
            "value_usd": pa.array([Decimal("10.25"), Decimal("5.00")], pa.decimal128(18, 2)),
            "weight_kg": pa.array([Decimal("100"), Decimal("50")], pa.decimal128(18, 3)),
        }
    )
    pq.write_table(table, tmp_path / "x.parquet")
    report = import_files(wh, [tmp_path / "x.parquet"])
    assert (report.rows_loaded, report.value_usd, report.hs_digits) == (2, "15.25", 4)


def write_mapping(tmp_path, body: str):
    path = tmp_path / "m.toml"
    path.write_text(body, encoding="utf-8")
    return load_mapping(path)


def test_mapping_with_year_and_month_columns_currency_rates_and_a_crosswalk(wh, tmp_path):
    # an aggregated monthly source: no declaration number, HS at 4 digits, euros, partner codes of its own
    with (tmp_path / "agg.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            ["Year", "Month", "Product", "Partner", "Trade value (EUR thousands)", "Net weight (t)"]
        )
        w.writerow(["1404", "3", "6907", "P-IRQ", "2", "1.5"])
        w.writerow(["1404", "4", "6907", "P-AFG", "4", "3"])
    (tmp_path / "rates.csv").write_text(
        "month,currency,usd_per_unit\n1404-03,EUR,1.10\n1404-04,EUR,1.20\n"
    )
    (tmp_path / "partners.csv").write_text("from,to\nP-IRQ,IQ\nP-AFG,AF\n")
    mapping = write_mapping(
        tmp_path,
        """
name = "chamber-monthly"
[columns]
date_year = "Year"
date_month = "Month"
hs_code = "Product"
partner = "Partner"
value = "Trade value (EUR thousands)"
weight = "Net weight (t)"
[constants]
flow = "X"
province = "IR-21"
[date]
calendar = "jalali"
[value]
currency = "EUR"
scale = 1000
rates = "rates.csv"
[weight]
unit = "t"
[crosswalk]
partner = "partners.csv"
""",
    )
    report = import_files(wh, [tmp_path / "agg.csv"], ImportOptions(mapping=mapping))
    assert (report.status, report.layout, report.hs_digits) == (
        "loaded",
        "mapping:chamber-monthly",
        4,
    )
    rows = wh.con.execute(
        "SELECT date, partner, value_usd, weight_kg FROM lines ORDER BY date"
    ).fetchall()
    # 2 thousand EUR x 1.10 = 2200 USD on 1 Khordad 1404 (22 May 2025); 4 x 1000 x 1.20 = 4800
    assert rows == [
        (date(2025, 5, 22), "IQ", Decimal("2200.00"), Decimal("1500.000")),
        (date(2025, 6, 22), "AF", Decimal("4800.00"), Decimal("3000.000")),
    ]


def test_a_month_without_an_exchange_rate_is_quarantined(wh, tmp_path):
    (tmp_path / "a.csv").write_text("Y,M,HS,V\n1404,5,6907,10\n", encoding="utf-8")
    (tmp_path / "rates.csv").write_text("month,currency,usd_per_unit\n1404-03,EUR,1.10\n")
    mapping = write_mapping(
        tmp_path,
        '[columns]\ndate_year="Y"\ndate_month="M"\nhs_code="HS"\nvalue="V"\n'
        '[constants]\nflow="X"\nprovince="IR-21"\n[value]\ncurrency="EUR"\nrates="rates.csv"\n',
    )
    report = import_files(wh, [tmp_path / "a.csv"], ImportOptions(mapping=mapping))
    assert [q.code for q in report.quarantine] == ["ingest.no-rate"]


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ('[columns]\nhs_code="A"\n', "columns.value"),
        ('[columns]\nhs_code="A"\nvalue="B"\ndate="C"\nvolume="D"\n', "volume"),
        ('[columns]\nhs_code="A"\nvalue="B"\ndate="C"\n[weight]\nunit="lb"\n', "weight.unit"),
        ('[columns]\nhs_code="A"\nvalue="B"\ndate="C"\n[value]\ncurrency="EUR"\n', "value.rates"),
    ],
)
def test_a_bad_mapping_file_says_which_key_is_wrong(tmp_path, body, key):
    with pytest.raises(UsageError) as err:
        write_mapping(tmp_path, body)
    assert err.value.context["key"] == key
    assert err.value.message_fa and err.value.message_en
