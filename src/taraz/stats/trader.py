"""One firm's own exports, by its commercial card number (the lines' `trader_id`): by Jalali
quarter beside the same quarter a year earlier, its products (HS subheadings) and the countries
it reached, over a period (by default the last four quarters wholly loaded).

The figures are those of a `Query` narrowed by `trader`, computed by the same facts query as
every other figure, so the same rules hold: exact DECIMAL sums, "not loaded" (never zero) for a
span with no data, growth only between two wholly loaded spans, the as-of moment and the
coverage carried. A firm with no line in a loaded period is `found: False`, said as such, not
as a table of zeros.

A trader's figures are never public (docs/security.md): the exporter's profile shows them to
the firm's own people and the organization's staff only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from taraz.calendar import JALALI, Period, calendar_system, gregorian_to_jalali, make_period
from taraz.calendar.period import quarter_period
from taraz.errors import TarazError
from taraz.stats.facts import CUR, PREV, Cell, month_spans
from taraz.stats.inputs import Inputs, gather
from taraz.stats.loaded import loaded_span, moment_label
from taraz.stats.measures import growth, tonnes, usd
from taraz.stats.provenance import coverage_section, fetch_coverage
from taraz.stats.public import query_section
from taraz.stats.query import EXPORTS, ORIGIN, Query
from taraz.stats.sections import breakdown_items, totals_section

if TYPE_CHECKING:
    from taraz.stats.engine import Engine

SCHEMA = "taraz.trader-figures/1"
QUARTERS = 4  # the default period: this many Jalali quarters, the last wholly loaded
UNITS = {
    "value": "USD",
    "weight": "t",
    "percent": "%",
    "numbers": "amounts are strings of exact decimal digits; counts are integers",
}
EMPTY = Cell()


def trader_figures(
    engine: Engine,
    trader: str,
    period: Period | None = None,
    *,
    province: str | None = None,
    basis: str = ORIGIN,
    as_of: datetime | None = None,
    top: int = 10,
) -> dict[str, Any]:
    """The exports of the firm whose commercial card is `trader`, over `period` (default: the
    last four Jalali quarters wholly loaded, `last_loaded_quarters`), as one JSON-ready dict:
    `schema`, `trader`, `query`, `units`, `found`, `totals`, `quarters`, `products` (the `top`
    largest HS subheadings), `markets` (every partner country reached) and `coverage`.

    `province` None (the default) counts the firm's lines wherever they are attributed, and
    the coverage is that of every province loaded; a province narrows both to it.
    """
    if period is None:
        period = last_loaded_quarters(engine, province=province, basis=basis, as_of=as_of)
    query = Query(province=province, period=period, basis=basis, as_of=as_of, trader=trader)
    parts = ["declarations", "daily", "hs6", "partner", "batch", "hs_digits"]
    inp = gather(engine, query, parts, ["hs", "country"], findings=True)
    total = inp.facts.total(CUR, EXPORTS)
    return {
        "schema": SCHEMA,
        "trader": trader,
        "query": query_section(inp),
        "units": UNITS,
        "flow": "exports",
        "found": total.lines > 0,
        "totals": totals_section(inp)["exports"],
        "quarters": quarters_section(inp),
        "products": _ranked(inp, "hs6", top),
        "markets": _ranked(inp, "partner", None),
        "coverage": coverage_section(inp),
    }


def last_loaded_quarters(
    engine: Engine,
    count: int = QUARTERS,
    *,
    province: str | None = None,
    basis: str = ORIGIN,
    as_of: datetime | None = None,
) -> Period:
    """The `count` Jalali quarters that end with the latest quarter wholly loaded for exports
    (for `province` on `basis`, or any province), as one range; when no quarter is whole yet,
    they end with the quarter of the last day loaded. Raises `stats.nothing-loaded` (or
    `stats.nothing-loaded-as-of`) on an empty warehouse."""
    first, last = loaded_span(engine, as_of)
    if first is None or last is None:
        if as_of is not None:
            raise TarazError("stats.nothing-loaded-as-of", as_of=moment_label(as_of))
        raise TarazError("stats.nothing-loaded")
    system = calendar_system(JALALI)
    first_q, last_q = _quarter_of(first), _quarter_of(last)
    span = make_period(
        JALALI, "range", quarter_period(system, *first_q).start, quarter_period(system, *last_q).end
    )
    cov = fetch_coverage(engine, Query(province=province, period=span, basis=basis, as_of=as_of))
    end = q = last_q
    while q >= first_q:
        if cov.loaded(EXPORTS, quarter_period(system, *q)):
            end = q
            break
        q = _previous(q)
    start = end
    for _ in range(count - 1):
        start = _previous(start)
    return make_period(
        JALALI, "range", quarter_period(system, *start).start, quarter_period(system, *end).end
    )


def quarters_section(inp: Inputs, flow: str = EXPORTS) -> list[dict[str, Any]]:
    """Each quarter of the period (in its calendar, clipped to the period) beside the same
    span a year earlier: value, tonnes and lines, how much of each is loaded, and growth
    where both are wholly loaded."""
    q = inp.query
    now = inp.facts.by("daily", "date", CUR, flow)
    before = inp.facts.by("daily", "date", PREV, flow)
    cov = inp.coverage
    items = []
    for label, span in quarter_spans(q.period):
        last = span.same_period_last_year()
        c, p = _sum_days(now, span), _sum_days(before, last)
        loaded = cov.status(flow, span) if cov is not None else "complete"
        last_loaded = cov.status(flow, last) if cov is not None else "complete"
        both = loaded == last_loaded == "complete"
        value_pct = growth(c.value, p.value) if both else None
        items.append(
            {
                "quarter": label,
                **_span(span),
                **_amounts(c, loaded),
                "last_year": {**_span(last), **_amounts(p, last_loaded)},
                "growth_value_pct": value_pct,
                "growth_weight_pct": growth(c.weight, p.weight) if both else None,
                "growth_reason": None
                if value_pct is not None
                else ("no_base" if both else "incomplete_coverage"),
            }
        )
    return items


def quarter_spans(period: Period) -> list[tuple[str, Period]]:
    """(`YYYY-Qn`, span) of each quarter of `period` in its own calendar, clipped to it."""
    spans: dict[str, list[date]] = {}
    for label, start, end in month_spans(period):
        year, month = int(label[:4]), int(label[5:7])
        key = f"{year:04d}-Q{(month - 1) // 3 + 1}"
        spans.setdefault(key, [start, end])[1] = end
    out = []
    system = period.system
    for key, (start, end) in spans.items():
        whole = quarter_period(system, int(key[:4]), int(key[-1]))
        kind = "quarter" if (start, end) == (whole.start, whole.end) else "range"
        out.append((key, make_period(period.calendar, kind, start, end)))
    return out


def _ranked(inp: Inputs, dimension: str, top: int | None) -> dict[str, Any]:
    """The codes the firm exported in the period (lines in it), largest first, with their
    share of its exports; what has no code (no partner, a 4-digit tariff code) apart."""
    items = [i for i in breakdown_items(inp, dimension, EXPORTS) if i["lines"] > 0]
    named = [i for i in items if i["code"] is not None]
    unnamed = next((i for i in items if i["code"] is None), None)
    shown = named if top is None else named[:top]
    return {
        "count": len(named),
        "items": [{"rank": r, **i} for r, i in enumerate(shown, start=1)],
        "unspecified": None
        if unnamed is None
        else {
            "value_usd": unnamed["value_usd"],
            "weight_t": unnamed["weight_t"],
            "lines": unnamed["lines"],
            "share_pct": unnamed["share_pct"],
        },
    }


def _sum_days(days: dict[Any, Cell], span: Period) -> Cell:
    out = EMPTY
    for d, cell in days.items():
        if span.start <= d <= span.end:
            out = out.plus(cell)
    return out


def _amounts(c: Cell, loaded: str) -> dict[str, Any]:
    """Value, tonnes and lines; None when nothing of the span is loaded (never zero then)."""
    if loaded == "none":
        return {"loaded": loaded, "value_usd": None, "weight_t": None, "lines": None}
    return {
        "loaded": loaded,
        "value_usd": usd(c.value),
        "weight_t": tonnes(c.weight),
        "lines": c.lines,
    }


def _span(p: Period) -> dict[str, Any]:
    return {
        "label": p.label,
        "label_fa": p.label_fa(),
        "label_en": p.label_en(),
        "start": p.start.isoformat(),
        "end": p.end.isoformat(),
    }


def _quarter_of(d: date) -> tuple[int, int]:
    y, m, _ = gregorian_to_jalali(d)
    return y, (m - 1) // 3 + 1


def _previous(q: tuple[int, int]) -> tuple[int, int]:
    y, n = q
    return (y - 1, 4) if n == 1 else (y, n - 1)
