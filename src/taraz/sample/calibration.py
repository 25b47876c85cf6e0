"""The calibration of the sample: each province's flow held to its targets per Jalali half-year.

Per group (province, flow, Jalali year, half-year) the drawn line values are raked (bounded
iterative proportional fitting) to two margins: every product at its share of its sector's
share of the target (spread evenly over its HS subheadings), and every partner at the share its
weights give it; then scaled per sector and as a whole, so that the sector values and the total
hold exactly; then rounded to the cent with the total kept (largest remainders). Weights scale
with the values (unit values are kept), and where a province gives a tonnage (Yazd), its
1404-H1 weights are held to it, to the gram.
"""

from __future__ import annotations

import numpy as np

from taraz.sample.days import YEARS, Days
from taraz.sample.profile import (
    FLOWS,
    LATEST,
    SECTORS,
    Profile,
    expected_partner_share,
    null_partner_share,
)

HALVES = 2
# Raking: rounds, and how far it may move a line from its value with the products held (by
# this factor either way). Where a group has few lines per subheading and partner, both margins
# cannot hold, and unbounded raking would shrink some lines to cents; bounded, no line ends
# below 40 USD, and Yazd's partners come within 0.1 (exports) and 0.4 (imports) points of
# their share.
RAKING_ROUNDS = 8
RAKING_BOUND = 5.0
WHOLE_KG = 100  # lines of this many kg or more weigh whole kilograms


