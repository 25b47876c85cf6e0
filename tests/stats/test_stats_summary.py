"""What the warehouse holds (`taraz summary`, `/api/v1/status`), from the hand-made warehouses of
tests/fixtures/datasets/history.py."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from taraz.calendar import parse_period
from taraz.stats import DataSpan, Query, data_span, open_engine, totals, warehouse_summary
from tests.fixtures import T0, TEHRAN, YAZD


def test_summary_by_jalali_year_and_flow(yazd):
    rows = warehouse_summary(yazd)["by_year"]
    assert [tuple(r.values()) for r in rows] == [
        (1403, "M", 2, Decimal("3000.00"), Decimal("1540.000")),
        (1403, "X", 4, Decimal("4900.00"), Decimal("22080.000")),
        (1404, "M", 3, Decimal("3700.00"), Decimal("1050.000")),
        # 1000 + 500 + 2000 + 1500 + 300 (Yazd) + 4000 + 600 (Tehran); the 300 has no weight
        (1404, "X", 7, Decimal("9900.00"), Decimal("36600.000")),
    ]


def test_summary_names_the_largest_exporters_of_the_latest_year(yazd):
    top = warehouse_summary(yazd, top=5)["top_export_provinces"]
    assert [(p["province"], p["name_en"], p["jalali_year"], p["value_usd"]) for p in top] == [
        (YAZD, "Yazd", 1404, Decimal("5300.00")),
        (TEHRAN, "Tehran", 1404, Decimal("4600.00")),
    ]


def test_summary_counts_the_batches(yazd):
    summary = warehouse_summary(yazd)
    assert (summary["batches_active"], summary["batches_total"]) == (1, 1)


def test_summary_as_of_before_any_load_is_empty(yazd):
    summary = warehouse_summary(yazd, as_of=T0 - timedelta(days=1))
    assert (summary["by_year"], summary["top_export_provinces"]) == ([], [])


def test_summary_applies_revisions_and_reverts(history_wh):
    with open_engine(history_wh) as engine:
        rows = warehouse_summary(engine)["by_year"]
    # live now: exports 1 + 4 + 6 + 10, imports 11 (tests/fixtures/datasets/history.py HISTORY_LIVE)
    assert [(r["flow"], r["lines"], r["value_usd"]) for r in rows] == [
        ("M", 1, Decimal("11.00")),
        ("X", 4, Decimal("21.00")),
    ]


def test_summary_years_are_the_country_totals_of_each_year(yazd):
    for row in warehouse_summary(yazd)["by_year"]:
        query = Query(province=None, period=parse_period(str(row["jalali_year"])))
        flow = "exports" if row["flow"] == "X" else "imports"
        assert totals(yazd, query)[flow]["value_usd"] == str(row["value_usd"])


def test_data_span_is_the_first_and_last_day_loaded(yazd):
    assert data_span(yazd) == DataSpan(date(2024, 3, 25), date(2025, 6, 15))


def test_data_span_leaves_out_a_reverted_batch(history_wh):
    # B00004, reverted, held the only Khordad line (2025-06-10)
    with open_engine(history_wh) as engine:
        assert data_span(engine) == DataSpan(date(2025, 4, 10), date(2025, 5, 14))


def test_data_span_of_an_empty_warehouse(wh):
    with open_engine(wh) as engine:
        assert data_span(engine) == DataSpan(None, None)
