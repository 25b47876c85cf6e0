"""The warehouse as a Parquet dataset, for Spark (or DuckDB) when data outgrows one file.

`lines` is written whole, history included (superseded and reverted batches too, so as-of
questions get the same answers), partitioned by flow and Jalali year:
`lines/flow=X/jy=1404/*.parquet`. The small tables are one file each. Types are kept: money
and weight stay DECIMAL, batch times stay UTC timestamps.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from taraz.errors import TarazError
from taraz.stats.engine import EXPORT_MARKER, TABLES
from taraz.warehouse import Warehouse

LINES_SQL = """
SELECT l.*, coalesce(d.jy, 0) AS jy
FROM lines AS l LEFT JOIN dim_date AS d ON d.date = l.date
"""


def export_parquet(
    warehouse: Warehouse | str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    overwrite: bool = False,
) -> dict[str, Any]:
    """Write the warehouse's tables under `out_dir` and return what was written."""
    out = Path(out_dir).expanduser()
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise TarazError("stats.export-exists", path=out)
        if not (out / EXPORT_MARKER).exists():
            raise TarazError("stats.export-foreign", path=out)
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    own = not isinstance(warehouse, Warehouse)
    wh = Warehouse.open(warehouse, read_only=True) if own else warehouse
    try:
        con = wh.con.cursor()
        counts = {}
        (out / "lines").mkdir()
        con.execute(
            f"COPY ({LINES_SQL}) TO {_quote(str(out / 'lines'))} "
            "(FORMAT parquet, PARTITION_BY (flow, jy), COMPRESSION zstd)"
        )
        for name in TABLES:
            counts[name] = con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
            if name != "lines":
                target = _quote(str(out / f"{name}.parquet"))
                con.execute(f"COPY {name} TO {target} (FORMAT parquet)")
        con.close()
    finally:
        if own:
            wh.close()
    manifest = {
        "format": "taraz-parquet-1",
        "exported_at": datetime.now(UTC).isoformat(),
        "warehouse": str(wh.path),
        "rows": counts,
        "lines_partitioning": ["flow", "jy"],
    }
    (out / EXPORT_MARKER).write_text(json.dumps(manifest, indent=2), "utf-8")
    return {"path": str(out), **manifest}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
