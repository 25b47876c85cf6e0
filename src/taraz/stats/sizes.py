"""The size class of each line: the class the exporters registry declared for the line's firm
in force on the line's day (the table `trader_sizes`, loaded by `taraz import-sizes`), else the
line's own `trader_size`. With no declared class loaded, every line keeps its own, so every
figure is what it was before the registry's file existed.

A firm's declared spans never overlap (the load refuses a file where they do), so a line
matches one span at most and the join neither drops nor doubles a line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from taraz.stats.engine import Engine


def with_declared_sizes(engine: Engine, lines: ir.Table) -> ir.Table:
    """`lines` (with `trader_id`, `date` and `trader_size`) with `trader_size` replaced by the
    declared class in force on each line's day, where there is one; same columns, same rows."""
    sizes = engine.tables.get("trader_sizes")
    if sizes is None:  # a Parquet export written before the table existed
        return lines
    declared = sizes.select(
        _card=sizes.trader_id, _from=sizes.valid_from, _to=sizes.valid_to, _size=sizes.size_class
    )
    joined = lines.left_join(
        declared,
        [
            lines.trader_id == declared._card,
            lines.date >= declared._from,
            declared._to.isnull() | (lines.date <= declared._to),
        ],
    )
    columns = {c: joined[c] for c in lines.columns}
    columns["trader_size"] = ibis.coalesce(joined._size, joined.trader_size)
    return joined.select(**columns)
