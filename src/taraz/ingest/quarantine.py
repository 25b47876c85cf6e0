"""The quarantine: rows that could not be loaded, listed and exported for the analyst to fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from taraz.errors import UsageError
from taraz.fa import XLSX_OPTIONS, formula_safe
from taraz.warehouse import Warehouse

COLUMNS = (
    "batch_id",
    "file_name",
    "row_no",
    "column_name",
    "value",
    "code",
    "reason_fa",
    "reason_en",
)
HEADERS_FA = ("دسته", "فایل", "سطر", "ستون", "مقدار", "کد", "علت", "reason")


def quarantined_rows(wh: Warehouse, batch_id: str | None = None) -> list[dict[str, Any]]:
    where, params = ("WHERE q.batch_id = ?", [batch_id.upper()]) if batch_id else ("", [])
    cur = wh.con.execute(
        f"""SELECT {", ".join("q." + c for c in COLUMNS)} FROM quarantine q
            JOIN batches b USING (batch_id) {where}
            ORDER BY b.seq, q.file_no, q.row_no, q.column_name""",
        params,
    )
    return [dict(zip(COLUMNS, r, strict=True)) for r in cur.fetchall()]


def export_quarantine(rows: list[dict[str, Any]], target: Path) -> Path:
    """Write the rows to .xlsx (right-to-left sheet) or .csv (UTF-8 with BOM, for Excel). The
    values and file names came from outside: they are written as text, never as formulas."""
    suffix = target.suffix.lower()
    if suffix == ".csv":
        import csv

        with target.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(COLUMNS)
            w.writerows([formula_safe(r[c]) for c in COLUMNS] for r in rows)
        return target
    if suffix != ".xlsx":
        raise UsageError("quarantine.bad-format", suffix=suffix)
    import xlsxwriter

    book = xlsxwriter.Workbook(str(target), XLSX_OPTIONS)
    sheet = book.add_worksheet("quarantine")
    sheet.right_to_left()
    bold = book.add_format({"bold": True})
    for j, (fa, en) in enumerate(zip(HEADERS_FA, COLUMNS, strict=True)):
        sheet.write(0, j, f"{fa} / {en}", bold)
    for i, r in enumerate(rows, start=1):
        for j, c in enumerate(COLUMNS):
            sheet.write(i, j, r[c])
    sheet.set_column(0, 0, 9)
    sheet.set_column(1, 1, 28)
    sheet.set_column(3, 4, 18)
    sheet.set_column(5, 5, 26)
    sheet.set_column(6, 7, 48)
    sheet.freeze_panes(1, 0)
    book.close()
    return target