def calibrate(
    profile: Profile,
    days: Days,
    lines: dict,
    subheading: np.ndarray,
    value: np.ndarray,
    weight: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Cents and grams per line: the drawn values and weights held to the province's targets."""
    prov = profile.provinces
    year, half = days.year_index(lines["day"]), days.half_index(lines["day"])
    flow_year = (lines["province"] * len(FLOWS) + lines["flow"]) * len(YEARS) + year
    group = flow_year * HALVES + half
    target = _targets(profile, days).ravel()  # per group
    n_groups = len(target)
    line_target = target[group]
    sector_share = prov.sector_value.reshape(-1, len(SECTORS))[flow_year, lines["sector"]]
    by_sector = group * len(SECTORS) + lines["sector"]
    n_subheadings = profile.tariff.subheading_share.shape[1]
    by_subheading = group * n_subheadings + subheading
    subheading_share = profile.tariff.subheading_share[year, subheading]
    by_partner, partner_share = _partner_margin(profile, lines, year, group)

    drawn = value
    margins = [
        _margin(
            by_subheading,
            line_target * sector_share * subheading_share,
            n_groups * n_subheadings,
        ),
        _margin(by_partner, line_target * partner_share, n_groups * (len(profile.partners) + 1)),
    ]
    value = _scale(value, *margins[0])
    held = value  # each line as its product alone would have it
    for _ in range(RAKING_ROUNDS):
        for cell, want in margins:
            value = np.clip(_scale(value, cell, want), held / RAKING_BOUND, held * RAKING_BOUND)
    for cell, want in (
        _margin(by_sector, line_target * sector_share, n_groups * len(SECTORS)),
        _margin(group, line_target, n_groups),
    ):
        value = _scale(value, cell, want)
    weight = weight * (value / drawn)  # unit values kept

    held_weights = []
    for p in range(len(prov.codes)):
        for f in range(len(FLOWS)):
            kg = prov.kg_h1[p, f]
            if np.isnan(kg):
                continue
            mine = (lines["province"] == p) & (lines["flow"] == f)
            h1 = mine & (year == LATEST) & (half == 0)
            if h1.any():
                weight[mine] *= kg / weight[h1].sum()
                held_weights.append((h1, round(kg * 1000)))

    has_lines = np.bincount(group, minlength=n_groups) > 0
    cents = round_to_total(value * 100, group, np.where(has_lines, np.rint(target * 100), 0))
    grams = np.where(weight >= WHOLE_KG, np.rint(weight) * 1000, np.rint(weight * 1000))
    grams = grams.astype(np.int64)
    for h1, total in held_weights:
        grams[h1] = _grams_to_total(weight[h1], total)
    return np.maximum(cents, 1), np.maximum(grams, 1)


def _partner_margin(profile: Profile, lines: dict, year: np.ndarray, group: np.ndarray):
    """Per line: its partner's cell (lines without a partner together) and the cell's share."""
    expected = expected_partner_share(profile)  # [province, flow, year, partner]
    none = len(profile.partners)
    p, f, partner = lines["province"], lines["flow"], lines["partner"]
    known = partner >= 0
    cell = group * (none + 1) + np.where(known, partner, none)
    share = expected[p, f, year, np.maximum(partner, 0)]
    return cell, np.where(known, share, null_partner_share(profile)[p])


def _margin(cell: np.ndarray, line_target: np.ndarray, n_cells: int):
    """Per line its cell, and per cell its target (given per line; cells without lines want 0)."""
    want = np.zeros(n_cells)
    want[cell] = line_target
    return cell, want


def _scale(value: np.ndarray, cell: np.ndarray, want: np.ndarray) -> np.ndarray:
    """Values scaled so that each cell sums to what it wants."""
    total = np.bincount(cell, weights=value, minlength=len(want))
    factor = np.divide(want, total, out=np.ones(len(want)), where=total > 0)
    return value * factor[cell]


def round_to_total(x: np.ndarray, group: np.ndarray, total: np.ndarray) -> np.ndarray:
    """Integers within 1 of x whose sum per group is `total[group]` (largest remainders).

    `total` must lie between the sums of the floors and of the ceilings, as it does when it is
    the rounded sum of x.
    """
    base = np.floor(x)
    short = np.rint(total - np.bincount(group, weights=base, minlength=len(total))).astype(np.int64)
    order = np.argsort(group + (1.0 - (x - base)) * 0.5)  # per group, largest fractions first
    ranked = group[order]
    rank = np.arange(len(x)) - np.searchsorted(ranked, ranked)
    up = np.zeros(len(x), dtype=np.int64)
    up[order] = rank < short[ranked]
    return base.astype(np.int64) + up


def _grams_to_total(kg: np.ndarray, total: int) -> np.ndarray:
    """Grams per line summing to `total`: lines from WHOLE_KG up in whole kilograms."""
    whole = kg >= WHOLE_KG
    zero = np.zeros(len(kg), dtype=np.int64)
    small_g = (kg * 1000)[~whole]
    if not small_g.size:
        return round_to_total(kg, zero, np.array([total // 1000])) * 1000
    whole_kg = round((total - small_g.sum()) / 1000)
    grams = np.zeros(len(kg), dtype=np.int64)
    grams[whole] = round_to_total(kg[whole], zero[whole], np.array([whole_kg])) * 1000
    small_total = total - whole_kg * 1000  # within half a kilogram of the small lines' sum
    grams[~whole] = round_to_total(
        small_g * (small_total / small_g.sum()), zero[~whole], np.array([small_total])
    )
    return grams


def _targets(profile: Profile, days: Days) -> np.ndarray:
    """USD per [province, flow, year, half]: 1404-H1 as given, 1403 by growth, H2 by activity."""
    prov = profile.provinces
    every_day = np.arange(len(days.jy))
    year, half = days.year_index(every_day), days.half_index(every_day)
    busy = np.array(
        [
            [days.weight[(year == y) & (half == h)].sum() for h in range(HALVES)]
            for y in range(len(YEARS))
        ]
    )
    h2_over_h1 = busy[:, 1] / busy[:, 0]
    h1 = np.stack([prov.usd_h1 / (1.0 + prov.growth), prov.usd_h1], axis=2)  # [p, f, year]
    return np.stack([h1, h1 * h2_over_h1[None, None, :]], axis=3)
