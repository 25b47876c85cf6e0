"""How the API answers: JSON, CSV or XLSX; one shape for every error.

Every 4xx and 5xx of the API has the body
`{"error": {"status", "code", "message_fa", "message_en", "context"}}`.

Tables carry text from outside (source labels, file names): CSV cells go through
`taraz.fa.formula_safe` and workbooks are written with `taraz.fa.XLSX_OPTIONS`, so no
spreadsheet runs them as formulas.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

from taraz.errors import TarazError, error_dict
from taraz.fa import XLSX_OPTIONS, formula_safe
from taraz.web.errors import status_error as web_status_error
from taraz.web.json_text import to_json

FORMATS = ("json", "csv", "xlsx")
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# columns written to XLSX as numbers (amounts travel as exact decimal text in JSON and CSV)
NUMERIC_SUFFIXES = (
    "_usd",
    "_t",
    "_pct",
    "_kg",
    "hhi",
    "usd_per_t",
    "lines",
    "declarations",
    "rank",
    "groups",
    "count",
    "days",
)

# the API's own wording for a bare status (an unknown address, a write method)
API_STATUS_CODES = {404: "api.not-found", 405: "api.read-only"}


def json_response(data: Any, status: int = 200) -> HttpResponse:
    return HttpResponse(to_json(data), status=status, content_type=CONTENT_TYPES["json"])


def error_body(exc: TarazError, status: int) -> dict[str, Any]:
    return {"error": error_dict(exc, status)}


def error_response(exc: TarazError, status: int | None = None) -> HttpResponse:
    """The one error shape, with the HTTP status of the error's kind, and Retry-After when the
    error says when to ask again."""
    status = status or exc.http_status
    response = json_response(error_body(exc, status), status=status)
    if exc.fields.get("retry_after"):
        response["Retry-After"] = str(exc.fields["retry_after"])
        # an answer that says when to ask again is expected under load, not a server error:
        # Django's request log, which logs every 5xx as an error, skips it
        response._has_been_logged = True
    return response


def status_error(status: int, **fields: Any) -> HttpResponse:
    """The answer to a bare HTTP status (no TarazError behind it), in the one shape."""
    code = API_STATUS_CODES.get(status)
    exc = TarazError(code, **fields) if code else web_status_error(status, **fields)
    return error_response(exc, status)


# -- tables ------------------------------------------------------------------------------------


class TableRows(list):
    """Rows that know their columns, so that a table with no rows still has its header."""

    def __init__(self, rows: Iterable[Mapping[str, Any]] = (), columns: Sequence[str] = ()):
        super().__init__(rows)
        self.columns = tuple(columns)


def flatten(row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts as dotted columns: {"last_year": {"value_usd": 1}} -> {"last_year.value_usd": 1};
    a list of plain values as `a;b`, a list of records as JSON text."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping):
            out.update(flatten(v, f"{key}."))
        elif isinstance(v, list | tuple):
            if any(isinstance(x, Mapping | list | tuple) for x in v):
                out[key] = to_json(v).decode()
            else:
                out[key] = ";".join(str(x) for x in v)
        else:
            out[key] = v
    return out


def columns_of(rows: Sequence[Mapping[str, Any]], declared: Sequence[str] = ()) -> list[str]:
    """The columns of the rows, in order of appearance; `declared` when there are no rows."""
    cols: dict[str, None] = {}
    for r in rows:
        cols.update(dict.fromkeys(r))
    return list(cols) if cols else list(declared)


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, datetime | date):
        return v.isoformat()
    return v


def csv_bytes(rows: Iterable[Mapping[str, Any]], bom: bool = False) -> bytes:
    flat = [flatten(r) for r in rows]
    cols = columns_of(flat, getattr(rows, "columns", ()))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([formula_safe(c) for c in cols])
    for r in flat:
        w.writerow([formula_safe(_cell(r.get(c))) for c in cols])
    return (("\ufeff" if bom else "") + buf.getvalue()).encode("utf-8")


def _is_numeric_column(name: str) -> bool:
    last = name.rsplit(".", 1)[-1]
    return last.endswith(NUMERIC_SUFFIXES)


def xlsx_bytes(rows: Iterable[Mapping[str, Any]], sheet: str = "data", rtl: bool = True) -> bytes:
    """One sheet, a header row, amounts as numbers."""
    import xlsxwriter

    flat = [flatten(r) for r in rows]
    cols = columns_of(flat, getattr(rows, "columns", ()))
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, **XLSX_OPTIONS})
    ws = book.add_worksheet(sheet[:31])
    if rtl:
        ws.right_to_left()
    bold = book.add_format({"bold": True})
    for j, c in enumerate(cols):
        ws.write_string(0, j, c, bold)
    numeric = [_is_numeric_column(c) for c in cols]
    for i, r in enumerate(flat, start=1):
        for j, c in enumerate(cols):
            v = r.get(c)
            if v is None:
                continue
            if numeric[j] and not isinstance(v, bool):
                try:
                    ws.write_number(i, j, float(Decimal(str(v))))
                    continue
                except (ArithmeticError, ValueError):
                    pass
            ws.write(i, j, _cell(v))
    ws.freeze_panes(1, 0)
    ws.set_column(0, max(len(cols) - 1, 0), 16)
    book.close()
    return buf.getvalue()


def table_response(
    rows: Sequence[Mapping[str, Any]], fmt: str, filename: str, download: bool = False
) -> HttpResponse:
    """Rows as CSV (UTF-8; with a BOM when downloaded, for Excel) or XLSX."""
    body = csv_bytes(rows, bom=download) if fmt == "csv" else xlsx_bytes(rows)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    disposition = "attachment" if download or fmt == "xlsx" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.{fmt}"'
    return response
