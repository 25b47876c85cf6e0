"""`python -m taraz.web.manage loadprocedures [FOLDER] [--dry-run]`: the procedures' data files
(the packaged ones by default, docs/procedures.md): each version not stored yet is stored; a
stored version whose file changed is refused (a change is a new version). Audited as "system"
through this command."""

from __future__ import annotations

import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from taraz.errors import TarazError
from taraz.web.audit import services as audit_trail
from taraz.web.cases import services


class Command(BaseCommand):
    help = "Store the procedures' data files (default: the packaged ones)."

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", default=None)
        parser.add_argument("--dry-run", action="store_true", help="Say what would be stored.")

    def handle(self, folder, dry_run, **options):
        try:
            with audit_trail.acting(via="loadprocedures", os_user=_os_user()):
                result = services.load_procedures(Path(folder) if folder else None, dry_run=dry_run)
        except TarazError as exc:
            raise CommandError(f"[{exc.code}] {exc.message('en')}") from exc
        prefix = "Would store" if dry_run else "Stored"
        self.stdout.write(f"{prefix} {len(result.created)}: {', '.join(result.created) or '-'}")
        self.stdout.write(f"Unchanged {len(result.unchanged)}.")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover
        return ""
