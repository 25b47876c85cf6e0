"""The facts query on DuckDB as one hand-written statement with bound parameters.

`taraz.stats.facts.facts_expr` (Ibis) has the query's values written into its SQL, so each
new province, period or moment pays an Ibis compile (0.2-0.3 s), and DuckDB materialises its
live lines (a third of the query's time at 10M lines). Here the statement depends only on the
query's *shape* (`Shape`: the parts, the basis, which filters are present, whether the spans
overlap, whether an as-of moment is given, whether declared sizes are loaded): it is written
once per shape and run with the query's values as parameters, so a new selection compiles
nothing.

The live lines are one plain CTE (`live`) that DuckDB streams to its readers (its plan says
STREAMING_FANOUT: read once, never stored), each an aggregate with only the sums its parts
need: by tariff code and by day (both rolled up further with a `GROUPING SETS` over their few
thousand rows), by partner, by office, and the distinct declarations. One `GROUPING SETS`
over the lines themselves was tried first: twice as slow at 10M lines in one run (0.94-1.16 s
against 0.46-0.51 s for this form, load average 7). DuckDB runs each set as its own hash
aggregate computing every aggregate, so the set by declaration (370,000 groups) carries five
sums where the distinct count needs none.

The rules are those of the Ibis expression, which stays the method on Spark and the
independent check of this one in the tests: the live lines of `taraz.stats.live` (the batches
active at the moment, less the lines a later active batch of the same source covers again),
the size class of `taraz.stats.sizes`, the attribution of `facts._attributed` (the lines
`inside` the basis, and those just outside it that only the `office` part reads). Same output
columns as `facts_expr`, with the same types but for the sums, sent as text (`VALUE_COLUMNS`):
`Facts` reads either.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from taraz.stats.facts import KEY_TYPES, KEYED_PRODUCT_PARTS, PARTS, PRODUCT_PARTS
from taraz.stats.query import CUSTOMS, Query
from taraz.warehouse.history import ACTIVE_SQL, SHADOW_SQL, as_of_literal

SQL_TYPES = {"string": "VARCHAR", "int64": "BIGINT", "date": "DATE"}

# the output's value columns and their types, as `facts._shape`; the sums (DECIMAL) are sent
# as their digits, which `Facts` reads back as Decimals: DuckDB's own conversion of a DECIMAL
# to a Python Decimal costs about 1 microsecond a value, a third of the Python time of a
# bulletin's facts at 1M lines (14 ms against 8 ms for the text and `Decimal(text)`)
VALUE_COLUMNS = {
    "value": "DECIMAL(38, 2)",
    "weight": "DECIMAL(38, 3)",
    "value_weighed": "DECIMAL(38, 2)",
    "lines": "BIGINT",
    "unidentified": "BIGINT",
    "declarations": "BIGINT",
    "date_min": "DATE",
    "date_max": "DATE",
}


@dataclass(frozen=True)
class Shape:
    """What the facts statement's text depends on (its values are parameters)."""

    parts: tuple[str, ...]
    basis: str | None  # None: no province (the whole country: no attribution)
    partner: bool
    trader: bool
    overlap: bool  # the period is longer than a year: a line may be in both spans
    as_of: bool
    declared: bool  # declared size classes are loaded (`taraz.stats.sizes`)

    @classmethod
    def of(cls, query: Query, parts: tuple[str, ...], declared: bool) -> Shape:
        return cls(
            parts=parts,
            basis=query.basis if query.province is not None else None,
            partner=query.partner is not None,
            trader=query.trader is not None,
            overlap=query.spans_overlap(),
            as_of=query.as_of is not None,
            declared=declared,
        )


def facts_params(query: Query, shape: Shape) -> dict[str, Any]:
    """The values `facts_sql(shape)` binds for `query`."""
    params: dict[str, Any] = {
        "cur_start": query.period.start,
        "cur_end": query.period.end,
        "prev_start": query.last_year.start,
        "prev_end": query.last_year.end,
    }
    if shape.basis is not None:
        params["province"] = query.province
    if shape.partner:
        params["partner"] = query.partner
    if shape.trader:
        params["trader"] = query.trader
    if shape.as_of:
        params["as_of"] = query.as_of
    return params


