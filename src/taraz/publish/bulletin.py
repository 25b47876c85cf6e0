"""The bulletin: the figures of `taraz.stats.bulletin_figures` put into words, and the statement.

Nothing here computes a figure. The view below picks figures out of the stats dict and writes
each in words (`amount_words`); the sentences around them are template files
(`templates/<lang>/statement.txt.j2`, `coverage.txt.j2`), so the wording is edited without code.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from taraz.fa import isolate_latin
from taraz.publish import amount_words, naming
from taraz.publish.environment import and_list, environment, format_day, labels, paragraphs
from taraz.publish.tabulation import stage_items
from taraz.reference import Flow

FLOWS = tuple(flow.key for flow in Flow)
BASIS_WORDS = {
    "origin": (
        "استان مبدأ کالا (استان تجارت‌کننده)",
        "the province of origin of the goods (the trader's province)",
    ),
    "customs": (
        "استان گمرک ترخیص‌کننده",
        "the province of the customs office that cleared the goods",
    ),
}
PROSE_ITEMS = 5  # sectors, destinations and origins named in the statement
LOGISTICS_ITEMS = 3  # provinces named in the logistics sentence, per flow
# The value chain sentence: the flow's largest stage, then this one (or, when it is the
# largest, the next): how much of the exports was still raw, how much of the imports capital.
CHAIN_STAGES = ("raw", "intermediate", "consumer", "capital")  # mixed, unallocated: not named
CHAIN_SECOND = {"exports": "raw", "imports": "capital"}


def bulletin_context(figures: dict[str, Any], lang: str) -> dict[str, Any]:
    """Everything the templates print, in `lang`: the figures in words, and the raw `figures`."""
    q = figures["query"]
    province = q["province"]
    scope = "country" if province.get("code") is None else "province"
    name = _name(province, lang)
    if lang == "fa":
        place = "کشور" if scope == "country" else f"استان {name}"
    else:
        place = "the whole country" if scope == "country" else f"{name} province"
    totals = figures["totals"]
    top = figures["top"]
    return {
        "lang": lang,
        "dir": "rtl" if lang == "fa" else "ltr",
        "figures": figures,
        "labels": labels(lang),
        "scope": scope,
        "province": name,
        "place": place,
        "period": _label(q["period"], lang),
        "last_period": _label(q["last_year"], lang),
        "period_code": q["period"]["label"],
        "basis": q["basis"],
        "basis_words": BASIS_WORDS[q["basis"]][lang != "fa"],
        "exports": flow_view(totals["exports"], lang),
        "imports": flow_view(totals["imports"], lang),
        "balance": _maybe(
            totals["balance"]["value_usd"],
            lambda v: amount_words.balance(v, totals["balance"]["sign"], lang),
        ),
        "balance_sign": totals["balance"]["sign"],
        "total_trade": {
            "value": _maybe(
                totals["total_trade"]["value_usd"], lambda v: amount_words.usd(v, lang)
            ),
            "weight": _maybe(
                totals["total_trade"]["weight_t"], lambda v: amount_words.tonnes(v, lang)
            ),
            "growth": growth_view(totals["total_trade"]["growth"], lang),
        },
        "export_sectors": [item_view(i, lang) for i in top["export_sectors"]],
        "import_sectors": [item_view(i, lang) for i in top["import_sectors"]],
        "destinations": [item_view(i, lang) for i in top["export_destinations"]],
        "origins": [item_view(i, lang) for i in top["import_origins"]],
        "export_products": [item_view(i, lang) for i in top["export_products"]],
        "import_products": [item_view(i, lang) for i in top["import_products"]],
        "prose_items": PROSE_ITEMS,
        "sme": {
            flow: _sme_share(figures["breakdowns"][flow]["trader_size"], lang) for flow in FLOWS
        },
        "value_chain": {flow: value_chain_view(figures, flow, lang) for flow in FLOWS},
        "logistics": logistics_view(figures.get("attribution"), lang)
        if scope == "province"
        else None,
        "coverage": coverage_view(figures["coverage"], lang),
    }


def flow_view(t: dict[str, Any], lang: str) -> dict[str, Any]:
    """One flow's totals in words; `not_loaded` when nothing of the period is loaded for it
    (its amounts are then None: never written as zero)."""
    last = t["last_year"]
    return {
        "not_loaded": t.get("loaded") == "none",
        "empty": not t["lines"],
        "value": _maybe(t["value_usd"], lambda v: amount_words.usd(v, lang)),
        "weight": _maybe(t["weight_t"], lambda v: amount_words.tonnes(v, lang)),
        "weight_thousands": _maybe(t["weight_t"], lambda v: amount_words.thousand_tonnes(v, lang)),
        "declarations": _maybe(t["declarations"], lambda v: amount_words.count(v, lang)),
        "lines": _maybe(t["lines"], lambda v: amount_words.count(v, lang)),
        "last_year": {
            "not_loaded": last.get("loaded") == "none",
            "value": _maybe(last["value_usd"], lambda v: amount_words.usd(v, lang)),
            "weight": _maybe(last["weight_t"], lambda v: amount_words.tonnes(v, lang)),
        },
        "growth": growth_view(t["growth"], lang),
    }


def _maybe(value: Any, words: Any) -> Any:
    """`words(value)`, or None for a figure that is not loaded."""
    return None if value is None else words(value)


def growth_view(g: dict[str, Any], lang: str) -> dict[str, Any]:
    """A growth figure in words; `available` False with the stats' `reason` when there is none."""
    value, weight = g.get("value_pct"), g.get("weight_pct")
    return {
        "available": bool(g.get("available")) and value is not None,
        "reason": g.get("reason"),
        "value": None if value is None else amount_words.growth(value, lang),
        "weight": None if weight is None else amount_words.growth(weight, lang),
    }


