"""Coverage: which flow, province and span of days each batch stands for within its source.

A later active batch of the same source whose coverage meets an earlier batch's replaces the
earlier batch's lines in its span (`live_lines_sql`). Only this module writes `coverage`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa


@dataclass(frozen=True)
class Span:
    """One (flow, province) of a batch and the days it covers, both ends included."""

    flow: str
    province: str
    date_from: date
    date_to: date


def spans_table(spans: list[Span]) -> pa.Table:
    return pa.table(
        {
            "flow": pa.array([s.flow for s in spans], pa.string()),
            "province": pa.array([s.province for s in spans], pa.string()),
            "date_from": pa.array([s.date_from for s in spans], pa.date32()),
            "date_to": pa.array([s.date_to for s in spans], pa.date32()),
        }
    )


def record_coverage(
    con: duckdb.DuckDBPyConnection, batch_id: str, source: str, spans: list[Span]
) -> None:
    """The coverage rows of batch `batch_id` of `source`."""
    if not spans:
        return
    con.register("coverage_arrow", spans_table(spans))
    try:
        con.execute(
            """INSERT INTO coverage
               SELECT ?, ?, flow, province, date_from, date_to FROM coverage_arrow""",
            [batch_id, source],
        )
    finally:
        con.unregister("coverage_arrow")


def replaced_batches(
    con: duckdb.DuckDBPyConnection, source: str, spans: list[Span]
) -> list[dict[str, Any]]:
    """The active batches of `source` whose coverage these spans meet, and where they meet."""
    if not spans:
        return []
    con.register("spans_arrow", spans_table(spans))
    try:
        rows = con.execute(
            """SELECT DISTINCT c.batch_id, c.flow, c.province, greatest(c.date_from, n.date_from),
                      least(c.date_to, n.date_to)
               FROM coverage c JOIN batches b ON b.batch_id = c.batch_id AND b.reverted_at IS NULL
               JOIN spans_arrow n ON c.source = ? AND n.flow = c.flow AND n.province = c.province
                AND n.date_from <= c.date_to AND n.date_to >= c.date_from
               ORDER BY 1, 2, 3""",
            [source],
        ).fetchall()
    finally:
        con.unregister("spans_arrow")
    return [
        {"batch_id": b, "flow": f, "province": p, "date_from": str(d0), "date_to": str(d1)}
        for b, f, p, d0, d1 in rows
    ]
