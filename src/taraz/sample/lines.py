"""The calibrated sample: declaration lines of every province for Jalali 1403 and 1404 (synthetic)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from taraz.sample.calibration import calibrate
from taraz.sample.choice import GroupedChoice
from taraz.sample.columns import (
    CANONICAL_SCHEMA,
    date_column,
    decimal_column,
    null_column,
    number_text_column,
    text_column,
)
from taraz.sample.days import Days, sample_days
from taraz.sample.profile import (
    CONSIGNED_VIA,
    FLOWS,
    LARGE_TRADER_ACTIVITY,
    LARGE_TRADER_FACTOR,
    LINE_SIGMA,
    LINES_P,
    MAX_LINES,
    SECTORS,
    TRADER_SIZES,
    UNIT_VALUE_SIGMA,
    YAZD,
    YAZD_OFFICE,
    Profile,
    draw_group,
    load_profile,
    null_partner_share,
    sector_counts,
)


@dataclass(frozen=True)
class SampleLines:
    """The canonical table and, row for row, what the customs files also show."""

    table: pa.Table
    province: np.ndarray  # index into profile.provinces.codes
    flow: np.ndarray  # index into FLOWS
    day: np.ndarray  # index into sample_days()
    tariff: np.ndarray  # index into profile.tariff
    border: np.ndarray  # index into profile.offices: where the goods cross the border
    cents: np.ndarray  # value_usd in cents
    grams: np.ndarray  # weight_kg in grams


@dataclass(frozen=True)
class _Traders:
    ids: np.ndarray  # commercial card numbers (11 digits)
    large: np.ndarray
    choice: list[GroupedChoice]  # per province; groups are sectors
    province: np.ndarray  # index into profile.provinces.codes
    sector: np.ndarray  # index into SECTORS: the sector it mostly files in
    activity: np.ndarray  # how often it files, relative to the others of its province


@dataclass(frozen=True)
class SampleTrader:
    """One commercial card of the sample, as `generate_lines` writes it in `trader_id`."""

    trader_id: str  # 11 digits: 1, the province's number, 8 digits
    province: str  # ISO 3166-2
    sector: str  # of SECTORS: the sector it mostly files in
    large: bool  # `trader_size` large (else sme)
    activity: float  # how often it files, relative to the others of its province


def sample_traders(province: str = YAZD, seed: int = 1404) -> tuple[SampleTrader, ...]:
    """The commercial cards the sample gives `province`'s traders, in card order: the
    `trader_id`s of `generate_lines(seed, scale)` at any scale (the cards are drawn before the
    declarations; at a small scale the least active may file nothing)."""
    profile = load_profile()
    if province not in profile.provinces.codes:
        raise ValueError(f"no province {province!r} in the sample")
    traders = _traders(np.random.default_rng(seed), profile)
    p = profile.provinces.codes.index(province)
    return tuple(
        SampleTrader(
            trader_id=str(traders.ids[i]),
            province=province,
            sector=SECTORS[traders.sector[i]],
            large=bool(traders.large[i]),
            activity=float(traders.activity[i]),
        )
        for i in np.flatnonzero(traders.province == p)
    )


def generate_lines(seed: int = 1404, scale: float = 1.0) -> pa.Table:
    """Synthetic canonical lines of all 31 provinces, 1 Farvardin 1403 to 29 Esfand 1404.

    `scale` sets the number of lines (about 250,000 at 1.0); the money and weight totals are
    calibrated whatever the scale (see SAMPLE.md). Same seed and scale, same table.
    """
    return sample_lines(seed, scale).table


def sample_lines(seed: int = 1404, scale: float = 1.0) -> SampleLines:
    if scale <= 0:
        raise ValueError("scale must be positive")
    profile, days = load_profile(), sample_days()
    rng = np.random.default_rng(seed)
    traders = _traders(rng, profile)
    decl = _declarations(rng, profile, days, traders, scale)
    order = np.lexsort((rng.permutation(len(decl["day"])), decl["day"]))
    decl = {k: v[order] for k, v in decl.items()}
    year = days.year_index(decl["day"])
    seq = np.arange(len(year)) - np.searchsorted(year, year)  # 0.. within each Jalali year
    if len(seq) and seq.max() >= 10**7:
        raise ValueError("scale too large: declaration numbers have 7 digits per year")
    decl_id = (days.jy[decl["day"]] * 10**7 + seq + 1).astype(np.int64)

    k = decl["lines"]
    row = np.repeat(np.arange(len(k)), k)
    line_no = np.arange(len(row)) - np.repeat(np.cumsum(k) - k, k) + 1
    lines = {name: values[row] for name, values in decl.items()}
    tariff = profile.tariff
    t = tariff.choice.sample(rng, draw_group(year[row], lines["flow"], lines["sector"]))
    large = traders.large[lines["trader"]]
    value = tariff.line_usd[t] * rng.lognormal(0.0, LINE_SIGMA, len(t))
    value *= np.where(large, LARGE_TRADER_FACTOR, 1.0)
    weight = value / (tariff.usd_per_kg[t] * rng.lognormal(0.0, UNIT_VALUE_SIGMA, len(t)))
    cents, grams = calibrate(profile, days, lines, tariff.subheading[t], value, weight)

    n = len(row)
    table = pa.Table.from_arrays(
        [
            number_text_column(decl_id[row]),
            pa.array(line_no.astype(np.int32)),
            text_column(FLOWS, lines["flow"]),
            date_column(days.epoch_day[lines["day"]]),
            text_column(tariff.hs8, t),
            text_column(profile.partners, lines["partner"]),
            text_column(profile.partners, lines["consignment"]),
            text_column(profile.offices, lines["office"]),
            text_column(profile.provinces.codes, lines["province"]),
            number_text_column(traders.ids[lines["trader"]]),
            text_column(TRADER_SIZES, large.astype(np.int64)),
            decimal_column(cents, 2),
            decimal_column(grams, 3),
            null_column(pa.decimal128(18, 3), n),
            null_column(pa.string(), n),
        ],
        schema=CANONICAL_SCHEMA,
    )
    return SampleLines(
        table=table,
        province=lines["province"],
        flow=lines["flow"],
        day=lines["day"],
        tariff=t,
        border=lines["border"],
        cents=cents,
        grams=grams,
    )


def _traders(rng: np.random.Generator, profile: Profile) -> _Traders:
    """Each province's commercial cards: a size, a main sector and how often each files."""
    prov = profile.provinces
    ids, large, choices, start = [], [], [], 0
    province, sectors, activities = [], [], []
    counts = sector_counts(profile)  # [province, flow, year, sector] share of declarations
    for p, code in enumerate(prov.codes):
        n = int(prov.traders[p])
        number = int(code.split("-")[1])
        ids.append(10**10 + number * 10**8 + np.sort(rng.choice(10**8, n, replace=False)))
        is_large = rng.random(n) < prov.large_share[p]
        mix = (counts[p] * prov.lines[p][:, None, None]).sum(axis=(0, 1))
        sector = rng.choice(len(SECTORS), n, p=mix / mix.sum())
        activity = rng.lognormal(0.0, 1.0, n) * np.where(is_large, LARGE_TRADER_ACTIVITY, 1.0)
        groups = []
        for s in range(len(SECTORS)):
            members = np.flatnonzero(sector == s)
            if len(members) == 0:  # nobody specialises in it: anyone may file
                members = np.arange(n)
            groups.append((start + members, activity[members]))
        choices.append(GroupedChoice.build(groups))
        large.append(is_large)
        province.append(np.full(n, p))
        sectors.append(sector)
        activities.append(activity)
        start += n
    return _Traders(
        np.concatenate(ids),
        np.concatenate(large),
        choices,
        np.concatenate(province),
        np.concatenate(sectors),
        np.concatenate(activities),
    )


