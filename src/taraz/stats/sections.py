"""The sections of the figures, built from `Inputs`: totals, breakdowns, months, top-N,
concentration, unit values.

Every amount is a string of exact decimal digits (see `measures`); counts are ints. A growth
figure is None when either span is not wholly loaded for the flow (`growth_available` says
which) or when last year's amount is zero.
"""

from __future__ import annotations

from bisect import bisect_right
from decimal import Decimal
from typing import Any

from taraz.stats.code_names import month_label
from taraz.stats.facts import CUR, PREV, SKIP, Cell, month_spans, sum_by
from taraz.stats.inputs import Inputs
from taraz.stats.measures import growth, hhi, share, tonnes, usd, usd_per_tonne
from taraz.stats.query import CUSTOMS, EXPORTS, FLOWS, IMPORTS

EMPTY = Cell()

# dimension -> (facts part, key column, label kind)
DIMENSIONS: dict[str, tuple[str, str, str]] = {
    "sector": ("sector", "sector", "sector"),
    "stage": ("stage", "stage", "stage"),
    "section": ("section", "section", "section"),
    "hs2": ("hs2", "hs2", "hs"),
    "hs4": ("hs4", "hs4", "hs"),
    "hs6": ("hs6", "hs6", "hs"),
    "partner": ("partner", "partner", "country"),
    "customs_office": ("office", "customs_office", "customs_office"),
    "trader_size": ("daily", "trader_size", "trader_size"),
}
PRODUCT_LEVEL = "hs6"  # products of top-N, HHI and unit values: HS subheadings


def flow_code(flow: str) -> str:
    """ "X"/"M" from "X", "M", "exports" or "imports"."""
    names = {v: k for k, v in FLOWS.items()}
    code = names.get(flow, flow)
    if code not in FLOWS:
        raise ValueError(f"flow must be one of X, M, exports, imports; not {flow!r}")
    return code


def growth_available(inp: Inputs, flow: str) -> bool:
    return inp.coverage is not None and inp.coverage.growth_available(flow)


# -- totals ------------------------------------------------------------------------------------


def totals_section(inp: Inputs) -> dict[str, Any]:
    """Exports and imports (value, tonnes, declarations, lines), balance and total trade."""
    out: dict[str, Any] = {}
    cells = {}
    loaded: dict[tuple[str, str], bool] = {}
    for flow, name in FLOWS.items():
        c, p = inp.facts.total(CUR, flow), inp.facts.total(PREV, flow)
        cells[flow] = (c, p)
        now, before = _status(inp, flow, CUR), _status(inp, flow, PREV)
        loaded[flow, CUR], loaded[flow, PREV] = now != "none", before != "none"
        ok = growth_available(inp, flow)
        out[name] = {
            **_amounts(c, now),
            "last_year": _amounts(p, before),
            "growth": _growth(c, p, ok),
        }
    (xc, xp), (mc, mp) = cells[EXPORTS], cells[IMPORTS]
    both_now = loaded[EXPORTS, CUR] and loaded[IMPORTS, CUR]
    both_before = loaded[EXPORTS, PREV] and loaded[IMPORTS, PREV]
    balance, last_balance = xc.value - mc.value, xp.value - mp.value
    out["balance"] = {
        "value_usd": usd(balance) if both_now else None,
        "sign": _sign(balance) if both_now else None,
        "last_year_value_usd": usd(last_balance) if both_before else None,
        "last_year_sign": _sign(last_balance) if both_before else None,
    }
    trade, last_trade = xc.plus(mc), xp.plus(mp)
    both = growth_available(inp, EXPORTS) and growth_available(inp, IMPORTS)
    out["total_trade"] = {
        "value_usd": usd(trade.value) if both_now else None,
        "weight_t": tonnes(trade.weight) if both_now else None,
        "last_year_value_usd": usd(last_trade.value) if both_before else None,
        "last_year_weight_t": tonnes(last_trade.weight) if both_before else None,
        "growth": _growth(trade, last_trade, both),
    }
    return out


def _status(inp: Inputs, flow: str, span: str) -> str:
    """How much of the span is loaded for the flow; "complete" when coverage was not read."""
    if inp.coverage is None:
        return "complete"
    period = inp.query.period if span == CUR else inp.query.last_year
    return inp.coverage.status(flow, period)


