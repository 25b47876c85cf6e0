"""What the warehouse holds: lines, value and weight by Jalali year, flow and province."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from taraz.warehouse.connection import Warehouse
from taraz.warehouse.history import live_lines_sql


def warehouse_summary(wh: Warehouse, top: int = 5, as_of: datetime | None = None) -> dict[str, Any]:
    """Totals of the lines live at `as_of` (now) by Jalali year and flow, and the largest
    exporting provinces of the latest year."""
    live = live_lines_sql(as_of, "l.flow, l.date, l.province, l.value_usd, l.weight_kg")
    by_year = wh.con.execute(
        f"""SELECT d.jy, l.flow, count(*), sum(l.value_usd), sum(l.weight_kg)
            FROM {live} AS l JOIN dim_date d ON d.date = l.date
            GROUP BY ALL ORDER BY 1, 2"""
    ).fetchall()
    provinces = wh.con.execute(
        f"""SELECT l.province, p.name_fa, p.name_en, d.jy, sum(l.value_usd) AS v
            FROM {live} AS l JOIN dim_date d ON d.date = l.date
            LEFT JOIN ref_provinces p ON p.code = l.province
            WHERE l.flow = 'X' AND d.jy = (SELECT max(jy) FROM {live} AS m JOIN dim_date dd ON dd.date = m.date)
            GROUP BY ALL ORDER BY v DESC LIMIT {int(top)}"""
    ).fetchall()
    batches = wh.con.execute(
        "SELECT count(*) FILTER (WHERE reverted_at IS NULL), count(*) FROM batches"
    ).fetchall()[0]
    return {
        "warehouse": str(wh.path),
        "as_of": as_of.isoformat() if as_of else None,
        "batches_active": batches[0],
        "batches_total": batches[1],
        "by_year": [
            {"jalali_year": y, "flow": f, "lines": n, "value_usd": v, "weight_kg": w}
            for y, f, n, v, w in by_year
        ],
        "top_export_provinces": [
            {"province": c, "name_fa": fa, "name_en": en, "jalali_year": y, "value_usd": v}
            for c, fa, en, y, v in provinces
        ],
    }
