"""The calibration profile of the synthetic sample: the data files in `data/` joined to the code lists.

Everything the generators draw from is here as arrays: provinces (targets, sizes, sector mixes
and their movements), tariff lines per flow and sector (unit values, typical line values, each
product's share of its sector in 1403 and 1404), partner weights per year, flow and sector,
routes from partner to border office, and each province's own offices.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

import numpy as np

from taraz.reference import Flow, Reference, load_reference
from taraz.sample.choice import GroupedChoice
from taraz.sample.days import YEARS

SECTORS = ("mining", "industry", "agriculture", "petrochemical", "textiles")
FLOWS = tuple(flow.value for flow in Flow)
YAZD = "IR-21"
YAZD_OFFICE = "IR21-YAZD"
DEFAULT_ROUTE = "*"

LINE_SIGMA = 1.0  # lognormal spread of a line's value around its product's typical value
UNIT_VALUE_SIGMA = 0.25  # lognormal spread of a line's unit value (USD/kg)
LARGE_TRADER_FACTOR = 5.0  # a large trader's lines are this many times an SME's
LARGE_TRADER_ACTIVITY = 4.0  # and it files this many times as many declarations
LINES_P = 0.6  # lines per declaration: geometric(p), capped
MAX_LINES = 12
CONSIGNED_VIA = (("AE", 0.12), ("TR", 0.03))  # imports consigned from a hub, not the origin
NULL_PARTNER_SHARE = 0.002  # outside Yazd: lines whose partner the source left blank
TRADER_SIZES = ("sme", "large")
LATEST = len(YEARS) - 1  # the year whose targets are given (1404); earlier years follow growth


def draw_group(year, flow, sector):
    """The group of a (year, flow, sector) in the product and partner choices (arrays work)."""
    return (year * len(FLOWS) + flow) * len(SECTORS) + sector


@dataclass(frozen=True)
class Provinces:
    """One row per province of the reference, in code order; per-flow columns are [n, 2]."""

    codes: list[str]
    usd_h1: np.ndarray  # USD, 1404-H1 (origin basis)
    growth: np.ndarray  # 1404 over 1403, the whole flow
    lines: np.ndarray  # lines per year (1404) at scale 1
    kg_h1: np.ndarray  # kg, 1404-H1; NaN where not calibrated
    sector_value: np.ndarray  # [n, flow, year, sector] value shares
    sector_growth: np.ndarray  # [n, flow, sector] 1404 over 1403, as the data file gives it
    traders: np.ndarray
    large_share: np.ndarray
    route_share: np.ndarray
    yazd_hub: np.ndarray


@dataclass(frozen=True)
class Tariff:
    """The 8-digit tariff lines drawn from, both flows; `choice` groups are `draw_group`s."""

    hs8: list[str]
    flow: np.ndarray
    sector: np.ndarray
    subheading: np.ndarray  # the line's product (row of products.csv) and HS subheading, numbered
    line_usd: np.ndarray
    usd_per_kg: np.ndarray
    isic: list[str]
    choice: GroupedChoice
    mean_line_usd: np.ndarray  # [year, flow, sector]: expected line value, before trader size
    subheading_share: np.ndarray  # [year, subheading]: its share of its sector's value


@dataclass(frozen=True)
class Profile:
    reference: Reference
    provinces: Provinces
    tariff: Tariff
    partners: list[str]  # every partner any flow uses
    partner_weights: np.ndarray  # [year, flow, sector, partner]
    partner_choice: GroupedChoice  # groups: `draw_group`
    offices: list[str]  # every office of the reference, in code order
    route_choice: GroupedChoice  # groups: partner index, then one default group
    own_office_choice: GroupedChoice  # groups: province index


def national_suffixes(hs6: str) -> tuple[str, ...]:
    """The 2-digit national subdivisions of an HS subheading: fixed, whatever the seed."""
    return (("00",), ("10", "90"), ("10", "20", "90"))[int(hs6) % 3]


def _rows(name: str) -> list[dict[str, str]]:
    text = (
        resources.files("taraz.sample").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    )
    return list(csv.DictReader(text.splitlines()))


@functools.cache
def load_profile() -> Profile:
    """The profile with the packaged code lists only (a user's own lists never change the sample)."""
    ref = load_reference(extra_dirs=[])
    offices = sorted(ref.customs_offices)
    provinces = _provinces(ref)
    tariff = _tariff(ref)
    partners, partner_weights = _partners(ref)
    return Profile(
        reference=ref,
        provinces=provinces,
        tariff=tariff,
        partners=partners,
        partner_weights=partner_weights,
        partner_choice=GroupedChoice.build(
            [(np.flatnonzero(w > 0), w[w > 0]) for w in partner_weights.reshape(-1, len(partners))]
        ),
        offices=offices,
        route_choice=_routes(ref, partners, offices),
        own_office_choice=_own_offices(ref, provinces.codes, offices),
    )


def _provinces(ref: Reference) -> Provinces:
    rows = {r["province"]: r for r in _rows("provinces.csv")}
    if set(rows) != set(ref.provinces):
        raise ValueError("sample provinces.csv must list every province of the reference")
    codes = sorted(rows)

    def col(name: str) -> np.ndarray:
        return np.array([float(rows[c][name] or "nan") for c in codes])

    def per_flow(name: str) -> np.ndarray:
        return np.stack([col(f"{f.lower()}_{name}") for f in FLOWS], axis=1)

    def per_sector(suffix: str) -> np.ndarray:
        return np.stack(
            [np.stack([col(f"{f.lower()}_{s}{suffix}") for s in SECTORS], axis=1) for f in FLOWS],
            axis=1,
        )

    latest, growth = per_sector(""), per_sector("_growth")
    latest = latest / latest.sum(axis=2, keepdims=True)
    # a sector's 1403 share: its 1404 share shrunk by its own growth; the flow's total growth
    # then holds by one common factor on every sector (close to 1 where the data agree)
    earlier = latest / (1.0 + growth)
    earlier = earlier / earlier.sum(axis=2, keepdims=True)
    return Provinces(
        codes=codes,
        usd_h1=per_flow("musd_h1") * 1e6,
        growth=per_flow("growth"),
        lines=per_flow("lines"),
        kg_h1=per_flow("kt_h1") * 1e6,
        sector_value=np.stack([earlier, latest], axis=2),
        sector_growth=growth,
        traders=col("traders").astype(np.int64),
        large_share=col("large_share"),
        route_share=col("route_share"),
        yazd_hub=col("yazd_hub"),
    )


def _subheadings(ref: Reference) -> dict[str, list[str]]:
    """Every 4- and 6-digit code of the reference -> its 6-digit subheadings, in code order."""
    found: dict[str, list[str]] = {}
    for code in sorted(c for c, r in ref.hs.items() if r.level == 6):
        found.setdefault(code[:4], []).append(code)
        found[code] = [code]
    return found


def _tariff(ref: Reference) -> Tariff:
    hs8: list[str] = []
    isic: list[str] = []
    cols: dict[str, list[float]] = {k: [] for k in ("flow", "sector", "subheading", "usd", "kg")}
    spread: list[float] = []  # 1 / the number of tariff lines the product is spread over
    of_product: list[int] = []  # per subheading: its product
    split: list[float] = []  # per subheading: 1 / the number of subheadings of its product
    products = _rows("products.csv")
    share = np.array([[float(r[f"share_{y}"]) for r in products] for y in YEARS])
    subheadings = _subheadings(ref)
    for i, row in enumerate(products):
        subs = subheadings.get(row["hs"])
        if not subs or len(row["hs"]) not in (4, 6):
            raise ValueError(f"sample products.csv: {row['hs']} has no HS subheading")
        for hs6 in subs:
            suffixes = national_suffixes(hs6)
            for suffix in suffixes:
                hs8.append(hs6 + suffix)
                isic.append(row["isic"])
                cols["flow"].append(FLOWS.index(row["flow"]))
                cols["sector"].append(SECTORS.index(row["sector"]))
                cols["subheading"].append(len(of_product))
                cols["usd"].append(float(row["line_usd"]))
                cols["kg"].append(float(row["usd_per_kg"]))
                spread.append(1.0 / len(subs) / len(suffixes))
            of_product.append(i)
            split.append(1.0 / len(subs))
    flow, sector, subheading = (
        np.array(cols[k], dtype=np.int64) for k in ("flow", "sector", "subheading")
    )
    product = np.array(of_product)[subheading]
    usd = np.array(cols["usd"])
    # drawn per line: the value share of the product over its typical line value
    prob = share[:, product] / usd * np.array(spread)  # [year, line]
    group = flow * len(SECTORS) + sector
    product_group = np.array(
        [FLOWS.index(r["flow"]) * len(SECTORS) + SECTORS.index(r["sector"]) for r in products]
    )
    groups, means = [], np.zeros((len(YEARS), len(FLOWS), len(SECTORS)))
    product_share = np.zeros_like(share)
    for y in range(len(YEARS)):
        for g in range(len(FLOWS) * len(SECTORS)):
            idx = np.flatnonzero((group == g) & (prob[y] > 0))
            if len(idx) == 0:
                raise ValueError(
                    f"sample products.csv: no product for {FLOWS[g // len(SECTORS)]} "
                    f"{SECTORS[g % len(SECTORS)]} in {YEARS[y]}"
                )
            groups.append((idx, prob[y, idx]))
            means[y].flat[g] = (prob[y, idx] * usd[idx]).sum() / prob[y, idx].sum()
            mine = product_group == g
            product_share[y, mine] = share[y, mine] / share[y, mine].sum()
    return Tariff(
        hs8=hs8,
        flow=flow,
        sector=sector,
        subheading=subheading,
        line_usd=usd,
        usd_per_kg=np.array(cols["kg"]),
        isic=isic,
        choice=GroupedChoice.build(groups),
        mean_line_usd=means,
        subheading_share=product_share[:, of_product] * np.array(split),
    )


def _partners(ref: Reference) -> tuple[list[str], np.ndarray]:
    """Weights per [year, flow, sector, partner]: 1404 as given, 1403 over 1 + the growth."""
    rows = _rows("partners.csv")
    partners = list(dict.fromkeys(r["partner"] for r in rows))
    unknown = [p for p in partners if p not in ref.countries]
    if unknown:
        raise ValueError(f"sample partners.csv: unknown countries {unknown}")
    weights = np.zeros((len(YEARS), len(FLOWS), len(SECTORS), len(partners)))
    for r in rows:
        f, p = FLOWS.index(r["flow"]), partners.index(r["partner"])
        if float(r["growth"]) <= -1:
            raise ValueError(f"sample partners.csv: {r['partner']} needs a growth above -1")
        for s, sector in enumerate(SECTORS):
            weights[LATEST, f, s, p] = float(r[sector])
            weights[:LATEST, f, s, p] = float(r[sector]) / (1.0 + float(r["growth"]))
    return partners, weights


def _routes(ref: Reference, partners: list[str], offices: list[str]) -> GroupedChoice:
    routes: dict[str, list[tuple[int, float]]] = {}
    for r in _rows("routes.csv"):
        if r["office"] not in ref.customs_offices:
            raise ValueError(f"sample routes.csv: unknown office {r['office']}")
        routes.setdefault(r["partner"], []).append((offices.index(r["office"]), float(r["weight"])))
    default = routes[DEFAULT_ROUTE]
    groups = []
    for p in [*partners, DEFAULT_ROUTE]:
        pairs = routes.get(p, default)
        groups.append(([o for o, _ in pairs], [w for _, w in pairs]))
    return GroupedChoice.build(groups)


def _own_offices(ref: Reference, provinces: list[str], offices: list[str]) -> GroupedChoice:
    """A province's own offices; its main (provincial) office clears three times as much."""
    groups = []
    for p in provinces:
        own = [i for i, o in enumerate(offices) if ref.customs_offices[o].province == p]
        if not own:
            raise ValueError(f"the reference has no customs office in {p}")
        main = [3.0 if "استان" in ref.customs_offices[offices[i]].name_fa else 1.0 for i in own]
        groups.append((own, main))
    return GroupedChoice.build(groups)


def sector_counts(profile: Profile) -> np.ndarray:
    """[province, flow, year, sector]: share of declarations that gives the sector value shares."""
    means = profile.tariff.mean_line_usd.transpose(1, 0, 2)  # [flow, year, sector]
    counts = profile.provinces.sector_value / means[None]
    return counts / counts.sum(axis=3, keepdims=True)


def null_partner_share(profile: Profile) -> np.ndarray:
    """Per province: the share of lines without a partner (none in Yazd's customs files)."""
    codes = profile.provinces.codes
    return np.array([0.0 if c == YAZD else NULL_PARTNER_SHARE for c in codes])


def expected_partner_share(profile: Profile) -> np.ndarray:
    """[province, flow, year, partner]: the value share the partner weights give each partner."""
    w = profile.partner_weights
    within = w / w.sum(axis=3, keepdims=True)  # [year, flow, sector, partner]
    shares = np.einsum("pfys,yfsq->pfyq", profile.provinces.sector_value, within)
    return shares * (1.0 - null_partner_share(profile))[:, None, None, None]