def _amounts(c: Cell, loaded: str = "complete") -> dict[str, Any]:
    """A flow's amounts; all None when nothing of the span is loaded (never zero for that)."""
    if loaded == "none":
        empty = ("value_usd", "weight_t", "declarations", "lines", "lines_without_declaration_id")
        return {**dict.fromkeys(empty), "loaded": loaded}
    return {
        "value_usd": usd(c.value),
        "weight_t": tonnes(c.weight),
        "declarations": c.declarations,
        "lines": c.lines,
        "lines_without_declaration_id": c.unidentified,
        "loaded": loaded,
    }


def _growth(c: Cell, p: Cell, loaded: bool) -> dict[str, Any]:
    if not loaded:
        return {
            "available": False,
            "reason": "incomplete_coverage",
            "value_pct": None,
            "weight_pct": None,
        }
    value_pct, weight_pct = growth(c.value, p.value), growth(c.weight, p.weight)
    return {
        "available": value_pct is not None,
        "reason": None if value_pct is not None else "no_base",
        "value_pct": value_pct,
        "weight_pct": weight_pct,
    }


def _sign(d: Decimal) -> str:
    return "surplus" if d > 0 else "deficit" if d < 0 else "even"


# -- breakdowns --------------------------------------------------------------------------------


def cells_by(inp: Inputs, dimension: str, span: str, flow: str) -> dict[Any, Cell]:
    """The query's value, weight and lines by one dimension (None: unspecified)."""
    part, key, _ = DIMENSIONS[dimension]
    rows = inp.facts.rows(part, span, flow)
    q = inp.query
    if part != "office" or q.province is None:
        return sum_by(rows, lambda keys: keys[key])
    home = "office_province" if q.basis == CUSTOMS else "province"
    return sum_by(rows, lambda keys: keys[key] if keys[home] == q.province else SKIP)


def breakdown_items(inp: Inputs, dimension: str, flow: str) -> list[dict[str, Any]]:
    """One item per code of the dimension seen in either span, largest value first."""
    memo_key = ("breakdown", dimension, flow)
    if memo_key in inp.memo:
        return inp.memo[memo_key]
    _, _, kind = DIMENSIONS[dimension]
    cur, prev = cells_by(inp, dimension, CUR, flow), cells_by(inp, dimension, PREV, flow)
    total, last_total = inp.facts.total(CUR, flow).value, inp.facts.total(PREV, flow).value
    ok = growth_available(inp, flow)
    order = sorted(
        set(cur) | set(prev),
        key=lambda k: (-cur.get(k, EMPTY).value, -prev.get(k, EMPTY).value, k is None, str(k)),
    )
    items = []
    for k in order:
        c, p = cur.get(k, EMPTY), prev.get(k, EMPTY)
        items.append(
            {
                "code": k,
                **inp.labels.of(kind, k),
                "value_usd": usd(c.value),
                "weight_t": tonnes(c.weight),
                "lines": c.lines,
                "share_pct": share(c.value, total),
                "last_year_value_usd": usd(p.value),
                "last_year_weight_t": tonnes(p.weight),
                # last year's share of last year's total, where the two years compare
                "last_year_share_pct": share(p.value, last_total) if ok else None,
                "growth_value_pct": growth(c.value, p.value) if ok else None,
                "growth_weight_pct": growth(c.weight, p.weight) if ok else None,
            }
        )
    inp.memo[memo_key] = items
    return items


def breakdowns_section(inp: Inputs, dimensions=tuple(DIMENSIONS)) -> dict[str, Any]:
    return {
        name: {d: breakdown_items(inp, d, flow) for d in dimensions} for flow, name in FLOWS.items()
    }


# -- months ------------------------------------------------------------------------------------


def monthly_section(inp: Inputs) -> dict[str, Any]:
    """Month by month in the period's calendar, each beside the same month last year."""
    q = inp.query
    calendar = q.period.calendar
    now_months, last_months = month_spans(q.period), month_spans(q.last_year)
    out = {}
    for flow, name in FLOWS.items():
        now = _by_month(inp.facts.by("daily", "date", CUR, flow), now_months)
        last = _by_month(inp.facts.by("daily", "date", PREV, flow), last_months)
        items = []
        for i, (label, start, end) in enumerate(now_months):
            c = now[i]
            loaded = inp.coverage is not None and inp.coverage.month_loaded(flow, start, end)
            item = {
                **month_label(calendar, label),
                "start": start.isoformat(),
                "end": end.isoformat(),
                "loaded": loaded,
                **_month_amounts(c),
                "last_year": None,
                "growth_value_pct": None,
                "growth_weight_pct": None,
            }
            if i < len(last_months):
                p_label, p_start, p_end = last_months[i]
                p = last[i]
                p_loaded = inp.coverage is not None and inp.coverage.month_loaded(
                    flow, p_start, p_end
                )
                item["last_year"] = {
                    **month_label(calendar, p_label),
                    "start": p_start.isoformat(),
                    "end": p_end.isoformat(),
                    "loaded": p_loaded,
                    **_month_amounts(p),
                }
                if loaded and p_loaded:
                    item["growth_value_pct"] = growth(c.value, p.value)
                    item["growth_weight_pct"] = growth(c.weight, p.weight)
            items.append(item)
        out[name] = items
    return out


