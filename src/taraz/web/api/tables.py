"""The figures of `taraz.stats` laid out as rows, for CSV, XLSX and paginated JSON.

Nothing here computes a figure: rows are the stats results reshaped (one row per flow, per
month, per item) or selected (the headings and products of one sector).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from taraz.errors import UsageError
from taraz.reference import Flow, load_reference

FLOW_NAMES = {flow.value: flow.key for flow in Flow}
TOP_LISTS = (
    "export_products",
    "export_destinations",
    "export_sectors",
    "import_products",
    "import_origins",
    "import_sectors",
)
ATTRIBUTION_TABLES = (
    "reconciliation",
    "own_lines_cleared_elsewhere",
    "other_provinces_cleared_here",
    "cross",
)
# HS levels whose codes a sector holds whole (sector rules name prefixes of at most this many digits)
SECTOR_FILTER_DIMENSIONS = ("hs2", "hs4", "hs6")


def totals_rows(totals: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{"figure": name, **values} for name, values in totals.items()]


def monthly_rows(monthly: Mapping[str, Any], flow: str | None) -> list[dict[str, Any]]:
    flows = [FLOW_NAMES[flow]] if flow else list(FLOW_NAMES.values())
    return [{"flow": f, **item} for f in flows for item in monthly[f]]


def attribution_rows(
    section: Mapping[str, Any], table: str, flow: str | None
) -> list[dict[str, Any]]:
    if table not in ATTRIBUTION_TABLES:
        raise UsageError(
            "api.unknown-table",
            parameter="table",
            value=table,
            choices=", ".join(ATTRIBUTION_TABLES),
        )
    flows = [FLOW_NAMES[flow]] if flow else list(FLOW_NAMES.values())
    rows: list[dict[str, Any]] = []
    for f in flows:
        part = section[f]
        if table == "reconciliation":
            for basis in ("origin_basis", "customs_basis", "cleared_at_own_offices"):
                rows.append({"flow": f, "figure": basis, **part[basis]})
            rows.append(
                {"flow": f, "figure": "difference", "value_usd": part["difference_value_usd"]}
            )
        else:
            rows.extend({"flow": f, **item} for item in part[table])
    return rows


def unit_value_rows(section: Mapping[str, Any], flow: str) -> list[dict[str, Any]]:
    return list(section[FLOW_NAMES[flow]])


def concentration_rows(section: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        {"flow": f, "of": what, **values}
        for f, entry in section.items()
        for what, values in entry.items()
    ]


def sector_parts(sector: str) -> dict[str, Any]:
    """What a sector holds whole at each HS level, and the chapters it shares with others.

    A chapter belongs to a sector whole when no rule gives part of it to another sector."""
    ref = load_reference()
    if sector not in ref.sectors:
        raise UsageError(
            "stats.unknown-sector",
            parameter="sector",
            sector=sector,
            choices=", ".join(ref.sectors),
        )
    longest = max((len(p) for p in ref.sector_rules), default=0)
    split: set[str] = set()
    for prefix, rule in ref.sector_rules.items():
        if len(prefix) > 2:
            chapter = prefix[:2]
            if ref.sector_of(chapter) != rule.sector:
                split.add(chapter)
    return {"longest_rule": longest, "split_chapters": split}


def in_sector(items: list[dict[str, Any]], dimension: str, sector: str) -> list[dict[str, Any]]:
    """The items of an HS breakdown that lie wholly in `sector`."""
    if dimension not in SECTOR_FILTER_DIMENSIONS:
        raise UsageError(
            "query.sector-filter-dimension",
            parameter="sector",
            dimension=dimension,
            choices=", ".join(SECTOR_FILTER_DIMENSIONS),
        )
    parts = sector_parts(sector)
    digits = int(dimension[2:])
    if parts["longest_rule"] > digits and dimension != "hs2":
        raise UsageError(
            "query.sector-filter-level", parameter="sector", dimension=dimension, digits=digits
        )
    ref = load_reference()
    out = []
    for item in items:
        code = item["code"]
        if code is None:
            continue
        if dimension == "hs2" and code in parts["split_chapters"]:
            continue
        if ref.sector_of(code) == sector:
            out.append(item)
    return out


def split_chapters(sector: str) -> list[str]:
    """Chapters that the sector shares with another sector (shown by heading, not as a whole)."""
    parts = sector_parts(sector)
    ref = load_reference()
    return sorted(
        c
        for c in parts["split_chapters"]
        if ref.sector_of(c) == sector
        or any(
            rule.sector == sector
            for prefix, rule in ref.sector_rules.items()
            if prefix.startswith(c) and len(prefix) > 2
        )
    )


def partner_items(
    selection, dimension: str, flow: str, partner: str, version
) -> list[dict[str, Any]]:
    """A breakdown of the selection narrowed to one partner country (stats must support it)."""
    from taraz.web import figures

    ref = load_reference()
    code = ref.find_country(partner)
    if code is None:
        raise UsageError("query.unknown-country", parameter="partner", value=partner)
    if not figures.partner_filter_supported():
        raise UsageError("query.partner-filter-unsupported", parameter="partner")
    return figures.partner_breakdown(selection, code, flow, dimension, version)
