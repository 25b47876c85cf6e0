"""Bound parameters: a query's SQL compiled once for its shape, its values given to DuckDB when
it runs, so that a new selection (another province, period, moment, set of batches) runs SQL
already compiled for another one instead of building and compiling an Ibis expression again.

Ibis writes a parameter's value into the SQL as a literal when it compiles. So the expression
is compiled with a sentinel of the parameter's type in place of each value (a value no query
holds), and every place the sentinel's SQL appears in the compiled tree (sqlglot) is replaced
by a DuckDB named parameter cast to that type (`CAST($start AS DATE)`). A parameter whose
sentinel is not found is an error, never a query that quietly ignores a value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ibis.expr.types as ir

DATE = "date"
MOMENT = "timestamp('UTC')"
TEXT = "string"
INTEGER = "int64"
TEXTS = "array<string>"


def type_of(value: Any) -> str:
    """The Ibis type a value is bound as; None (a change of shape) and other types are refused."""
    if value is None:
        raise ValueError("None changes the query's shape: say it in the key, not as a value")
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("a moment must be timezone-aware")
        return MOMENT
    if isinstance(value, date):
        return DATE
    if isinstance(value, str):
        return TEXT
    if isinstance(value, int) and not isinstance(value, bool):
        return INTEGER
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return TEXTS
    raise TypeError(f"cannot bind a value of type {type(value).__name__}")


def values(params: Mapping[str, Any]) -> dict[str, Any]:
    """The values as DuckDB binds them (a tuple of texts as a list, a moment in UTC)."""
    out = {}
    for name, value in params.items():
        if isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, datetime):
            value = value.astimezone(UTC)
        out[name] = value
    return out


def compile_bound(backend: Any, build: Callable[..., ir.Table], types: Mapping[str, str]) -> str:
    """The DuckDB SQL of `build(scalars)` with a named parameter for each of `types`."""
    import ibis
    import sqlglot
    import sqlglot.expressions as sge

    scalars = {name: ibis.param(kind) for name, kind in types.items()}
    expr = build(scalars)
    sentinels = {name: _sentinel(kind, i) for i, (name, kind) in enumerate(sorted(types.items()))}
    compiler = backend.compiler
    tree = compiler.to_sqlglot(expr, params={scalars[n]: sentinels[n] for n in scalars})
    for name, kind in types.items():
        literal = ibis.literal(sentinels[name], type=kind).name("value")
        marker = compiler.to_sqlglot(literal).expressions[0].this
        placeholder = sge.Cast(
            this=sge.Placeholder(this=name), to=compiler.type_mapper.from_ibis(ibis.dtype(kind))
        )
        found = 0

        def swap(node: sge.Expression, marker=marker, placeholder=placeholder) -> sge.Expression:
            nonlocal found
            if node == marker:
                found += 1
                return placeholder.copy()
            return node

        # a copy first: Ibis may share one literal node between two places of the tree
        tree = tree.transform(swap, copy=True)
        if not found:
            raise RuntimeError(f"the bound parameter {name!r} is not in the compiled SQL")
        if any(node == marker for node in tree.walk()):
            raise RuntimeError(f"the bound parameter {name!r} is left as a literal somewhere")
    return tree.sql(dialect=backend.dialect, unsupported_level=sqlglot.ErrorLevel.RAISE)


def _sentinel(kind: str, i: int) -> Any:
    """A value of `kind` that no query holds, different for each parameter."""
    if kind == DATE:
        return date(1111, 1, 1) + timedelta(days=i)
    if kind == MOMENT:
        return datetime(1111, 1, 1, tzinfo=UTC) + timedelta(seconds=i)
    if kind == TEXT:
        return f"taraz-bound-sentinel-{i}"
    if kind == INTEGER:
        return -7_777_000_000_000 - i
    return [f"taraz-bound-sentinel-{i}"]
