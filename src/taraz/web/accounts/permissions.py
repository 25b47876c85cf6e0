"""Who may do what, as predicates (the `rules` package) over memberships that hold today; and
the matching querysets live beside the lists that use them (`services`, the exporters' own).

A predicate takes the user and, where it is about an object, the object:
`is_officer(user)`, `is_body_member(user, body)`, `is_exporter_member(user, exporter)`.
Compose them with `&`, `|` and `~`; the cases app builds `can_view_case` and the like from these.
What a user holds is read once per request and kept on the user object (`memberships_of`).
"""

from __future__ import annotations

import rules

from taraz.web.accounts.models import ExporterRole, Role
from taraz.web.accounts.standing import held_exporters, held_roles, needs_two_factor

__all__ = [
    "can_manage_bodies",
    "can_view_bodies",
    "has_org_role",
    "is_administrator",
    "is_auditor",
    "is_body_head",
    "is_body_member",
    "is_body_reviewer",
    "is_exporter_admin",
    "is_exporter_member",
    "is_officer",
    "is_org_staff",
    "is_signatory",
    "needs_two_factor",
]


def _holds(role: Role):
    @rules.predicate(name=f"is_{role.value}")
    def holds(user) -> bool:
        return any(r == role for _, r in held_roles(user))

    return holds


is_officer = _holds(Role.OFFICER)
is_signatory = _holds(Role.SIGNATORY)
is_auditor = _holds(Role.AUDITOR)


@rules.predicate
def is_administrator(user) -> bool:
    """An administrator of the organization (or a Django superuser, who can do anything)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(r == Role.ADMINISTRATOR for _, r in held_roles(user))


is_org_staff = is_officer | is_signatory | is_administrator | is_auditor


@rules.predicate
def has_org_role(user) -> bool:
    """Holds any of the organization's own roles (officer, signatory, administrator, auditor)."""
    return is_org_staff(user)


@rules.predicate
def is_body_member(user, body) -> bool:
    """Holds any role at this body today."""
    return body is not None and any(b == body.pk for b, _ in held_roles(user))


@rules.predicate
def is_body_reviewer(user, body) -> bool:
    return body is not None and (body.pk, Role.REVIEWER) in held_roles(user)


@rules.predicate
def is_body_head(user, body) -> bool:
    return body is not None and (body.pk, Role.HEAD) in held_roles(user)


@rules.predicate
def is_exporter_member(user, exporter) -> bool:
    """A member or admin of this firm today."""
    return exporter is not None and exporter.pk in held_exporters(user)


@rules.predicate
def is_exporter_admin(user, exporter) -> bool:
    return exporter is not None and held_exporters(user).get(exporter.pk) == ExporterRole.ADMIN


can_view_bodies = is_administrator | is_auditor
can_manage_bodies = is_administrator
