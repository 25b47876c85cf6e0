"""The figures of `taraz.stats` laid out as rows, for CSV, XLSX and paginated JSON.

Nothing here computes a figure: rows are the stats results reshaped (one row per flow, per
month, per item). The columns of each table are named here too, so that a table with no rows
still has its header (a test checks them against full tables).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from taraz.errors import UsageError
from taraz.stats import FLOWS

FLOW_NAMES = FLOWS  # X -> exports, M -> imports
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

ITEM_COLUMNS = (
    "code",
    "name_fa",
    "name_en",
    "value_usd",
    "weight_t",
    "lines",
    "share_pct",
    "last_year_value_usd",
    "last_year_weight_t",
    "last_year_share_pct",
    "growth_value_pct",
    "growth_weight_pct",
)
RANKED_COLUMNS = ("rank", *ITEM_COLUMNS)
UNIT_VALUE_COLUMNS = (
    "code",
    "name_fa",
    "name_en",
    "value_usd",
    "weight_t",
    "usd_per_t",
    "last_year_usd_per_t",
    "change_pct",
)
_PROVINCE = ("code", "name_fa", "name_en")
_SHARE = ("value_usd", "weight_t", "lines", "share_pct")
ATTRIBUTION_COLUMNS = {
    "reconciliation": ("flow", "figure", "value_usd", "weight_t", "lines"),
    "own_lines_cleared_elsewhere": (
        "flow",
        *(f"office_province.{c}" for c in _PROVINCE),
        *_SHARE,
    ),
    "other_provinces_cleared_here": (
        "flow",
        *(f"origin_province.{c}" for c in _PROVINCE),
        *_SHARE,
    ),
    "cross": (
        "flow",
        *(f"origin_province.{c}" for c in _PROVINCE),
        *(f"office_province.{c}" for c in _PROVINCE),
        "value_usd",
        "weight_t",
        "lines",
    ),
}
COVERAGE_COLUMNS = (
    "batch_id",
    "source",
    "layout",
    "loaded_at",
    "period_label",
    "date_min",
    "date_max",
    "hs_digits_min",
    "rows_read",
    "rows_loaded",
    "rows_quarantined",
    "rows_duplicate",
    "files",
    "lines_used",
    "value_usd_used",
    "warnings",
    "findings",
)
_NAMES = ("code", "name_fa", "name_en")
CODE_LIST_COLUMNS = {
    "hs": ("code", "level", "section", "parent", "sector", "name_fa", "name_en"),
    "sections": _NAMES,
    "sectors": (*_NAMES, "order"),
    "stages": (*_NAMES, "order"),
    "countries": _NAMES,
    "provinces": _NAMES,
    "customs-offices": (*_NAMES, "province", "city"),
    "periods": ("code", "kind", "year", "name_fa", "name_en", "start", "end"),
    "dimensions": _NAMES,
}


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
