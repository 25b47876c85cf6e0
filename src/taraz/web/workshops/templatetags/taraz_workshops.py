"""A workshop's words in the page's language: its title and venue, a status, a country, an
HS chapter, the attendance threshold as a percentage."""

from __future__ import annotations

from decimal import Decimal

from django import template

from taraz.fa import format_number, to_persian_digits
from taraz.reference import load_reference
from taraz.web.site.services import current_lang, say

register = template.Library()


def _by_lang(obj, name: str) -> str:
    fa, en = getattr(obj, f"{name}_fa", ""), getattr(obj, f"{name}_en", "")
    return fa if current_lang() == "fa" else (en or fa)


@register.filter
def title(obj) -> str:
    return _by_lang(obj, "title")


@register.filter
def venue(obj) -> str:
    return _by_lang(obj, "venue")


@register.filter
def summary(obj) -> str:
    return _by_lang(obj, "summary")


@register.filter
def ws_status(value: str) -> str:
    return say(f"ws.status_name.{value}") if value else ""


@register.simple_tag
def ws_public(state: str) -> str:
    """What the public calendar says of an event (`services.public_state`)."""
    return say(f"ws.public_state.{state}")


@register.filter
def country(code: str) -> str:
    found = load_reference().countries.get(code)
    if found is None:
        return code
    return found.name_fa if current_lang() == "fa" else found.name_en


@register.filter
def chapter(code: str) -> str:
    found = load_reference().hs.get(code)
    if found is None:
        return code
    return found.description_fa if current_lang() == "fa" else found.description_en


@register.filter
def percent(share) -> str:
    value = format_number(Decimal(str(share)) * 100, current_lang(), 0)
    return f"{value}٪" if current_lang() == "fa" else f"{value}%"


@register.filter
def firm(exporter) -> str:
    """A firm's name in the page's language (a Persian name with Persian digits)."""
    if exporter is None:
        return ""
    if current_lang() == "fa":
        return to_persian_digits(exporter.name_fa)
    return exporter.name_en or exporter.name_fa
