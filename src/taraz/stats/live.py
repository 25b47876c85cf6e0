"""The live lines as an Ibis expression: the same as-of and revision rules as
`taraz.warehouse.history` (whose SQL form the import uses; a test proves the two agree), so
DuckDB and Spark apply them identically.

A line is live at moment T when its batch was loaded by T and not reverted by T, and no later
batch of the same source, also active at T, covers the line's flow, province and date.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from taraz.stats.bound import MOMENT

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from taraz.stats.engine import Engine


def active_batches(engine: Engine, as_of: datetime | ir.Scalar | None = None) -> ir.Table:
    """Batches loaded by `as_of` and not reverted by then (now when None); `as_of` may be an
    Ibis scalar (a bound parameter, `taraz.stats.bound`)."""
    import ibis

    b = engine.table("batches")
    if as_of is None:
        live = b.filter(b.reverted_at.isnull())
    else:
        moment = as_of if isinstance(as_of, ibis.Expr) else ibis.literal(as_of, type=MOMENT)
        live = b.filter(b.loaded_at <= moment, b.reverted_at.isnull() | (b.reverted_at > moment))
    return live.select("batch_id", "seq", "source")


def shadows(engine: Engine, as_of: datetime | None = None) -> ir.Table:
    """(batch, flow, province, date span) of an active batch that a later active batch of the
    same source covers again: those lines are replaced by the later batch's."""
    active = active_batches(engine, as_of)
    cov = engine.table("coverage")
    old = cov.join(active, "batch_id").select(
        "batch_id", "source", "flow", "province", "date_from", "date_to", "seq"
    )
    new = old.view()
    return (
        old.join(
            new,
            [
                old.source == new.source,
                old.flow == new.flow,
                old.province == new.province,
                new.date_from <= old.date_to,
                new.date_to >= old.date_from,
                new.seq > old.seq,
            ],
        )
        .select(
            batch_id=old.batch_id,
            flow=old.flow,
            province=old.province,
            shadow_from=new.date_from,
            shadow_to=new.date_to,
        )
        .distinct()
    )


def live_lines(
    engine: Engine, as_of: datetime | None = None, lines: ir.Table | None = None
) -> ir.Table:
    """The lines live at `as_of`; `lines` may be a pre-filtered `lines` table (same columns)."""
    lines = engine.table("lines") if lines is None else lines
    active = active_batches(engine, as_of)
    shadow = shadows(engine, as_of)
    kept = lines.semi_join(active, lines.batch_id == active.batch_id)
    return kept.anti_join(
        shadow,
        [
            kept.batch_id == shadow.batch_id,
            kept.flow == shadow.flow,
            kept.province == shadow.province,
            kept.date >= shadow.shadow_from,
            kept.date <= shadow.shadow_to,
        ],
    )
