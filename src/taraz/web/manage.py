"""Django's management commands for taraz: `python -m taraz.web.manage <command>`.

Settings: `DJANGO_SETTINGS_MODULE` (default `taraz.web.settings.local`; `...production` for a
deployment). Useful commands: `migrate`, `createstaff USERNAME`, `check --deploy`.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taraz.web.settings.local")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    from taraz.web.paths import ensure_folders

    ensure_folders()
    execute_from_command_line(argv or sys.argv)


if __name__ == "__main__":
    main()
