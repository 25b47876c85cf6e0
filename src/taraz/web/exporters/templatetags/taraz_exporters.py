"""Words for size classes and market statuses; countries' and HS codes' names."""

from __future__ import annotations

from django import template

from taraz.reference import load_reference
from taraz.web.site.services import current_lang, say

register = template.Library()


@register.simple_tag
def size_name(size_class: str | None) -> str:
    return say(f"exporter.size_name.{size_class}") if size_class else "—"


@register.simple_tag
def market_name(status: str) -> str:
    return say(f"exporter.market_name.{status}")


@register.filter
def country_name(code: str) -> str:
    country = load_reference().countries.get(code)
    if country is None:
        return code
    return country.name_fa if current_lang() == "fa" else country.name_en


@register.filter
def hs_label(code: str) -> str:
    return load_reference().hs_label(code, current_lang())
