"""The open data API at /api/v1/: the NinjaAPI, its error handlers, the index and the data
status; the figures and the code lists are in `views_figures` and `views_codes`."""

from __future__ import annotations

import logging

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from taraz.errors import TarazError
from taraz.web import figures
from taraz.web.api import (
    code_lists,
    figure_rows,
    openapi,
    views_codes,
    views_figures,
    views_procedures,
    views_workshops,
)
from taraz.web.api.responses import error_response, json_response, status_error
from taraz.web.api.services import answer
from taraz.web.hub import hub

DESCRIPTION = """\
Foreign-trade figures of Iran's provinces from customs declarations, read-only.
ارقام تجارت خارجی استان‌ها از اظهارنامه‌های گمرکی، فقط خواندنی.

* Figures are the same as `taraz report --format json` (one function, `taraz.stats`).
* Amounts are strings of exact decimal digits: `value_usd` in US dollars (FOB for exports, CIF for
  imports), `weight_t` in tonnes, `*_pct` in percent.
* Every answer is JSON; tables also as CSV (`format=csv` or `Accept: text/csv`) and XLSX (`format=xlsx`).
* Lists are paginated (`page`, `page_size` up to 1000) with `count` (and the `X-Total-Count` header).
* Answers carry `ETag` and `Last-Modified` (the last batch loaded or reverted): send `If-None-Match`.
* Too many requests get `429` with `Retry-After`.
* Errors: `{"error": {"status", "code", "kind", "message_fa", "message_en", "context"}}`.
* `HEAD` answers wherever `GET` does.
"""


class TarazAPI(NinjaAPI):
    """ninja's API whose OpenAPI document declares every parameter's values and every answer
    (`taraz.web.api.openapi`)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return openapi.document(schema)


api = TarazAPI(
    title="taraz open data API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError):
    fields = sorted({".".join(str(p) for p in e.get("loc", [])[1:]) or "?" for e in exc.errors})
    return error_response(TarazError("web.bad-parameter", parameters=", ".join(fields)))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError):
    return status_error(exc.status_code)


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception):

    logging.getLogger("taraz.web.api").exception("API error on %s", request.path)
    return status_error(500)


@api.get("/", summary="What this API offers / فهرست نشانی‌ها", response={200: dict})
def index(request: HttpRequest):
    base = "/api/v1"
    return json_response(
        {
            "name": "taraz",
            "version": "1",
            "schema": f"{base}/openapi.json",
            "docs": f"{base}/docs",
            "endpoints": {
                "status": f"{base}/status",
                "figures": f"{base}/figures?province=IR-21&period=1404-H1",
                "totals": f"{base}/totals?province=IR-21&period=1404-H1",
                "monthly": f"{base}/monthly?province=IR-21&period=1404-H1&flow=X",
                "breakdowns": f"{base}/breakdowns/{{dimension}}?province=IR-21&period=1404-H1&flow=X",
                "top": f"{base}/top/{{ranking}}?province=IR-21&period=1404-H1&n=10",
                "concentration": f"{base}/concentration?province=IR-21&period=1404-H1",
                "unit_values": f"{base}/unit-values?province=IR-21&period=1404-H1&flow=X",
                "attribution": f"{base}/attribution?province=IR-21&period=1404-H1",
                "coverage": f"{base}/coverage?province=IR-21&period=1404-H1",
                "codes": f"{base}/codes/{{list}}",
                "procedures": f"{base}/procedures",
                "workshop_outcomes": f"{base}/workshops/outcomes",
            },
            "dimensions": list(figures.dimensions()),
            "rankings": list(figure_rows.TOP_LISTS),
            "code_lists": list(code_lists.LISTS),
        }
    )


@api.get("/status", summary="Data version / نسخهٔ داده", response={200: dict})
def status(request: HttpRequest):
    def build(version):
        v = version
        span = hub().span()
        return (
            {
                "batches": v.batches,
                "reverted": v.reverts,
                "changed_at": v.changed_at.isoformat() if v.changed_at else None,
                "data_from": span.first.isoformat() if span.first else None,
                "data_to": span.last.isoformat() if span.last else None,
            },
            None,
            "status",
        )

    return answer(request, build, formats=("json",))


api.add_router("", views_figures.router)
api.add_router("", views_codes.router)
api.add_router("", views_procedures.router)
api.add_router("", views_workshops.router)
