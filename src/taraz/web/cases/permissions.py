"""Who may see a case and take part in it, as predicates over memberships (`rules`);
`services.visible_cases(user)` is the matching queryset.

- A firm's people see their firm's cases, drafts included.
- The organization's people (officer, signatory, administrator, auditor) see every case once it
  is submitted; a draft is the applicant's own.
- A body's people see the cases routed to their body, from the moment they are routed.
- Anyone else: the case does not exist for them (404).
"""

from __future__ import annotations

import rules

from taraz.web.accounts.permissions import (
    is_administrator,
    is_auditor,
    is_body_head,
    is_body_member,
    is_body_reviewer,
    is_exporter_member,
    is_officer,
    is_signatory,
)
from taraz.web.cases.models import State

is_case_staff = is_officer | is_signatory | is_administrator | is_auditor


@rules.predicate
def is_applicant(user, case) -> bool:
    return case is not None and is_exporter_member(user, case.exporter)


@rules.predicate
def is_routed_body_member(user, case) -> bool:
    return case is not None and any(is_body_member(user, r.body) for r in case.reviews.all())


@rules.predicate
def is_submitted(_user, case) -> bool:
    return case is not None and case.state != State.DRAFT


@rules.predicate
def is_screener(user, case) -> bool:
    return case is not None and case.screener_id is not None and case.screener_id == user.pk


@rules.predicate
def may_decide(user, case) -> bool:
    """A signatory who did not screen this case."""
    return is_signatory(user) and not is_screener(user, case)


can_view_case = is_applicant | (is_submitted & (is_case_staff | is_routed_body_member))
can_view_queue = is_officer | is_signatory | is_administrator | is_auditor


def reviews_for(user, case) -> list:
    """The case's reviews at bodies where `user` is a reviewer."""
    return [r for r in case.reviews.all() if is_body_reviewer(user, r.body)]


def reviews_headed_by(user, case) -> list:
    return [r for r in case.reviews.all() if is_body_head(user, r.body)]


rules.add_perm("taraz_cases.view_case", can_view_case)
rules.add_perm("taraz_cases.view_queue", can_view_queue)
