"""The bulletin as an Excel workbook (xlsxwriter): a cover sheet with the headline figures and
the coverage, then one sheet per table. Figures are numbers (dollars, tonnes, percent), never
text; Persian workbooks have right-to-left sheets. Names (of provinces, products, files) are
written as text, never as formulas (`taraz.fa.XLSX_OPTIONS`), in Persian with their Latin runs
isolated. A day is written twice: Jalali (as text, the way the PDF writes it) and, beside it,
the Gregorian date as a date cell.

Negative numbers show the minus of docs/numbers.md in Persian workbooks (U+2212 before the
digits); percentages, like the printed bulletin, one decimal."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from taraz.calendar import JALALI_MONTHS_EN, format_jalali_date, gregorian_to_jalali
from taraz.fa import MINUS_SIGN, XLSX_OPTIONS
from taraz.publish.bulletin import bulletin_context, statement
from taraz.publish.environment import as_day, labels
from taraz.publish.tabulation import Table, bulletin_tables, sheet_text, sheet_value

NUMBER_FORMATS = {
    "usd": "#,##0",
    "t": "#,##0.0",
    "pct": "0.0",
    "count": "#,##0",
    "hhi": "#,##0.00",
    "usd_per_t": "#,##0.00",
}
DATE_FORMAT = "yyyy-mm-dd"
WIDTHS = {"text": 34, "code": 14, "day": 18, "date": 12, "flag": 10}
INVALID_SHEET_CHARS = str.maketrans({c: "-" for c in "[]:*?/\\"})


def workbook_bytes(figures: dict[str, Any], lang: str = "fa") -> bytes:
    """The workbook as bytes."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, **XLSX_OPTIONS})
    text = statement(figures, lang, headed=True)
    wb.set_properties({"title": text["title"], "author": "taraz"})
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
        "note": wb.add_format({**fonts, "text_wrap": True, "valign": "top", "italic": True}),
        "date": wb.add_format({**fonts, "num_format": DATE_FORMAT, "align": "left"}),
        **{
            k: wb.add_format({**fonts, "num_format": number_format(k, lang)})
            for k in NUMBER_FORMATS
        },
    }
    used: set[str] = set()
    _cover(wb, figures, lang, styles, used, text)
    for table in bulletin_tables(figures, lang):
        _table_sheet(wb, table, lang, styles, used)
    wb.close()
    return buf.getvalue()


def number_format(kind: str, lang: str) -> str:
    """The cell format of a kind of figure; in Persian a negative shows U+2212 before it."""
    positive = NUMBER_FORMATS[kind]
    return f'{positive};"{MINUS_SIGN}"{positive}' if lang == "fa" else positive


def _cover(wb, figures: dict[str, Any], lang: str, styles, used: set[str], text) -> None:
    """The first sheet: title, the headline figures as numbers, the statement and coverage."""
    ctx = bulletin_context(figures, lang)
    lab = ctx["labels"]
    doc = lab["document"]
    ws = wb.add_worksheet(_sheet_name(doc["cover_sheet"], used))
    if lang == "fa":
        ws.right_to_left()
    ws.set_column(0, 0, 30)
    ws.set_column(1, 4, 20)
    ws.write(0, 0, text["title"], styles["title"])
    period = figures["query"]["period"]
    rows: list[tuple[str, Any]] = [
        (doc["province"], ctx["place"]),
        (doc["period"], ctx["period"]),
        (lab["columns"]["date_min"], as_day(period["start"])),
        (lab["columns"]["date_max"], as_day(period["end"])),
        (doc["basis"], ctx["basis_words"]),
    ]
    if ctx["coverage"]["as_of"]:
        rows.append((doc["as_of"], as_day(figures["coverage"]["as_of"])))
    r = 2
    for label, value in rows:
        ws.write(r, 0, label, styles["label"])
        if isinstance(value, date):
            ws.write_string(r, 1, jalali_text(value, lang), styles["plain"])
            ws.write_datetime(r, 2, value, styles["date"])
        else:
            ws.write(r, 1, _text(value, lang), styles["plain"])
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
    ws.write(r, 0, _text(f"{doc['source']} · {doc['generated']}", lang), styles["plain"])


def jalali_text(day: date, lang: str) -> str:
    """A day in the Jalali calendar as text: «۲ فروردین ۱۴۰۳» / "2 Farvardin 1403"."""
    if lang == "fa":
        return format_jalali_date(day, "fa")
    y, m, d = gregorian_to_jalali(day)
    return f"{d} {JALALI_MONTHS_EN[m - 1]} {y}"


def _text(value: Any, lang: str) -> Any:
    return sheet_text(value, lang) if isinstance(value, str) else value


def _sheet_columns(table: Table, lang: str) -> list[tuple[str, str, int]]:
    """(heading, kind, index in the row) of each sheet column: a day becomes two columns, the
    Jalali day (kind "day") and the Gregorian date beside it (kind "date")."""
    doc = labels(lang)["document"]
    out = []
    headings = table.headings(lang, "sheet")
    for i, (heading, col) in enumerate(zip(headings, table.columns, strict=True)):
        if col.kind == "day":
            out.append((f"{heading} ({doc['jalali']})", "day", i))
            out.append((f"{heading} ({doc['gregorian']})", "date", i))
        else:
            out.append((heading, col.kind, i))
    return out


def _table_sheet(wb, table: Table, lang: str, styles, used: set[str]) -> None:
    ws = wb.add_worksheet(_sheet_name(table.sheet(lang), used))
    if lang == "fa":
        ws.right_to_left()
    ws.write(0, 0, _text(table.title(lang), lang), styles["title"])
    columns = _sheet_columns(table, lang)
    for c, (heading, kind, _) in enumerate(columns):
        ws.write(2, c, _text(heading, lang), styles["head"])
        ws.set_column(c, c, WIDTHS.get(kind, 16))
    ws.set_row(2, 32)
    for r, row in enumerate(table.rows, start=3):
        for c, (_, kind, i) in enumerate(columns):
            value = row[i]
            if kind in ("day", "date"):
                day = as_day(value)
                if day is None:
                    ws.write_blank(r, c, None, styles["plain"])
                elif kind == "day":
                    ws.write_string(r, c, jalali_text(day, lang), styles["plain"])
                else:
                    ws.write_datetime(r, c, day, styles["date"])
                continue
            _write(ws, r, c, sheet_value(value, kind, lang), styles.get(kind, styles["plain"]))
    ws.freeze_panes(3, 0)
    last = 2 + len(table.rows)
    if table.rows:
        ws.autofilter(2, 0, last, len(columns) - 1)
    note = table.note(lang)
    if note:
        ws.merge_range(last + 2, 0, last + 2, min(len(columns), 8) - 1, note, styles["note"])
        ws.set_row(last + 2, 15 * (2 + len(note) // 120))


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
