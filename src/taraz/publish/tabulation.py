"""The bulletin's tables, defined once for the Markdown, HTML/PDF and XLSX documents.

A table holds the figures as they come from `taraz.stats` (amounts as Decimal, counts as int),
each column with its kind; a document decides how to show them: the printed bulletin in million
dollars and thousand tonnes with Persian digits for Persian, the workbook as plain numbers in
dollars and tonnes. Headings and sheet names come from `templates/<lang>/labels.toml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from taraz.fa import format_number, has_persian, isolate_latin
from taraz.publish.amount_words import decimal
from taraz.publish.environment import format_day, labels
from taraz.publish.naming import PRINT_LIMIT, code_text, shorten
from taraz.reference import Flow

FLOWS = tuple(flow.key for flow in Flow)
KINDS = ("text", "code", "usd", "t", "pct", "count", "hhi", "usd_per_t", "day", "flag")
NUMERIC = ("usd", "t", "pct", "count", "hhi", "usd_per_t")
MILLION = 6
THOUSAND = 3
SHORT_ROWS = 16  # a printed table of up to this many rows is kept on one page
# The stages of processing in the order of the chain (taraz.reference data/stages.csv).
STAGES = ("raw", "intermediate", "consumer", "capital", "mixed", "unallocated")


@dataclass(frozen=True)
class Column:
    key: str  # the column's key in labels.toml [columns]
    kind: str  # one of KINDS


@dataclass(frozen=True)
class Table:
    key: str  # the table's key in labels.toml [tables]
    columns: tuple[Column, ...]
    rows: list[list[Any]]
    printed: bool  # in the printed bulletin (Markdown, HTML, PDF); every table is in the workbook

    def title(self, lang: str) -> str:
        return labels(lang)["tables"][self.key]["title"]

    def sheet(self, lang: str) -> str:
        return labels(lang)["tables"][self.key]["sheet"]

    def headings(self, lang: str, where: str = "print") -> list[str]:
        """Column headings with their unit ("value (million USD)"); `where` is print or sheet."""
        lab = labels(lang)
        units = lab["units"][where]
        out = []
        for c in self.columns:
            text = lab["columns"][c.key]
            unit = units.get(c.kind)
            out.append(f"{text} ({unit})" if unit else text)
        return out

    def note(self, lang: str) -> str | None:
        """The note printed under the table (labels.toml), if it has one."""
        note = labels(lang)["tables"][self.key].get("note")
        return isolate_latin(note) if note and lang == "fa" else note

    def printed_rows(self, lang: str) -> list[list[str]]:
        """The rows as text for the printed bulletin."""
        return [
            [cell_text(v, c.kind, lang) for v, c in zip(r, self.columns, strict=True)]
            for r in self.rows
        ]

    def for_print(self, lang: str) -> dict[str, Any]:
        """The table as the printed bulletin shows it: cells as text, long names shortened at
        a word boundary (the full name in `titles` and in a footnote, by code), the unit of
        each heading apart, and which columns are numbers."""
        lab = labels(lang)
        units = lab["units"]["print"]
        keys = [c.key for c in self.columns]
        code = keys.index("code") if "code" in keys else None
        name = keys.index("name") if "name" in keys and code is not None else None
        rows, titles, notes = [], [], []
        for raw, text in zip(self.rows, self.printed_rows(lang), strict=True):
            full = [None] * len(text)
            if name is not None and raw[name] is not None:
                short = shorten(str(raw[name]), PRINT_LIMIT[lang])
                if short != raw[name]:
                    text[name] = cell_text(short, "text", lang)
                    full[name] = str(raw[name])
                    notes.append(_footnote(raw[code], str(raw[name]), lang))
            rows.append(text)
            titles.append(full)
        return {
            "key": self.key,
            "title": self.title(lang),
            "headings": [lab["columns"][c.key] for c in self.columns],
            "units": [units.get(c.kind, "") for c in self.columns],
            "head": self.headings(lang, "print"),
            "rows": rows,
            "titles": titles,
            "numeric": [c.kind in NUMERIC for c in self.columns],
            "classes": [f"{c.kind} {c.key}" for c in self.columns],
            "notes": notes,
            "note": self.note(lang),
            "short": len(self.rows) <= SHORT_ROWS,
        }


def _footnote(code: Any, full: str, lang: str) -> str:
    """«۶۹۰۷۲۲: کاشی و سرامیک …» / "690722: Ceramic tiles; …": a shortened name in full."""
    text = f"{code_text(code, lang)}: {full}"
    return isolate_latin(text) if lang == "fa" else text


def cell_text(value: Any, kind: str, lang: str) -> str:
    """One cell for print: amounts in million USD / thousand t with one decimal, percentages
    with one decimal, counts grouped; Persian digits for Persian; a dash for no figure."""
    lab = labels(lang)["document"]
    if value is None:
        return lab["not_available"]
    if kind == "text":
        return isolate_latin(str(value)) if lang == "fa" else str(value)
    if kind == "code":
        return str(value)
    if kind == "flag":
        return lab["yes"] if value else lab["no"]
    if kind == "day":
        return format_day(value, lang)
    d = decimal(value)
    if kind == "usd":
        return format_number(d.scaleb(-MILLION), lang, 1)
    if kind == "t":
        return format_number(d.scaleb(-THOUSAND), lang, 1)
    if kind == "pct":
        return format_number(d, lang, 1)
    if kind in ("count", "hhi", "usd_per_t"):
        return format_number(d, lang, 0)
    raise ValueError(f"unknown column kind {kind!r}")


def sheet_value(value: Any, kind: str, lang: str = "en") -> Any:
    """One cell for the workbook: a number for every figure (float: USD with cents, tonnes with
    kilograms), text for names (in Persian, Latin runs isolated), None for no figure. (Days
    are written by the workbook itself: Jalali, with the Gregorian date beside.)"""
    if value is None:
        return None
    if kind == "text":
        return sheet_text(str(value), lang)
    if kind in ("code", "day"):
        return str(value)
    if kind == "flag":
        return bool(value)
    d = decimal(value)
    if kind == "count":
        return int(d)
    return float(d)


def sheet_text(text: str, lang: str) -> str:
    """Text for a cell of the workbook: Persian text with its Latin runs isolated; text with
    no Persian in it (a file name, an English name) stands alone in its cell, as it is."""
    return isolate_latin(text) if lang == "fa" and has_persian(text) else text


def bulletin_tables(figures: dict[str, Any], lang: str) -> list[Table]:
    """Every table of the bulletin, in the order the documents show them."""
    lab = labels(lang)["document"]
    flow_name = {f: lab[f] for f in FLOWS}
    t = figures["totals"]
    top = figures["top"]
    b = figures["breakdowns"]
    tables = [
        _summary(t, lab),
        _items("export_sectors", top["export_sectors"], lang, ranked=False),
        _items("import_sectors", top["import_sectors"], lang, ranked=False),
        _value_chain(figures, lang, flow_name),
        _items("export_destinations", top["export_destinations"], lang),
        _items("import_origins", top["import_origins"], lang),
        _items("export_products", top["export_products"], lang, code=True),
        _items("import_products", top["import_products"], lang, code=True),
        _monthly(figures["monthly"], lang, lab),
        _by_flow("trader_size", b, "trader_size", lang, flow_name, printed=True, code=False),
    ]
    if figures.get("attribution") and figures["query"]["province"].get("code") is not None:
        tables += _attribution(figures["attribution"], lang, flow_name)
    tables.append(_concentration(figures["concentration"], flow_name))
    for key, dim in (
        ("sections", "section"),
        ("chapters", "hs2"),
        ("headings", "hs4"),
        ("subheadings", "hs6"),
        ("partners", "partner"),
        ("customs_offices", "customs_office"),
    ):
        tables.append(_by_flow(key, b, dim, lang, flow_name, printed=False, code=True))
    tables.append(_unit_values(figures["unit_values"], lang, flow_name))
    tables += _coverage(figures["coverage"], lang)
    return tables


def _summary(t: dict[str, Any], lab: dict[str, str]) -> Table:
    cols = _cols(
        ("item", "text"),
        ("value", "usd"),
        ("value_last_year", "usd"),
        ("growth_value", "pct"),
        ("weight", "t"),
        ("growth_weight", "pct"),
        ("declarations", "count"),
    )
    rows = []
    for flow in FLOWS:
        f = t[flow]
        rows.append(
            [
                lab[flow],
                f["value_usd"],
                f["last_year"]["value_usd"],
                f["growth"]["value_pct"],
                f["weight_t"],
                f["growth"]["weight_pct"],
                f["declarations"],
            ]
        )
    bal = t["balance"]
    rows.append(
        [lab["balance"], bal["value_usd"], bal["last_year_value_usd"], None, None, None, None]
    )
    tt = t["total_trade"]
    rows.append(
        [
            lab["total_trade"],
            tt["value_usd"],
            tt["last_year_value_usd"],
            tt["growth"]["value_pct"],
            tt["weight_t"],
            tt["growth"]["weight_pct"],
            None,
        ]
    )
    return Table("summary", cols, rows, printed=True)


def _items(key: str, items: list[dict[str, Any]], lang: str, ranked=True, code=False) -> Table:
    spec = [("rank", "count")] if ranked else []
    spec += [("code", "code")] if code else []
    spec += [
        ("name", "text"),
        ("value", "usd"),
        ("share", "pct"),
        ("value_last_year", "usd"),
        ("growth_value", "pct"),
        ("weight", "t"),
    ]
    rows = []
    for i in items:
        row = [i["rank"]] if ranked else []
        row += [i["code"]] if code else []
        row += [
            _name(i, lang),
            i["value_usd"],
            i["share_pct"],
            i["last_year_value_usd"],
            i["growth_value_pct"],
            i["weight_t"],
        ]
        rows.append(row)
    return Table(key, _cols(*spec), rows, printed=True)


def _value_chain(figures: dict[str, Any], lang: str, flow_name) -> Table:
    """Exports and imports by stage of processing (HS -> BEC), in the order of the chain: value,
    share, last year's share (last year's value over last year's total) and growth."""
    cols = _cols(
        ("flow", "text"),
        ("stage", "text"),
        ("value", "usd"),
        ("share", "pct"),
        ("share_last_year", "pct"),
        ("growth_value", "pct"),
    )
    rows = []
    for flow in FLOWS:
        for i in stage_items(figures, flow):
            rows.append(
                [
                    flow_name[flow],
                    _name(i, lang),
                    i["value_usd"],
                    i["share_pct"],
                    i["last_year_share_pct"],
                    i["growth_value_pct"],
                ]
            )
    return Table("value_chain", cols, rows, printed=True)


