"""`python -m taraz.web.manage seeddemo [--lang fa|en]`: the demo's service world (synthetic
firms, people and cases of 1404, a few open today) seeded through the services into a service
database without firms or cases; run again, the world is kept and the demo accounts get new
passwords. Prints the demo's sign-ins. `taraz demo` runs it after building the warehouse."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from taraz.errors import TarazError
from taraz.web.cases import demo


class Command(BaseCommand):
    help = "Seed the demo's synthetic service world (or keep it) and print the demo sign-ins."

    def add_arguments(self, parser):
        parser.add_argument("--lang", choices=("fa", "en"), default="en")

    def handle(self, lang, **options):
        try:
            seeded = demo.seed_demo()
        except TarazError as exc:
            raise CommandError(f"[{exc.code}] {exc.message(lang)}") from exc
        for line in demo.sign_in_lines(seeded, lang):
            self.stdout.write(line)
