"""`python -m taraz.web.manage publishrevocations`: sign the revocation list again, whether or not
a certificate changed since, so that it never passes its `next_update` (a week) and a verifier's
"the list is old" warning (`stale-list`) means the issuer stopped speaking. Run it once a day
with `casework` (cron, a systemd timer); `taraz certificate publish-revocations` does the same."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from taraz.errors import TarazError
from taraz.web.certificates import services


class Command(BaseCommand):
    help = "Sign the certificates' revocation list again (daily), changed or not."

    def handle(self, **options):
        try:
            revocations = services.publish_revocations()
        except TarazError as exc:
            raise CommandError(f"[{exc.code}] {exc.message('en')}") from exc
        self.stdout.write(
            f"Revocation list signed: {len(revocations.entries)} entries, issued "
            f"{revocations.issued_at.isoformat()}, next update by "
            f"{revocations.next_update.isoformat()}."
        )
