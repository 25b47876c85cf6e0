"""Revisions: what a batch covers within its source, and so what it replaces there."""

from __future__ import annotations

from taraz.calendar import months_spanning
from taraz.ingest.state import ImportState
from taraz.warehouse.coverage import Span, spans_table


def coverage_spans(state: ImportState) -> list[Span]:
    """The declared period, else the whole months (Jalali unless the source is Gregorian) from
    the first to the last date loaded, for each (flow, province) of the batch's lines."""
    rows = state.con.execute(
        "SELECT flow, province, min(date), max(date) FROM lines WHERE batch_id = ? GROUP BY ALL ORDER BY ALL",
        [state.batch_id],
    ).fetchall()
    if not rows:
        return []
    period = state.options.period
    if period is None:
        period = months_spanning(min(r[2] for r in rows), max(r[3] for r in rows), state.calendar)
    return [Span(flow, province, period.start, period.end) for flow, province, _, _ in rows]


def stage_coverage(state: ImportState) -> None:
    """The batch's coverage as the temp table `new_coverage`, for the SQL of the landing."""
    con = state.con
    con.register("new_coverage_arrow", spans_table(state.spans))
    try:
        con.execute(
            """CREATE OR REPLACE TEMP TABLE new_coverage AS
               SELECT ? AS batch_id, ? AS source, * FROM new_coverage_arrow""",
            [state.batch_id, state.source],
        )
    finally:
        con.unregister("new_coverage_arrow")
