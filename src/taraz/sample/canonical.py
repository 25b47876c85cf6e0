"""Any number of synthetic canonical lines, fast and in bounded memory, for benchmarks.

Not calibrated: the same products, partners, offices and days as the sample (as of 1404),
drawn without targets. Lines come in fixed blocks, each from its own seed, so that a file of n
lines is the same whatever the chunk size it was written with.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from taraz.sample.choice import GroupedChoice
from taraz.sample.columns import CANONICAL_SCHEMA, date_column, decimal_column, number_text_column
from taraz.sample.days import sample_days
from taraz.sample.profile import (
    CONSIGNED_VIA,
    FLOWS,
    LARGE_TRADER_FACTOR,
    LATEST,
    LINE_SIGMA,
    LINES_P,
    MAX_LINES,
    SECTORS,
    TRADER_SIZES,
    UNIT_VALUE_SIGMA,
    draw_group,
    load_profile,
    sector_counts,
)

BLOCK = 1 << 16  # lines per independently seeded block
LARGE_EVERY = 10  # every tenth commercial card of a province belongs to a large trader
CSV_OPTIONS = pcsv.WriteOptions(quoting_style="none", quoting_header="none")


@dataclass(frozen=True)
class _Model:
    province_flow: GroupedChoice  # one group: value = province * 2 + flow
    days: np.ndarray  # epoch days, drawn with weights by `day_choice`
    day_choice: GroupedChoice
    sector: GroupedChoice  # groups: province * 2 + flow
    partner: GroupedChoice  # groups: `draw_group`, of which 1404's are drawn
    traders: np.ndarray  # commercial cards per province
    route_share: np.ndarray
    hs8: pa.Array
    partners: pa.Array  # the partner codes plus a final null
    offices: pa.Array
    provinces: pa.Array
    flows: pa.Array
    sizes: pa.Array
    hub: int  # partner index of the usual consignment hub


@functools.cache
def _model() -> _Model:
    profile, days = load_profile(), sample_days()
    prov = profile.provinces
    n_pf = len(prov.codes) * len(FLOWS)
    counts = sector_counts(profile)[:, :, LATEST].reshape(n_pf, len(SECTORS))
    return _Model(
        province_flow=GroupedChoice.build([(np.arange(n_pf), prov.lines.ravel())]),
        days=days.epoch_day,
        day_choice=GroupedChoice.build([(np.arange(len(days.weight)), days.weight)]),
        sector=GroupedChoice.build([(np.arange(len(SECTORS)), c) for c in counts]),
        partner=profile.partner_choice,
        traders=prov.traders,
        route_share=prov.route_share,
        hs8=pa.array(profile.tariff.hs8, pa.string()),
        partners=pa.array([*profile.partners, None], pa.string()),
        offices=pa.array(profile.offices, pa.string()),
        provinces=pa.array(prov.codes, pa.string()),
        flows=pa.array(FLOWS, pa.string()),
        sizes=pa.array(TRADER_SIZES, pa.string()),
        hub=profile.partners.index(CONSIGNED_VIA[0][0]),
    )


def _block(seed: int, b: int) -> pa.Table:
    """Lines b * BLOCK .. (b + 1) * BLOCK - 1: whole declarations, the last one cut at the end."""
    m, profile = _model(), load_profile()
    rng = np.random.default_rng([seed, b])
    k = np.minimum(rng.geometric(LINES_P, BLOCK), MAX_LINES)
    n_decl = int(np.searchsorted(np.cumsum(k), BLOCK)) + 1
    k = k[:n_decl]
    k[-1] -= k.sum() - BLOCK
    zero = np.zeros(n_decl, dtype=np.int64)
    pf = m.province_flow.sample(rng, zero)
    province, flow = pf // len(FLOWS), pf % len(FLOWS)
    day = m.day_choice.sample(rng, zero)
    sector = m.sector.sample(rng, pf)
    partner = m.partner.sample(rng, draw_group(LATEST, flow, sector))
    card = (rng.random(n_decl) * m.traders[province]).astype(np.int64)
    number = np.array([int(c.split("-")[1]) for c in profile.provinces.codes])[province]
    trader = 10**10 + number * 10**8 + card * 9973 % 10**8
    large = card % LARGE_EVERY == 0
    border = profile.route_choice.sample(rng, partner)
    own = profile.own_office_choice.sample(rng, province)
    office = np.where(rng.random(n_decl) < m.route_share[province], border, own)
    imported = flow == FLOWS.index("M")
    consigned = imported & (partner != m.hub) & (rng.random(n_decl) < CONSIGNED_VIA[0][1])
    consignment = np.where(consigned, m.hub, len(m.partners) - 1)

    row = np.repeat(np.arange(n_decl), k)
    line_no = np.arange(BLOCK) - np.repeat(np.cumsum(k) - k, k) + 1
    tariff = profile.tariff
    t = tariff.choice.sample(rng, draw_group(LATEST, flow, sector)[row])
    value = tariff.line_usd[t] * rng.lognormal(0.0, LINE_SIGMA, BLOCK)
    value *= np.where(large[row], LARGE_TRADER_FACTOR, 1.0)
    weight = value / (tariff.usd_per_kg[t] * rng.lognormal(0.0, UNIT_VALUE_SIGMA, BLOCK))
    cents = np.maximum(np.rint(value * 100), 1).astype(np.int64)
    grams = np.maximum(np.rint(weight) * 1000, 1).astype(np.int64)
    return pa.Table.from_arrays(
        [
            number_text_column((10**11 + b * BLOCK + np.arange(n_decl))[row]),
            pa.array(line_no.astype(np.int32)),
            m.flows.take(flow[row]),
            date_column(m.days[day[row]]),
            m.hs8.take(t),
            m.partners.take(partner[row]),
            m.partners.take(consignment[row]),
            m.offices.take(office[row]),
            m.provinces.take(province[row]),
            number_text_column(trader[row]),
            m.sizes.take(large[row].astype(np.int64)),
            decimal_column(cents, 2),
            decimal_column(grams, 3),
            pa.nulls(BLOCK, pa.decimal128(18, 3)),
            pa.nulls(BLOCK, pa.string()),
        ],
        schema=CANONICAL_SCHEMA,
    )


def canonical_chunks(n: int, seed: int = 0, chunk: int = 1_000_000) -> Iterator[pa.Table]:
    """The n lines of `generate_canonical(n, seed)` as tables of about `chunk` lines."""
    if n < 0:
        raise ValueError("n must be 0 or more")
    per_chunk = max(1, chunk // BLOCK)
    n_blocks = -(-n // BLOCK)
    for first in range(0, n_blocks, per_chunk):
        blocks = range(first, min(first + per_chunk, n_blocks))
        table = pa.concat_tables([_block(seed, b) for b in blocks])
        yield table.slice(0, min(len(table), n - first * BLOCK))


def generate_canonical(n: int, seed: int = 0) -> pa.Table:
    """n synthetic canonical lines (not calibrated), vectorised; same n and seed, same table."""
    tables = list(canonical_chunks(n, seed))
    return pa.concat_tables(tables) if tables else CANONICAL_SCHEMA.empty_table()


def write_csv(tables, path: Path) -> Path:
    """Canonical CSV: header first, no quotes, ISO dates, plain decimals, empty for null."""
    with pcsv.CSVWriter(str(path), CANONICAL_SCHEMA, write_options=CSV_OPTIONS) as writer:
        for table in tables:
            writer.write_table(table)
    return path


def write_canonical_csv(path: Path, n: int, seed: int = 0, chunk: int = 1_000_000) -> Path:
    """Write `generate_canonical(n, seed)` as CSV, `chunk` lines at a time (bounded memory)."""
    return write_csv(canonical_chunks(n, seed, chunk), Path(path))


def write_canonical_parquet(path: Path, n: int, seed: int = 0, chunk: int = 1_000_000) -> Path:
    """Write `generate_canonical(n, seed)` as Parquet (zstd), one row group per chunk."""
    path = Path(path)
    with pq.ParquetWriter(str(path), CANONICAL_SCHEMA, compression="zstd") as writer:
        for table in canonical_chunks(n, seed, chunk):
            writer.write_table(table)
    return path
