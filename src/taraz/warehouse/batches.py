"""The batch history: list what was loaded, and revert a batch (it stays, marked reverted)."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime
from typing import Any

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