@lru_cache(maxsize=512)
def facts_sql(shape: Shape) -> str:
    """The statement for every query of `shape` (parameters: `facts_params`)."""
    # the warehouse's own SQL of the live-line rule, with the moment bound (or "now")
    active = ACTIVE_SQL.format(as_of="$as_of" if shape.as_of else as_of_literal(None))
    wanted = set(shape.parts)
    branches = [_branch(shape, True, span) for span in _spans(shape)]
    if "office" in wanted and shape.basis is not None:
        branches += [_branch(shape, False, span) for span in _spans(shape)]
    selects = []
    product_parts = [n for n in shape.parts if n in PRODUCT_PARTS]
    if product_parts:  # summed from the lines by tariff code: a few thousand rows
        by_code = (
            "(SELECT span, flow, hs_code, sum(value_usd) AS value, sum(weight_kg) AS weight,"
            " sum(value_usd) FILTER (WHERE weight_kg > 0) AS value_weighed,"
            " count(*) AS lines, count(*) FILTER (WHERE declaration_id IS NULL) AS unidentified"
            " FROM live WHERE inside GROUP BY span, flow, hs_code) AS g"
            " LEFT JOIN dim_product AS p ON p.hs_code = g.hs_code"
        )
        keys = {k: f"p.{k}" for k in KEYED_PRODUCT_PARTS}
        selects.append(_rollup(product_parts, by_code, keys))
    day_parts = [n for n in shape.parts if n in ("daily", "batch")]
    if day_parts:  # summed from the lines by day, size class and batch
        by_day = (
            "(SELECT span, flow, date, trader_size, batch_id, sum(value_usd) AS value,"
            " sum(weight_kg) AS weight, count(*) AS lines"
            " FROM live WHERE inside GROUP BY span, flow, date, trader_size, batch_id) AS g"
        )
        keys = {k: f"g.{k}" for k in ("date", "trader_size", "batch_id")}
        selects.append(_rollup(day_parts, by_day, keys))
    sums = {"value": "sum(g.value_usd)", "weight": "sum(g.weight_kg)", "lines": "count(*)"}
    for name in shape.parts:
        if name == "partner":
            selects.append(
                _select(
                    name,
                    {"partner": "g.partner"},
                    sums,
                    "live AS g WHERE g.inside GROUP BY g.span, g.flow, g.partner",
                )
            )
        elif name == "office":  # the lines inside the basis and those just outside it
            by_office = (
                "(SELECT span, flow, province, customs_office, sum(value_usd) AS value_usd,"
                " sum(weight_kg) AS weight_kg, count(*) AS lines"
                " FROM live GROUP BY span, flow, province, customs_office) AS g"
                " LEFT JOIN ref_customs_offices AS o ON o.code = g.customs_office"
            )
            keys = {
                "province": "g.province",
                "customs_office": "g.customs_office",
                "office_province": "o.province",
            }
            values = {"value": "g.value_usd", "weight": "g.weight_kg", "lines": "g.lines"}
            selects.append(_select(name, keys, values, by_office))
        elif name == "declarations":
            selects.append(
                _select(
                    name,
                    {},
                    {"declarations": "count(DISTINCT g.declaration_id)"},
                    "live AS g WHERE g.inside AND g.declaration_id IS NOT NULL"
                    " GROUP BY g.span, g.flow",
                )
            )
    return f"""WITH active AS ({active}),
shadow AS ({SHADOW_SQL}),
live AS (
    {(chr(10) + "    UNION ALL ").join(branches)}
)
{(chr(10) + "UNION ALL").join(selects)}"""


def _rollup(parts: list[str], source: str, keys: dict[str, str]) -> str:
    """Parts summed further from a pre-aggregate `g` (by tariff code or by day): one
    GROUPING SETS over its few thousand rows, a set per part."""
    used = [k for k in keys if any(k in PARTS[n] for n in parts)]
    sets = ", ".join(
        "(" + ", ".join(["g.span", "g.flow", *(keys[k] for k in PARTS[n])]) + ")" for n in parts
    )
    grouping = f"GROUPING({', '.join(keys[k] for k in used)})" if used else "0"
    part = (
        "CASE "
        + " ".join(f"WHEN {grouping} = {_gid(PARTS[n], used)} THEN '{n}'" for n in parts)
        + " END"
    )
    sums = {"value": "sum(g.value)", "weight": "sum(g.weight)", "lines": "sum(g.lines)"}
    if "totals" in parts or set(parts) & set(KEYED_PRODUCT_PARTS):
        sums["value_weighed"] = "sum(g.value_weighed)"
    if "totals" in parts:  # only the totals carry the lines without a declaration
        sums["unidentified"] = (
            f"CASE WHEN {grouping} = {_gid((), used)} THEN sum(g.unidentified) END"
        )
    if "batch" in parts:  # only the batches carry their first and last day
        is_batch = f"{grouping} = {_gid(PARTS['batch'], used)}"
        sums["date_min"] = f"CASE WHEN {is_batch} THEN min(g.date) END"
        sums["date_max"] = f"CASE WHEN {is_batch} THEN max(g.date) END"
    return _select(
        part,
        {k: keys[k] for k in used},
        sums,
        f"{source} GROUP BY GROUPING SETS ({sets})",
        literal=False,
    )


