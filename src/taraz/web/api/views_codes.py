"""The code lists: HS, sectors, countries, provinces, customs offices, periods, dimensions."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from taraz.web.api import code_lists, figure_rows
from taraz.web.api.responses import TableRows
from taraz.web.api.schemas import ERRORS
from taraz.web.api.services import answer
from taraz.web.hub import hub

router = Router()


@router.get(
    "/codes/{name}",
    summary="A code list with Persian and English names / فهرست کدها",
    description="name: "
    + ", ".join(code_lists.LISTS)
    + ". `q` searches codes and names; hs also filters by `level` and `parent`.",
    response={200: dict, **ERRORS},
)
def code_list(
    request: HttpRequest,
    name: str,
    q: str | None = None,
    level: int | None = None,
    parent: str | None = None,
    page: int = 1,
    page_size: int = 50,
    format: str = "json",
):
    def build(version):
        if name not in code_lists.LISTS:
            raise code_lists.unknown_list(name)
        span = hub().span() if name == "periods" else None
        rows = code_lists.code_list(name, (span.first, span.last) if span else (None, None))
        rows = code_lists.filter_rows(rows, q, level=level, parent=parent)
        columns = figure_rows.CODE_LIST_COLUMNS[name]
        return {"list": name}, TableRows(rows, columns), f"taraz-codes-{name}"

    return answer(request, build, paginated=True, versioned=name == "periods")


@router.get("/codes/{name}/{code}", summary="One code / یک کد", response={200: dict, **ERRORS})
def one_code(request: HttpRequest, name: str, code: str):
    def build(version):
        if name not in code_lists.LISTS or name == "periods":
            raise code_lists.unknown_list(name)
        return code_lists.find_code(name, code), None, name

    return answer(request, build, versioned=False, formats=("json",))
