"""The calibration of the sample (SAMPLE.md): Yazd's first half of 1404 as announced.

Sums are plain pyarrow sums over the generated table, independent of taraz.stats.
"""

from decimal import Decimal

import pyarrow.compute as pc
import pytest

from taraz.calendar import jalali_to_gregorian

H1_1404 = (jalali_to_gregorian(1404, 1, 1), jalali_to_gregorian(1404, 6, 31))
H1_1403 = (jalali_to_gregorian(1403, 1, 1), jalali_to_gregorian(1403, 6, 31))


def _lines(table, flow, span, province="IR-21"):
    mask = pc.and_(
        pc.and_(pc.equal(table["province"], province), pc.equal(table["flow"], flow)),
        pc.and_(pc.greater_equal(table["date"], span[0]), pc.less_equal(table["date"], span[1])),
    )
    return table.filter(mask)


def _sum(table, column) -> Decimal:
    return pc.sum(table[column]).as_py()


@pytest.mark.parametrize(
    ("flow", "column", "target"),
    [
        ("X", "value_usd", 401_000_000),
        ("X", "weight_kg", 2_161_000_000),
        ("M", "value_usd", 316_000_000),
        ("M", "weight_kg", 130_000_000),
    ],
)
def test_yazd_first_half_of_1404_is_as_announced(full_lines, flow, column, target):
    assert float(_sum(_lines(full_lines, flow, H1_1404), column)) == pytest.approx(target, rel=0.02)


def test_yazd_exports_grew_over_the_first_half_of_1403(full_lines):
    growth = _sum(_lines(full_lines, "X", H1_1404), "value_usd") / _sum(
        _lines(full_lines, "X", H1_1403), "value_usd"
    )
    assert Decimal("1.05") < growth < Decimal("1.20")


def test_mining_leads_yazd_exports_then_industry_agriculture_petrochemical_textiles(
    full_lines, ref
):
    exports = _lines(full_lines, "X", H1_1404)
    by_sector: dict[str, Decimal] = {}
    for code, value in zip(
        exports["hs_code"].to_pylist(), exports["value_usd"].to_pylist(), strict=True
    ):
        sector = ref.sector_of(code)
        by_sector[sector] = by_sector.get(sector, Decimal(0)) + value
    ranked = sorted(by_sector, key=by_sector.get, reverse=True)
    assert ranked == ["mining", "industry", "agriculture", "petrochemical", "textiles"]


def test_iraq_afghanistan_uae_china_and_turkiye_are_yazds_main_export_partners(full_lines):
    by_partner = (
        _lines(full_lines, "X", H1_1404).group_by("partner").aggregate([("value_usd", "sum")])
    )
    top = by_partner.sort_by([("value_usd_sum", "descending")])["partner"].to_pylist()[:6]
    assert {"IQ", "AF", "AE", "CN", "TR"} <= set(top)


def test_sample_has_its_documented_size(full_lines):
    yazd = full_lines.filter(pc.equal(full_lines["province"], "IR-21")).num_rows
    assert 150_000 <= full_lines.num_rows <= 300_000 and 20_000 <= yazd <= 40_000


def test_yazd_has_about_994_active_commercial_cards(full_lines):
    yazd = full_lines.filter(pc.equal(full_lines["province"], "IR-21"))
    assert 900 <= pc.count_distinct(yazd["trader_id"]).as_py() <= 994


def test_large_traders_are_few_but_carry_most_of_the_value(full_lines):
    by_size = full_lines.group_by("trader_size").aggregate(
        [("trader_id", "count_distinct"), ("value_usd", "sum")]
    )
    size = dict(zip(by_size["trader_size"].to_pylist(), by_size.to_pylist(), strict=True))
    assert size["large"]["trader_id_count_distinct"] < size["sme"]["trader_id_count_distinct"]
    assert size["large"]["value_usd_sum"] > size["sme"]["value_usd_sum"]


def test_yazd_customs_clears_goods_of_other_provinces_and_yazd_goods_leave_elsewhere(full_lines):
    at_yazd = full_lines.filter(pc.equal(full_lines["customs_office"], "IR21-YAZD"))
    yazd_goods = full_lines.filter(pc.equal(full_lines["province"], "IR-21"))
    assert set(at_yazd["province"].to_pylist()) - {"IR-21"}
    assert set(yazd_goods["customs_office"].to_pylist()) - {"IR21-YAZD"}