def stage_items(figures: dict[str, Any], flow: str) -> list[dict[str, Any]]:
    """A flow's items by stage of processing in the order of the chain (each with the stats'
    `last_year_share_pct`, given where the two years compare)."""
    items = figures["breakdowns"][flow].get("stage") or []
    order = {code: n for n, code in enumerate(STAGES)}
    return sorted(items, key=lambda i: (order.get(i["code"], len(STAGES)), str(i["code"])))


def _monthly(monthly: dict[str, Any], lang: str, lab: dict[str, str]) -> Table:
    cols = _cols(
        ("month", "text"),
        ("exports", "usd"),
        ("exports_last_year", "usd"),
        ("exports_growth", "pct"),
        ("imports", "usd"),
        ("imports_last_year", "usd"),
        ("imports_growth", "pct"),
    )
    rows = []
    for x, m in zip(monthly["exports"], monthly["imports"], strict=True):
        name = _name(x, lang)
        if not (x["loaded"] and m["loaded"]):
            name = f"{name} ({lab['incomplete']})"
        rows.append(
            [
                name,
                x["value_usd"],
                (x["last_year"] or {}).get("value_usd"),
                x["growth_value_pct"],
                m["value_usd"],
                (m["last_year"] or {}).get("value_usd"),
                m["growth_value_pct"],
            ]
        )
    return Table("monthly", cols, rows, printed=True)


