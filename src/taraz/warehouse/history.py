"""The live lines: what the warehouse says at a moment, with reverts and revisions applied.

A line is live at moment T when its batch was loaded by T and not reverted by T, and no later
batch of the same source, also active at T, covers the line's flow, province and date. So a
revised file replaces the earlier one for its period, the earlier one is kept, and any figure
can be asked as it stood on a date.

The rule has two forms, each written once: this SQL, for the import (it runs inside the
import's write transaction, which sees its own uncommitted batch) and for the facts statement
on DuckDB (`taraz.stats.facts_sql`, the moment bound as `$as_of`), and the Ibis expression of
`taraz.stats.live`, for the other figures and for Spark. tests/stats/test_stats_history.py
proves on overlapping revisions, another source and a revert, at moments between the loads,
that both pick the same lines.
"""

from __future__ import annotations

from datetime import datetime

ACTIVE_SQL = """
SELECT batch_id, seq, source FROM batches
WHERE loaded_at <= {as_of} AND (reverted_at IS NULL OR reverted_at > {as_of})
"""

SHADOW_SQL = """
SELECT DISTINCT old.batch_id, old.flow, old.province, new.date_from, new.date_to
FROM coverage AS old
JOIN active AS a_old ON a_old.batch_id = old.batch_id
JOIN coverage AS new
  ON new.source = old.source AND new.flow = old.flow AND new.province = old.province
 AND new.date_from <= old.date_to AND new.date_to >= old.date_from
JOIN active AS a_new ON a_new.batch_id = new.batch_id AND a_new.seq > a_old.seq
"""


def as_of_literal(as_of: datetime | None) -> str:
    if as_of is None:
        return "TIMESTAMPTZ 'infinity'"
    if as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    return f"TIMESTAMPTZ '{as_of.isoformat()}'"


def live_lines_sql(
    as_of: datetime | None = None, columns: str = "l.*", lines: str = "lines"
) -> str:
    """SQL of the lines live at `as_of` (now when None), for use as a subquery.

    Written as a semi join on the active batches and an anti join on the shadowed spans:
    DuckDB plans those as hash joins on the (tiny) batch tables, where a correlated NOT EXISTS
    made it pass over every line. `lines` may name a few of the lines already chosen (a CTE
    of the query, with the table's columns): the anti join is the costly part, three quarters
    of a pass over 10M lines, and is then done on those alone.
    """
    lit = as_of_literal(as_of)
    return f"""(
WITH active AS ({ACTIVE_SQL.format(as_of=lit)}),
shadow AS ({SHADOW_SQL})
SELECT {columns} FROM {lines} AS l
SEMI JOIN active AS a ON a.batch_id = l.batch_id
ANTI JOIN shadow AS s
  ON s.batch_id = l.batch_id AND s.flow = l.flow AND s.province = l.province
 AND l.date BETWEEN s.date_from AND s.date_to
)"""
