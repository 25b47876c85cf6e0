"""The figures of `taraz.stats` laid out as rows, for CSV, XLSX and paginated JSON.

Nothing here computes a figure: rows are the stats results reshaped (one row per flow, per
month, per item).
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
