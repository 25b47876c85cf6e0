"""`python -m taraz.web.manage casework`: the daily work no person does: escalate overdue
reviews to their bodies' heads, lapse cases whose applicant has been silent past the
procedure's lapse days, and send what waits in the outbox. Run it once a day (cron, a systemd
timer); running it twice does nothing more."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from taraz.web.audit import services as audit_trail
from taraz.web.cases import services


class Command(BaseCommand):
    help = "Escalate overdue reviews, lapse silent cases, send the outbox."

    def handle(self, **options):
        with audit_trail.acting(via="casework"):
            done = services.run_casework()
        self.stdout.write(f"Escalated {len(done.escalated)}: {', '.join(done.escalated) or '-'}")
        self.stdout.write(f"Lapsed {len(done.lapsed)}: {', '.join(done.lapsed) or '-'}")
        self.stdout.write(f"Sent {done.sent} messages.")
