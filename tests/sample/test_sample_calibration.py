"""The calibration of the sample (SAMPLE.md): Yazd's first half of 1404 as announced.

Sums are plain pyarrow sums over the generated table, independent of taraz.stats.
"""

from decimal import Decimal

import numpy as np
import pyarrow.compute as pc
import pytest
from tests.sample.halves import H1_1403, H1_1404, half_lines, total

from taraz.sample.calibration import round_to_total


@pytest.mark.parametrize(
    ("flow", "column", "target"),
    [
        ("X", "value_usd", Decimal("401000000.00")),
        ("X", "weight_kg", Decimal("2161000000.000")),
        ("M", "value_usd", Decimal("316000000.00")),
        ("M", "weight_kg", Decimal("130000000.000")),
    ],
)
def test_yazd_first_half_of_1404_is_as_announced_to_the_cent_and_gram(
    full_lines, flow, column, target
):
    assert total(half_lines(full_lines, flow, H1_1404), column) == target


@pytest.mark.parametrize(
    ("flow", "target"),
    [("X", Decimal("358035714.29")), ("M", Decimal("300952380.95"))],  # 401 / 1.12, 316 / 1.05
)
def test_yazd_first_half_of_1403_is_the_target_over_the_growth_to_the_cent(
    full_lines, flow, target
):
    assert total(half_lines(full_lines, flow, H1_1403), "value_usd") == target


def test_totals_hold_to_the_cent_in_a_small_sample_too(small_lines):
    exports = half_lines(small_lines, "X", H1_1404)
    assert (total(exports, "value_usd"), total(exports, "weight_kg")) == (
        Decimal("401000000.00"),
        Decimal("2161000000.000"),
    )


def test_other_provinces_hold_their_targets_to_the_cent_too(full_lines):
    bushehr = total(half_lines(full_lines, "X", H1_1404, province="IR-18"), "value_usd")
    assert bushehr == Decimal("6000000000.00")


def test_yazd_export_sectors_take_48_20_14_11_and_7_percent(full_lines, ref):
    exports = half_lines(full_lines, "X", H1_1404)
    by_sector: dict[str, Decimal] = {}
    for code, value in zip(
        exports["hs_code"].to_pylist(), exports["value_usd"].to_pylist(), strict=True
    ):
        sector = ref.sector_of(code)
        by_sector[sector] = by_sector.get(sector, Decimal(0)) + value
    total = sum(by_sector.values())
    shares = {s: round(100 * v / total, 2) for s, v in by_sector.items()}
    assert shares == {
        "mining": 48,
        "industry": 20,
        "agriculture": 14,
        "petrochemical": 11,
        "textiles": 7,
    }


def test_iraq_afghanistan_the_uae_and_china_lead_yazds_exports_then_turkiye_or_india(full_lines):
    by_partner = (
        half_lines(full_lines, "X", H1_1404).group_by("partner").aggregate([("value_usd", "sum")])
    )
    top = by_partner.sort_by([("value_usd_sum", "descending")])["partner"].to_pylist()[:5]
    assert top[:4] == ["IQ", "AF", "AE", "CN"] and top[4] in {"TR", "IN"}


def test_calibration_shrinks_no_line_to_a_few_cents(full_lines):
    assert pc.min(full_lines["value_usd"]).as_py() >= 10


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


def test_rounding_to_a_total_gives_the_largest_fractions_the_extra_unit():
    x = np.array([0.2, 0.7, 0.5, 1.6, 3.0])
    group = np.array([0, 0, 0, 1, 1])
    assert round_to_total(x, group, np.array([2, 5])).tolist() == [0, 1, 1, 2, 3]
