"""The dashboard page as data: the selection form's options, the headline cards, the charts'
series and the tables, all from one `taraz.stats.bulletin_figures` result (through
`taraz.web.figures`). Formatting only; every number is a figure of stats."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from taraz.calendar import (
    GREGORIAN_MONTHS_EN,
    GREGORIAN_MONTHS_FA,
    JALALI_MONTHS_EN,
    JALALI_MONTHS_FA,
    format_jalali_date,
    gregorian_to_jalali,
)
from taraz.errors import Localised, UsageError
from taraz.fa import to_latin_digits, to_persian_digits
from taraz.publish import naming
from taraz.publish.tabulation import stage_items
from taraz.reference import load_reference
from taraz.stats import FLOWS, shared_chapters
from taraz.web.dashboard import amounts
from taraz.web.figures import in_sector
from taraz.web.selection import COUNTRY, Selection, periods_covered
from taraz.web.site.services import say

PERSIAN_ORDER = "آاءأإئبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیي"
TOP_ROWS = 10


def persian_key(text: str) -> list[int]:
    return [PERSIAN_ORDER.index(ch) if ch in PERSIAN_ORDER else 100 + ord(ch) for ch in text]


def province_options(lang: str) -> list[dict[str, str]]:
    ref = load_reference()
    provinces = list(ref.provinces.values())
    if lang == "fa":
        provinces.sort(key=lambda p: persian_key(p.name_fa))
    else:
        provinces.sort(key=lambda p: p.name_en)
    whole = {"code": COUNTRY, "name": say("form.whole_country", lang)}
    return [whole] + [
        {"code": p.code, "name": p.name_fa if lang == "fa" else p.name_en} for p in provinces
    ]


def period_options(first, last, lang: str) -> list[dict[str, Any]]:
    """Optgroups by Jalali year (latest first): year, halves, seasons, months. The last year's
    months so far come after its year as «۱۴۰۴ تا پایان مهر» / "1404 to end of Mehr" (months
    1 to the last month with data), so that the list never shows the year twice; when the data
    reach the year's last month that is the year itself, and no such option is given."""
    groups: dict[int, list[dict[str, str]]] = {}
    for p in periods_covered(first, last):
        if p["code"].endswith("-YTD"):
            continue
        groups.setdefault(p["year"], []).append(
            {
                "code": p["code"],
                "name": p["name_fa"] if lang == "fa" else p["name_en"],
                "kind": p["kind"],
            }
        )
    if groups:
        year, month, _ = gregorian_to_jalali(last)
        if year in groups and 1 < month < 12:
            names = JALALI_MONTHS_FA if lang == "fa" else JALALI_MONTHS_EN
            text = say("form.year_to_month", lang, year=year, month=names[month - 1])
            groups[year].insert(
                1,
                {
                    "code": f"{year}-01..{year}-{month:02d}",
                    "name": to_persian_digits(text) if lang == "fa" else text,
                    "kind": "to_month",
                },
            )
    return [
        {"year": y, "label": to_persian_digits(str(y)) if lang == "fa" else str(y), "options": opts}
        for y, opts in groups.items()
    ]


def range_period(first: str | None, last: str | None) -> str:
    """The period of the custom range form's two months (`1404-01..1404-05`); a month missing,
    not of the list, or after the other is said in words a web user reads (not in the period
    grammar of the command line)."""
    months = []
    for value, field in ((first, "from"), (last, "to")):
        text = to_latin_digits((value or "").strip())
        if not text:
            raise UsageError(
                "web.range-month-missing",
                missing=Localised(say(f"form.{field}_said", "fa"), say(f"form.{field}_said", "en")),
            )
        if not (len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit()):
            raise UsageError("web.range-unknown-month", value=text)
        if not 1 <= int(text[5:]) <= 12:
            raise UsageError("web.range-unknown-month", value=text)
        months.append(text)
    if months[0] > months[1]:
        raise UsageError(
            "web.range-reversed",
            first=Localised(*(month_name(months[0], "jalali", lang) for lang in ("fa", "en"))),
            last=Localised(*(month_name(months[1], "jalali", lang) for lang in ("fa", "en"))),
        )
    return f"{months[0]}..{months[1]}"


def month_name(label: str, calendar: str, lang: str) -> str:
    y, m = int(label[:4]), int(label[5:7])
    if calendar == "jalali":
        names = JALALI_MONTHS_FA if lang == "fa" else JALALI_MONTHS_EN
    else:
        names = GREGORIAN_MONTHS_FA if lang == "fa" else GREGORIAN_MONTHS_EN
    text = f"{names[m - 1]} {y}"
    return to_persian_digits(text) if lang == "fa" else text


