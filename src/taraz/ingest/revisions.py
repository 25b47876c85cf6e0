"""Revisions: what a batch covers within its source, and so what it replaces there."""

from __future__ import annotations

from taraz.calendar import months_spanning
from taraz.ingest.state import ImportState
from taraz.warehouse.coverage import Span, spans_table


def coverage_spans(state: ImportState) -> list[Span]:
    """What the batch covers, for each (flow, province) of its lines: the declared period, else
    the whole months (Jalali unless the source is Gregorian) from that flow and province's own
    first date to its own last. An export file of Farvardin loaded with an import file of
    Khordad covers Farvardin for exports and Khordad for imports, not both for both."""
    rows = state.con.execute(
        """SELECT flow, province, min(date), max(date) FROM lines WHERE batch_id = ?
           GROUP BY ALL ORDER BY ALL""",
        [state.batch_id],
    ).fetchall()
    period = state.options.period
    spans = []
    for flow, province, first, last in rows:
        span = period or months_spanning(first, last, state.calendar)
        spans.append(Span(flow, province, span.start, span.end))
    return spans


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