def item_view(item: dict[str, Any], lang: str) -> dict[str, Any]:
    """A breakdown item (sector, partner, product...) in words; a product (an item with an HS
    code) also `with_code`: «نام (۶۹۰۷۲۱)»."""
    name = naming.name(item, lang)
    share = item.get("share_pct")
    share_text = None if share is None else amount_words.percent(share, lang)
    growth = item.get("growth_value_pct")
    return {
        "code": item.get("code"),
        "name": name,
        "value": amount_words.usd(item["value_usd"], lang),
        "weight": amount_words.tonnes(item["weight_t"], lang),
        "share": share_text,
        "with_share": name if share_text is None else f"{name} ({share_text})",
        "with_code": naming.with_code(item, lang) if str(item.get("code")).isdigit() else name,
        "growth": None if growth is None else amount_words.growth(growth, lang),
        "item": item,
    }


def value_chain_view(figures: dict[str, Any], flow: str, lang: str) -> dict[str, Any]:
    """A flow by stage of processing in words: its largest stage (`lead`) and a second
    (`second`: raw materials for exports, capital goods for imports, or the next largest),
    each with its share this year and, when the flow's growth is given, last year.

    A share is written as the statement writes percentages (whole from 10 up): `share`
    «۶۱ درصد» / "61%", `figure` «۶۱» / "61"; `change` is "up", "down" or "same" as the two
    written figures compare, None without last year."""
    items = [i for i in stage_items(figures, flow) if i["code"] in CHAIN_STAGES]
    items = [i for i in items if i.get("share_pct") is not None and Decimal(i["value_usd"]) > 0]
    items.sort(key=lambda i: -Decimal(i["value_usd"]))
    if not items:
        return {"available": False, "lead": None, "second": None, "compared": False}
    lead = items[0]
    others = items[1:]
    wanted = [i for i in others if i["code"] == CHAIN_SECOND[flow]]
    second = (wanted or others or [None])[0]
    views = [_stage_view(i, lang) for i in (lead, second) if i is not None]
    return {
        "available": True,
        "lead": views[0],
        "second": views[1] if len(views) > 1 else None,
        "compared": all(v["last_share"] is not None for v in views),
    }


