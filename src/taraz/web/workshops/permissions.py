"""Who may do what with workshops, as predicates over memberships (`rules`).

- Anyone sees published (and cancelled) events; drafts are the organization's own.
- An officer or an administrator runs workshops: creates, edits, publishes, cancels, takes
  attendance, issues certificates of attendance.
- The organization's other people (signatory, auditor) see the staff pages, change nothing.
- A registration is its person's: a firm's registrations are seen by the firm's people (and the
  organization's), a public one by whoever holds its link; anyone else gets 404.
"""

from __future__ import annotations

import rules

from taraz.web.accounts.permissions import (
    is_administrator,
    is_exporter_member,
    is_officer,
    is_org_staff,
)

can_run_workshops = is_officer | is_administrator
can_view_workshop_desk = is_org_staff


@rules.predicate
def is_registrant(user, registration) -> bool:
    """The registration's own person, or a member of its firm today."""
    if registration is None:
        return False
    if registration.exporter_id is not None:
        return is_exporter_member(user, registration.exporter)
    return registration.user_id is not None and registration.user_id == user.pk


can_view_registration = is_registrant | is_org_staff

rules.add_perm("taraz_workshops.run", can_run_workshops)
rules.add_perm("taraz_workshops.view_desk", can_view_workshop_desk)
rules.add_perm("taraz_workshops.view_registration", can_view_registration)
