"""One firm's own figures by its commercial card number: the `trader` filter on any query, and
`trader_figures` (by quarter, products, markets) against TRADERS, worked out by hand in
tests/fixtures/datasets/traders.py."""

from __future__ import annotations

from datetime import timedelta

import pytest

from taraz.calendar import parse_period
from taraz.errors import TarazError
from taraz.reference import load_reference
from taraz.stats import Query, export_parquet, last_loaded_quarters, open_engine, totals
from taraz.stats import trader_figures as figures_of
from taraz.warehouse import Warehouse
from tests.fixtures import T0, TRADERS, YAZD
from tests.fixtures.datasets.traders import FIRM_A, FIRM_B, FIRM_C, NO_LINES, TRADERS_PERIOD


@pytest.fixture(scope="module")
def traders_wh(dataset_file):
    wh = Warehouse.open(dataset_file(TRADERS), read_only=True)
    yield wh
    wh.close()


@pytest.fixture(scope="module")
def traders(traders_wh):
    with open_engine(traders_wh) as engine:
        yield engine


@pytest.fixture(scope="module")
def firm_a(traders):
    return figures_of(traders, FIRM_A)


def quarter_rows(fig):
    return [
        (q["quarter"], q["loaded"], q["value_usd"], q["weight_t"], q["last_year"]["loaded"])
        for q in fig["quarters"]
    ]


# -- the filter --------------------------------------------------------------------------------


def test_a_trader_narrows_every_figure_to_that_firms_lines(traders):
    # 1404-Q1: A exported A5 1000 + A6 500 + A7 300 and imported M1 2000; C exported C1 4000;
    # the aggregated line without a card (300) is nobody's
    q1 = parse_period("1404-Q1")
    a = totals(traders, Query(province=None, period=q1, trader=FIRM_A))
    c = totals(traders, Query(province=None, period=q1, trader=FIRM_C))
    assert (a["exports"]["value_usd"], a["imports"]["value_usd"]) == ("1800.00", "2000.00")
    assert c["exports"]["value_usd"] == "4000.00"


def test_a_trader_and_a_province_narrow_together(traders):
    # C's line is Tehran's: none of it is Yazd's
    q1 = parse_period("1404-Q1")
    c_in_yazd = totals(traders, Query(province=YAZD, period=q1, trader=FIRM_C))
    assert (c_in_yazd["exports"]["value_usd"], c_in_yazd["exports"]["lines"]) == ("0.00", 0)


def test_a_trader_query_still_refuses_a_period_with_nothing_loaded(traders):
    with pytest.raises(TarazError) as caught:
        totals(traders, Query(province=None, period=parse_period("1402-Q1"), trader=FIRM_A))
    assert caught.value.code == "stats.not-loaded"


# -- the default period ------------------------------------------------------------------------


def test_the_default_period_is_the_last_four_wholly_loaded_quarters(traders):
    # loaded from Farvardin 1403 to Tir 1404: 1404-Q2 is partial, so 1403-Q2 .. 1404-Q1
    assert last_loaded_quarters(traders).label == TRADERS_PERIOD


def test_an_empty_warehouse_as_of_before_the_load_has_no_default_period(traders):
    with pytest.raises(TarazError) as caught:
        figures_of(traders, FIRM_A, as_of=T0 - timedelta(days=1))
    assert caught.value.code == "stats.nothing-loaded-as-of"


# -- by quarter --------------------------------------------------------------------------------


def test_by_quarter_worked_out_by_hand(firm_a):
    # a year before 1403-Q2 .. 1403-Q4 nothing is loaded; 1403-Q3 is loaded and A sold nothing
    assert quarter_rows(firm_a) == [
        ("1403-Q2", "complete", "1200.00", "6.000000", "none"),
        ("1403-Q3", "complete", "0.00", "0.000000", "none"),
        ("1403-Q4", "complete", "600.00", "12.000000", "none"),
        ("1404-Q1", "complete", "1800.00", "7.600000", "complete"),
    ]


def test_a_quarter_a_year_earlier_not_loaded_is_none_never_zero(firm_a):
    earlier = firm_a["quarters"][0]
    assert earlier["last_year"]["value_usd"] is None
    assert (earlier["growth_value_pct"], earlier["growth_reason"]) == (
        None,
        "incomplete_coverage",
    )


def test_growth_against_the_same_quarter_last_year(firm_a):
    # 1404-Q1 1800.00 against 1403-Q1 1200.00: +50.00 %; 7.6 t against 12 t: -36.67 %
    q1 = firm_a["quarters"][-1]
    assert (q1["last_year"]["value_usd"], q1["last_year"]["weight_t"]) == ("1200.00", "12.000000")
    assert (q1["growth_value_pct"], q1["growth_weight_pct"]) == ("50.00", "-36.67")


