"""The procedures of the export services and how long each really takes, in working days,
computed from the cases' events (the same figures as the public procedure pages)."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router

from taraz.errors import TarazError
from taraz.web.api.responses import error_response, json_response
from taraz.web.cases import services as cases

router = Router(tags=["procedures"])


@router.get(
    "/procedures",
    summary="Procedures and their measured working days / روال‌ها و زمان واقعی آن‌ها",
    response={200: dict},
)
def procedures(request: HttpRequest):
    return cases.procedures_answer(request, lambda: json_response(cases.procedures_json()))


@router.get(
    "/procedures/{code}",
    summary="One procedure and its measured working days / یک روال و زمان واقعی آن",
    response={200: dict},
)
def procedure(request: HttpRequest, code: str):
    try:
        return cases.procedures_answer(request, lambda: json_response(cases.procedures_json(code)))
    except Http404:
        return error_response(TarazError("cases.unknown-procedure"))
