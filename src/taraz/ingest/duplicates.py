"""Duplicates: a declaration line that is already there is counted, not loaded twice."""

from __future__ import annotations

from taraz.ingest.state import ImportState
from taraz.warehouse import live_lines_sql


def remove_duplicates(state: ImportState) -> int:
    """Take out of the batch's new lines those whose declaration line is already there: earlier
    in the same batch, or live in another batch that this one does not replace (the batch's
    coverage is in the temp table `new_coverage`). Returns how many were taken out.

    Repeats within the batch are looked for by a 64-bit hash of the declaration line (a
    small key to group 10M lines by); the lines that share a hash are then told apart by
    the declaration line itself, so a collision never makes a duplicate."""
    con = state.con
    live = live_lines_sql(
        None, "l.declaration_id, l.line_no, l.flow, l.province, l.date, l.batch_id"
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE doubled AS
        WITH new AS (
            SELECT declaration_id, line_no, file_no, source_row FROM lines
            WHERE batch_id = $batch AND declaration_id IS NOT NULL AND line_no IS NOT NULL),
        repeated AS (
            SELECT hash(declaration_id, line_no) AS h FROM new GROUP BY h HAVING count(*) > 1),
        ranked AS (
            SELECT n.file_no, n.source_row, row_number() OVER (
                PARTITION BY n.declaration_id, n.line_no ORDER BY n.file_no, n.source_row) AS dup_rank
            FROM new n SEMI JOIN repeated r ON r.h = hash(n.declaration_id, n.line_no)),
        elsewhere AS (
            SELECT l.declaration_id, l.line_no FROM {live} AS l
            JOIN batches b ON b.batch_id = l.batch_id
            SEMI JOIN new USING (declaration_id, line_no)
            WHERE NOT EXISTS (
                SELECT 1 FROM new_coverage c
                WHERE c.source = b.source AND c.flow = l.flow AND c.province = l.province
                  AND l.date BETWEEN c.date_from AND c.date_to))
        SELECT file_no, source_row FROM ranked WHERE dup_rank > 1
        UNION
        SELECT n.file_no, n.source_row FROM new n SEMI JOIN elsewhere USING (declaration_id, line_no)""",
        {"batch": state.batch_id},
    )
    n = con.execute("SELECT count(*) FROM doubled").fetchall()[0][0]
    if n:
        con.execute(
            """DELETE FROM lines WHERE batch_id = ? AND (file_no, source_row) IN
               (SELECT (file_no, source_row) FROM doubled)""",
            [state.batch_id],
        )
    return n
