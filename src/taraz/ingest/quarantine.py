"""The quarantine: rows that could not be loaded, written with their batch, listed and
exported for the analyst to fix."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from taraz.errors import Kind, UsageError, catalogue, message
from taraz.fa import XLSX_OPTIONS, formula_safe
from taraz.ingest.layouts import RAW_FIELDS
from taraz.warehouse import Warehouse

if TYPE_CHECKING:
    from taraz.ingest.state import ImportState

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


def write_quarantine(state: ImportState) -> None:
    """The batch's `problems` into `quarantine`: file, row, the column as the file names it,
    the value as written, and the reason in both languages."""
    con = state.con
    reasons = [e.code for e in catalogue().values() if e.kind is Kind.QUARANTINE]
    codes = pa.table(
        {
            "code": reasons,
            "fa": [message(c, "fa") for c in reasons],
            "en": [message(c, "en") for c in reasons],
        }
    )
    columns = []
    for file_no, (src, layout) in enumerate(zip(state.sources, state.layouts, strict=True)):
        for fld in RAW_FIELDS:
            col = layout.columns.get(fld)
            if fld == "date" and col is None:
                col = layout.columns.get("date_year")
            if col is not None:
                label = src.headers[col]
            elif fld == "flow":
                label = "flow (--flow)"
            elif fld == "province":
                label = "province (--province)"
            else:
                label = fld
            columns.append((file_no, fld, label, src.path.name))
        columns.append((file_no, "row", None, src.path.name))  # the whole row
    labels = pa.table(
        {
            "file_no": [c[0] for c in columns],
            "field": [c[1] for c in columns],
            "label": pa.array([c[2] for c in columns], pa.string()),
            "file_name": [c[3] for c in columns],
        }
    )
    con.register("q_codes", codes)
    con.register("q_labels", labels)
    try:
        con.execute(
            """INSERT INTO quarantine
            SELECT ?, p._file, l.file_name, p._row, l.label, p.value, p.code, c.fa, c.en
            FROM problems p
            JOIN q_codes c ON c.code = p.code
            LEFT JOIN q_labels l ON l.file_no = p._file AND l.field = p.field
            ORDER BY p._file, p._row""",
            [state.batch_id],
        )
    finally:
        con.unregister("q_codes")
        con.unregister("q_labels")


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
