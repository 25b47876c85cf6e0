"""Totals, balance and growth on the Yazd quarters (tests/fixtures QUARTERS)."""

from __future__ import annotations

import pytest

from taraz.calendar import parse_period
from taraz.errors import TarazError
from taraz.stats import Query, totals
from tests.fixtures import YAZD

Q1 = parse_period("1404-Q1")


def yazd_q1(**kw):
    return Query(province=YAZD, period=Q1, **kw)


def test_exports_value_is_the_sum_of_the_lines(yazd):
    # 1000 + 500 + 2000 + 1500 + 300
    assert totals(yazd, yazd_q1())["exports"]["value_usd"] == "5300.00"


def test_weight_is_in_tonnes_exactly(yazd):
    # 4000 + 10000 + 100 + 500 kg (the aggregated line has no weight) = 14.6 t
    assert totals(yazd, yazd_q1())["exports"]["weight_t"] == "14.600000"


def test_declarations_are_distinct_ids_and_lines_without_id_count_as_lines_only(yazd):
    exports = totals(yazd, yazd_q1())["exports"]
    # D1 (two lines), D2, D3, and one aggregated line without an id
    assert (exports["declarations"], exports["lines"], exports["lines_without_declaration_id"]) == (
        3,
        5,
        1,
    )


def test_balance_is_exports_minus_imports(yazd):
    t = totals(yazd, yazd_q1())
    # imports 2500 + 700 + 500 = 3700
    assert (t["imports"]["value_usd"], t["balance"]["value_usd"], t["balance"]["sign"]) == (
        "3700.00",
        "1600.00",
        "surplus",
    )


def test_total_trade_adds_both_flows(yazd):
    trade = totals(yazd, yazd_q1())["total_trade"]
    # 5300 + 3700 dollars; 14600 + 1050 kg
    assert (trade["value_usd"], trade["weight_t"]) == ("9000.00", "15.650000")


def test_growth_against_the_same_period_last_year(yazd):
    growth = totals(yazd, yazd_q1())["exports"]["growth"]
    # value: 1403-Q1 = 800 + 1200 + 2000 = 4000 -> (5300 - 4000) / 4000 = 32.5 %
    # weight: 3000 + 80 + 16000 = 19080 kg -> (14600 - 19080) / 19080 = -23.4800... %
    assert (growth["available"], growth["value_pct"], growth["weight_pct"]) == (
        True,
        "32.50",
        "-23.48",
    )


def test_import_growth_rounds_half_up_to_two_decimals(yazd):
    # (3700 - 3000) / 3000 = 23.333... %
    assert totals(yazd, yazd_q1())["imports"]["growth"]["value_pct"] == "23.33"


def test_no_growth_when_last_year_is_only_partly_loaded(partial):
    growth = totals(partial, yazd_q1())["exports"]["growth"]
    assert (growth["available"], growth["reason"], growth["value_pct"]) == (
        False,
        "incomplete_coverage",
        None,
    )


def test_no_growth_when_this_period_is_not_wholly_loaded(yazd):
    # the warehouse ends with Khordad 1404: Tir is not loaded
    query = Query(province=YAZD, period=parse_period("1404-01..1404-04"))
    growth = totals(yazd, query)["exports"]["growth"]
    assert (growth["available"], growth["reason"]) == (False, "incomplete_coverage")


def test_a_period_with_nothing_loaded_is_not_loaded_never_zero(yazd):
    # the warehouse ends with Khordad 1404: nothing of the second quarter is loaded
    with pytest.raises(TarazError) as caught:
        totals(yazd, Query(province=YAZD, period=parse_period("1404-Q2")))
    assert caught.value.code == "stats.not-loaded"
    assert caught.value.kind == "not-loaded"


def test_a_period_that_has_not_begun_is_said_to_be_in_the_future(yazd):
    with pytest.raises(TarazError) as caught:
        totals(yazd, Query(province=YAZD, period=parse_period("1499")))
    assert caught.value.code == "stats.future-period"


def test_whole_country_adds_every_province(yazd):
    # Yazd 5300 + Tehran 4000 + 600
    assert totals(yazd, Query(province=None, period=Q1))["exports"]["value_usd"] == "9900.00"


def test_customs_basis_counts_what_the_province_cleared(yazd):
    # cleared at IR21-YAZD: 1000 + 500 (Yazd's) + 4000 (Tehran's)
    exports = totals(yazd, yazd_q1(basis="customs"))["exports"]
    assert exports["value_usd"] == "5500.00"


def test_a_province_with_nothing_loaded_is_not_loaded_never_zero(yazd):
    with pytest.raises(TarazError) as caught:
        totals(yazd, Query(province="IR-01", period=Q1))
    assert caught.value.code == "stats.not-loaded"
