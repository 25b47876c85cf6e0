"""What a user holds today: roles at bodies, firms, and whether a second factor is required.
Read once per request and kept on the user object (a user object lives for one request)."""

from __future__ import annotations

from django.utils import timezone

from taraz.web.accounts.models import TWO_FACTOR_ROLES, ExporterMembership, Membership

_ROLES = "_taraz_roles"
_EXPORTERS = "_taraz_exporters"


def held_roles(user) -> frozenset[tuple[int, str]]:
    """(body id, role) of every membership that holds today."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    held = user.__dict__.get(_ROLES)
    if held is None:
        rows = Membership.objects.current(timezone.localdate()).filter(user=user, body__active=True)
        held = frozenset(rows.values_list("body_id", "role"))
        user.__dict__[_ROLES] = held
    return held


def held_exporters(user) -> dict[int, str]:
    """exporter id -> role (admin or member) of every exporter membership that holds today."""
    if user is None or not user.is_authenticated or not user.is_active:
        return {}
    held = user.__dict__.get(_EXPORTERS)
    if held is None:
        rows = ExporterMembership.objects.current(timezone.localdate()).filter(user=user)
        held = {}
        for exporter_id, role in rows.values_list("exporter_id", "role"):
            if held.get(exporter_id) != "admin":
                held[exporter_id] = role
        user.__dict__[_EXPORTERS] = held
    return held


def forget(user) -> None:
    """After a change of what the user holds, in the same request."""
    user.__dict__.pop(_ROLES, None)
    user.__dict__.pop(_EXPORTERS, None)


def needs_two_factor(user) -> bool:
    """Signatories and administrators (and superusers) sign in with a second factor."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(role in TWO_FACTOR_ROLES for _, role in held_roles(user))
