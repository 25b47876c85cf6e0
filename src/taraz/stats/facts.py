"""The one pass over the lines: every aggregate a set of figures needs, in one query.

The query's live lines in this period and the same period last year are read once, flagged
with their span (this period or last year's), and fed to a few group-bys ("parts") stacked
with UNION ALL: one round trip. Two small pre-aggregates, by tariff code (joined to the product
dimension) and by day, trader size (the declared class in force, else the line's own:
`taraz.stats.sizes`) and batch, feed the totals, sector, section, HS levels, detail level,
days and batches; distinct declarations, partners and offices are grouped from
the lines directly. The engine returns only exact sums (DECIMAL) and counts; shares, growth,
HHI, unit values and months are worked out from them in Python with `decimal`, so every backend
gives the same digits.

Lines are read in two disjoint sets so that each read filters on plain columns (which the
engines push into the scan):
- `inside`: the lines attributed to the province on the query's basis (all lines of the
  country when the query has no province);
- `outside`: the province's other lines on the other basis (origin basis: lines of other
  provinces cleared at the province's offices; customs basis: the province's own lines cleared
  elsewhere or at no named office). Only the attribution part reads them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from functools import lru_cache
from itertools import repeat
from typing import TYPE_CHECKING, Any, NamedTuple

from taraz.calendar import Period, gregorian_to_jalali
from taraz.stats.live import live_lines
from taraz.stats.query import CUSTOMS, Query
from taraz.stats.sizes import has_declared_sizes, with_declared_sizes

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pyarrow as pa

    from taraz.stats.engine import Engine

CUR, PREV = "cur", "prev"

# part -> the columns it groups by (besides span and flow)
PARTS: dict[str, tuple[str, ...]] = {
    "totals": (),
    "declarations": (),  # distinct declaration_id, its own part (a distinct count)
    "sector": ("sector",),
    "stage": ("stage",),
    "section": ("section",),
    "hs2": ("hs2",),
    "hs4": ("hs4",),
    "hs6": ("hs6",),
    "hs_digits": ("hs_digits",),
    "partner": ("partner",),
    "office": ("province", "customs_office", "office_province"),  # both bases
    "daily": ("date", "trader_size"),  # months are summed from days in Python
    "batch": ("batch_id",),
}
# parts summed from the lines grouped by tariff code (joined to the product dimension) and
# from the lines grouped by day, trader size and batch
KEYED_PRODUCT_PARTS = ("sector", "stage", "section", "hs2", "hs4", "hs6", "hs_digits")
PRODUCT_PARTS = ("totals", *KEYED_PRODUCT_PARTS)
DAY_PARTS = ("daily", "batch")
KEY_TYPES = {
    "hs2": "string",
    "hs4": "string",
    "hs6": "string",
    "section": "string",
    "sector": "string",
    "stage": "string",
    "hs_digits": "int64",
    "partner": "string",
    "province": "string",
    "customs_office": "string",
    "office_province": "string",
    "date": "date",
    "trader_size": "string",
    "batch_id": "string",
}
LINE_COLUMNS = (
    "flow",
    "date",
    "declaration_id",
    "province",
    "customs_office",
    "partner",
    "trader_size",
    "batch_id",
    "hs_code",
    "value_usd",
    "weight_kg",
)

SKIP = object()  # a key function's answer for "leave this row out"
ZERO_VALUE = Decimal("0.00")
ZERO_WEIGHT = Decimal("0.000")


class Cell(NamedTuple):
    """The sums and counts of one group."""

    value: Decimal = ZERO_VALUE  # USD, exact cents
    weight: Decimal = ZERO_WEIGHT  # kg, exact grams; lines without weight add nothing
    value_weighed: Decimal = ZERO_VALUE  # USD of the lines with weight > 0 (for unit values)
    lines: int = 0
    unidentified: int = 0  # lines without a declaration_id
    declarations: int = 0  # distinct declaration_id (the `declarations` part only)
    date_min: date | None = None
    date_max: date | None = None

    def plus(self, other: Cell) -> Cell:
        return Cell(
            self.value + other.value,
            self.weight + other.weight,
            self.value_weighed + other.value_weighed,
            self.lines + other.lines,
            self.unidentified + other.unidentified,
            self.declarations + other.declarations,
            _least(self.date_min, other.date_min),
            _greatest(self.date_max, other.date_max),
        )


class Row(NamedTuple):
    """One row of a part: its keys (column -> value) and its cell."""

    keys: dict[str, Any]
    cell: Cell


class Facts:
    """The rows of the facts query, by part, span and flow."""

    def __init__(self, query: Query, table: pa.Table) -> None:
        self.query = query
        self._rows: dict[tuple[str, str, str], list[Row]] = {}
        cols = {name: table.column(name).to_pylist() for name in table.column_names}
        cells = zip(
            map(_amount, cols["value"], repeat(ZERO_VALUE)),
            map(_amount, cols["weight"], repeat(ZERO_WEIGHT)),
            map(_amount, cols["value_weighed"], repeat(ZERO_VALUE)),
            cols["lines"],
            cols["unidentified"],
            cols["declarations"],
            cols["date_min"],
            cols["date_max"],
            strict=True,
        )
        parts, flows, spans = cols["part"], cols["flow"], cols["span"]
        key_columns = {part: [(k, cols[k]) for k in names] for part, names in PARTS.items()}
        digits = cols["hs_digits"]
        for i, (v, w, vw, n, unid, decl, dmin, dmax) in enumerate(cells):
            part = parts[i]
            # a sum of counts may come back as a wide integer
            cell = Cell(v, w, vw, int(n), int(unid or 0), int(decl or 0), dmin, dmax)
            keys = {k: col[i] for k, col in key_columns[part]}
            if part == "hs_digits" and digits[i] is not None:
                keys["hs_digits"] = int(digits[i])
            span = CUR if spans[i] else PREV
            self._rows.setdefault((part, span, flows[i]), []).append(Row(keys, cell))

    def rows(self, part: str, span: str, flow: str) -> list[Row]:
        return self._rows.get((part, span, flow), [])

    def items(self):
        """((part, span, flow), rows) pairs."""
        return self._rows.items()

    def by(self, part: str, key: str, span: str, flow: str) -> dict[Any, Cell]:
        """The part's rows summed by one key column (None is "unspecified")."""
        return sum_by(self.rows(part, span, flow), lambda keys: keys[key])

    def total(self, span: str, flow: str) -> Cell:
        """Value, weight, lines and declarations of the flow in the span."""
        rows = self.rows("totals", span, flow)
        cell = rows[0].cell if rows else Cell()
        decl = self.rows("declarations", span, flow)
        if decl:
            cell = cell._replace(declarations=decl[0].cell.declarations)
        return cell


