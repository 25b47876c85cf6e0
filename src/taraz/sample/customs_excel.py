"""Yazd's monthly files in the Iranian customs statistics layout, as messy as the real ones.

Persian headers in several spellings, title rows, names instead of codes (now and then with
Arabic ي/ك or a stray ZWNJ), Jalali dates as text in three forms, codes that lost a leading
zero, amounts written as Persian text, blank rows, a «جمع کل» row, and a few deliberately bad
rows (unknown country, impossible date, empty value) added on top of the sample's lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import numpy as np
import xlsxwriter

from taraz.calendar import JALALI_MONTHS_FA
from taraz.fa import XLSX_OPTIONS, ZWNJ, format_number, to_persian_digits
from taraz.reference import Flow, Reference

ORGANIZATION = "سازمان صنعت، معدن و تجارت استان یزد"
FLOW_TITLE = {flow: f"آمار {flow.name_fa} قطعی" for flow in Flow}
SHEET_NAMES = {flow: (flow.name_fa, "Sheet1", "گزارش") for flow in Flow}
EXTRA_TITLES = (
    "واحد: ارزش به دلار - وزن به کیلوگرم",
    "منبع: گمرک جمهوری اسلامی ایران",
    "گزارش سامانه جامع گمرکی",
)
TOTAL_LABEL = "جمع کل"
SIZE_FA = {"sme": "کوچک و متوسط", "large": "بزرگ"}
BAD_ROW_SHARE = 0.001
UNKNOWN_COUNTRIES = ("آتلانتیس", "افغانسان", "جمهوری نامعلوم")
FIXED_TIME = datetime(2025, 10, 15, 9, 0, 0)  # same bytes on every run

# Column: (field, spellings seen in real files); the partner header depends on the flow.
HEADERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("declaration_id", ("شماره کوتاژ", "کوتاژ")),
    ("line_no", ("ردیف کالا",)),
    ("date", ("تاریخ", "تاریخ اظهار")),
    ("province", ("نام استان", "استان")),
    ("office", ("گمرک مبدا", "گمرک مبدأ")),
    ("border", ("نام مرز",)),
    ("partner", ()),
    ("hs8", ("کد 8 رقمی ایران", "کد ۸ رقمی ایران")),
    ("hs6", ("کد 6 رقمی بین المللي", "کد 6 رقمی بین المللی", "کد ۶ رقمی بین‌المللی")),
    ("isic", ("کد ISIC",)),
    ("weight", ("وزن کل", "وزن (کیلوگرم)")),
    ("value", ("ارزش دلاري", "ارزش دلاری")),
    ("trader_id", ("شماره کارت بازرگانی", "کارت بازرگانی")),
    ("trader_size", ("نوع بنگاه",)),
)
PARTNER_HEADERS = {Flow.EXPORTS: ("کشور مقصد",), Flow.IMPORTS: ("کشور مبدا", "کشور مبدأ")}


@dataclass(frozen=True)
class CustomsRow:
    """One line as the customs file shows it; codes are turned into names when written."""

    declaration_id: str
    line_no: int
    jy: int
    jm: int
    jd: int
    province: str
    office: str
    border: str
    partner: str
    hs8: str
    isic: str
    cents: int | None
    grams: int
    trader_id: str
    trader_size: str


@dataclass(frozen=True)
class MonthFile:
    path: Path
    rows: int  # data rows, bad rows included
    bad_rows: int


def write_customs_month(
    path: Path,
    rows: list[CustomsRow],
    flow: str,
    jy: int,
    jm: int,
    ref: Reference,
    rng: np.random.Generator,
) -> MonthFile:
    """Write one month of one flow; `rows` are the sample's lines, bad rows are added here."""
    style = _FileStyle.draw(rng, flow)
    body: list[list[object] | None] = [style.cells(r, ref, rng) for r in rows]
    n_bad = max(1, round(BAD_ROW_SHARE * len(rows))) if rows else 0
    bad_totals = [0, 0]
    for i in range(n_bad):
        cells, cents, grams = _bad_row(rows, i, flow, jy, jm, style, ref, rng)
        body.insert(int(rng.integers(0, len(body) + 1)), cells)
        bad_totals[0] += cents
        bad_totals[1] += grams
    for _ in range(int(rng.integers(1, 3)) if body else 0):
        body.insert(int(rng.integers(1, len(body) + 1)), None)
    cents = sum(r.cents or 0 for r in rows) + bad_totals[0]
    grams = sum(r.grams for r in rows) + bad_totals[1]

    workbook = xlsxwriter.Workbook(str(path), {"in_memory": True, **XLSX_OPTIONS})
    workbook.set_properties({"created": FIXED_TIME, "author": ORGANIZATION})
    sheet = workbook.add_worksheet(style.sheet_name)
    sheet.right_to_left()
    bold = workbook.add_format({"bold": True})
    money = workbook.add_format({"num_format": "#,##0.00"})
    kilos = workbook.add_format({"num_format": "#,##0.###"})
    titles = [ORGANIZATION, f"{FLOW_TITLE[flow]} - {JALALI_MONTHS_FA[jm - 1]} {_fa(jy)}"]
    titles += style.extra_titles
    for r, title in enumerate(titles):
        sheet.write_string(r, 0, title, bold)
    header_row = len(titles) + style.gap
    sheet.write_row(header_row, 0, style.headers, bold)
    value_col, weight_col = style.fields.index("value"), style.fields.index("weight")
    sheet.set_column(0, len(style.headers) - 1, 16)
    r = header_row + 1
    for cells in body:
        if cells is not None:
            for c, cell in enumerate(cells):
                if cell is None:
                    continue
                fmt = money if c == value_col else kilos if c == weight_col else None
                if isinstance(cell, str):
                    sheet.write_string(r, c, cell, fmt)
                else:
                    sheet.write_number(r, c, cell, fmt)
        r += 1
    sheet.write_string(r, 0, TOTAL_LABEL, bold)
    sheet.write_number(r, value_col, float(Decimal(cents).scaleb(-2)), money)
    sheet.write_number(r, weight_col, float(Decimal(grams).scaleb(-3)), kilos)
    workbook.close()
    return MonthFile(path, len(rows) + n_bad, n_bad)


