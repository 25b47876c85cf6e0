"""The batch history: record a batch and its files, list what was loaded, and revert a batch
(it stays, marked reverted). Only this module writes `batches` and `batch_files`."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import duckdb

from taraz.errors import TarazError
from taraz.warehouse.connection import Warehouse

BATCH_COLUMNS = (
    "batch_id, source, layout, loaded_at, loaded_by, reverted_at, reverted_by, period_label, "
    "date_min, date_max, hs_digits_min, rows_read, rows_loaded, rows_quarantined, "
    "rows_duplicate, rows_skipped, warnings, value_usd, weight_kg"
)


def list_batches(wh: Warehouse) -> list[dict[str, Any]]:
    """Every batch in load order, with its files and what it replaced."""
    cur = wh.con.execute(f"SELECT {BATCH_COLUMNS} FROM batches ORDER BY seq")
    names = [d[0] for d in cur.description]
    batches = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    files = wh.con.execute(
        "SELECT batch_id, list(file_name ORDER BY file_no) FROM batch_files GROUP BY batch_id"
    ).fetchall()
    by_batch = dict(files)
    for b in batches:
        b["files"] = by_batch.get(b["batch_id"], [])
        b["status"] = "reverted" if b["reverted_at"] else "active"
    return batches


def revert_batch(wh: Warehouse, batch_id: str, user: str | None = None) -> dict[str, Any]:
    """Mark `batch_id` reverted now: its lines leave the figures, the batches it had replaced
    come back, and figures asked as of an earlier moment still see it."""
    batch_id = batch_id.strip().upper()
    row = wh.con.execute(
        "SELECT reverted_at FROM batches WHERE batch_id = ?", [batch_id]
    ).fetchall()
    if not row:
        raise TarazError("batch.unknown", batch_id=batch_id)
    if row[0][0] is not None:
        raise TarazError("batch.already-reverted", batch_id=batch_id)
    now = datetime.now(UTC)
    who = user or _user()
    wh.con.execute(
        "UPDATE batches SET reverted_at = ?, reverted_by = ? WHERE batch_id = ?",
        [now, who, batch_id],
    )
    return {"batch_id": batch_id, "status": "reverted", "reverted_at": now, "reverted_by": who}


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


# -- recording a batch (ingest calls these inside the batch's transaction) -----------------


@dataclass(frozen=True)
class BatchRecord:
    """What `batches` keeps of one batch beyond what its lines say."""

    batch_id: str
    seq: int
    source: str
    layout: str
    loaded_at: datetime
    loaded_by: str | None
    period_label: str | None
    period_from: date | None
    period_to: date | None
    rows_read: int
    rows_loaded: int
    rows_quarantined: int
    rows_duplicate: int
    rows_skipped: int


@dataclass(frozen=True)
class FileRecord:
    """One file of a batch, as `batch_files` keeps it."""

    file_no: int
    file_name: str
    sha256: str
    size_bytes: int
    format: str
    encoding: str | None
    sheet: str | None
    header_row: int
    rows_read: int


def next_batch_id(con: duckdb.DuckDBPyConnection) -> tuple[str, int]:
    """The id and sequence number the next batch gets: `B00007`, 7."""
    seq = con.execute("SELECT coalesce(max(seq), 0) + 1 FROM batches").fetchall()[0][0]
    return f"B{seq:05d}", seq


def active_files(
    con: duckdb.DuckDBPyConnection, digests: list[str]
) -> dict[str, tuple[str, int, int]]:
    """Of these SHA-256 digests, those in an active batch: digest -> (batch, its rows read,
    its rows quarantined)."""
    rows = con.execute(
        """SELECT f.sha256, f.batch_id, b.rows_read, b.rows_quarantined FROM batch_files f
           JOIN batches b USING (batch_id) WHERE b.reverted_at IS NULL AND f.sha256 IN ?""",
        [digests],
    ).fetchall()
    return {sha: (batch_id, read, quarantined) for sha, batch_id, read, quarantined in rows}


def record_batch(con: duckdb.DuckDBPyConnection, record: BatchRecord) -> None:
    """The `batches` row of a batch whose lines are written; dates, HS level and totals come
    from its lines. Its warnings are set by `set_warnings` once the checks have run."""
    totals = con.execute(
        """SELECT min(date), max(date), min(length(hs_code)), max(length(hs_code)),
                  sum(value_usd), sum(weight_kg)
           FROM lines WHERE batch_id = ?""",
        [record.batch_id],
    ).fetchall()[0]
    con.execute(
        "INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
        [
            record.batch_id,
            record.seq,
            record.source,
            record.layout,
            record.loaded_at,
            record.loaded_by or _user(),
            record.period_label,
            record.period_from,
            record.period_to,
            *totals[:4],
            record.rows_read,
            record.rows_loaded,
            record.rows_quarantined,
            record.rows_duplicate,
            record.rows_skipped,
            totals[4],
            totals[5],
        ],
    )


def record_files(con: duckdb.DuckDBPyConnection, batch_id: str, files: list[FileRecord]) -> None:
    for f in files:
        con.execute(
            "INSERT INTO batch_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                batch_id,
                f.file_no,
                f.file_name,
                f.sha256,
                f.size_bytes,
                f.format,
                f.encoding,
                f.sheet,
                f.header_row,
                f.rows_read,
            ],
        )


def set_warnings(con: duckdb.DuckDBPyConnection, batch_id: str, warnings: int) -> None:
    con.execute("UPDATE batches SET warnings = ? WHERE batch_id = ?", [warnings, batch_id])