def _amount(value: Decimal | str | None, zero: Decimal) -> Decimal:
    """A sum as the engine sent it (a Decimal, or its digits as text: `facts_sql`), `zero`
    for none."""
    if value is None:
        return zero
    return value if type(value) is Decimal else Decimal(value)


def sum_by(rows: Iterable[Row], key) -> dict[Any, Cell]:
    """Rows summed by `key(row.keys)`, skipping rows whose key function returns SKIP.

    Most parts have one row per key (a breakdown by the part's own column): a key seen once
    keeps its row's cell as it is, and only a key seen again is summed."""
    acc: dict[Any, Cell] = {}
    sums: dict[Any, list[Any]] = {}
    for row in rows:
        k = key(row.keys)
        if k is SKIP:
            continue
        first = acc.get(k)
        if first is None:
            acc[k] = row.cell
            continue
        a = sums.get(k)
        if a is None:
            a = sums[k] = list(first)
        c = row.cell
        a[0] += c.value
        a[1] += c.weight
        a[2] += c.value_weighed
        a[3] += c.lines
        a[4] += c.unidentified
        a[5] += c.declarations
        a[6] = _least(a[6], c.date_min)
        a[7] = _greatest(a[7], c.date_max)
    for k, a in sums.items():
        acc[k] = Cell(*a)
    return acc


def compute_facts(engine: Engine, query: Query, parts: Iterable[str] = tuple(PARTS)) -> Facts:
    """Run the facts query for `parts` (one round trip) and index its rows: on the DuckDB
    warehouse the hand-written statement of `taraz.stats.facts_sql` (nothing compiled per
    query), on a Parquet export or Spark the Ibis expression `facts_expr`."""
    parts = tuple(dict.fromkeys(parts))
    _check(parts)
    declared = has_declared_sizes(engine)
    if engine.kind == "duckdb":  # one statement per shape of query, its values bound
        from taraz.stats.facts_sql import Shape, facts_params, facts_sql

        shape = Shape.of(query, parts, declared)
        return Facts(query, engine.run_sql(facts_sql(shape), facts_params(query, shape)))
    if engine.kind != "spark":  # a Parquet export: Ibis prunes its partitions
        rows = engine.run(
            ("facts", query, parts, declared),
            lambda: facts_expr(engine, query, parts, declared=declared),
        )
        return Facts(query, rows)
    # Spark does not share a subquery between the parts: read the lines once into memory
    inside = labelled_lines(engine, query, inside=True, declared=declared)
    outside = (
        labelled_lines(engine, query, inside=False, declared=declared)
        if "office" in parts
        else None
    )
    with inside.cache() as cached_inside:
        if outside is None:
            expr = _stack(engine, parts, cached_inside, None)
            return Facts(query, engine.run(None, lambda: expr))
        with outside.cache() as cached_outside:
            expr = _stack(engine, parts, cached_inside, cached_outside)
            return Facts(query, engine.run(None, lambda: expr))


