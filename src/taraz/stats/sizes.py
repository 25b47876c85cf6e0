"""The size class of each line: the class the exporters registry declared for the line's firm
in force on the line's day (the table `trader_sizes`, loaded by `taraz import-sizes`), else the
line's own `trader_size`. With no declared class loaded, every line keeps its own, so every
figure is what it was before the registry's file existed.

With none loaded the join is left out of the query altogether (it would cost a tenth of a
bulletin's time for nothing): a caller that caches compiled SQL puts `has_declared_sizes` in
its key, so loading a file later is seen at once.

A firm's declared spans never overlap (the load refuses a file where they do), so a line
matches one span at most and the join neither drops nor doubles a line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from taraz.stats.engine import Engine


def has_declared_sizes(engine: Engine) -> bool:
    """Whether any declared size class is loaded (a row of `trader_sizes`)."""
    if not engine.has_table("trader_sizes"):  # a Parquet export written before the table existed
        return False
    if engine.kind == "spark":  # a count is a job there; the join is cheap beside the scan
        return True
    return (
        engine.run(
            ("declared-sizes",),
            lambda: engine.table("trader_sizes").select("trader_id").limit(1),
        ).num_rows
        > 0
    )


def with_declared_sizes(engine: Engine, lines: ir.Table, declared: bool | None = None) -> ir.Table:
    """`lines` (with `trader_id`, `date` and `trader_size`) with `trader_size` replaced by the
    declared class in force on each line's day, where there is one; same columns, same rows.
    `declared` is `has_declared_sizes(engine)`, asked here when not given."""
    import ibis

    if declared is None:
        declared = has_declared_sizes(engine)
    if not declared:
        return lines
    sizes = engine.tables["trader_sizes"]
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
