"""Revisions: what a batch covers within its source, what it replaces there, and when it must
be held for confirmation instead (it would take away most of what a cell had)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from taraz.calendar import GREGORIAN, calendar_system, months_spanning
from taraz.ingest.limits import revision_hold_share
from taraz.ingest.state import ImportState
from taraz.warehouse import live_lines_sql
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


@dataclass(frozen=True)
class RevisionCell:
    """One flow, province and month (within the batch's coverage) of the batch's source: the
    live lines the batch would replace there, and the batch's own lines there."""

    flow: str
    province: str
    date_from: date
    date_to: date
    lines_before: int
    lines_after: int
    value_before: Decimal
    value_after: Decimal
    batches: tuple[str, ...]  # the batches whose lines would be replaced

    @property
    def lost_share(self) -> float:
        """The larger of the shares of lines and of value the cell would lose (0 if it gains)."""
        shares = [0.0]
        if self.lines_before:
            shares.append((self.lines_before - self.lines_after) / self.lines_before)
        if self.value_before > 0:
            shares.append(float((self.value_before - self.value_after) / self.value_before))
        return max(shares)


def held_cells(state: ImportState) -> list[RevisionCell]:
    """The cells the batch would take more than the hold share of (value or lines) away from,
    unless the revision is confirmed. Runs inside the batch's transaction, before its own
    batch and coverage rows are written, so the live lines are those before it."""
    if not state.replaces or state.options.confirm_revision:
        return []
    share = state.options.hold_share
    if share is None:
        share = revision_hold_share()
    return [cell for cell in revision_cells(state) if cell.lost_share > share]


def revision_cells(state: ImportState) -> list[RevisionCell]:
    """Every cell where the batch replaces live lines of its source, before and after."""
    system = calendar_system(state.calendar)
    y, m = ("d.gy", "d.gm") if system.name == GREGORIAN else ("d.jy", "d.jm")
    live = live_lines_sql(None, "l.batch_id, l.flow, l.province, l.date, l.value_usd")
    rows = state.con.execute(
        f"""WITH replaced AS (
            SELECT DISTINCT c.batch_id, n.flow, n.province, n.date_from, n.date_to
            FROM coverage c JOIN batches b ON b.batch_id = c.batch_id AND b.reverted_at IS NULL
            JOIN new_coverage n ON c.source = n.source AND c.flow = n.flow
             AND c.province = n.province AND n.date_from <= c.date_to AND n.date_to >= c.date_from),
        before AS (
            SELECT l.flow, l.province, {y} AS y, {m} AS m, count(*) AS n, sum(l.value_usd) AS v,
                   list(DISTINCT l.batch_id ORDER BY l.batch_id) AS batches
            FROM {live} AS l JOIN dim_date d ON d.date = l.date
            SEMI JOIN replaced r ON r.batch_id = l.batch_id AND r.flow = l.flow
             AND r.province = l.province AND l.date BETWEEN r.date_from AND r.date_to
            GROUP BY ALL),
        after AS (
            SELECT l.flow, l.province, {y} AS y, {m} AS m, count(*) AS n, sum(l.value_usd) AS v
            FROM lines l JOIN dim_date d ON d.date = l.date
            SEMI JOIN new_coverage c ON c.flow = l.flow AND c.province = l.province
             AND l.date BETWEEN c.date_from AND c.date_to
            WHERE l.batch_id = ?
            GROUP BY ALL)
        SELECT b.flow, b.province, b.y, b.m, b.n, coalesce(a.n, 0), b.v, coalesce(a.v, 0), b.batches
        FROM before b LEFT JOIN after a USING (flow, province, y, m)
        ORDER BY ALL""",
        [state.batch_id],
    ).fetchall()
    spans = {(s.flow, s.province): s for s in state.spans}
    cells = []
    for flow, province, year, month, n_before, n_after, v_before, v_after, batches in rows:
        span = spans[(flow, province)]
        cells.append(
            RevisionCell(
                flow=flow,
                province=province,
                date_from=max(system.month_start(year, month), span.date_from),
                date_to=min(system.month_end(year, month), span.date_to),
                lines_before=n_before,
                lines_after=n_after,
                value_before=Decimal(v_before),
                value_after=Decimal(v_after),
                batches=tuple(batches),
            )
        )
    return cells
