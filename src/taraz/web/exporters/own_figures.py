"""The firm's own exports on its profile, from `taraz.stats.trader_figures` through the shared
web figures (`taraz.web.figures.trader`, kept for the data version, computed through the gate).
Writing for people only: every number is a figure of stats, written with `taraz.fa`.

The profile is the only page that asks: a trader's figures are never public (docs/security.md).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from taraz.calendar import format_jalali_date
from taraz.errors import TarazError
from taraz.fa import format_number, format_percent, to_persian_digits
from taraz.reference import load_reference
from taraz.web import figures
from taraz.web.site.services import say


def own_exports(exporter, declared, lang: str) -> dict[str, Any]:
    """What the profile's section "This firm's exports" shows: `state` is `shown`, `none` (no
    export by the card in the loaded data), `no_data` (nothing loaded yet) or `unavailable`
    (the warehouse is busy, or the figures are still being computed)."""
    try:
        version = figures.data_version()
        fig = figures.trader(exporter.card_number, version)
    except TarazError as exc:
        if exc.code in ("stats.nothing-loaded", "warehouse.missing"):
            return {"state": "no_data"}
        return {"state": "unavailable", "reason": exc.message(lang)}
    period = fig["query"]["period"][f"label_{lang}"]
    card = exporter.card_number if lang == "en" else to_persian_digits(exporter.card_number)
    out: dict[str, Any] = {
        "period": period,
        "card": card,
        "note": _note(fig, version.changed_at, lang),
    }
    if not fig["found"]:
        return {**out, "state": "none"}
    totals = fig["totals"]
    products = fig["products"]
    return {
        **out,
        "state": "shown",
        "quarters": [_quarter(q, lang) for q in fig["quarters"]],
        "total": {"value": _usd(totals["value_usd"], lang), "weight": _t(totals["weight_t"], lang)},
        "products": [_product(p, lang) for p in products["items"]],
        "products_count": products["count"],
        "products_unspecified": _unspecified(products["unspecified"], lang),
        "markets": market_rows(fig["markets"], declared, lang),
        "markets_unspecified": _unspecified(fig["markets"]["unspecified"], lang),
    }


def market_rows(markets: dict[str, Any], declared, lang: str) -> list[dict[str, Any]]:
    """The countries the firm reached in the period (largest first), then those it declared
    (`services.current_markets`) but did not reach, each with what the firm declared."""
    stance = {m.country: m.status for m in declared}
    rows = []
    for m in markets["items"]:
        rows.append(
            {
                "code": m["code"],
                "name": m[f"name_{lang}"],
                "value": _usd(m["value_usd"], lang),
                "share": _pct(m["share_pct"], lang),
                "declared": _stance(stance.get(m["code"]), lang),
                "reached": True,
            }
        )
    reached = {m["code"] for m in markets["items"]}
    countries = load_reference().countries
    for code, status in sorted(stance.items()):
        if code in reached:
            continue
        country = countries.get(code)
        name = (country.name_fa if lang == "fa" else country.name_en) if country else code
        rows.append(
            {
                "code": code,
                "name": name,
                "value": say("exporter.own.not_reached", lang),
                "share": "—",
                "declared": _stance(status, lang),
                "reached": False,
            }
        )
    return rows


def _quarter(q: dict[str, Any], lang: str) -> dict[str, Any]:
    last = q["last_year"]
    return {
        "name": q[f"label_{lang}"],
        "loaded": q["loaded"],
        "value": _usd(q["value_usd"], lang),
        "weight": _t(q["weight_t"], lang),
        "last_name": last[f"label_{lang}"],
        "last_loaded": last["loaded"],
        "last_value": _usd(last["value_usd"], lang),
        "growth": _growth(q["growth_value_pct"], lang),
    }


def _product(p: dict[str, Any], lang: str) -> dict[str, Any]:
    return {
        "rank": p["rank"] if lang == "en" else to_persian_digits(str(p["rank"])),
        "code": p["code"] if lang == "en" else to_persian_digits(p["code"]),
        "name": p[f"name_{lang}"],
        "value": _usd(p["value_usd"], lang),
        "weight": _t(p["weight_t"], lang),
        "share": _pct(p["share_pct"], lang),
    }


def _unspecified(part: dict[str, Any] | None, lang: str) -> str | None:
    if part is None:
        return None
    return say("exporter.own.unspecified", lang, value=_usd(part["value_usd"], lang))


def _note(fig: dict[str, Any], changed_at, lang: str) -> str:
    """Basis, coverage and as-of of the figures, as the dashboard says them."""
    cov = fig["coverage"]["flows"]["exports"]
    period = cov["period"]
    if period["complete"]:
        coverage = say("card.complete", lang)
        first, last = period["lines_date_min"], period["lines_date_max"]
        if first and last:
            coverage += say("card.span", lang, first=_day(first, lang), last=_day(last, lang))
    else:
        sep = "، " if lang == "fa" else ", "
        months = sep.join(m[f"name_{lang}"] for m in period["months_missing"])
        coverage = say("card.incomplete", lang, months=months)
    provinces = format_number(cov["provinces_loaded"], lang)
    basis = say("exporter.own.basis", lang, provinces=provinces)
    as_of = fig["query"]["as_of"]
    if as_of is not None:
        when = say("exporter.own.as_of", lang, day=_day(as_of[:10], lang))
    elif changed_at is not None:
        day = _local_day(changed_at).isoformat()
        when = say("exporter.own.last_changed", lang, day=_day(day, lang))
    else:
        when = ""
    return " ".join(t for t in (f"{coverage}.", basis, when) if t)


def _stance(status: str | None, lang: str) -> str:
    if status is None:
        return say("exporter.own.not_declared", lang)
    return say(f"exporter.market_name.{status}", lang)


def _usd(value: str | None, lang: str) -> str:
    """Whole dollars; a span not loaded in words, never as zero."""
    if value is None:
        return say("card.not_loaded", lang)
    return f"{format_number(Decimal(value), lang, 0)} {say('unit.usd', lang)}"


def _t(value: str | None, lang: str) -> str:
    if value is None:
        return say("card.not_loaded", lang)
    return f"{format_number(Decimal(value), lang, 1)} {say('unit.t', lang)}"


def _pct(value: str | None, lang: str) -> str:
    return "—" if value is None else format_percent(Decimal(value), lang, 1)


def _growth(value: str | None, lang: str) -> dict[str, str]:
    """«رشد ۵۰٫۰٪» / "up 50.0%"; "—" where stats gives no growth (see the table's legend)."""
    if value is None:
        return {"text": "—", "css": "muted"}
    d = Decimal(value)
    magnitude = format_percent(abs(d), lang, 1)
    if d > 0:
        return {"text": say("card.up", lang, pct=magnitude), "css": "up"}
    if d < 0:
        return {"text": say("card.down", lang, pct=magnitude), "css": "down"}
    return {"text": say("card.flat", lang), "css": "muted"}


def _local_day(moment: datetime) -> date:
    """The day of a moment in the site's time zone (the engine may hand back naive UTC)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return timezone.localtime(aware).date()


def _day(iso: str, lang: str) -> str:
    return format_jalali_date(date.fromisoformat(iso), lang)
