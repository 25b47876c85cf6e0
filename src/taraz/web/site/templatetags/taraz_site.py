"""Template tags of the site: words (`{% w "key" %}`), numbers and dates in the page's language."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone

from taraz.calendar import format_jalali_date
from taraz.fa import format_number, to_persian_digits
from taraz.web.site.wording import current_lang, say

register = template.Library()


@register.simple_tag
def w(key: str, **values) -> str:
    return say(key, **values)


@register.filter
def num(value, decimals: int = 0) -> str:
    """A number in the page's language: «۱٬۲۳۴» or "1,234"; blank for None."""
    if value is None or value == "":
        return "—"
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return format_number(d, current_lang(), int(decimals))


@register.filter
def digits(value) -> str:
    """Digits in the page's language (identifiers, years)."""
    text = "" if value is None else str(value)
    return to_persian_digits(text) if current_lang() == "fa" else text


@register.filter
def jdate(value) -> str:
    """A day (or a moment, in the site's time zone) in the Jalali calendar."""
    if value in (None, ""):
        return "—"
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    moment = None
    if isinstance(value, datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        value = moment.date()
    text = format_jalali_date(value, current_lang())
    if moment is not None:
        clock = moment.strftime("%H:%M")
        text = (
            f"{text}، {to_persian_digits(clock)}" if current_lang() == "fa" else f"{text} {clock}"
        )
    return text


@register.filter
def pick(mapping, key):
    """mapping[key] in a template (for names by language: item|pick:name_key)."""
    try:
        return mapping[key]
    except (KeyError, TypeError, IndexError):
        return ""
