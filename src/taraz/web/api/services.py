"""What the API endpoints share: the selection and format of a request, pagination, and the
answer as JSON, CSV or XLSX with its ETag. Other apps use the API only through this module
(`status_error`: the API's answer to an HTTP error status, in the one error shape)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse

from taraz.errors import TarazError
from taraz.warehouse import WarehouseBusyError
from taraz.web import figures
from taraz.web.answers import answers
from taraz.web.api.responses import (
    FORMATS,
    TableRows,
    error_response,
    json_response,
    table_response,
)
from taraz.web.api.responses import status_error as status_error  # for the site's error pages
from taraz.web.conditional import conditional
from taraz.web.hub import DataVersion
from taraz.web.selection import Selection, parse_selection

MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 50


def parse_format(request: HttpRequest, allowed: Sequence[str] = FORMATS) -> str:
    fmt = (request.GET.get("format") or "").strip().lower()
    if not fmt:
        accept = request.headers.get("Accept", "")
        fmt = "csv" if "text/csv" in accept and "csv" in allowed else "json"
    if fmt not in allowed:
        raise TarazError(
            "api.bad-format", parameter="format", value=fmt, choices=", ".join(allowed)
        )
    return fmt


def parse_int(request: HttpRequest, name: str, default: int, lo: int, hi: int) -> int:
    raw = (request.GET.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = lo - 1
    if not lo <= value <= hi:
        raise TarazError("query.bad-number", parameter=name, value=raw, min=lo, max=hi)
    return value


def selection_of(request: HttpRequest) -> Selection:
    return parse_selection(request.GET)


def query_echo(selection: Selection) -> dict[str, Any]:
    p = selection.period
    return {
        "province": selection.province,
        "period": {
            "label": p.label,
            "label_fa": p.label_fa(),
            "label_en": p.label_en(),
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
        },
        "basis": selection.basis,
        "as_of": selection.as_of.isoformat() if selection.as_of else None,
    }


def paginate(request: HttpRequest, rows: list[dict[str, Any]]) -> dict[str, Any]:
    size = parse_int(request, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    pages = max(1, math.ceil(len(rows) / size))
    page = parse_int(request, "page", 1, 1, 10**9)
    if page > pages:
        raise TarazError("api.page-out-of-range", parameter="page", page=page, pages=pages)
    start = (page - 1) * size
    return {
        "count": len(rows),
        "page": page,
        "page_size": size,
        "pages": pages,
        "items": rows[start : start + size],
    }


def answer(
    request: HttpRequest,
    build: Callable[[DataVersion | None], tuple[dict[str, Any], list[dict[str, Any]] | None, str]],
    *,
    paginated: bool = False,
    versioned: bool = True,
    formats: Sequence[str] = FORMATS,
) -> HttpResponse:
    """Run `build(version)` -> (JSON body, table rows or None, file name) and answer in the
    asked format, with ETag/Last-Modified; the finished answer is kept for the data version.
    A TarazError becomes a 4xx in the one error shape."""
    try:
        fmt = parse_format(request, formats)
        version: DataVersion | None = figures.data_version() if versioned else None

        def respond() -> HttpResponse:
            body, rows, name = build(version)
            if fmt == "json":
                if paginated and rows is not None:
                    page = paginate(request, rows)
                    response = json_response({**body, **page})
                    response["X-Total-Count"] = str(page["count"])
                    return response
                return json_response(body)
            if rows is None:
                raise TarazError("api.json-only", parameter="format", value=fmt)
            total = len(rows)
            if paginated:  # the whole table, unless a page is asked for; checked as in JSON
                page = paginate(request, rows)
                if request.GET.get("page") or request.GET.get("page_size"):
                    rows = TableRows(page["items"], getattr(rows, "columns", ()))
            response = table_response(rows, fmt, name, download=bool(request.GET.get("download")))
            response["X-Total-Count"] = str(total)
            return response

        key = (
            "api",
            request.get_full_path(),
            request.headers.get("Accept", ""),
            version.tag if version else "-",
        )
        return conditional(request, version, lambda: answers().answer(key, respond))
    except WarehouseBusyError:  # said without the server's file paths
        response = error_response(TarazError("warehouse.unavailable"))
        response["Retry-After"] = "10"
        return response
    except TarazError as exc:
        return error_response(exc)


def file_name(selection: Selection, *parts: str) -> str:
    return "-".join(
        ["taraz", selection.province or "IR", selection.period.label.replace("..", "_"), *parts]
    )
