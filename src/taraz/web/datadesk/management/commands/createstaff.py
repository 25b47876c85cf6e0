"""`python -m taraz.web.manage createstaff NAME`: a staff user for the data desk.

The password comes from `--password-env VAR` (the name of an environment variable), or is asked
for twice at the terminal; it is never taken on the command line, where `ps` would show it.
The account's creation or change goes to the audit trail, as done by "system" through this
command and the operating system's user who ran it.
"""

from __future__ import annotations

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from taraz.web.audit import services as audit_trail


class Command(BaseCommand):
    help = "Create (or update) a staff user for the data desk."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-env", help="Name of an environment variable holding the password."
        )
        parser.add_argument("--superuser", action="store_true", help="Also a superuser.")

    def handle(self, username, email, password_env, superuser, **options):
        if password_env:
            password = os.environ.get(password_env)
            if not password:
                raise CommandError(f"The environment variable {password_env} is empty or not set.")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords differ.")
        User = get_user_model()
        user = User.objects.filter(username=username).first() or User(username=username)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        created = user.pk is None
        user.email = email or user.email
        user.is_staff = True
        user.is_active = True
        user.is_superuser = superuser or user.is_superuser
        user.set_password(password)
        with transaction.atomic(), audit_trail.acting(via="createstaff", os_user=_os_user()):
            user.save()
        self.stdout.write(f"{'Created' if created else 'Updated'} staff user {username}.")


def _os_user() -> str:
    """Who ran the command, as the operating system knows them."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for the uid (a container)
        return f"uid {os.getuid()}"