def _stage_view(item: dict[str, Any], lang: str) -> dict[str, Any]:
    now = amount_words.percent_figure(item["share_pct"], lang)
    last_pct = item.get("last_year_share_pct")
    last = None if last_pct is None else amount_words.percent_figure(last_pct, lang)
    if last is None:
        change = None
    elif last == now:
        change = "same"
    else:
        change = "up" if Decimal(item["share_pct"]) > Decimal(last_pct) else "down"
    return {
        "code": item["code"],
        "name": naming.name(item, lang),
        "name_lower": _lower_first(naming.name(item, lang)),
        "figure": now,
        "share": _percent_words(now, lang),
        "last_figure": last,
        "last_share": None if last is None else _percent_words(last, lang),
        "change": change,
        "item": item,
    }


def _lower_first(name: str) -> str:
    """ "Raw materials" -> "raw materials" (mid-sentence); "BEC 7" stays as it is."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def _percent_words(figure: str, lang: str) -> str:
    """«۶۱ درصد» / "61%": a share in the statement's words."""
    return f"{figure} درصد" if lang == "fa" else f"{figure}%"


def logistics_view(attribution: dict[str, Any] | None, lang: str) -> dict[str, Any] | None:
    """The province's trade by the clearing office: its own offices' part, the provinces whose
    offices cleared its goods, and the provinces whose goods its offices cleared."""
    if not attribution:
        return None
    view: dict[str, Any] = {}
    partners: list[str] = []
    for flow in FLOWS:
        a = attribution[flow]
        elsewhere = _named(a["own_lines_cleared_elsewhere"], "office_province", lang)
        here = _named(a["other_provinces_cleared_here"], "origin_province", lang)
        view[flow] = {
            "origin_basis": amount_words.usd(a["origin_basis"]["value_usd"], lang),
            "customs_basis": amount_words.usd(a["customs_basis"]["value_usd"], lang),
            "own_offices": amount_words.usd(a["cleared_at_own_offices"]["value_usd"], lang),
            "elsewhere": elsewhere,
            "here": here,
        }
        partners += [e["name"] for e in elsewhere if e["name"] not in partners]
    view["partners"] = partners
    view["any"] = bool(partners) or any(view[f]["here"] for f in FLOWS)
    return view


def coverage_view(c: dict[str, Any], lang: str) -> dict[str, Any]:
    """What the figures stand on, in words: batches, dates, basis, gaps, warnings."""
    dates = [
        c["flows"][flow][span][edge]
        for flow in FLOWS
        for span in ("period", "last_year")
        for edge in ("lines_date_min", "lines_date_max")
        if c["flows"][flow][span][edge]
    ]
    gaps = []
    for flow in FLOWS:
        for span in ("period", "last_year"):
            s = c["flows"][flow][span]
            if not s["complete"]:
                months = [_name(m, lang) for m in s["months_missing"]]
                gaps.append({"flow": flow, "span": span, "months": and_list(months, lang)})
    names = {flow.key: (flow.name_fa, flow.key) for flow in Flow}
    gap_flows = [names[f][lang != "fa"] for f in FLOWS if any(g["flow"] == f for g in gaps)]
    if gap_flows:
        gap_flows.append("کل تجارت" if lang == "fa" else "total trade")
    messages: list[str] = []
    for b in c["batches"]:
        for f in b.get("findings", []):
            m = f["message_fa"] if lang == "fa" else f["message_en"]
            if m and m not in messages:
                messages.append(m)
    loaded = [b["loaded_at"] for b in c["batches"] if b.get("loaded_at")]
    quarantined = c.get("rows_quarantined_total") or 0
    return {
        "batches": len(c["batches"]),
        "batches_text": amount_words.count(len(c["batches"]), lang),
        "first_day": format_day(min(dates), lang) if dates else None,
        "last_day": format_day(max(dates), lang) if dates else None,
        "loaded_until": format_day(max(loaded), lang) if loaded else None,
        "as_of": format_day(c["as_of"], lang) if c.get("as_of") else None,
        "basis_words": BASIS_WORDS[c["basis"]][lang != "fa"],
        "scope": c.get("scope"),
        "complete": not gaps,
        "gaps": gaps,
        "gap_flows": gap_flows,
        "warnings": c.get("warnings_total") or 0,
        "warnings_text": amount_words.count(c.get("warnings_total") or 0, lang),
        "warning_messages": messages[:3],
        "quarantined": quarantined,
        "quarantined_text": amount_words.count(quarantined, lang),
        "hs_digits": (c.get("hs_detail") or {}).get("min_digits"),
    }


