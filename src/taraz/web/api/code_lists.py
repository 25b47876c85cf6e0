"""The code lists the API serves, each row with a Persian and an English name: HS codes, HS
sections, sectors, stages of processing, countries, provinces, customs offices, the periods the
data covers, and the breakdown dimensions."""

from __future__ import annotations

from datetime import date
from typing import Any

from taraz.errors import TarazError
from taraz.fa import name_key
from taraz.reference import load_reference
from taraz.web.selection import periods_covered

LISTS = (
    "hs",
    "sections",
    "sectors",
    "stages",
    "countries",
    "provinces",
    "customs-offices",
    "periods",
    "dimensions",
)
DIMENSION_NAMES = {
    "sector": ("بخش", "Sector"),
    "stage": ("مرحلهٔ فرآوری (زنجیرهٔ ارزش)", "Stage of processing (value chain)"),
    "section": ("قسمت سامانهٔ هماهنگ", "HS section"),
    "hs2": ("فصل (۲ رقمی)", "HS chapter (2 digits)"),
    "hs4": ("سرفصل (۴ رقمی)", "HS heading (4 digits)"),
    "hs6": ("زیرسرفصل (۶ رقمی)", "HS subheading (6 digits)"),
    "partner": ("کشور طرف تجاری", "Partner country"),
    "customs_office": ("گمرک", "Customs office"),
    "trader_size": ("اندازهٔ بازرگان", "Trader size"),
}


def unknown_list(name: str) -> TarazError:
    return TarazError("api.unknown-code-list", list=name, choices=", ".join(LISTS))


def code_list(
    name: str, span: tuple[date | None, date | None] = (None, None)
) -> list[dict[str, Any]]:
    ref = load_reference()
    if name == "hs":
        return [
            {
                "code": h.code,
                "level": h.level,
                "section": h.section,
                "parent": h.parent or None,
                "sector": ref.sector_of(h.code),
                "name_fa": h.description_fa or h.description_en,
                "name_en": h.description_en,
            }
            for h in ref.hs.values()
        ]
    if name == "sections":
        return [
            {"code": s.section, "name_fa": s.name_fa, "name_en": s.name_en}
            for s in ref.sections.values()
        ]
    if name == "sectors":
        return [
            {"code": s.code, "name_fa": s.name_fa, "name_en": s.name_en, "order": s.order}
            for s in sorted(ref.sectors.values(), key=lambda s: s.order)
        ]
    if name == "stages":
        return [
            {"code": s.code, "name_fa": s.name_fa, "name_en": s.name_en, "order": n}
            for n, s in enumerate(ref.stages.values(), start=1)
        ]
    if name == "countries":
        return [
            {"code": c.code, "name_fa": c.name_fa, "name_en": c.name_en}
            for c in ref.countries.values()
        ]
    if name == "provinces":
        return [
            {"code": p.code, "name_fa": p.name_fa, "name_en": p.name_en}
            for p in ref.provinces.values()
        ]
    if name == "customs-offices":
        return [
            {
                "code": o.code,
                "name_fa": o.name_fa,
                "name_en": o.name_en,
                "province": o.province,
                "city": o.city or None,
            }
            for o in ref.customs_offices.values()
        ]
    if name == "periods":
        return periods_covered(*span)
    if name == "dimensions":
        return [
            {"code": k, "name_fa": fa, "name_en": en} for k, (fa, en) in DIMENSION_NAMES.items()
        ]
    raise unknown_list(name)


def filter_rows(
    rows: list[dict[str, Any]], q: str | None, **equal: str | None
) -> list[dict[str, Any]]:
    """Rows whose code starts with, or whose names contain, `q`; and whose fields equal `equal`."""
    for field, value in equal.items():
        if value not in (None, ""):
            rows = [r for r in rows if str(r.get(field)) == str(value)]
    if q:
        key = name_key(q)
        rows = [
            r
            for r in rows
            if str(r["code"]).casefold().startswith(q.strip().casefold())
            or key in name_key(r.get("name_fa") or "")
            or key in name_key(r.get("name_en") or "")
        ]
    return rows


def find_code(name: str, code: str) -> dict[str, Any]:
    for row in code_list(name):
        if str(row["code"]).casefold() == code.strip().casefold():
            return row
    raise TarazError("api.unknown-code", list=name, code_value=code)