def _by_flow(key, breakdowns, dim, lang, flow_name, printed: bool, code: bool) -> Table:
    spec = [("flow", "text")] + ([("code", "code")] if code else [])
    spec += [
        ("name", "text"),
        ("value", "usd"),
        ("share", "pct"),
        ("value_last_year", "usd"),
        ("growth_value", "pct"),
        ("weight", "t"),
        ("growth_weight", "pct"),
        ("lines", "count"),
    ]
    rows = []
    for flow in FLOWS:
        for i in breakdowns[flow][dim]:
            rows.append(
                [flow_name[flow]]
                + ([i["code"]] if code else [])
                + [
                    _name(i, lang),
                    i["value_usd"],
                    i["share_pct"],
                    i["last_year_value_usd"],
                    i["growth_value_pct"],
                    i["weight_t"],
                    i["growth_weight_pct"],
                    i["lines"],
                ]
            )
    return Table(key, _cols(*spec), rows, printed=printed)


def _attribution(a: dict[str, Any], lang: str, flow_name) -> list[Table]:
    summary = Table(
        "attribution",
        _cols(
            ("flow", "text"),
            ("origin_basis", "usd"),
            ("customs_basis", "usd"),
            ("own_offices", "usd"),
            ("difference", "usd"),
        ),
        [
            [
                flow_name[f],
                a[f]["origin_basis"]["value_usd"],
                a[f]["customs_basis"]["value_usd"],
                a[f]["cleared_at_own_offices"]["value_usd"],
                a[f]["difference_value_usd"],
            ]
            for f in FLOWS
        ],
        printed=True,
    )
    lists = []
    for key, field, column in (
        ("cleared_elsewhere", "own_lines_cleared_elsewhere", "office_province"),
        ("cleared_here", "other_provinces_cleared_here", "origin_province"),
    ):
        rows = [
            [flow_name[f], _name(i[column], lang), i["value_usd"], i["share_pct"]]
            for f in FLOWS
            for i in a[f][field]
        ]
        cols = _cols(("flow", "text"), (column, "text"), ("value", "usd"), ("share", "pct"))
        lists.append(Table(key, cols, rows, printed=True))
    return [summary, *lists]