def _by_month(days: dict[Any, Cell], months) -> list[Cell]:
    starts = [start for _, start, _ in months]
    sums = [EMPTY] * len(months)
    for d, cell in days.items():
        i = bisect_right(starts, d) - 1
        if 0 <= i < len(months) and d <= months[i][2]:
            sums[i] = sums[i].plus(cell)
    return sums


def _month_amounts(c: Cell) -> dict[str, Any]:
    return {"value_usd": usd(c.value), "weight_t": tonnes(c.weight), "lines": c.lines}


# -- top-N, concentration, unit values ---------------------------------------------------------


def top_section(inp: Inputs, n: int = 10) -> dict[str, Any]:
    """The largest products, destinations (exports) and origins (imports); the unspecified
    partner or product is never ranked."""

    def first(dimension: str, flow: str) -> list[dict[str, Any]]:
        items = [i for i in breakdown_items(inp, dimension, flow) if i["code"] is not None]
        return [{"rank": r, **i} for r, i in enumerate(items[:n], start=1)]

    return {
        "n": n,
        "product_level": PRODUCT_LEVEL,
        "export_products": first(PRODUCT_LEVEL, EXPORTS),
        "export_destinations": first("partner", EXPORTS),
        "export_sectors": first("sector", EXPORTS),
        "import_products": first(PRODUCT_LEVEL, IMPORTS),
        "import_origins": first("partner", IMPORTS),
        "import_sectors": first("sector", IMPORTS),
    }


def concentration_section(inp: Inputs) -> dict[str, Any]:
    """HHI (sum of squared % shares, 0-10,000) of partners and of products, over the codes
    that are specified; the unspecified share is reported beside it."""
    out = {}
    for flow, name in FLOWS.items():
        entry = {}
        for what, dimension in (("partners", "partner"), ("products", PRODUCT_LEVEL)):
            cur = cells_by(inp, dimension, CUR, flow)
            prev = cells_by(inp, dimension, PREV, flow)
            known = [c.value for k, c in cur.items() if k is not None]
            whole = sum((c.value for c in cur.values()), Decimal(0))
            entry[what] = {
                "hhi": hhi(known),
                "last_year_hhi": hhi([c.value for k, c in prev.items() if k is not None]),
                "groups": sum(1 for k, c in cur.items() if k is not None and c.value),
                "unspecified_share_pct": share(cur.get(None, EMPTY).value, whole),
                **({"level": PRODUCT_LEVEL} if what == "products" else {}),
            }
        out[name] = entry
    return out


def unit_values_section(inp: Inputs) -> dict[str, Any]:
    """USD per tonne of each product with weight, this period and last year."""
    out = {}
    for flow, name in FLOWS.items():
        cur = inp.facts.by(PRODUCT_LEVEL, PRODUCT_LEVEL, CUR, flow)
        prev = inp.facts.by(PRODUCT_LEVEL, PRODUCT_LEVEL, PREV, flow)
        ok = growth_available(inp, flow)
        items = []
        for k, c in sorted(cur.items(), key=lambda kv: (-kv[1].value_weighed, str(kv[0]))):
            if k is None or c.weight <= 0:
                continue
            p = prev.get(k, EMPTY)
            now, before = (
                usd_per_tonne(c.value_weighed, c.weight),
                usd_per_tonne(p.value_weighed, p.weight),
            )
            items.append(
                {
                    "code": k,
                    **inp.labels.of("hs", k),
                    "value_usd": usd(c.value_weighed),
                    "weight_t": tonnes(c.weight),
                    "usd_per_t": now,
                    "last_year_usd_per_t": before,
                    "change_pct": growth(Decimal(now), Decimal(before)) if ok and before else None,
                }
            )
        out[name] = items
    return out
