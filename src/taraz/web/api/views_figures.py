"""The figures endpoints: every figure from `taraz.stats` through `taraz.web.figures`, the same
function behind `taraz report --format json`."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from taraz.errors import TarazError
from taraz.web import figures
from taraz.web.api import figure_rows
from taraz.web.api.responses import TableRows, flatten
from taraz.web.api.schemas import ERRORS, Selection
from taraz.web.api.services import answer, file_name, parse_int, query_echo, selection_of
from taraz.web.selection import parse_flow, parse_partner, parse_sector

router = Router()


@router.get(
    "/figures",
    summary="Every figure of the bulletin / همهٔ ارقام گزارش",
    description="The whole `taraz report --format json` for the selection. CSV: one row per figure (dotted path, value).",
    response={200: dict, **ERRORS},
)
def all_figures(request: HttpRequest, selection: Query[Selection], format: str = "json"):
    def build(version):
        sel = selection_of(request)
        data = figures.bulletin(sel, version)

        rows = [{"figure": k, "value": v} for k, v in flatten(data).items()]
        return data, rows, file_name(sel, "figures")

    return answer(request, build)


@router.get(
    "/totals",
    summary="Exports, imports, balance, total trade, growth / کل صادرات و واردات",
    response={200: dict, **ERRORS},
)
def totals(request: HttpRequest, selection: Query[Selection], format: str = "json"):
    def build(version):
        sel = selection_of(request)
        data = figures.bulletin(sel, version)
        body = {"query": query_echo(sel), "units": data["units"], "totals": data["totals"]}
        return body, figure_rows.totals_rows(data["totals"]), file_name(sel, "totals")

    return answer(request, build)


@router.get(
    "/monthly",
    summary="Month by month, this year and last / ماه به ماه",
    response={200: dict, **ERRORS},
)
def monthly(
    request: HttpRequest, selection: Query[Selection], flow: str | None = None, format: str = "json"
):
    def build(version):
        sel = selection_of(request)
        code = parse_flow(flow) if flow else None
        section = figures.bulletin(sel, version)["monthly"]
        body = {
            "query": query_echo(sel),
            "monthly": section
            if code is None
            else {figure_rows.FLOW_NAMES[code]: section[figure_rows.FLOW_NAMES[code]]},
        }
        return (
            body,
            figure_rows.monthly_rows(section, code),
            file_name(sel, "monthly", *([figure_rows.FLOW_NAMES[code]] if code else [])),
        )

    return answer(request, build)


@router.get(
    "/breakdowns/{dimension}",
    summary="A breakdown with value, weight, share and growth / تفکیک",
    description="dimension: sector, stage, section, hs2, hs4, hs6, partner, customs_office, "
    "trader_size. `stage` is the stage of processing (value chain: raw, intermediate, consumer, "
    "capital, mixed, unallocated; the code list `stages`), with last year's share. "
    "`sector` keeps only the HS codes (hs2, hs4, hs6) that lie wholly in that sector (drill-down); "
    "`partner` narrows the figures to one partner country (when the statistics engine supports it).",
    response={200: dict, **ERRORS},
)
def breakdown(
    request: HttpRequest,
    dimension: str,
    selection: Query[Selection],
    flow: str = "X",
    sector: str | None = None,
    partner: str | None = None,
    page: int = 1,
    page_size: int = 50,
    format: str = "json",
):
    def build(version):
        if dimension not in figures.dimensions():
            raise TarazError(
                "api.unknown-dimension",
                dimension=dimension,
                choices=", ".join(figures.dimensions()),
            )
        sel = selection_of(request)
        code = parse_flow(flow)
        country, group = parse_partner(partner), parse_sector(sector)
        if country:
            items = figures.partner_items(sel, dimension, code, country, version)
        else:
            items = figures.breakdown(sel, dimension, code, version)
        if group:
            items = figures.in_sector(items, dimension, group)
        body = {
            "query": query_echo(sel),
            "dimension": dimension,
            "flow": figure_rows.FLOW_NAMES[code],
            "sector": group,
            "partner": country,
        }
        return (
            body,
            TableRows(items, figure_rows.ITEM_COLUMNS),
            file_name(sel, figure_rows.FLOW_NAMES[code], dimension, *([group] if group else [])),
        )

    return answer(request, build, paginated=True)


@router.get(
    "/top/{ranking}",
    summary="Top-N products, destinations, origins, sectors / برترین‌ها",
    description="ranking: " + ", ".join(figure_rows.TOP_LISTS),
    response={200: dict, **ERRORS},
)
def top(
    request: HttpRequest,
    ranking: str,
    selection: Query[Selection],
    n: int = 10,
    format: str = "json",
):
    def build(version):

        if ranking not in figure_rows.TOP_LISTS:
            raise TarazError(
                "api.unknown-ranking", ranking=ranking, choices=", ".join(figure_rows.TOP_LISTS)
            )
        sel = selection_of(request)
        count = parse_int(request, "n", 10, 1, 100)
        items = figures.top(sel, count, version)[ranking]
        body = {"query": query_echo(sel), "ranking": ranking, "n": count, "items": items}
        return body, TableRows(items, figure_rows.RANKED_COLUMNS), file_name(sel, ranking)

    return answer(request, build)


@router.get(
    "/concentration",
    summary="Herfindahl-Hirschman index / شاخص تمرکز",
    response={200: dict, **ERRORS},
)
def concentration(request: HttpRequest, selection: Query[Selection], format: str = "json"):
    def build(version):
        sel = selection_of(request)
        section = figures.bulletin(sel, version)["concentration"]
        return (
            {"query": query_echo(sel), "concentration": section},
            figure_rows.concentration_rows(section),
            file_name(sel, "concentration"),
        )

    return answer(request, build)


@router.get(
    "/unit-values", summary="USD per tonne by product / ارزش واحد", response={200: dict, **ERRORS}
)
def unit_values(
    request: HttpRequest,
    selection: Query[Selection],
    flow: str = "X",
    page: int = 1,
    page_size: int = 50,
    format: str = "json",
):
    def build(version):
        sel = selection_of(request)
        code = parse_flow(flow)
        rows = figure_rows.unit_value_rows(figures.bulletin(sel, version)["unit_values"], code)
        return (
            {"query": query_echo(sel), "flow": figure_rows.FLOW_NAMES[code]},
            TableRows(rows, figure_rows.UNIT_VALUE_COLUMNS),
            file_name(sel, figure_rows.FLOW_NAMES[code], "unit-values"),
        )

    return answer(request, build, paginated=True)


@router.get(
    "/attribution",
    summary="Origin province against clearing customs office / انتساب استانی",
    description="JSON: the whole reconciliation. CSV/XLSX: `table` = "
    + ", ".join(figure_rows.ATTRIBUTION_TABLES),
    response={200: dict, **ERRORS},
)
def attribution(
    request: HttpRequest,
    selection: Query[Selection],
    flow: str | None = None,
    table: str = "reconciliation",
    format: str = "json",
):
    def build(version):
        sel = selection_of(request)
        code = parse_flow(flow) if flow else None
        section = figures.bulletin(sel, version)["attribution"]
        rows = figure_rows.attribution_rows(section, table, code)
        return (
            {"query": query_echo(sel), "attribution": section},
            TableRows(rows, figure_rows.ATTRIBUTION_COLUMNS[table]),
            file_name(sel, "attribution", table),
        )

    return answer(request, build)


@router.get(
    "/coverage", summary="What the figures stand on / پوشش داده", response={200: dict, **ERRORS}
)
def coverage(request: HttpRequest, selection: Query[Selection], format: str = "json"):
    def build(version):
        sel = selection_of(request)
        section = figures.bulletin(sel, version)["coverage"]
        return (
            {"query": query_echo(sel), "coverage": section},
            TableRows(section.get("batches", []), figure_rows.COVERAGE_COLUMNS),
            file_name(sel, "coverage"),
        )

    return answer(request, build)
