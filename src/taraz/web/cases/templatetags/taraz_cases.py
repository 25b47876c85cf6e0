"""Template tags of the cases: state, step and advice names in the page's language."""

from __future__ import annotations

from django import template

from taraz.web.site.services import current_lang, say

register = template.Library()


@register.simple_tag
def state_name(state: str) -> str:
    return say(f"case.state.{state}")


@register.simple_tag
def action_name(action: str) -> str:
    return say(f"case.action.{action}")


@register.simple_tag
def advice_name(advice: str) -> str:
    return say(f"case.advice_name.{advice}") if advice else say("case.advice_pending")


@register.simple_tag
def holder_name(holder: str) -> str:
    return say(f"case.holder.{holder}")


@register.filter
def lang_of(item, key: str) -> str:
    """item[key_fa] or item[key_en] by the page's language (procedure data)."""
    lang = current_lang()
    try:
        return item.get(f"{key}_{lang}") or item.get(f"{key}_fa") or ""
    except AttributeError:
        return ""


@register.filter
def pct(value) -> str:
    """A percentage (in percent units) in the page's language; a dash for None."""
    from taraz.fa import format_percent

    return "—" if value is None else format_percent(value, current_lang(), 1)


@register.filter
def days(value) -> str:
    """Working days to one decimal, the decimal left out when it is zero; a dash for None."""
    from decimal import Decimal

    from taraz.fa import format_number

    if value is None:
        return "—"
    d = Decimal(str(value))
    return format_number(d, current_lang(), 0 if d == d.to_integral() else 1)


@register.filter
def abs_num(value) -> str:
    """The size of a number, in the page's language."""
    from decimal import Decimal

    from taraz.fa import format_number

    return format_number(abs(Decimal(str(value))), current_lang(), 0)
