"""Each sector, product and partner of the sample moves its own way, 1403 to 1404 (SAMPLE.md).

Growth is summed here in plain Python over Yazd's generated lines, first half of each year,
independent of taraz.stats.
"""

from decimal import Decimal
from itertools import combinations

import pytest
from tests.sample.halves import H1_1403, H1_1404, half_lines

from taraz.sample.profile import FLOWS, SECTORS, YAZD, expected_partner_share, load_profile


def _by(table, flow, span, key) -> dict[str, Decimal]:
    lines = half_lines(table, flow, span)
    sums: dict[str, Decimal] = {}
    for row in zip(
        *(lines[c].to_pylist() for c in ("hs_code", "partner", "value_usd")), strict=True
    ):
        k = key(row)
        sums[k] = sums.get(k, Decimal(0)) + row[2]
    return sums


def _growth(table, flow, key) -> dict[str, float]:
    """Per key present in both years: 1404-H1 over 1403-H1, in percent."""
    now, then = (_by(table, flow, span, key) for span in (H1_1404, H1_1403))
    return {k: float(100 * (now[k] / then[k] - 1)) for k in now.keys() & then.keys()}


@pytest.fixture(scope="module")
def sector_growth(full_lines, ref):
    return _growth(full_lines, "X", lambda row: ref.sector_of(row[0]))


@pytest.fixture(scope="module")
def partner_growth(full_lines):
    return _growth(full_lines, "X", lambda row: row[1])


def test_yazd_export_sectors_grow_at_three_rates_more_than_5_points_apart(sector_growth):
    apart = [
        trio
        for trio in combinations(sector_growth.values(), 3)
        if all(abs(a - b) > 5 for a, b in combinations(trio, 2))
    ]
    assert apart


def test_yazd_textile_exports_fall_while_mining_grows(sector_growth):
    assert sector_growth["textiles"] < 0 < 10 < sector_growth["mining"]


@pytest.mark.parametrize("flow", FLOWS)
def test_yazd_sectors_move_as_the_province_file_says(full_lines, ref, flow):
    growth = _growth(full_lines, flow, lambda row: ref.sector_of(row[0]))
    given = load_profile().provinces
    p = given.codes.index(YAZD)
    expected = {
        s: 100 * given.sector_growth[p, FLOWS.index(flow), i] for i, s in enumerate(SECTORS)
    }
    assert growth == pytest.approx(expected, abs=0.1)


def test_at_least_one_of_yazds_ten_leading_export_partners_falls(full_lines, partner_growth):
    now = _by(full_lines, "X", H1_1404, lambda row: row[1])
    leading = sorted(now, key=now.get, reverse=True)[:10]
    assert min(partner_growth[p] for p in leading) < 0


def test_afghanistan_falls_while_iraq_grows_and_china_grows_most_of_the_five(partner_growth):
    five = {p: partner_growth[p] for p in ("IQ", "AF", "AE", "CN", "TR")}
    assert five["AF"] < 0 < five["IQ"] and max(five, key=five.get) == "CN"


@pytest.mark.parametrize("partner", ["IQ", "AF", "AE", "CN", "TR"])
def test_yazd_leading_export_partners_move_as_their_weights_and_growth_give(
    partner_growth, partner
):
    profile = load_profile()
    p, x, q = profile.provinces.codes.index(YAZD), FLOWS.index("X"), profile.partners.index(partner)
    then, now = expected_partner_share(profile)[p, x, :, q]  # shares of 1403 and 1404
    expected = 100 * (now / then * (1 + profile.provinces.growth[p, x]) - 1)
    assert partner_growth[partner] == pytest.approx(expected, abs=0.5)


def test_yazd_leading_export_partners_grow_at_rates_more_than_20_points_apart(partner_growth):
    five = [partner_growth[p] for p in ("IQ", "AF", "AE", "CN", "TR")]
    assert max(five) - min(five) > 20


def test_some_yazd_export_headings_are_new_in_1404_and_some_are_gone(full_lines):
    heading = lambda row: row[0][:4]  # noqa: E731
    now, then = (_by(full_lines, "X", span, heading) for span in (H1_1404, H1_1403))
    assert {"7203", "8504"} <= now.keys() - then.keys()
    assert {"2520", "8516", "6109"} <= then.keys() - now.keys()


def test_yazd_export_products_of_one_sector_move_differently(full_lines):
    by_product = _growth(full_lines, "X", lambda row: row[0][:6])
    ore, clinker = by_product["260111"], by_product["252310"]  # iron ore, cement clinker
    assert ore > 25 and clinker < -15


@pytest.mark.parametrize("flow", FLOWS)
def test_no_sizeable_yazd_subheading_swings_by_chance(full_lines, flow):
    """A subheading of 0.5 % of the flow or more moves as its product does: no single large
    line makes it double (the designed moves lie between -33 % and +48 %)."""
    subheading = lambda row: row[0][:6]  # noqa: E731
    now = _by(full_lines, flow, H1_1404, subheading)
    growth = _growth(full_lines, flow, subheading)
    sizeable = [s for s in growth if now[s] >= Decimal("0.005") * sum(now.values())]
    assert len(sizeable) >= 20
    assert all(-50 < growth[s] < 60 for s in sizeable)