def facts_expr(
    engine: Engine, query: Query, parts: Iterable[str], *, declared: bool | None = None
) -> ir.Table:
    """The UNION ALL of one aggregate per part over the query's labelled lines (`declared`:
    whether declared size classes are loaded, `has_declared_sizes`; asked when None)."""
    parts = tuple(dict.fromkeys(parts))
    _check(parts)
    if declared is None:
        declared = has_declared_sizes(engine)
    inside = labelled_lines(engine, query, inside=True, declared=declared)
    outside = (
        labelled_lines(engine, query, inside=False, declared=declared)
        if "office" in parts
        else None
    )
    return _stack(engine, parts, inside, outside)


def _check(parts: tuple[str, ...]) -> None:
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        raise ValueError(f"unknown parts {unknown}; known: {list(PARTS)}")


def _stack(engine: Engine, parts, inside: ir.Table, outside: ir.Table | None) -> ir.Table:
    wanted = set(parts)
    products = _by_product(engine, inside) if wanted & set(PRODUCT_PARTS) else None
    days = _by_day(inside) if wanted & set(DAY_PARTS) else None
    pieces = []
    for name in parts:
        if name in PRODUCT_PARTS:
            pieces.append(_rollup(name, products))
        elif name in DAY_PARTS:
            pieces.append(_rollup(name, days))
        else:
            pieces.append(_part(engine, name, inside, outside))
    out = pieces[0]
    for p in pieces[1:]:
        out = out.union(p, distinct=False)
    return out


def labelled_lines(
    engine: Engine, query: Query, *, inside: bool, declared: bool | None = None
) -> ir.Table | None:
    """The query's live lines inside (or just outside) the basis, with their span and each
    line's size class (`with_declared_sizes`)."""
    spans = [(CUR, query.period), (PREV, query.last_year)]
    if query.spans_overlap():
        # a period longer than a year: a line may be in both spans, so label each span apart
        sets = [_labelled(engine, query, [s], inside, declared) for s in spans]
        sets = [s for s in sets if s is not None]
        return sets[0].union(sets[1], distinct=False) if sets else None
    return _labelled(engine, query, spans, inside, declared)


def _labelled(
    engine: Engine,
    query: Query,
    spans: list[tuple[str, Period]],
    inside: bool,
    declared: bool | None = None,
):
    import ibis

    lines = engine.table("lines")
    if engine.partitioned:  # prune the Parquet partitions by Jalali year
        years = sorted({y for _, p in spans for y in _jalali_years(p)})
        lines = lines.filter(lines.jy.isin(years))
    lines = lines.filter(ibis.or_(*[lines.date.between(p.start, p.end) for _, p in spans]))
    if query.partner is not None:
        lines = lines.filter(lines.partner == query.partner)
    if query.trader is not None:
        lines = lines.filter(lines.trader_id == query.trader)
    lines = _attributed(engine, query, lines, inside)
    if lines is None:
        return None
    lines = with_declared_sizes(engine, lines, declared)  # the class in force, else the line's
    live = live_lines(engine, query.as_of, lines.select(*LINE_COLUMNS))
    # the span as a flag (cheaper to group by than text): true for this period
    if len(spans) == 1:
        span = ibis.literal(spans[0][0] == CUR)
    else:
        (_, p), _ = spans
        span = live.date.between(p.start, p.end)
    return live.mutate(span=span)


def _attributed(engine: Engine, query: Query, lines: ir.Table, inside: bool) -> ir.Table | None:
    """The lines inside the basis for the province, or the province's lines just outside it."""
    if query.province is None:
        return lines if inside else None
    offices = engine.table("ref_customs_offices")
    own = offices.filter(offices.province == query.province).select(office_code=offices.code)
    is_origin = inside == (query.basis != CUSTOMS)
    if is_origin and inside:  # origin basis, inside: the province's own lines
        return lines.filter(lines.province == query.province)
    if is_origin:  # customs basis, outside: own lines cleared elsewhere or at no named office
        mine = lines.filter(lines.province == query.province)
        return mine.anti_join(own, mine.customs_office == own.office_code)
    if inside:  # customs basis, inside: every line cleared at the province's offices
        return lines.semi_join(own, lines.customs_office == own.office_code)
    # origin basis, outside: other provinces' lines cleared at the province's offices
    others = lines.filter(lines.province != query.province)
    return others.semi_join(own, others.customs_office == own.office_code)