def statement(figures: dict[str, Any], lang: str = "fa", headed: bool = False) -> dict[str, Any]:
    """The statement's title, its paragraphs and the coverage paragraphs; with `headed` the
    coverage paragraph does not begin with its own heading (the document prints one)."""
    context = bulletin_context(figures, lang)
    return _statement(context, lang, headed)


def _statement(context: dict[str, Any], lang: str, headed: bool = False) -> dict[str, Any]:
    env = environment(lang)
    context = {**context, "headed": headed}
    title = " ".join(env.get_template(f"{lang}/title.txt.j2").render(context).split())
    body = paragraphs(env.get_template(f"{lang}/statement.txt.j2").render(context))
    coverage = paragraphs(env.get_template(f"{lang}/coverage.txt.j2").render(context))
    if lang == "fa":  # Latin text in isolates, whoever wrote it (a name, a template, a message)
        title = isolate_latin(title)
        body = [isolate_latin(p) for p in body]
        coverage = [isolate_latin(p) for p in coverage]
    return {"title": title, "paragraphs": body, "coverage_paragraphs": coverage}


def render_text(figures: dict[str, Any], lang: str = "fa", fmt: str = "text", **extra: Any) -> str:
    """The bulletin as plain text, Markdown or HTML (`fmt`), from `templates/<lang>/bulletin.*`.

    `extra` goes to the template as is (the HTML document takes `tables`, `charts`, `css`)."""
    suffix = {"text": "txt", "md": "md", "html": "html"}[fmt]
    context = bulletin_context(figures, lang)
    context.update(_statement(context, lang, headed=fmt != "text"))
    context.update(extra)
    env = environment(lang, autoescape=fmt == "html")
    return env.get_template(f"{lang}/bulletin.{suffix}.j2").render(context)


def _named(items: list[dict[str, Any]], key: str, lang: str) -> list[dict[str, Any]]:
    """The first provinces of an attribution list that are named (not "unspecified")."""
    out = []
    for i in items:
        province = i[key]
        if province.get("code") is None:
            continue
        share = i.get("share_pct")
        name = _name(province, lang)
        text = None if share is None else amount_words.percent(share, lang)
        out.append(
            {
                "name": name,
                "value": amount_words.usd(i["value_usd"], lang),
                "share": text,
                "with_share": name if text is None else f"{name} ({text})",
            }
        )
        if len(out) == LOGISTICS_ITEMS:
            break
    return out


def _sme_share(items: list[dict[str, Any]], lang: str) -> str | None:
    for i in items:
        if i.get("code") == "sme" and i.get("share_pct") is not None:
            return amount_words.percent(i["share_pct"], lang)
    return None


def _name(d: dict[str, Any], lang: str) -> str:
    return d["name_fa"] if lang == "fa" else d["name_en"]


def _label(period: dict[str, Any], lang: str) -> str:
    return period["label_fa"] if lang == "fa" else period["label_en"]
