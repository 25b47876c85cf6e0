"""Duplicates: a declaration line that is already there is counted, not loaded twice."""

from __future__ import annotations

from contextlib import nullcontext

from taraz.ingest.sql import sides_as_written
from taraz.ingest.state import ImportState
from taraz.warehouse import live_lines_sql


def remove_duplicates(state: ImportState) -> int:
    """Take out of the batch's new lines those whose declaration line is already there: earlier
    in the same batch, or live in another batch that this one does not replace (the batch's
    coverage is in the temp table `new_coverage`). Returns how many were taken out.

    Repeats within the batch are looked for by a 64-bit hash of the declaration line (a
    small key to group 10M lines by); the lines that share a hash are then told apart by
    the declaration line itself, so a collision never makes a duplicate. The live lines are
    narrowed to those of the batch's declaration lines with a hash table of the smaller side
    (DuckDB, misjudging the batch's size, built one of every live line: 5 s and over 1 GB
    for a month over 10M lines), then to those outside the batch's coverage. When the batch
    is the smaller side, the lines that share its declaration lines are held
    (`same_lines`, materialised so that DuckDB keeps that order) and only they are told live
    or not: the liveness test over every line took two thirds of the check for a month over
    10M lines. A larger batch leaves the order to DuckDB, rather than hold as many lines."""
    con = state.con
    live = live_lines_sql(
        None, "l.declaration_id, l.line_no, l.flow, l.province, l.date, l.batch_id", "same_lines"
    )
    new, everything = con.execute(
        "SELECT count(*) FILTER (WHERE batch_id = ?), count(*) FROM lines", [state.batch_id]
    ).fetchall()[0]
    # the batch's lines are looked for among the others with a hash table of the fewer
    fewer = new <= everything - new
    with sides_as_written(con) if fewer else nullcontext():
        _find_doubled(state, live, others=everything > new, hold_same=fewer)
    n = con.execute("SELECT count(*) FROM doubled").fetchall()[0][0]
    if n:
        con.execute(
            """DELETE FROM lines WHERE batch_id = ? AND (file_no, source_row) IN
               (SELECT (file_no, source_row) FROM doubled)""",
            [state.batch_id],
        )
    return n


def _find_doubled(state: ImportState, live: str, others: bool, hold_same: bool) -> None:
    # the batch's own lines are read again where needed rather than held (10M at a time)
    elsewhere = (
        """UNION
        SELECT n.file_no, n.source_row FROM new n SEMI JOIN elsewhere USING (declaration_id, line_no)"""
        if others
        else ""  # the first lines of the warehouse: none elsewhere
    )
    held = "MATERIALIZED" if hold_same and others else "NOT MATERIALIZED"
    state.con.execute(
        f"""CREATE OR REPLACE TEMP TABLE doubled AS
        WITH new AS NOT MATERIALIZED (
            SELECT declaration_id, line_no, file_no, source_row FROM lines
            WHERE batch_id = $batch AND declaration_id IS NOT NULL AND line_no IS NOT NULL),
        repeated AS (
            SELECT hash(declaration_id, line_no) AS h FROM new GROUP BY h HAVING count(*) > 1),
        ranked AS (
            SELECT n.file_no, n.source_row, row_number() OVER (
                PARTITION BY n.declaration_id, n.line_no ORDER BY n.file_no, n.source_row) AS dup_rank
            FROM new n SEMI JOIN repeated r ON r.h = hash(n.declaration_id, n.line_no)),
        same_lines AS {held} (
            SELECT l.declaration_id, l.line_no, l.flow, l.province, l.date, l.batch_id
            FROM lines l SEMI JOIN new USING (declaration_id, line_no)),
        elsewhere AS (
            SELECT l.declaration_id, l.line_no FROM {live} AS l
            JOIN batches b ON b.batch_id = l.batch_id
            ANTI JOIN new_coverage c
              ON c.source = b.source AND c.flow = l.flow AND c.province = l.province
             AND l.date BETWEEN c.date_from AND c.date_to)
        SELECT file_no, source_row FROM ranked WHERE dup_rank > 1
        {elsewhere}""",
        {"batch": state.batch_id},
    )
