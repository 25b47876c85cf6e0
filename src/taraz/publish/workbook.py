"""The bulletin as an Excel workbook (xlsxwriter): a cover sheet with the headline figures and
the coverage, then one sheet per table. Figures are numbers (dollars, tonnes, percent), never
text; Persian workbooks have right-to-left sheets. Names (of provinces, products, files) are
written as text, never as formulas (`taraz.fa.XLSX_OPTIONS`)."""

from __future__ import annotations

import io
from typing import Any

from taraz.fa import XLSX_OPTIONS
from taraz.publish.bulletin import bulletin_context, statement
from taraz.publish.tabulation import Table, bulletin_tables, sheet_value

NUMBER_FORMATS = {
    "usd": "#,##0",
    "t": "#,##0.0",
    "pct": "0.00",
    "count": "#,##0",
    "hhi": "#,##0.00",
    "usd_per_t": "#,##0.00",
}
WIDTHS = {"text": 34, "code": 14, "day": 16, "flag": 10}
INVALID_SHEET_CHARS = str.maketrans({c: "-" for c in "[]:*?/\\"})


def workbook_bytes(figures: dict[str, Any], lang: str = "fa") -> bytes:
    """The workbook as bytes."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, **XLSX_OPTIONS})
    wb.set_properties({"title": statement(figures, lang)["title"], "author": "taraz"})
    wb.set_calc_mode("auto")
    fonts = {"font_name": "Vazirmatn" if lang == "fa" else "Calibri", "font_size": 10}
    styles = {
        "title": wb.add_format({**fonts, "bold": True, "font_size": 14}),
        "head": wb.add_format(
            {
                **fonts,
                "bold": True,
                "bg_color": "#12455A",
                "font_color": "#FFFFFF",
                "text_wrap": True,
            }
        ),
        "label": wb.add_format({**fonts, "bold": True}),
        "text": wb.add_format({**fonts, "text_wrap": True, "valign": "top"}),
        "plain": wb.add_format(fonts),
        **{k: wb.add_format({**fonts, "num_format": v}) for k, v in NUMBER_FORMATS.items()},
    }
    used: set[str] = set()
    _cover(wb, figures, lang, styles, used)
    for table in bulletin_tables(figures, lang):
        _table_sheet(wb, table, lang, styles, used)
    wb.close()
    return buf.getvalue()


def _cover(wb, figures: dict[str, Any], lang: str, styles, used: set[str]) -> None:
    """The first sheet: title, the headline figures as numbers, the statement and coverage."""
    ctx = bulletin_context(figures, lang)
    lab = ctx["labels"]
    doc = lab["document"]
    text = statement(figures, lang)
    ws = wb.add_worksheet(_sheet_name(doc["cover_sheet"], used))
    if lang == "fa":
        ws.right_to_left()
    ws.set_column(0, 0, 30)
    ws.set_column(1, 4, 20)
    ws.write(0, 0, text["title"], styles["title"])
    rows = [
        (doc["province"], ctx["place"]),
        (doc["period"], ctx["period"]),
        (doc["basis"], ctx["basis_words"]),
    ]
    if ctx["coverage"]["as_of"]:
        rows.append((doc["as_of"], ctx["coverage"]["as_of"]))
    r = 2
    for label, value in rows:
        ws.write(r, 0, label, styles["label"])
        ws.write(r, 1, value, styles["plain"])
        r += 1
    r += 1
    units = lab["units"]["sheet"]
    cols = lab["columns"]
    heads = [
        cols["item"],
        f"{cols['value']} ({units['usd']})",
        f"{cols['weight']} ({units['t']})",
        f"{cols['growth_value']} ({units['pct']})",
        f"{cols['growth_weight']} ({units['pct']})",
    ]
    for c, h in enumerate(heads):
        ws.write(r, c, h, styles["head"])
    t = figures["totals"]
    headline = [
        (
            doc["exports"],
            t["exports"]["value_usd"],
            t["exports"]["weight_t"],
            t["exports"]["growth"],
        ),
        (
            doc["imports"],
            t["imports"]["value_usd"],
            t["imports"]["weight_t"],
            t["imports"]["growth"],
        ),
        (doc["balance"], t["balance"]["value_usd"], None, None),
        (
            doc["total_trade"],
            t["total_trade"]["value_usd"],
            t["total_trade"]["weight_t"],
            t["total_trade"]["growth"],
        ),
    ]
    for name, value, weight, growth in headline:
        r += 1
        ws.write(r, 0, name, styles["label"])
        _write(ws, r, 1, sheet_value(value, "usd"), styles["usd"])
        _write(ws, r, 2, sheet_value(weight, "t"), styles["t"])
        growth = growth or {}
        _write(ws, r, 3, sheet_value(growth.get("value_pct"), "pct"), styles["pct"])
        _write(ws, r, 4, sheet_value(growth.get("weight_pct"), "pct"), styles["pct"])
    r += 2
    ws.set_row(r, None)
    for heading, paragraphs in (
        (doc["statement_heading"], text["paragraphs"]),
        (doc["coverage_heading"], text["coverage_paragraphs"]),
    ):
        ws.write(r, 0, heading, styles["label"])
        r += 1
        for p in paragraphs:
            ws.merge_range(r, 0, r, 4, p, styles["text"])
            ws.set_row(r, 15 * (1 + len(p) // 110))
            r += 1
        r += 1
    ws.write(r, 0, f"{doc['source']} · {doc['generated']}", styles["plain"])


def _table_sheet(wb, table: Table, lang: str, styles, used: set[str]) -> None:
    ws = wb.add_worksheet(_sheet_name(table.sheet(lang), used))
    if lang == "fa":
        ws.right_to_left()
    ws.write(0, 0, table.title(lang), styles["title"])
    for c, (h, col) in enumerate(zip(table.headings(lang, "sheet"), table.columns, strict=True)):
        ws.write(2, c, h, styles["head"])
        ws.set_column(c, c, WIDTHS.get(col.kind, 16))
    ws.set_row(2, 32)
    for r, row in enumerate(table.rows, start=3):
        for c, (value, col) in enumerate(zip(row, table.columns, strict=True)):
            _write(ws, r, c, sheet_value(value, col.kind), styles.get(col.kind, styles["plain"]))
    ws.freeze_panes(3, 0)
    if table.rows:
        ws.autofilter(2, 0, 2 + len(table.rows), len(table.columns) - 1)


def _write(ws, r: int, c: int, value: Any, style) -> None:
    if value is None:
        ws.write_blank(r, c, None, style)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value, style)
    elif isinstance(value, int | float):
        ws.write_number(r, c, value, style)
    else:
        ws.write_string(r, c, value, style)


def _sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique sheet name: at most 31 characters, none of []:*?/\\."""
    base = name.translate(INVALID_SHEET_CHARS)[:31]
    candidate, n = base, 2
    while candidate.casefold() in used:
        suffix = f" {n}"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.casefold())
    return candidate
