"""Concentration, unit values and the exact arithmetic behind every derived figure."""

from __future__ import annotations

from decimal import Decimal

from taraz.calendar import parse_period
from taraz.stats import Query, concentration, unit_values
from taraz.stats.measures import growth, hhi, share, tonnes, usd_per_tonne
from tests.fixtures import YAZD

YAZD_Q1 = Query(province=YAZD, period=parse_period("1404-Q1"))


def test_hhi_of_export_partners_by_hand(yazd):
    partners = concentration(yazd, YAZD_Q1)["exports"]["partners"]
    # specified partners: AF 2000, IQ 1500, AE 1500 of 5000 -> 40 %, 30 %, 30 %
    # HHI = 40^2 + 30^2 + 30^2 = 3400; the unspecified 300 of 5300 is reported beside it
    assert (partners["hhi"], partners["groups"], partners["unspecified_share_pct"]) == (
        "3400.00",
        3,
        "5.66",
    )


def test_hhi_of_import_products_by_hand(yazd):
    products = concentration(yazd, YAZD_Q1)["imports"]["products"]
    # 847190: 3000, 390110: 700 of 3700 -> (3000/3700)^2 + (700/3700)^2 = 0.69320...
    assert products["hhi"] == "6932.07"


def test_unit_value_in_dollars_per_tonne(yazd):
    items = {i["code"]: i["usd_per_t"] for i in unit_values(yazd, YAZD_Q1)["exports"]}
    # 690721: 1000 USD / 4 t; 251611: 500 USD / 10 t
    assert (items["690721"], items["251611"]) == ("250.00", "50.00")


def test_unit_value_leaves_out_lines_without_weight(yazd):
    items = {i["code"]: i for i in unit_values(yazd, YAZD_Q1)["imports"]}
    # 847190: M1 2500 USD / 0.05 t; M3 (500 USD) has no weight
    assert (items["847190"]["usd_per_t"], items["847190"]["value_usd"]) == ("50000.00", "2500.00")


def test_unit_value_change_against_last_year(yazd):
    items = {i["code"]: i for i in unit_values(yazd, YAZD_Q1)["exports"]}
    # 690721: 250 USD/t now, 800 USD / 3 t = 266.67 USD/t last year -> -6.25 %
    assert (items["690721"]["last_year_usd_per_t"], items["690721"]["change_pct"]) == (
        "266.67",
        "-6.25",
    )


def test_tonnes_move_the_decimal_point_exactly():
    assert tonnes(Decimal("1234567.891")) == "1234.567891"


def test_share_of_nothing_is_none():
    assert share(Decimal(5), Decimal(0)) is None


def test_growth_from_zero_is_none():
    assert growth(Decimal(5), Decimal(0)) is None


def test_hhi_of_a_single_partner_is_ten_thousand():
    assert hhi([Decimal("123.45")]) == "10000.00"


def test_unit_value_without_weight_is_none():
    assert usd_per_tonne(Decimal(100), Decimal(0)) is None
