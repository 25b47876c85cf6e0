"""Layouts: which source column is which field of the canonical declaration line.

Three kinds: the Iranian customs statistics layout (Persian headers, many spellings), taraz's
canonical layout (English snake_case headers), and any other layout through a mapping file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from taraz.ingest.sources import header_key
from taraz.reference import Flow

# The raw fields a layout fills (all text until normalised).
RAW_FIELDS = (
    "declaration_id",
    "line_no",
    "flow",
    "date",
    "date_year",
    "date_month",
    "date_day",
    "hs_code",
    "hs6",
    "partner",
    "consignment",
    "customs_office",
    "province",
    "trader_id",
    "trader_size",
    "value",
    "currency",
    "weight",
    "quantity",
    "unit",
)

CANONICAL_COLUMNS = {
    "declaration_id": "declaration_id",
    "line_no": "line_no",
    "flow": "flow",
    "date": "date",
    "hs_code": "hs_code",
    "partner": "partner",
    "consignment": "consignment",
    "customs_office": "customs_office",
    "province": "province",
    "trader_id": "trader_id",
    "trader_size": "trader_size",
    "value_usd": "value",
    "weight_kg": "weight",
    "quantity": "quantity",
    "unit": "unit",
}

# Persian headers of the customs statistics files, as they are really written (Arabic ي/ك,
# with and without spaces and ZWNJ, digits either way): matched by `header_key`.
CUSTOMS_ALIASES: dict[str, tuple[str, ...]] = {
    "border": ("نام مرز", "مرز", "مرز خروجی", "مرز ورودی"),
    "customs_office": (
        "گمرک مبدا",
        "گمرک مبدأ",
        "گمرک مقصد",
        "گمرک",
        "نام گمرک",
        "گمرک اظهار",
        "گمرک ترخیص",
        "گمرک اجرایی",
    ),
    "province": ("نام استان", "استان", "استان مبدا", "استان مبدأ", "استان صادرکننده"),
    "hs_code": (
        "کد 8 رقمی ایران",
        "کد ۸ رقمی ایران",
        "کد تعرفه",
        "تعرفه",
        "کد تعرفه 8 رقمی",
        "شماره تعرفه",
    ),
    "hs6": ("کد 6 رقمی بین المللی", "کد ۶ رقمی بین‌المللی", "کد 6 رقمی", "کد hs"),
    "isic": ("کد ISIC", "ISIC"),
    "value": ("ارزش دلاری", "ارزش دلار", "ارزش (دلار)", "ارزش به دلار", "ارزش دلاري"),
    "weight": ("وزن کل", "وزن خالص", "وزن", "وزن (کیلوگرم)", "وزن کیلوگرم"),
    "date": ("تاریخ", "تاریخ اظهار", "تاریخ ترخیص", "تاریخ اظهارنامه"),
    "partner_x": ("کشور مقصد", "کشور مقصد نهایی"),
    "partner_m": ("کشور مبدا", "کشور مبدأ", "کشور سازنده", "کشور طرف معامله"),
    "trader_id": ("شماره کارت بازرگانی", "کارت بازرگانی", "کد بازرگانی", "شناسه بازرگان"),
    "trader_size": ("نوع بنگاه", "اندازه بنگاه", "اندازه واحد"),
    "declaration_id": ("شماره کوتاژ", "کوتاژ", "شماره اظهارنامه"),
    "line_no": ("ردیف کالا", "شماره ردیف کالا"),
    "quantity": ("مقدار", "تعداد"),
    "unit": ("واحد", "واحد شمارش"),
}

_CUSTOMS_KEYS = {header_key(a): f for f, aliases in CUSTOMS_ALIASES.items() for a in aliases}
_CANONICAL_KEYS = {header_key(c): c for c in CANONICAL_COLUMNS}


@dataclass
class Layout:
    """How one file's columns become raw fields; `columns` maps raw field -> column index."""

    name: str
    columns: dict[str, int]
    constants: dict[str, str] = field(default_factory=dict)
    flow_hint: str | None = None  # from the partner header of a customs file
    calendar: str | None = None  # None: told by the year (>= 1700 Gregorian)


def is_canonical_header(keys: Sequence[str]) -> bool:
    found = {_CANONICAL_KEYS[k] for k in keys if k in _CANONICAL_KEYS}
    return {"hs_code", "value_usd", "date"} <= found


def is_customs_header(keys: Sequence[str]) -> bool:
    found = {_CUSTOMS_KEYS[k] for k in keys if k in _CUSTOMS_KEYS}
    return "value" in found and ("hs_code" in found or "hs6" in found) and len(found) >= 3


def is_known_header(keys: Sequence[str]) -> bool:
    return is_canonical_header(keys) or is_customs_header(keys)


def detect_layout(headers: Sequence[str]) -> Layout | None:
    keys = [header_key(h) for h in headers]
    if is_canonical_header(keys):
        cols = {
            CANONICAL_COLUMNS[_CANONICAL_KEYS[k]]: j
            for j, k in enumerate(keys)
            if k in _CANONICAL_KEYS
        }
        return Layout("canonical", cols)
    if is_customs_header(keys):
        cols: dict[str, int] = {}
        flow_hint = None
        for j, k in enumerate(keys):
            f = _CUSTOMS_KEYS.get(k)
            if f is None or f in ("border", "isic"):
                continue
            if f in ("partner_x", "partner_m"):
                flow_hint = (Flow.EXPORTS if f == "partner_x" else Flow.IMPORTS).value
                f = "partner"
            cols.setdefault(f, j)
        return Layout("customs", cols, flow_hint=flow_hint)
    return None