def _select(
    part: str, keys: dict[str, str], values: dict[str, str], source: str, *, literal: bool = True
) -> str:
    """One branch of the output, in the columns and types of `facts._shape`."""
    columns = [f"'{part}'" if literal else part, "g.span", "g.flow"]
    names = ["part", "span", "flow"]
    for k, typ in KEY_TYPES.items():
        columns.append(f"CAST({keys.get(k, 'NULL')} AS {SQL_TYPES[typ]})")
        names.append(k)
    for m, typ in VALUE_COLUMNS.items():
        default = "0" if m == "lines" else "NULL"
        cast = f"CAST({values.get(m, default)} AS {typ})"
        if typ.startswith("DECIMAL"):  # as its digits: `Facts` reads them back exactly
            cast = f"CAST({cast} AS VARCHAR)"
        columns.append(cast)
        names.append(m)
    body = ",\n           ".join(f'{c} AS "{n}"' for c, n in zip(columns, names, strict=True))
    return f"\n    SELECT {body}\n    FROM {source}"


def _spans(shape: Shape) -> list[str | None]:
    """The branches' spans: None reads both spans in one scan (they do not overlap) and labels
    each line by its date; "cur"/"prev" read one span each."""
    return ["cur", "prev"] if shape.overlap else [None]


def _branch(shape: Shape, inside: bool, span: str | None) -> str:
    """The live lines of one span (or both) inside the basis, or just outside it."""
    if span is None:
        dates = (
            "(l.date BETWEEN $cur_start AND $cur_end OR l.date BETWEEN $prev_start AND $prev_end)"
        )
        label = "l.date BETWEEN $cur_start AND $cur_end"
    else:
        dates = f"l.date BETWEEN ${span}_start AND ${span}_end"
        label = "true" if span == "cur" else "false"
    where = [dates]
    if shape.partner:
        where.append("l.partner = $partner")
    if shape.trader:
        where.append("l.trader_id = $trader")
    joins, condition = _attributed(shape.basis, inside)
    if condition:
        where.append(condition)
    # live: the batch is active, and no later active batch of its source covers the line
    joins += [
        "SEMI JOIN active AS a ON a.batch_id = l.batch_id",
        "ANTI JOIN shadow AS s ON s.batch_id = l.batch_id AND s.flow = l.flow"
        " AND s.province = l.province AND l.date BETWEEN s.date_from AND s.date_to",
    ]
    size = "l.trader_size"
    if shape.declared and inside:  # the class in force on the line's day, else the line's
        joins.append(
            "LEFT JOIN trader_sizes AS ts ON ts.trader_id = l.trader_id"
            " AND l.date >= ts.valid_from AND (ts.valid_to IS NULL OR l.date <= ts.valid_to)"
        )
        size = "coalesce(ts.size_class, l.trader_size)"
    if inside:
        columns = (
            "l.declaration_id, l.province, l.customs_office, l.partner,"
            f" {size} AS trader_size, l.batch_id, l.hs_code"
        )
    else:  # only the office part reads these lines
        columns = (
            "NULL::VARCHAR AS declaration_id, l.province, l.customs_office,"
            " NULL::VARCHAR AS partner, NULL::VARCHAR AS trader_size,"
            " NULL::VARCHAR AS batch_id, NULL::VARCHAR AS hs_code"
        )
    return (
        f"SELECT {label} AS span, {'true' if inside else 'false'} AS inside, l.flow, l.date,"
        f" {columns}, l.value_usd, l.weight_kg"
        f" FROM lines AS l {' '.join(joins)} WHERE {' AND '.join(where)}"
    )


def _attributed(basis: str | None, inside: bool) -> tuple[list[str], str]:
    """The joins and condition that keep the lines inside the basis for the province, or the
    province's lines just outside it (as `facts._attributed`)."""
    if basis is None:
        return [], ""
    own = "(SELECT code FROM ref_customs_offices WHERE province = $province) AS own"
    is_origin = inside == (basis != CUSTOMS)
    if is_origin and inside:  # origin basis: the province's own lines
        return [], "l.province = $province"
    if is_origin:  # customs basis, outside: own lines cleared elsewhere or at no named office
        return [f"ANTI JOIN {own} ON own.code = l.customs_office"], "l.province = $province"
    if inside:  # customs basis: every line cleared at the province's offices
        return [f"SEMI JOIN {own} ON own.code = l.customs_office"], ""
    # origin basis, outside: other provinces' lines cleared at the province's offices
    return [f"SEMI JOIN {own} ON own.code = l.customs_office"], "l.province <> $province"


def _gid(kept: tuple[str, ...], columns: list[str]) -> int:
    """What GROUPING(columns) gives for the set that keeps `kept`: a bit per column, the
    first the highest, set when the column is rolled up."""
    bits = 0
    for c in columns:
        bits = (bits << 1) | (c not in kept)
    return bits