def _fa(n: int) -> str:
    return to_persian_digits(str(n))


@dataclass(frozen=True)
class _FileStyle:
    """The habits of one file: its spellings, title rows, date form and how codes are typed."""

    fields: tuple[str, ...]
    headers: tuple[str, ...]
    sheet_name: str
    extra_titles: tuple[str, ...]
    gap: int  # blank rows between the titles and the header
    date_form: int  # 0: 1404/03/15, 1: ۱۴۰۴/۰۳/۱۵, 2: 1404-3-15
    codes_as_numbers: bool

    @classmethod
    def draw(cls, rng: np.random.Generator, flow: str) -> _FileStyle:
        def pick(options):
            return options[int(rng.integers(0, len(options)))]

        fields, headers = [], []
        for field, spellings in HEADERS:
            fields.append(field)
            headers.append(pick(spellings or PARTNER_HEADERS[flow]))
        n_extra = int(rng.integers(0, 2))
        return cls(
            fields=tuple(fields),
            headers=tuple(headers),
            sheet_name=pick(SHEET_NAMES[flow]),
            extra_titles=tuple(EXTRA_TITLES[int(rng.integers(0, 3))] for _ in range(n_extra)),
            gap=int(rng.integers(0, 2)),
            date_form=int(rng.integers(0, 3)),
            codes_as_numbers=bool(rng.random() < 0.5),
        )

    def cells(self, row: CustomsRow, ref: Reference, rng: np.random.Generator) -> list[object]:
        u = rng.random(6)
        border = ref.customs_offices[row.border]
        values: dict[str, object] = {
            "declaration_id": int(row.declaration_id),
            "line_no": row.line_no,
            "date": self.date_text(row.jy, row.jm, row.jd, u[0]),
            "province": _messy(ref.provinces[row.province].name_fa, u[1]),
            "office": _messy(ref.customs_offices[row.office].name_fa, u[2]),
            "border": border.city or border.name_fa,
            "partner": _messy(ref.countries[row.partner].name_fa, u[3]) if row.partner else None,
            "hs8": int(row.hs8) if self.codes_as_numbers else row.hs8,
            "hs6": int(row.hs8[:6]) if self.codes_as_numbers else row.hs8[:6],
            "isic": row.isic,
            "weight": float(Decimal(row.grams).scaleb(-3)),
            "value": _value_cell(row.cents, u[4]),
            "trader_id": row.trader_id,
            "trader_size": SIZE_FA[row.trader_size],
        }
        return [values[f] for f in self.fields]

    def date_text(self, jy: int, jm: int, jd: int, u: float) -> str:
        form = self.date_form if u < 0.8 else int(u * 100) % 3
        if form == 0:
            return f"{jy}/{jm:02d}/{jd:02d}"
        if form == 1:
            return _fa(f"{jy}/{jm:02d}/{jd:02d}")
        return f"{jy}-{jm}-{jd}"


def _messy(name: str, u: float) -> str:
    """A Persian name as typed: mostly clean, sometimes Arabic ي/ك, sometimes a stray ZWNJ."""
    if u < 0.07:
        return name.replace("ی", "ي").replace("ک", "ك")
    if u < 0.10:
        return name + ZWNJ
    if u < 0.12 and " " in name:
        return name.replace(" ", ZWNJ + " ", 1)
    return name


def _value_cell(cents: int | None, u: float) -> object:
    if cents is None:
        return None
    amount = Decimal(cents).scaleb(-2)
    if u < 0.04:
        return format_number(amount, "fa", decimals=2)
    if u < 0.06:
        return format_number(amount, "en", decimals=2)
    return float(amount)


def _bad_row(rows, i, flow, jy, jm, style, ref, rng) -> tuple[list[object], int, int]:
    """A plausible row broken in one way, with a declaration number no sample line has."""
    like = rows[int(rng.integers(0, len(rows)))]
    kind = ("country", "date", "value")[(i + jm + (flow == "M")) % 3]
    cells = style.cells(like, ref, rng)
    cells[style.fields.index("declaration_id")] = int(f"9{jy}{jm:02d}{'XM'.index(flow)}{i:04d}")
    cells[style.fields.index("line_no")] = 1
    cents = like.cents or 0
    if kind == "country":
        cells[style.fields.index("partner")] = UNKNOWN_COUNTRIES[i % len(UNKNOWN_COUNTRIES)]
    elif kind == "date":
        last = 31 if jm <= 6 else 30
        cells[style.fields.index("date")] = f"{jy}/{jm:02d}/{last + 1}"
    else:
        cells[style.fields.index("value")] = None
        cents = 0
    return cells, cents, like.grams
