"""The public figures: one function per figure, and `bulletin_figures` for all of them at once.

Each function reads from the engine afresh (the facts query for what it needs, the coverage,
the names) and returns plain JSON-serialisable data: amounts as strings of exact decimal digits
("401000002.09" dollars, "2160999.934947" tonnes, "12.34" percent), counts as ints, dates as
ISO text, names in Persian and English. `bulletin_figures` computes everything in one facts
query, so its figures agree with each other and cost about as much as one of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from taraz.stats.facts import PARTS
from taraz.stats.inputs import Inputs, gather
from taraz.stats.provenance import coverage_section
from taraz.stats.query import Query
from taraz.stats.reconciliation import attribution_section
from taraz.stats.sections import (
    DIMENSIONS,
    PRODUCT_LEVEL,
    breakdown_items,
    breakdowns_section,
    concentration_section,
    flow_code,
    monthly_section,
    top_section,
    totals_section,
    unit_values_section,
)

if TYPE_CHECKING:
    from taraz.stats.engine import Engine

SCHEMA = "taraz.bulletin-figures/1"
ALL_LABELS = ("sector", "stage", "section", "hs", "country", "customs_office")
UNITS = {
    "value": "USD",
    "weight": "t",
    "percent": "%",
    "unit_value": "USD/t",
    "hhi": "0-10000",
    "numbers": "amounts are strings of exact decimal digits; counts are integers",
}


def bulletin_figures(engine: Engine, query: Query, top: int = 10) -> dict[str, Any]:
    """Every figure of the bulletin for `query`, as one JSON-serialisable dict."""
    inp = gather(engine, query, PARTS, ALL_LABELS, findings=True)
    return {
        "schema": SCHEMA,
        "query": query_section(inp),
        "units": UNITS,
        "totals": totals_section(inp),
        "breakdowns": breakdowns_section(inp),
        "monthly": monthly_section(inp),
        "top": top_section(inp, top),
        "concentration": concentration_section(inp),
        "unit_values": unit_values_section(inp),
        "attribution": attribution_section(inp),
        "coverage": coverage_section(inp),
    }


def totals(engine: Engine, query: Query) -> dict[str, Any]:
    """Exports and imports (value, tonnes, declarations, lines), balance, total trade, growth."""
    return totals_section(gather(engine, query, ["declarations"]))


def breakdown(
    engine: Engine, query: Query, dimension: str, flow: str = "X"
) -> list[dict[str, Any]]:
    """Value, tonnes, share and growth by `dimension` (one of DIMENSIONS) for a flow."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"dimension must be one of {list(DIMENSIONS)}, not {dimension!r}")
    part, _, kind = DIMENSIONS[dimension]
    return breakdown_items(gather(engine, query, [part], [kind]), dimension, flow_code(flow))


def monthly(engine: Engine, query: Query) -> dict[str, Any]:
    """Month by month this period and the same months last year, for both flows."""
    return monthly_section(gather(engine, query, ["daily"]))


def top_n(engine: Engine, query: Query, n: int = 10) -> dict[str, Any]:
    """The n largest products, destinations and origins (and sectors)."""
    parts = [PRODUCT_LEVEL, "sector", "partner"]
    return top_section(gather(engine, query, parts, ["hs", "country", "sector"]), n)


def concentration(engine: Engine, query: Query) -> dict[str, Any]:
    """HHI of partners and of products, this period and last year."""
    return concentration_section(gather(engine, query, [PRODUCT_LEVEL, "partner"]))


def unit_values(engine: Engine, query: Query) -> dict[str, Any]:
    """USD per tonne of each product with weight."""
    return unit_values_section(gather(engine, query, [PRODUCT_LEVEL], ["hs"]))


def attribution(engine: Engine, query: Query) -> dict[str, Any]:
    """Origin basis against customs basis, and the cross table between them."""
    return attribution_section(gather(engine, query, ["office"], coverage=False))


def coverage(engine: Engine, query: Query) -> dict[str, Any]:
    """What the figures stand on: batches, months loaded and missing, warnings, HS detail."""
    inp = gather(engine, query, ["batch", "hs_digits"], findings=True, require_data=False)
    return coverage_section(inp)


def query_section(inp: Inputs) -> dict[str, Any]:
    """What was asked; a partner or a trader that narrows the figures is named (only then)."""
    q = inp.query
    out = {
        "province": inp.labels.province(q.province),
        "period": _period(q.period),
        "last_year": _period(q.last_year),
        "basis": q.basis,
        "as_of": None if q.as_of is None else q.as_of.isoformat(),
    }
    if q.partner is not None:
        out["partner"] = q.partner
    if q.trader is not None:
        out["trader"] = q.trader
    return out


def _period(p) -> dict[str, Any]:
    return {
        "label": p.label,
        "label_fa": p.label_fa(),
        "label_en": p.label_en(),
        "calendar": p.calendar,
        "kind": p.kind,
        "start": p.start.isoformat(),
        "end": p.end.isoformat(),
        "days": p.days,
    }
