"""`python -m taraz.web.manage loadbodies [FILE] [--dry-run]`: the bodies from their data file
(the packaged Yazd file by default): created when new, updated when they differ, each change in
the audit trail as done by "system" through this command."""

from __future__ import annotations

import getpass

from django.core.management.base import BaseCommand, CommandError

from taraz.errors import TarazError
from taraz.web.accounts import services
from taraz.web.audit import services as audit_trail


class Command(BaseCommand):
    help = "Create and update bodies from a data file (default: the packaged Yazd bodies)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=None)
        parser.add_argument("--dry-run", action="store_true", help="Say what would change.")

    def handle(self, file, dry_run, **options):
        try:
            with audit_trail.acting(via="loadbodies", os_user=_os_user()):
                result = services.load_bodies(file, dry_run=dry_run)
        except TarazError as exc:
            raise CommandError(f"[{exc.code}] {exc.message('en')}") from exc
        prefix = "Would create" if dry_run else "Created"
        self.stdout.write(f"{prefix} {len(result.created)}: {', '.join(result.created) or '-'}")
        prefix = "Would update" if dry_run else "Updated"
        self.stdout.write(f"{prefix} {len(result.changed)}: {', '.join(result.changed) or '-'}")
        self.stdout.write(f"Unchanged {len(result.unchanged)}.")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover
        return ""
