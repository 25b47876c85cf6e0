"""Words of a certificate's status, reason and action in the page's language."""

from __future__ import annotations

from django import template

from taraz.credentials.summary import reason_name
from taraz.web.site.services import current_lang, say

register = template.Library()


@register.filter
def status_word(value: str) -> str:
    return say(f"cert.status_name.{value}") if value else ""


@register.filter
def reason_word(value: str) -> str:
    return reason_name(value, current_lang())  # the words the verifiers use


@register.filter
def action_word(value: str) -> str:
    return say(f"cert.action.{value}") if value else ""
