"""Breakdowns, monthly series and top-N on the Yazd quarters (tests/fixtures QUARTERS)."""

from __future__ import annotations

from taraz.calendar import parse_period
from taraz.stats import Query, breakdown, monthly, top_n
from tests.fixtures import YAZD

YAZD_Q1 = Query(province=YAZD, period=parse_period("1404-Q1"))


def by_code(items, *fields):
    return {i["code"]: tuple(i[f] for f in fields) for i in items}


def test_breakdown_by_sector_with_shares(yazd):
    items = breakdown(yazd, YAZD_Q1, "sector", "exports")
    # mining 1000 + 500 + 300 (HS 2516); textiles 2000; agriculture 1500; of 5300
    assert by_code(items, "value_usd", "share_pct") == {
        "textiles": ("2000.00", "37.74"),
        "mining": ("1800.00", "33.96"),
        "agriculture": ("1500.00", "28.30"),
    }


def test_breakdown_growth_per_sector(yazd):
    items = breakdown(yazd, YAZD_Q1, "sector", "X")
    # mining 1800 against 800 + 2000 = 2800 last year; textiles 2000 against 1200
    assert by_code(items, "growth_value_pct")["mining"] == ("-35.71",)
    assert by_code(items, "growth_value_pct")["textiles"] == ("66.67",)


def test_breakdown_is_ordered_by_value(yazd):
    items = breakdown(yazd, YAZD_Q1, "sector", "X")
    assert [i["code"] for i in items] == ["textiles", "mining", "agriculture"]


def test_breakdown_labels_in_persian_and_english(yazd):
    textiles = breakdown(yazd, YAZD_Q1, "sector", "X")[0]
    assert (textiles["name_fa"], textiles["name_en"]) == (
        "نساجی، فرش و صنایع دستی",
        "Textiles, carpets and handicrafts",
    )


def test_breakdown_by_partner_shows_a_missing_partner_as_unspecified(yazd):
    items = breakdown(yazd, YAZD_Q1, "partner", "X")
    assert by_code(items, "value_usd", "name_en", "name_fa") == {
        "AF": ("2000.00", "Afghanistan", "افغانستان"),
        "IQ": ("1500.00", "Iraq", "عراق"),
        "AE": ("1500.00", "United Arab Emirates", "امارات متحدهٔ عربی"),
        None: ("300.00", "Unspecified", "نامشخص"),
    }


def test_breakdown_by_customs_office(yazd):
    items = breakdown(yazd, YAZD_Q1, "customs_office", "X")
    assert by_code(items, "value_usd") == {
        "IR23-TEHRAN": ("3500.00",),
        "IR21-YAZD": ("1500.00",),
        None: ("300.00",),
    }


def test_breakdown_by_customs_office_on_the_customs_basis_keeps_the_province_offices(yazd):
    query = Query(province=YAZD, period=parse_period("1404-Q1"), basis="customs")
    assert by_code(breakdown(yazd, query, "customs_office", "X"), "value_usd") == {
        "IR21-YAZD": ("5500.00",)
    }


def test_breakdown_by_trader_size(yazd):
    items = breakdown(yazd, YAZD_Q1, "trader_size", "X")
    # sme: D1 1500; large: D2 2000 + D3 1500; none: the aggregated 300
    assert by_code(items, "value_usd") == {
        "large": ("3500.00",),
        "sme": ("1500.00",),
        None: ("300.00",),
    }


def test_breakdown_by_hs_heading(yazd):
    items = breakdown(yazd, YAZD_Q1, "hs4", "X")
    # 2516: granite 500 + aggregated 300
    assert by_code(items, "value_usd")["2516"] == ("800.00",)


def test_breakdown_by_hs_section(yazd):
    items = breakdown(yazd, YAZD_Q1, "section", "M")
    # 8471 machines (section XVI) 2500 + 500; 3901 plastics (VII) 700
    assert by_code(items, "value_usd") == {"XVI": ("3000.00",), "VII": ("700.00",)}


def test_monthly_series_beside_last_year(yazd):
    months = monthly(yazd, YAZD_Q1)["exports"]
    got = [
        (m["month"], m["value_usd"], m["last_year"]["month"], m["last_year"]["value_usd"])
        for m in months
    ]
    assert got == [
        ("1404-01", "1500.00", "1403-01", "800.00"),
        ("1404-02", "2000.00", "1403-02", "1200.00"),
        ("1404-03", "1800.00", "1403-03", "2000.00"),
    ]


def test_monthly_series_names_months_in_the_period_calendar(yazd):
    first = monthly(yazd, YAZD_Q1)["exports"][0]
    assert (first["name_en"], first["name_fa"]) == ("Farvardin 1404", "فروردین ۱۴۰۴")


def test_top_destinations_never_rank_the_unspecified_partner(yazd):
    top = top_n(yazd, YAZD_Q1, n=3)["export_destinations"]
    # AF 2000; IQ and AE 1500 each, IQ first as it sold more last year
    assert [(t["rank"], t["code"]) for t in top] == [(1, "AF"), (2, "IQ"), (3, "AE")]


def test_top_products_are_hs_subheadings(yazd):
    top = top_n(yazd, YAZD_Q1, n=2)["export_products"]
    assert [(t["code"], t["value_usd"]) for t in top] == [
        ("570190", "2000.00"),
        ("080251", "1500.00"),
    ]


def test_a_partner_narrows_every_figure_to_the_trade_with_that_country(yazd):
    from dataclasses import replace

    from taraz.stats import totals

    to_iraq = replace(YAZD_Q1, partner="IQ")
    # Yazd's exports to Iraq in 1404-Q1: tiles 1000 (D1/1) and granite 500 (D1/2); last year
    # tiles 800 (E1) and granite 2000 (E3)
    assert by_code(breakdown(yazd, to_iraq, "hs4", "X"), "value_usd") == {
        "6907": ("1000.00",),
        "2516": ("500.00",),
    }
    exports = totals(yazd, to_iraq)["exports"]
    assert (exports["value_usd"], exports["last_year"]["value_usd"]) == ("1500.00", "2800.00")


def test_breakdown_by_stage_of_processing(yazd):
    # through HS -> BEC: tiles 690721 (BEC 22) intermediate 1000; granite 251611 (21) 500 and the
    # heading 2516 (all 21) 300 raw; carpets 570190 (61) 2000 and pistachios 080251 (112) 1500
    # consumer; of 5300
    items = breakdown(yazd, YAZD_Q1, "stage", "X")
    assert by_code(items, "value_usd", "share_pct") == {
        "consumer": ("3500.00", "66.04"),
        "intermediate": ("1000.00", "18.87"),
        "raw": ("800.00", "15.09"),
    }


def test_stage_growth_against_the_same_quarter_last_year(yazd):
    # 1403-Q1: carpets 1200 consumer, tiles 800 intermediate, granite 2000 raw
    items = breakdown(yazd, YAZD_Q1, "stage", "X")
    assert by_code(items, "growth_value_pct") == {
        "consumer": ("191.67",),
        "intermediate": ("25.00",),
        "raw": ("-60.00",),
    }


def test_last_years_share_is_of_last_years_total(yazd):
    # 1403-Q1 exports 4,000: raw 2,000 (50%), consumer 1,200 (30%), intermediate 800 (20%)
    items = breakdown(yazd, YAZD_Q1, "stage", "X")
    assert by_code(items, "last_year_share_pct") == {
        "raw": ("50.00",),
        "consumer": ("30.00",),
        "intermediate": ("20.00",),
    }
