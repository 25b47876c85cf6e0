"""Amounts for people: dollars in millions or thousands, tonnes in thousands, growth with its
direction, in the page's language. Presentation only: the exact figure stays beside it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from taraz.fa import format_number
from taraz.web.site.services import say

MILLION = Decimal(1_000_000)
THOUSAND = Decimal(1000)


@dataclass(frozen=True)
class Amount:
    exact: str  # the figure as stats gave it (USD, t, %)
    text: str  # «۴۰۱٫۰»
    unit: str  # «میلیون دلار»


def usd(value: str | None, lang: str) -> Amount:
    """None is a figure whose span is not loaded: said in words, never as zero."""
    if value is None:
        return Amount("", say("card.not_loaded", lang), "")
    d = Decimal(value)
    if abs(d) >= MILLION:
        return Amount(value, format_number(d / MILLION, lang, 1), say("unit.million_usd", lang))
    if abs(d) >= THOUSAND:
        return Amount(value, format_number(d / THOUSAND, lang, 1), say("unit.thousand_usd", lang))
    return Amount(value, format_number(d, lang, 0), say("unit.usd", lang))


def tonnes(value: str | None, lang: str) -> Amount:
    if value is None:
        return Amount("", say("card.not_loaded", lang), "")
    d = Decimal(value)
    if abs(d) >= THOUSAND:
        return Amount(value, format_number(d / THOUSAND, lang, 1), say("unit.thousand_t", lang))
    return Amount(value, format_number(d, lang, 1), say("unit.t", lang))


def percent(value: str | None, lang: str, decimals: int = 1) -> str:
    if value is None:
        return "—"
    sign = "٪" if lang == "fa" else "%"
    return format_number(Decimal(value), lang, decimals) + sign


def growth_words(value: str | None, lang: str) -> tuple[str, str]:
    """(text, css class): «رشد ۱۲٫۰٪» / "up 12.0%", «کاهش ۳٫۲٪» / "down 3.2%"."""
    if value is None:
        return say("card.no_growth", lang), "muted"
    d = Decimal(value)
    magnitude = percent(format(abs(d), "f"), lang)
    if d > 0:
        return say("card.up", lang, pct=magnitude), "up"
    if d < 0:
        return say("card.down", lang, pct=magnitude), "down"
    return say("card.flat", lang), "muted"


def millions(value: str | None) -> float:
    """A chart coordinate in millions of dollars (a chart needs floats)."""
    return 0.0 if value is None else float(Decimal(value) / MILLION)
