"""Synthetic customs declaration lines for demos, tests and benchmarks. NOT real data.

Every line is invented by a seeded random generator. Only a few published totals are held
(Yazd's first half of 1404 as the provincial organization announced it); everything else,
including each line, trader, declaration number and the other provinces' figures, is made up
to look plausible. See SAMPLE.md beside this file for what is calibrated and how.

- `generate_lines(seed, scale)`: the calibrated sample, all provinces, Jalali 1403-1404.
- `write_sample(out_dir, seed, scale)`: the same lines as files an analyst receives (Yazd's
  monthly customs Excel files, canonical CSV for the rest), in import order.
- `generate_canonical(n, seed)`, `write_canonical_csv(...)`, `write_canonical_parquet(...)`:
  any number of uncalibrated lines, fast and in bounded memory, for benchmarks.
- `sample_traders(province, seed)`: a province's commercial cards, as the lines' `trader_id`.
- For the demo, a synthetic service world: `world.service_world()` (firms on the sample's cards,
  people) and `case_plans.plan_cases(...)` (their cases, step by step), which
  `taraz.web.cases.demo` applies through the services.
"""

from taraz.sample.canonical import generate_canonical, write_canonical_csv, write_canonical_parquet
from taraz.sample.columns import CANONICAL_COLUMNS, CANONICAL_SCHEMA
from taraz.sample.files import write_sample
from taraz.sample.lines import SampleTrader, generate_lines, sample_traders

__all__ = [
    "CANONICAL_COLUMNS",
    "CANONICAL_SCHEMA",
    "SampleTrader",
    "generate_canonical",
    "generate_lines",
    "sample_traders",
    "write_canonical_csv",
    "write_canonical_parquet",
    "write_sample",
]
