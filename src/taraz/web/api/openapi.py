"""The OpenAPI document says what the API answers, exactly: each parameter's enum or pattern (the
values the API accepts, in their canonical spelling), the period where it is required, and
every answer: JSON, CSV and XLSX tables, 304 for a current copy, the errors in their one shape,
with their headers.

The checks stay in the parsers (`taraz.web.selection`, `services`), which answer a bad value
with its own catalogued code; this document describes them, from the same lists. What a
pattern cannot say is written in the parameter's description: a range's end must not come
before its start, a day must exist in its month, `sector` narrows only hs2, hs4 and hs6.
"""

from __future__ import annotations

from typing import Any

from taraz.calendar.calendars import GREGORIAN_YEARS, JALALI_YEARS
from taraz.reference import load_reference
from taraz.stats import BASES, SECTOR_LEVELS
from taraz.web import figures
from taraz.web.api import code_lists, figure_rows
from taraz.web.api.responses import CONTENT_TYPES
from taraz.web.api.services import MAX_PAGE_SIZE

# years as the calendar bounds them (JALALI_YEARS, GREGORIAN_YEARS; a test holds them equal)
_JALALI_YEAR = "1[2-6][0-9]{2}"
_GREGORIAN_YEAR = "(?:1[7-9][0-9]{2}|2[0-2][0-9]{2})"
_MONTH = "(?:0[1-9]|1[0-2])"
_DAY = "(?:0[1-9]|[12][0-9]|3[01])"


def _periods_of(year: str) -> str:
    """The period grammar's forms in one calendar (a range never mixes calendars)."""
    month, day = f"{year}-{_MONTH}", f"{year}-{_MONTH}-{_DAY}"
    return f"{year}(?:-YTD|-H[12]|-Q[1-4])?|{month}(?:\\.\\.{month})?|{day}\\.\\.{day}"


PERIOD_PATTERN = f"^(?:YTD|{_periods_of(_JALALI_YEAR)}|{_periods_of(_GREGORIAN_YEAR)})$"
_TIME = "T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?"
AS_OF_PATTERN = (
    f"^(?:{_JALALI_YEAR}-{_MONTH}-{_DAY}|{_GREGORIAN_YEAR}-{_MONTH}-{_DAY}(?:{_TIME})?)$"
)

FIGURE_PATHS = (
    "/figures",
    "/totals",
    "/monthly",
    "/breakdowns/{dimension}",
    "/top/{ranking}",
    "/concentration",
    "/unit-values",
    "/attribution",
    "/coverage",
)
TABLE_PATHS = (*FIGURE_PATHS, "/codes/{name}")
PAGINATED_PATHS = ("/breakdowns/{dimension}", "/unit-values", "/codes/{name}")
# no ETag, no 304: the index; the procedures' measures (recomputed every few minutes, each
# answer saying when: `computed_at`); the workshops' outcomes (they change with attendance
# taken, not only with the data version)
UNVERSIONED_PATHS = ("/", "/procedures", "/procedures/{code}", "/workshops/outcomes")


def parameters() -> dict[str, dict[str, Any]]:
    """Each parameter's schema and description, by name."""
    ref = load_reference()
    return {
        "province": {
            "schema": {"type": "string", "enum": ["IR", *ref.provinces], "default": "IR"},
            "description": "ISO 3166-2 code of a province, or IR for the whole country "
            "(a Persian or English name is accepted too).",
        },
        "period": {
            "schema": {"type": "string", "pattern": PERIOD_PATTERN},
            "description": "A period of the grammar: 1404, 1404-H1, 1404-Q2, 1404-03, "
            "1404-YTD, YTD, 1404-01..1404-05, 1403-01-01..1403-05-10; Jalali years "
            f"{JALALI_YEARS[0]}-{JALALI_YEARS[1]}, Gregorian {GREGORIAN_YEARS[0]}-"
            f"{GREGORIAN_YEARS[1]}. A range's end may not come before its start, and a day "
            "must exist in its month (calendar.reversed-range, calendar.bad-day). Persian "
            "digits are accepted too.",
        },
        "basis": {
            "schema": {"type": "string", "enum": list(BASES), "default": "origin"},
            "description": "Attribution to a province: origin (the goods' province) or customs "
            "(the clearing office's province).",
        },
        "as_of": {
            "schema": {"type": "string", "pattern": AS_OF_PATTERN},
            "description": "The warehouse as it stood at a moment: a Jalali or Gregorian date "
            "(the end of that day in Tehran) or a Gregorian date and time. The day must exist "
            "in its month (calendar.bad-moment).",
        },
        "flow": {
            "schema": {"type": "string", "enum": ["X", "M"]},
            "description": "X (exports) or M (imports); exports and imports are accepted too.",
        },
        "sector": {
            "schema": {"type": "string", "enum": list(ref.sectors)},
            "description": "Keep the HS codes that lie wholly in this sector; for the "
            f"breakdowns {', '.join(SECTOR_LEVELS)} only (query.sector-filter-dimension).",
        },
        "partner": {
            "schema": {"type": "string", "enum": list(ref.countries)},
            "description": "Narrow the figures to one partner country (ISO 3166-1 alpha-2; "
            "a country's name is accepted too).",
        },
        "page": {
            "schema": {"type": "integer", "minimum": 1, "maximum": 10**9, "default": 1},
            "description": "The page of the list (a page past the last answers 404).",
        },
        "page_size": {
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 50},
            "description": "Rows per page. CSV and XLSX give the whole table unless page or "
            "page_size is asked.",
        },
        "n": {
            "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10},
            "description": "How many of the largest.",
        },
        "table": {
            "schema": {
                "type": "string",
                "enum": list(figure_rows.ATTRIBUTION_TABLES),
                "default": "reconciliation",
            },
            "description": "The table of the reconciliation given as CSV or XLSX.",
        },
        "q": {
            "schema": {"type": "string", "maxLength": 200},
            "description": "Codes that start with, or names that contain, this text.",
        },
        "level": {
            "schema": {"type": "integer", "enum": sorted({h.level for h in ref.hs.values()})},
            "description": "HS codes of this many digits (hs only).",
        },
        "parent": {
            "schema": {"type": "string", "pattern": "^[0-9]{2,6}$"},
            "description": "HS codes under this chapter or heading (hs only).",
        },
        "download": {
            "schema": {"type": "string", "enum": ["1"]},
            "description": "Any value: the table as an attachment (CSV with a BOM, for Excel).",
        },
        "dimension": {
            "schema": {"type": "string", "enum": list(figures.dimensions())},
            "description": "The breakdown.",
        },
        "ranking": {
            "schema": {"type": "string", "enum": list(figure_rows.TOP_LISTS)},
            "description": "The ranking.",
        },
        "name": {
            "schema": {"type": "string", "enum": list(code_lists.LISTS)},
            "description": "The code list.",
        },
        "code": {
            "schema": {"type": "string", "minLength": 1, "maxLength": 20},
            "description": "A code of the list (an unknown one answers 404).",
        },
    }


