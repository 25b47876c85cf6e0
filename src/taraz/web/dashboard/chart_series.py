"""The charts' series for plotly: coordinates in the axis unit (millions, thousands or dollars),
labels and hover texts formatted in the page's language. Formatting only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from taraz.fa import format_percent, to_persian_digits
from taraz.publish import naming
from taraz.stats import FLOWS
from taraz.web.dashboard import amounts
from taraz.web.dashboard.services import name, page_link, short
from taraz.web.selection import Selection
from taraz.web.site.services import say


def scale_for(values: list[str | None], lang: str) -> tuple[Decimal, str]:
    """The unit a chart's axis counts in: millions, thousands or dollars, by its largest value."""
    top = max((abs(Decimal(v)) for v in values if v is not None), default=Decimal(0))
    if top >= amounts.MILLION:
        return amounts.MILLION, say("unit.million_usd", lang)
    if top >= amounts.THOUSAND:
        return amounts.THOUSAND, say("unit.thousand_usd", lang)
    return Decimal(1), say("unit.usd", lang)


def charts(fig: dict[str, Any], selection: Selection, flow: str, lang: str) -> dict[str, Any]:
    """The charts' series: coordinates in the axis unit, labels and hover texts formatted."""
    flow_name = FLOWS[flow]
    months = fig["monthly"][flow_name]
    year_now = fig["query"]["period"]["label"][:4]
    year_last = fig["query"]["last_year"]["label"][:4]
    sectors = [i for i in fig["breakdowns"][flow_name]["sector"] if i["code"] is not None]
    partners = fig["top"]["export_destinations" if flow == "X" else "import_origins"]
    products = fig["top"]["export_products" if flow == "X" else "import_products"]
    att = fig["attribution"][flow_name]
    att_keys = ("origin_basis", "customs_basis", "cleared_at_own_offices")

    def money(value: str | None) -> str:
        a = amounts.usd(value, lang)
        return f"{a.text} {a.unit}"

    def series(items, label_len=38):
        scale, unit = scale_for([i["value_usd"] for i in items], lang)
        labels = [short(name(i, lang), label_len) for i in items]
        return {
            "unit": unit,
            "labels": labels,
            "labels_phone": labels,
            "names": [name(i, lang) for i in items],
            "values": [float(Decimal(i["value_usd"]) / scale) for i in items],
            "text": [money(i["value_usd"]) for i in items],
        }

    last_values = [m["last_year"]["value_usd"] if m.get("last_year") else None for m in months]
    scale, unit = scale_for([m["value_usd"] for m in months] + last_values, lang)
    return {
        "lang": lang,
        "monthly": {
            "unit": unit,
            "x": [m[f"name_{lang}"].rsplit(" ", 1)[0] for m in months],
            "this": [float(Decimal(m["value_usd"]) / scale) for m in months],
            "last": [None if v is None else float(Decimal(v) / scale) for v in last_values],
            "this_text": [f"{m[f'name_{lang}']}: {money(m['value_usd'])}" for m in months],
            "last_text": [
                f"{m['last_year'][f'name_{lang}']}: {money(m['last_year']['value_usd'])}"
                if m.get("last_year")
                else ""
                for m in months
            ],
            "this_name": to_persian_digits(year_now) if lang == "fa" else year_now,
            "last_name": to_persian_digits(year_last) if lang == "fa" else year_last,
        },
        "sectors": {
            **series(sectors),
            # the shares taraz.stats computed, written in the page's digits (plotly would
            # print its own percentages with Latin digits)
            "shares": [format_percent(Decimal(i["share_pct"]), lang, 0) for i in sectors],
            "links": [page_link(selection, flow, sector=i["code"]) + "#drill" for i in sectors],
        },
        "partners": {
            **series(partners),
            "links": [page_link(selection, flow, partner=i["code"]) + "#drill" for i in partners],
        },
        "products": product_series(products, lang, series),
        "attribution": {
            **series(
                [
                    {
                        **att[k],
                        "code": k,
                        "name_fa": say(f"att.{_ATT[k]}", "fa"),
                        "name_en": say(f"att.{_ATT[k]}", "en"),
                    }
                    for k in att_keys
                ]
            ),
        },
    }


def product_series(items: list[dict[str, Any]], lang: str, series) -> dict[str, Any]:
    """The products' bars, largest first, each labelled with its name shortened at its logical
    end and its code, «کاشی و سرامیک… (۶۹۰۷۲۱)» (so no two products share a label: plotly
    draws one bar per distinct label); a shorter label for phones. The full name is the hover."""
    out = series(items)
    out["labels"] = [naming.with_code(_named(i), lang, PRODUCT_LABEL) for i in items]
    out["labels_phone"] = [naming.with_code(_named(i), lang, PRODUCT_LABEL_PHONE) for i in items]
    out["names"] = [naming.with_code(_named(i), lang) for i in items]
    return out


def _named(item: dict[str, Any]) -> dict[str, Any]:
    """The item with both names (a missing Persian name falls back to the English one)."""
    name_en = item.get("name_en") or str(item["code"])
    return {**item, "name_fa": item.get("name_fa") or name_en, "name_en": name_en}


PRODUCT_LABEL = 32
PRODUCT_LABEL_PHONE = 20

_ATT = {
    "origin_basis": "origin_basis",
    "customs_basis": "customs_basis",
    "cleared_at_own_offices": "cleared_at_own",
}
