"""Words of a certificate's status, reason and action in the page's language."""

from __future__ import annotations

from django import template

from taraz.web.site.services import say

register = template.Library()


@register.filter
def status_word(value: str) -> str:
    return say(f"cert.status_name.{value}") if value else ""


@register.filter
def reason_word(value: str) -> str:
    return say(f"cert.reason_name.{value}") if value else ""


@register.filter
def action_word(value: str) -> str:
    return say(f"cert.action.{value}") if value else ""