def _declarations(rng, profile: Profile, days: Days, traders: _Traders, scale: float) -> dict:
    prov = profile.provinces
    counts = sector_counts(profile)
    mean_lines = _mean_lines()
    yazd = prov.codes.index(YAZD)
    yazd_office = profile.offices.index(YAZD_OFFICE)
    default_route = len(profile.partners)
    hubs = {c: profile.partners.index(c) for c, _ in CONSIGNED_VIA}
    null_share = null_partner_share(profile)
    parts: list[dict[str, np.ndarray]] = []
    for p in range(len(prov.codes)):
        for f in range(len(FLOWS)):
            growth = 1.0 + prov.growth[p, f]
            day, sector = [], []
            for y, year_lines in enumerate((prov.lines[p, f] / np.sqrt(growth), prov.lines[p, f])):
                n_year = max(1, round(scale * year_lines / mean_lines))
                in_year = np.flatnonzero(days.year_index(np.arange(len(days.jy))) == y)
                w = days.weight[in_year]
                day.append(rng.choice(in_year, n_year, p=w / w.sum()))
                sector.append(rng.choice(len(SECTORS), n_year, p=counts[p, f, y]))
            d = {"day": np.concatenate(day), "sector": np.concatenate(sector)}
            n = len(d["day"])
            d["province"] = np.full(n, p)
            d["flow"] = np.full(n, f)
            d["trader"] = traders.choice[p].sample(rng, d["sector"])
            year = days.year_index(d["day"])
            partner = profile.partner_choice.sample(rng, draw_group(year, f, d["sector"]))
            partner[rng.random(n) < null_share[p]] = -1
            d["partner"] = partner
            d["border"] = profile.route_choice.sample(
                rng, np.where(partner < 0, default_route, partner)
            )
            own = profile.own_office_choice.sample(rng, d["province"])
            u = rng.random(n)
            hub, via_border = prov.yazd_hub[p], prov.yazd_hub[p] + prov.route_share[p]
            d["office"] = np.where(u < hub, yazd_office, np.where(u < via_border, d["border"], own))
            consignment = np.full(n, -1)
            if f == FLOWS.index("M") and p != yazd:
                u = rng.random(n)
                low = 0.0
                for code, share in CONSIGNED_VIA:
                    pick = (u >= low) & (u < low + share) & (partner >= 0) & (partner != hubs[code])
                    consignment[pick] = hubs[code]
                    low += share
            d["consignment"] = consignment
            d["lines"] = np.minimum(rng.geometric(LINES_P, n), MAX_LINES)
            parts.append(d)
    return {k: np.concatenate([d[k] for d in parts]) for k in parts[0]}


def _mean_lines() -> float:
    k = np.arange(1, MAX_LINES + 1)
    prob = LINES_P * (1 - LINES_P) ** (k - 1)
    prob[-1] += 1 - prob.sum()
    return float((k * prob).sum())
