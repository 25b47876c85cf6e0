"""Origin basis against customs basis, reconciled on the Yazd quarters (tests/fixtures QUARTERS)."""

from __future__ import annotations

from taraz.calendar import parse_period
from taraz.stats import Query, attribution
from tests.fixtures import TEHRAN, YAZD

YAZD_Q1 = Query(province=YAZD, period=parse_period("1404-Q1"))


def test_origin_and_customs_basis_differ(yazd):
    x = attribution(yazd, YAZD_Q1)["exports"]
    # origin: Yazd's own 5300; customs: cleared in Yazd 1000 + 500 + Tehran's 4000 = 5500
    assert (
        x["origin_basis"]["value_usd"],
        x["customs_basis"]["value_usd"],
        x["difference_value_usd"],
    ) == (
        "5300.00",
        "5500.00",
        "-200.00",
    )


def test_own_lines_cleared_elsewhere_by_office_province(yazd):
    elsewhere = attribution(yazd, YAZD_Q1)["exports"]["own_lines_cleared_elsewhere"]
    # Tehran's offices cleared D2 2000 + D3 1500 (66.04 % of 5300); one line names no office
    assert [(e["office_province"]["code"], e["value_usd"], e["share_pct"]) for e in elsewhere] == [
        (TEHRAN, "3500.00", "66.04"),
        (None, "300.00", "5.66"),
    ]


def test_other_provinces_cleared_here(yazd):
    here = attribution(yazd, YAZD_Q1)["exports"]["other_provinces_cleared_here"]
    assert [
        (h["origin_province"]["code"], h["origin_province"]["name_en"], h["value_usd"])
        for h in here
    ] == [(TEHRAN, "Tehran", "4000.00")]


def test_the_cross_table_explains_the_difference(yazd):
    cross = attribution(yazd, YAZD_Q1)["exports"]["cross"]
    assert [
        (c["origin_province"]["code"], c["office_province"]["code"], c["value_usd"]) for c in cross
    ] == [
        (TEHRAN, YAZD, "4000.00"),
        (YAZD, TEHRAN, "3500.00"),
        (YAZD, YAZD, "1500.00"),
        (YAZD, None, "300.00"),
    ]


def test_attribution_is_the_same_whatever_the_query_basis(yazd):
    customs = Query(province=YAZD, period=parse_period("1404-Q1"), basis="customs")
    assert attribution(yazd, customs) == attribution(yazd, YAZD_Q1)