def _part(engine: Engine, name: str, inside: ir.Table, outside: ir.Table | None) -> ir.Table:
    """A part summed straight from the lines: declarations, partner, office."""
    t = inside
    if name == "office" and outside is not None:
        t = inside.union(outside, distinct=False)
    if name == "declarations":
        t = t.filter(t.declaration_id.notnull()).select("span", "flow", "declaration_id").distinct()
        g = t.group_by("span", "flow").aggregate(declarations=t.count())
        return _shape(name, g, {"declarations": g.declarations})
    own_keys = [k for k in PARTS[name] if k in t.columns]
    metrics = {"value": t.value_usd.sum(), "weight": t.weight_kg.sum(), "lines": t.count()}
    g = t.group_by("span", "flow", *own_keys).aggregate(**metrics)
    if name == "office":
        offices = engine.table("ref_customs_offices")
        office = offices.select(office_code=offices.code, office_province=offices.province)
        g = g.left_join(office, g.customs_office == office.office_code)
    return _shape(name, g, {m: g[m] for m in metrics})


def _by_product(engine: Engine, inside: ir.Table) -> ir.Table:
    """The lines summed by tariff code, with the code's chapter, heading, section and sector:
    the totals and every product part are sums of these few thousand rows."""
    g = inside.group_by("span", "flow", "hs_code").aggregate(
        value=inside.value_usd.sum(),
        weight=inside.weight_kg.sum(),
        value_weighed=inside.value_usd.sum(where=inside.weight_kg > 0),
        lines=inside.count(),
        unidentified=inside.count(where=inside.declaration_id.isnull()),
    )
    product = engine.table("dim_product").select("hs_code", *KEYED_PRODUCT_PARTS)
    return g.left_join(product, "hs_code")


def _by_day(inside: ir.Table) -> ir.Table:
    """The lines summed by day, trader size and batch: the daily and batch parts sum these."""
    return inside.group_by("span", "flow", "date", "trader_size", "batch_id").aggregate(
        value=inside.value_usd.sum(),
        weight=inside.weight_kg.sum(),
        lines=inside.count(),
    )


def _rollup(name: str, t: ir.Table) -> ir.Table:
    """A part summed from a pre-aggregate (products or days)."""
    metrics = {"value": t.value.sum(), "weight": t.weight.sum(), "lines": t.lines.sum()}
    if "value_weighed" in t.columns:
        metrics["value_weighed"] = t.value_weighed.sum()
    if name == "totals":
        metrics["unidentified"] = t.unidentified.sum()
    if name == "batch":
        metrics["date_min"] = t.date.min()
        metrics["date_max"] = t.date.max()
    g = t.group_by("span", "flow", *PARTS[name]).aggregate(**metrics)
    return _shape(name, g, {m: g[m] for m in metrics})


def _shape(name: str, g: ir.Table, metrics: dict[str, Any]) -> ir.Table:
    """Every part in the same columns, so that the parts stack with UNION ALL."""
    import ibis

    keys = {
        k: (g[k].cast(typ) if k in PARTS[name] else ibis.null(typ)) for k, typ in KEY_TYPES.items()
    }
    values = {
        "value": ("decimal(38, 2)", None),
        "weight": ("decimal(38, 3)", None),
        "value_weighed": ("decimal(38, 2)", None),
        "lines": ("int64", 0),
        "unidentified": ("int64", None),
        "declarations": ("int64", None),
        "date_min": ("date", None),
        "date_max": ("date", None),
    }
    cols = {}
    for m, (typ, default) in values.items():
        if m in metrics:
            cols[m] = metrics[m].cast(typ)
        else:
            cols[m] = ibis.literal(default, typ) if default is not None else ibis.null(typ)
    return g.select(part=ibis.literal(name), span=g.span, flow=g.flow, **keys, **cols)


@lru_cache(maxsize=256)
def month_spans(period: Period) -> tuple[tuple[str, date, date], ...]:
    """(label `YYYY-MM`, first day, last day) of each month of `period` in its own calendar,
    clipped to the period."""
    system = period.system
    out = []
    for y, m in period.months():
        start = max(system.month_start(y, m), period.start)
        end = min(system.month_end(y, m), period.end)
        out.append((f"{y:04d}-{m:02d}", start, end))
    return tuple(out)


def _jalali_years(period: Period) -> range:
    return range(gregorian_to_jalali(period.start)[0], gregorian_to_jalali(period.end)[0] + 1)


def _least(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def _greatest(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)