def coverage_note(flow_cov: dict[str, Any], calendar: str, lang: str) -> dict[str, str]:
    period = flow_cov["period"]
    if period.get("complete"):
        first, last = period.get("lines_date_min"), period.get("lines_date_max")
        span = ""
        if first and last:
            from datetime import date

            span = say(
                "card.span",
                lang,
                first=format_jalali_date(date.fromisoformat(first), lang)
                if lang == "fa"
                else first,
                last=format_jalali_date(date.fromisoformat(last), lang) if lang == "fa" else last,
            )
        return {"text": say("card.complete", lang) + span, "css": "complete"}
    missing = [
        m[f"name_{lang}"] if isinstance(m, dict) else month_name(m, calendar, lang)
        for m in period.get("months_missing", [])
    ]
    sep = "، " if lang == "fa" else ", "
    return {"text": say("card.incomplete", lang, months=sep.join(missing)), "css": "incomplete"}


def growth_note(growth: dict[str, Any], lang: str) -> dict[str, str]:
    if not growth.get("available"):
        reason = growth.get("reason") or "no_base"
        return {"text": say(f"card.growth_{reason}", lang), "css": "muted"}
    text, css = amounts.growth_words(growth.get("value_pct"), lang)
    return {"text": text, "css": css}


def cards(fig: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    t = fig["totals"]
    cov = fig["coverage"]["flows"]
    calendar = fig["query"]["period"]["calendar"]
    out = []
    for flow in ("exports", "imports"):
        ft = t[flow]
        note = coverage_note(cov[flow], calendar, lang)
        growth = ft["growth"]
        value_growth = growth_note(growth, lang)
        weight_growth = (
            dict(
                zip(
                    ("text", "css"),
                    amounts.growth_words(growth.get("weight_pct"), lang),
                    strict=True,
                )
            )
            if growth.get("available")
            else value_growth
        )
        out.append(
            {
                "id": f"{flow}-value",
                "css": flow,
                "title": say(f"card.{flow}_value", lang),
                "amount": amounts.usd(ft["value_usd"], lang),
                "last_year": amounts.usd(ft["last_year"]["value_usd"], lang),
                "growth": value_growth,
                "coverage": note,
            }
        )
        out.append(
            {
                "id": f"{flow}-weight",
                "css": flow,
                "title": say(f"card.{flow}_weight", lang),
                "amount": amounts.tonnes(ft["weight_t"], lang),
                "last_year": amounts.tonnes(ft["last_year"]["weight_t"], lang),
                "growth": weight_growth,
                "coverage": note,
            }
        )
    bal = t["balance"]
    both = [coverage_note(cov[f], calendar, lang) for f in ("exports", "imports")]
    joint = (
        both[0]
        if all(n["css"] == "complete" for n in both)
        else {"text": say("card.incomplete_short", lang), "css": "incomplete"}
    )
    out.append(
        {
            "id": "balance",
            "css": "balance",
            "title": say("card.balance", lang),
            "amount": amounts.usd(bal["value_usd"], lang),
            "last_year": amounts.usd(bal["last_year_value_usd"], lang),
            "growth": {
                "text": say(f"card.sign_{bal['sign']}" if bal["sign"] else "card.not_loaded", lang),
                "css": {"surplus": "up", "deficit": "down"}.get(bal["sign"], "muted"),
            },
            "coverage": joint,
        }
    )
    tt = t["total_trade"]
    out.append(
        {
            "id": "total-trade",
            "css": "total",
            "title": say("card.total_trade", lang),
            "amount": amounts.usd(tt["value_usd"], lang),
            "last_year": amounts.usd(tt["last_year_value_usd"], lang),
            "growth": growth_note(tt["growth"], lang),
            "coverage": joint,
        }
    )
    return out


def name(item: dict[str, Any], lang: str) -> str:
    """The item's name in the page's language; in Persian its Latin runs isolated."""
    text = item.get(f"name_{lang}") or item.get("name_en") or str(item.get("code"))
    return naming.name({"name_fa": text}, "fa") if lang == "fa" else text


def api_links(selection: Selection, path: str, **extra: str) -> dict[str, str]:
    params = {**selection.params(), **{k: v for k, v in extra.items() if v}}
    base = f"/api/v1/{path}?"
    return {
        "json": base + urlencode(params),
        "csv": base + urlencode({**params, "format": "csv", "download": "1"}),
        "xlsx": base + urlencode({**params, "format": "xlsx", "download": "1"}),
    }


def page_link(selection: Selection, flow: str, **extra: str) -> str:
    params = {**selection.params(), "flow": flow, **{k: v for k, v in extra.items() if v}}
    return "?" + urlencode(params)


def item_rows(items: list[dict[str, Any]], lang: str, link=None) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        rows.append(
            {
                "code": item["code"],
                "code_text": None if item["code"] is None else naming.code_text(item["code"], lang),
                "name": short(name(item, lang), 80),
                "full_name": name(item, lang),
                "value": amounts.usd(item["value_usd"], lang),
                "weight": amounts.tonnes(item["weight_t"], lang),
                "share": amounts.percent(item.get("share_pct"), lang),
                "growth": amounts.growth_words(item.get("growth_value_pct"), lang),
                "link": link(item) if link and item["code"] is not None else None,
            }
        )
    return rows


def short(text: str, n: int) -> str:
    """`text` shortened at a word boundary with «…» at its logical end (`taraz.publish.naming`)."""
    return naming.shorten(text, n)


def attribution_tables(fig: dict[str, Any], flow: str, lang: str) -> dict[str, Any]:
    att = fig["attribution"][FLOWS[flow]]

    def rows(items, key):
        return [
            {
                "name": name(i[key], lang),
                "value": amounts.usd(i["value_usd"], lang),
                "weight": amounts.tonnes(i["weight_t"], lang),
                "share": amounts.percent(i.get("share_pct"), lang),
            }
            for i in items[:TOP_ROWS]
        ]

    return {
        "origin": amounts.usd(att["origin_basis"]["value_usd"], lang),
        "customs": amounts.usd(att["customs_basis"]["value_usd"], lang),
        "difference": amounts.usd(att["difference_value_usd"], lang),
        "elsewhere": rows(att["own_lines_cleared_elsewhere"], "office_province"),
        "elsewhere_count": len(att["own_lines_cleared_elsewhere"]),
        "here": rows(att["other_provinces_cleared_here"], "origin_province"),
        "here_count": len(att["other_provinces_cleared_here"]),
    }


def monthly_rows(fig: dict[str, Any], flow: str, lang: str) -> list[dict[str, Any]]:
    out = []
    for m in fig["monthly"][FLOWS[flow]]:
        last = m.get("last_year") or {}
        out.append(
            {
                "name": m[f"name_{lang}"],
                "value": amounts.usd(m["value_usd"], lang),
                "weight": amounts.tonnes(m["weight_t"], lang),
                "loaded": m["loaded"],
                "last_name": last.get(f"name_{lang}", ""),
                "last_value": amounts.usd(last.get("value_usd"), lang),
                "growth": amounts.growth_words(m.get("growth_value_pct"), lang),
            }
        )
    return out


def sector_drill(
    fig: dict[str, Any], selection: Selection, flow: str, sector: str, lang: str
) -> dict[str, Any]:
    """A sector's own row, its whole chapters, headings and products (largest first)."""
    flow_name = FLOWS[flow]
    b = fig["breakdowns"][flow_name]
    own = next((i for i in b["sector"] if i["code"] == sector), None)
    ref = load_reference()
    label = ref.sectors[sector].name_fa if lang == "fa" else ref.sectors[sector].name_en
    return {
        "kind": "sector",
        "code": sector,
        "title": say("drill.sector_title", lang, name=label),
        "own": item_rows([own], lang)[0] if own else None,
        "chapters": item_rows(in_sector(b["hs2"], "hs2", sector), lang),
        "split_chapters": shared_chapters(sector),
        "headings": item_rows(in_sector(b["hs4"], "hs4", sector)[:25], lang),
        "headings_count": len(in_sector(b["hs4"], "hs4", sector)),
        "products": item_rows(in_sector(b["hs6"], "hs6", sector)[:25], lang),
        "products_count": len(in_sector(b["hs6"], "hs6", sector)),
        "downloads": {
            "chapters": api_links(selection, "breakdowns/hs2", flow=flow, sector=sector),
            "headings": api_links(selection, "breakdowns/hs4", flow=flow, sector=sector),
            "products": api_links(selection, "breakdowns/hs6", flow=flow, sector=sector),
        },
    }


def partner_drill(
    fig: dict[str, Any], selection: Selection, flow: str, partner: str, lang: str, products
) -> dict[str, Any]:
    """A partner's own row and, when stats can say, the products traded with it."""
    flow_name = FLOWS[flow]
    own = next((i for i in fig["breakdowns"][flow_name]["partner"] if i["code"] == partner), None)
    ref = load_reference()
    country = ref.countries.get(partner)
    label = (country.name_fa if lang == "fa" else country.name_en) if country else partner
    return {
        "kind": "partner",
        "code": partner,
        "title": say(f"drill.partner_title_{flow_name}", lang, name=label),
        "own": item_rows([own], lang)[0] if own else None,
        "products": None if products is None else item_rows(products[:25], lang),
        "products_count": None if products is None else len(products),
        "downloads": {
            "products": api_links(selection, "breakdowns/hs6", flow=flow, partner=partner)
        }
        if products is not None
        else {},
    }


def value_chain(fig: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Exports and imports by stage of processing (HS -> BEC) in the order of the chain: value,
    share, last year's share and growth, as `taraz.stats` gives them."""
    out = []
    for flow in FLOWS.values():
        rows = []
        for item in stage_items(fig, flow):
            rows.append(
                {
                    "code": item["code"],
                    "name": name(item, lang),
                    "value": amounts.usd(item["value_usd"], lang),
                    "share": amounts.percent(item.get("share_pct"), lang),
                    "last_share": amounts.percent(item.get("last_year_share_pct"), lang),
                    "growth": amounts.growth_words(item.get("growth_value_pct"), lang),
                }
            )
        out.append({"flow": flow, "title": say(f"flow.{flow}", lang), "rows": rows})
    return out
