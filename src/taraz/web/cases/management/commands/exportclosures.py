"""`python -m taraz.web.manage exportclosures FILE`: the organization's closures as the CSV file
`taraz workdays --closures FILE` (or `$TARAZ_CLOSURES`) reads, so that the command line counts
the same working days as the cases' clock."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from taraz.web.cases import services


class Command(BaseCommand):
    help = "Write the organization's closures as the CSV file the command line reads."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, file, **options):
        n = services.export_closures(Path(file))
        self.stdout.write(f"Wrote {n} closures to {file}.")