def test_growth_to_nothing_is_minus_a_hundred(traders):
    # B: nothing in 1404-Q1 against B1 1000.00 in 1403-Q1
    q1 = figures_of(traders, FIRM_B)["quarters"][-1]
    assert (q1["value_usd"], q1["growth_value_pct"]) == ("0.00", "-100.00")


def test_quarters_are_labelled_in_the_jalali_calendar(firm_a):
    q1 = firm_a["quarters"][-1]
    assert q1["label_fa"] == "فصل اول (بهار) ۱۴۰۴"
    assert q1["label_en"].startswith("Q1 1404 (Farvardin-Khordad")


def test_a_partly_loaded_quarter_says_so(traders):
    # only Tir of 1404-Q2 is loaded: A9 700.00; no growth against a part of a quarter
    fig = figures_of(traders, FIRM_A, parse_period("1404-01..1404-06"))
    assert quarter_rows(fig) == [
        ("1404-Q1", "complete", "1800.00", "7.600000", "complete"),
        ("1404-Q2", "partial", "700.00", "3.500000", "complete"),
    ]
    assert fig["quarters"][1]["growth_value_pct"] is None


# -- totals, products, markets -----------------------------------------------------------------


def test_totals_over_the_period(firm_a):
    # 1200 + 0 + 600 + 1800 = 3600.00 USD; 25.6 t; 5 lines. A year earlier only 1403-Q1 is
    # loaded, so no growth for the whole period
    t = firm_a["totals"]
    assert (t["value_usd"], t["weight_t"], t["lines"]) == ("3600.00", "25.600000", 5)
    assert (t["last_year"]["loaded"], t["growth"]["available"]) == ("partial", False)


def test_top_products_worked_out_by_hand(firm_a):
    products = firm_a["products"]
    assert [
        (p["code"], p["value_usd"], p["weight_t"], p["share_pct"]) for p in products["items"]
    ] == [
        ("690721", "2700.00", "13.500000", "75.00"),
        ("251611", "600.00", "12.000000", "16.67"),
        ("080251", "300.00", "0.100000", "8.33"),
    ]
    assert (products["count"], products["unspecified"]) == (3, None)


def test_products_carry_their_names_from_the_reference(firm_a):
    hs = load_reference().hs["080251"]
    pistachios = firm_a["products"]["items"][2]
    assert (pistachios["name_fa"], pistachios["name_en"]) == (hs.description_fa, hs.description_en)


def test_top_products_are_cut_at_top(traders):
    items = figures_of(traders, FIRM_A, top=1)["products"]
    assert ([p["code"] for p in items["items"]], items["count"]) == (["690721"], 3)


def test_markets_reached_worked_out_by_hand(firm_a):
    # IQ 1200 + 600 + 1000 = 2800.00 (77.78 %), AE 500 + 300 = 800.00 (22.22 %); AF was
    # reached only a year earlier, so it is not a market reached in the period
    markets = firm_a["markets"]["items"]
    assert [(m["code"], m["name_en"], m["value_usd"], m["share_pct"]) for m in markets] == [
        ("IQ", "Iraq", "2800.00", "77.78"),
        ("AE", "United Arab Emirates", "800.00", "22.22"),
    ]


# -- a firm with no line, and what the figures carry -------------------------------------------


def test_a_card_with_no_line_in_the_loaded_data_is_not_found(traders):
    fig = figures_of(traders, NO_LINES)
    assert (fig["found"], fig["products"]["count"], fig["markets"]["count"]) == (False, 0, 0)
    assert fig["coverage"]["flows"]["exports"]["period"]["complete"] is True


def test_the_figures_name_the_trader_and_carry_as_of_and_coverage(traders):
    fig = figures_of(traders, FIRM_A, as_of=T0 + timedelta(hours=1))
    assert (fig["trader"], fig["query"]["trader"]) == (FIRM_A, FIRM_A)
    assert fig["query"]["as_of"] == (T0 + timedelta(hours=1)).isoformat()
    assert fig["coverage"]["coverage_rule"] == "any-province"
    # the batches the figures stand on: quarters.csv, with A's lines of the period and of the
    # year before, both flows (A1 .. A7 and M1); Tir's file holds nothing of the period
    assert [(b["files"], b["lines_used"]) for b in fig["coverage"]["batches"]] == [
        (["quarters.csv"], 8)
    ]


def test_duckdb_on_the_parquet_export_gives_the_same_firms_figures(traders_wh, firm_a, tmp_path):
    export_parquet(traders_wh, tmp_path / "export")
    with open_engine(tmp_path / "export") as parquet:
        assert figures_of(parquet, FIRM_A) == firm_a
