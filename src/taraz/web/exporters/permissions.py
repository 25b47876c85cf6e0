"""Who may see and change a firm, as predicates over memberships (`rules`), registered as the
app's object permissions; `services.visible_exporters(user)` is the matching queryset."""

from __future__ import annotations

import rules

from taraz.web.accounts.permissions import (
    is_administrator,
    is_auditor,
    is_exporter_admin,
    is_exporter_member,
    is_officer,
    is_signatory,
)

# the organization's people who see every firm
can_list_exporters = is_officer | is_signatory | is_administrator | is_auditor
can_view_exporter = is_exporter_member | can_list_exporters
# a firm's own people keep its profile; an officer may correct it
can_edit_exporter = is_exporter_member | is_officer
can_verify_exporter = is_officer
can_invite_to_exporter = is_exporter_admin | is_officer

rules.add_perm("taraz_exporters.list_exporters", can_list_exporters)
rules.add_perm("taraz_exporters.view_exporter", can_view_exporter)
rules.add_perm("taraz_exporters.change_exporter", can_edit_exporter)
rules.add_perm("taraz_exporters.verify_exporter", can_verify_exporter)
rules.add_perm("taraz_exporters.invite_to_exporter", can_invite_to_exporter)
