"""Words for roles, kinds and statuses, and an object's name in the page's language."""

from __future__ import annotations

from django import template

from taraz.web.site.services import current_lang, say

register = template.Library()


@register.simple_tag
def role_name(role: str) -> str:
    return say(f"account.role_name.{role}") if role else "—"


@register.simple_tag
def kind_name(kind: str) -> str:
    return say(f"account.kind_name.{kind}")


@register.simple_tag
def invitation_status(invitation, now) -> str:
    if invitation.used_at:
        key = "used"
    elif invitation.revoked_at:
        key = "revoked"
    elif invitation.expires_at <= now:
        key = "expired"
    else:
        key = "open"
    return say(f"account.status_{key}")


@register.filter
def local_name(obj) -> str:
    """A body's or a firm's name in the page's language."""
    return obj.name(current_lang()) if obj is not None else ""
