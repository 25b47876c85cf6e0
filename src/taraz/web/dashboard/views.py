"""The dashboard's pages: the selection at a glance, the definitions, the bulletin document."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from taraz.errors import TarazError
from taraz.reference import Flow
from taraz.warehouse import WarehouseBusyError
from taraz.web import figures
from taraz.web.answers import answers
from taraz.web.conditional import conditional
from taraz.web.costs import Refused
from taraz.web.dashboard import chart_series, services
from taraz.web.hub import hub
from taraz.web.selection import (
    COUNTRY,
    Selection,
    default_period,
    parse_flow,
    parse_partner,
    parse_sector,
    parse_selection,
)
from taraz.web.site.services import current_lang, error_page, say


def _selection(request: HttpRequest) -> tuple[Selection, str]:
    """The page's selection; a custom range comes as `from` and `to` months."""
    span = hub().span()
    params = request.GET.copy()
    if params.get("period") == "range" or (
        params.get("from") and params.get("to") and not params.get("period")
    ):
        params["period"] = services.range_period(params.get("from"), params.get("to"))
    if "province" not in params:
        params["province"] = settings.TARAZ_DEFAULT_PROVINCE or COUNTRY
    selection = parse_selection(params, default_period(span.last))
    return selection, parse_flow(params.get("flow"))


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The page of a selection. Visitors without a session get the finished page kept for the
    data version (and 304 when their copy is current); staff pages are rendered each time."""
    try:
        version = figures.data_version()
    except WarehouseBusyError:
        return error_page(request, 503, TarazError("warehouse.unavailable"))
    if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        return _home(request, version)
    key = ("page", request.get_full_path(), current_lang(), version.tag)
    return conditional(
        request, version, lambda: answers().answer(key, lambda: _home(request, version))
    )


def _home(request: HttpRequest, version) -> HttpResponse:
    lang = current_lang()
    try:
        span = hub().span()
        selection, flow = _selection(request)
        sector = parse_sector(request.GET.get("sector"))
        partner = parse_partner(request.GET.get("partner"))
    except TarazError as exc:
        return _bad_selection(request, exc, lang)
    try:
        fig = figures.bulletin(selection, version)
        drill = None
        if sector:
            drill = services.sector_drill(fig, selection, flow, sector, lang)
        elif partner:
            drill = services.partner_drill(
                fig,
                selection,
                flow,
                partner,
                lang,
                figures.partner_products(selection, partner, flow, version),
            )
        if drill is not None:
            drill["close"] = services.page_link(selection, flow)
    except TarazError as exc:
        return _bad_selection(request, exc, lang)
    flow_name = Flow(flow).key
    fig_flow = fig["breakdowns"][flow_name]
    partners_key = "export_destinations" if flow == "X" else "import_origins"
    products_key = "export_products" if flow == "X" else "import_products"
    context = {
        "selection": selection,
        "flow": flow,
        "flow_name": flow_name,
        "fig": fig,
        "has_data": version.batches > 0,
        "title": say(
            "dash.title",
            lang,
            province=fig["query"]["province"][f"name_{lang}"],
            period=fig["query"]["period"][f"label_{lang}"],
        ),
        "form": _form(request, selection, flow, span, lang),
        "cards": services.cards(fig, lang),
        "charts": chart_series.charts(fig, selection, flow, lang),
        "sectors": services.item_rows(
            [i for i in fig_flow["sector"] if i["code"] is not None],
            lang,
            link=lambda i: services.page_link(selection, flow, sector=i["code"]) + "#drill",
        ),
        "partners": services.item_rows(
            fig["top"][partners_key],
            lang,
            link=lambda i: services.page_link(selection, flow, partner=i["code"]) + "#drill",
        ),
        "products": services.item_rows(fig["top"][products_key], lang),
        "monthly": services.monthly_rows(fig, flow, lang),
        "attribution": services.attribution_tables(fig, flow, lang),
        "value_chain": services.value_chain(fig, lang),
        "drill": drill,
        "downloads": {
            "totals": services.api_links(selection, "totals"),
            "monthly": services.api_links(selection, "monthly", flow=flow),
            "sectors": services.api_links(selection, "breakdowns/sector", flow=flow),
            "partners": services.api_links(selection, "breakdowns/partner", flow=flow),
            "products": services.api_links(selection, "breakdowns/hs6", flow=flow),
            "stages": services.api_links(selection, "breakdowns/stage", flow=flow),
            "attribution": services.api_links(
                selection, "attribution", flow=flow, table="reconciliation"
            ),
            "attribution_elsewhere": services.api_links(
                selection, "attribution", flow=flow, table="own_lines_cleared_elsewhere"
            ),
            "attribution_here": services.api_links(
                selection, "attribution", flow=flow, table="other_provinces_cleared_here"
            ),
            "figures": services.api_links(selection, "figures"),
        },
        "bulletin_links": _bulletin_links(request, selection),
        "last_changed": version.changed_at,
    }
    return render(request, "dashboard/home.html", context)


def _bulletin_links(request: HttpRequest, selection: Selection) -> dict[str, str] | None:
    from urllib.parse import urlencode

    from django.urls import reverse

    if not figures.bulletin_formats():
        return None
    query = urlencode(selection.params())
    return {
        fmt: f"{reverse('dashboard:bulletin', args=[fmt])}?{query}"
        for fmt in figures.bulletin_formats()
    }


def _form(request: HttpRequest, selection: Selection, flow: str, span, lang: str) -> dict:
    periods = services.period_options(span.first, span.last, lang)
    months = [o for g in periods for o in g["options"] if o["kind"] == "month"]
    custom = selection.period.kind in ("range",) and not any(
        o["code"] == selection.period.label for g in periods for o in g["options"]
    )
    months_of = selection.period.months()
    first_month = f"{months_of[0][0]}-{months_of[0][1]:02d}" if months_of else ""
    last_month = f"{months_of[-1][0]}-{months_of[-1][1]:02d}" if months_of else ""
    return {
        "provinces": services.province_options(lang),
        "province": selection.province or COUNTRY,
        "periods": periods,
        "period": "range" if custom else selection.period.label,
        "months": sorted(months, key=lambda o: o["code"]),
        "range_from": request.GET.get("from") or (first_month if custom else ""),
        "range_to": request.GET.get("to") or (last_month if custom else ""),
        "flow": flow,
        "basis": selection.basis,
        "custom": custom,
        "period_text": selection.period.label,
        # the period's name for people, for the one option of a warehouse with nothing loaded
        "period_name": selection.period.label_fa() if lang == "fa" else selection.period.label_en(),
    }


def _bad_selection(request: HttpRequest, exc: TarazError, lang: str) -> HttpResponse:
    """The form again with what was wrong; an empty warehouse is the start of every install,
    not an error: the page says so with 200. A computation refused for now (429, 503) is the
    error page with Retry-After."""
    if isinstance(exc, Refused):
        return error_page(request, exc.http_status, exc)
    span = hub().span()
    if exc.code == "stats.nothing-loaded":
        fallback = Selection(province=None, period=default_period(span.last))
        context = {"has_data": False, "form": _form(request, fallback, "X", span, lang)}
        return render(request, "dashboard/home.html", context)
    fallback = Selection(province=None, period=default_period(span.last))
    context = {
        "error": exc.message(lang),
        "error_code": exc.code,
        "form": _form(request, fallback, "X", span, lang),
        "title": say("dash.bad_selection", lang),
    }
    return render(request, "dashboard/home.html", context, status=exc.http_status)


@require_GET
def definitions(request: HttpRequest) -> HttpResponse:
    return render(request, f"dashboard/definitions_{current_lang()}.html")


@require_GET
def bulletin_document(request: HttpRequest, fmt: str) -> HttpResponse:
    """The bulletin of the selection as a document (`taraz.publish`): PDF or XLSX."""
    lang = current_lang()
    if fmt not in figures.bulletin_formats():
        return error_page(request, 404)
    try:
        selection, _ = _selection(request)
        body, content_type, filename = figures.bulletin_document(selection, fmt, lang)
    except TarazError as exc:
        return _bad_selection(request, exc, lang)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
