"""Every figure: totals, balance, growth, shares, breakdowns, top-N, concentration, unit values,
attribution and coverage, for any province and period, on DuckDB or Spark (one Ibis expression).

    from taraz.calendar import parse_period
    from taraz.stats import Query, bulletin_figures, open_engine

    with open_engine(warehouse) as engine:      # a Warehouse, a .duckdb file or a Parquet export
        figures = bulletin_figures(engine, Query(province="IR-21", period=parse_period("1404-H1")))

`bulletin_figures(engine, query, top=10)` returns one JSON-serialisable dict with the keys
`schema`, `query`, `units`, `totals`, `breakdowns`, `monthly`, `top`, `concentration`,
`unit_values`, `attribution` and `coverage`; the smaller functions (`totals`, `breakdown`,
`monthly`, `top_n`, `concentration`, `unit_values`, `attribution`, `coverage`) return the
matching section. Amounts are strings of exact decimal digits (dollars with cents, tonnes with
six decimals, percentages with two), counts are ints; every name comes in Persian and English.

`trader_figures(engine, trader, period=None, ...)` gives one firm's own exports by its commercial
card number (by Jalali quarter, products, markets reached; by default over the last four
quarters wholly loaded, `last_loaded_quarters`): never public, the exporter's profile only.
`Query(..., trader=card)` narrows any figure the same way.

`workshop_outcomes(engine, workshop_day, attendees)` says whether the firms that attended a
workshop exported within 6 and 12 months after it, to new markets, in new HS subheadings,
beside similar firms that did not attend (docs/outcomes.md); groups under 5 firms say "too few".
`pooled_outcomes(engine, [(day, attendees), ...])` counts several workshops together.

`warehouse_summary(engine, top=5, as_of=None)` gives what the warehouse holds (`taraz summary`)
and `data_span(engine)` the first and last day of its data (`/api/v1/status`).

`in_sector(items, dimension, sector)` keeps the items of an HS breakdown that lie wholly in a
sector and `shared_chapters(sector)` names the chapters it shares (the drill-down), by the same
sector rule as the figures by sector.

Spark: `export_parquet(warehouse, out_dir)`, then `open_engine(out_dir, backend="spark")`.

Heavy libraries (Ibis, the engines) load on first use of a function, not on import, so the CLI
stays quick: `from taraz.stats import Query` costs nothing.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from taraz.stats.query import BASES, CUSTOMS, EXPORTS, FLOWS, IMPORTS, ORIGIN, Query

_LAZY = {
    "Engine": "taraz.stats.engine",
    "open_engine": "taraz.stats.engine",
    "local_spark_session": "taraz.stats.engine",
    "export_parquet": "taraz.stats.export",
    "live_lines": "taraz.stats.live",
    "bulletin_figures": "taraz.stats.public",
    "totals": "taraz.stats.public",
    "breakdown": "taraz.stats.public",
    "monthly": "taraz.stats.public",
    "top_n": "taraz.stats.public",
    "concentration": "taraz.stats.public",
    "unit_values": "taraz.stats.public",
    "attribution": "taraz.stats.public",
    "coverage": "taraz.stats.public",
    "trader_figures": "taraz.stats.trader",
    "last_loaded_quarters": "taraz.stats.trader",
    "workshop_outcomes": "taraz.stats.outcomes",
    "outcome_windows": "taraz.stats.outcomes",
    "pooled_outcomes": "taraz.stats.outcomes",
    "DIMENSIONS": "taraz.stats.sections",
    "warehouse_summary": "taraz.stats.summary",
    "data_span": "taraz.stats.summary",
    "DataSpan": "taraz.stats.summary",
    "SECTOR_LEVELS": "taraz.stats.sector_drill",
    "in_sector": "taraz.stats.sector_drill",
    "shared_chapters": "taraz.stats.sector_drill",
}

__all__ = ["BASES", "CUSTOMS", "EXPORTS", "FLOWS", "IMPORTS", "ORIGIN", "Query", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'taraz.stats' has no attribute {name!r}")