def _concentration(c: dict[str, Any], flow_name) -> Table:
    cols = _cols(
        ("flow", "text"),
        ("partners_hhi", "hhi"),
        ("partners_hhi_last_year", "hhi"),
        ("partners_count", "count"),
        ("products_hhi", "hhi"),
        ("products_hhi_last_year", "hhi"),
        ("products_count", "count"),
    )
    rows = [
        [
            flow_name[f],
            c[f]["partners"]["hhi"],
            c[f]["partners"]["last_year_hhi"],
            c[f]["partners"]["groups"],
            c[f]["products"]["hhi"],
            c[f]["products"]["last_year_hhi"],
            c[f]["products"]["groups"],
        ]
        for f in FLOWS
    ]
    return Table("concentration", cols, rows, printed=True)


def _unit_values(u: dict[str, Any], lang: str, flow_name) -> Table:
    cols = _cols(
        ("flow", "text"),
        ("code", "code"),
        ("name", "text"),
        ("value", "usd"),
        ("weight", "t"),
        ("usd_per_t", "usd_per_t"),
        ("usd_per_t_last_year", "usd_per_t"),
        ("change", "pct"),
    )
    rows = [
        [
            flow_name[f],
            i["code"],
            _name(i, lang),
            i["value_usd"],
            i["weight_t"],
            i["usd_per_t"],
            i["last_year_usd_per_t"],
            i["change_pct"],
        ]
        for f in FLOWS
        for i in u[f]
    ]
    return Table("unit_values", cols, rows, printed=False)


def _coverage(c: dict[str, Any], lang: str) -> list[Table]:
    batches = Table(
        "batches",
        _cols(
            ("batch", "code"),
            ("files", "text"),
            ("date_min", "day"),
            ("date_max", "day"),
            ("loaded_at", "day"),
            ("lines_used", "count"),
            ("warnings", "count"),
            ("quarantined", "count"),
        ),
        [
            [
                b["batch_id"],
                "، ".join(b["files"]) if lang == "fa" else ", ".join(b["files"]),
                b["date_min"],
                b["date_max"],
                b["loaded_at"],
                b["lines_used"],
                b["warnings"],
                b["rows_quarantined"],
            ]
            for b in c["batches"]
        ],
        printed=True,
    )
    rows = [
        [b["batch_id"], f["code"], f["count"], f["message_fa"] if lang == "fa" else f["message_en"]]
        for b in c["batches"]
        for f in b.get("findings", [])
    ]
    warnings = Table(
        "warnings",
        _cols(("batch", "code"), ("code", "code"), ("count", "count"), ("message", "text")),
        rows,
        printed=bool(rows),
    )
    return [batches, warnings]


def _cols(*spec: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(key, kind) for key, kind in spec)


def _name(d: dict[str, Any], lang: str) -> str:
    return d["name_fa"] if lang == "fa" else d["name_en"]