_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
_RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "string"}}}
_CONDITIONAL_HEADERS = {
    "ETag": {"description": "The data version of this answer.", "schema": {"type": "string"}},
    "Last-Modified": {
        "description": "When a batch was last loaded or reverted.",
        "schema": {"type": "string"},
    },
}
_TABLE_HEADERS = {
    "X-Total-Count": {
        "description": "Rows of the whole table.",
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    },
    "Content-Disposition": {
        "description": "The file name of a CSV or XLSX table.",
        "schema": {"type": "string"},
    },
}


def _responses(path: str, operation: dict[str, Any]) -> None:
    # ninja keys its responses by int, JSON by text: one key per status
    responses = {str(k): v for k, v in operation.get("responses", {}).items()}
    operation["responses"] = responses
    ok = responses.setdefault("200", {"description": "OK"})
    content = ok.setdefault("content", {})
    headers = ok.setdefault("headers", {})
    formats = _formats(path)
    if "csv" in formats:
        content["text/csv"] = {"schema": {"type": "string"}}
        content[CONTENT_TYPES["xlsx"]] = {"schema": {"type": "string", "format": "binary"}}
        headers.update(_TABLE_HEADERS)
    if path not in UNVERSIONED_PATHS:
        headers.update(_CONDITIONAL_HEADERS)
        responses["304"] = {
            "description": "Not Modified: the copy named by If-None-Match or "
            "If-Modified-Since is current.",
            "headers": _CONDITIONAL_HEADERS,
        }
    for status, what in (
        ("400", "A bad parameter (its code says which rule)."),
        ("404", "No such address, code or page, or no data loaded for the selection."),
    ):
        responses[status] = {"description": what, "content": _ERROR}
    responses["429"] = {
        "description": "Too many requests.",
        "content": _ERROR,
        "headers": _RETRY_AFTER,
    }
    responses["503"] = {
        "description": "The warehouse is busy (another process writes it).",
        "content": _ERROR,
        "headers": _RETRY_AFTER,
    }


def _formats(path: str) -> tuple[str, ...]:
    if path in TABLE_PATHS:
        return ("json", "csv", "xlsx")
    if path in UNVERSIONED_PATHS:
        return ()
    return ("json",)


def _parameters(path: str, operation: dict[str, Any], known: dict[str, dict[str, Any]]) -> None:
    params = operation.setdefault("parameters", [])
    for param in params:
        spec = known.get(param["name"])
        if spec is None:
            continue
        param["schema"] = dict(spec["schema"])
        param["description"] = spec["description"]
        if param["name"] == "period" and path in FIGURE_PATHS:
            param["required"] = True
        if param["name"] == "code" and path == "/procedures/{code}":
            param["schema"] = {"type": "string", "minLength": 1, "maxLength": 60}
            param["description"] = "A procedure's code (an unknown one answers 404)."
        if param["name"] == "name" and path == "/codes/{name}/{code}":
            param["schema"]["enum"] = [n for n in code_lists.LISTS if n != "periods"]
    formats = _formats(path)
    declared = [p for p in params if p["name"] == "format"]
    if formats and not declared:
        declared = [{"in": "query", "name": "format", "required": False}]
        params.append(declared[0])
    for param in declared:
        param["schema"] = {"type": "string", "enum": list(formats), "default": "json"}
        param["description"] = "The answer's format (or Accept: text/csv)."


def document(schema: dict[str, Any], prefix: str = "/api/v1") -> dict[str, Any]:
    """Complete ninja's OpenAPI document of the API in place, and return it."""
    known = parameters()
    for full_path, item in schema.get("paths", {}).items():
        path = full_path.removeprefix(prefix) or "/"
        for operation in item.values():
            _parameters(path, operation, known)
            _responses(path, operation)
    return schema
