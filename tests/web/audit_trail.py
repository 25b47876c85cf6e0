"""Changing the audit trail behind the application's back, as someone with the database's
keys could: for the tests that show the chain names what was changed."""

from __future__ import annotations

from django.db import connection

from taraz.web.audit import append_only

TABLE = append_only.TABLE


def tamper(sql: str, params: list) -> None:
    """Run one statement with the triggers lifted (in the test's transaction, so they come
    back when it ends)."""
    with connection.cursor() as cursor:
        append_only.remove(connection.vendor, cursor.execute)
        cursor.execute(sql, params)
        append_only.install(connection.vendor, cursor.execute)
