"""The database refuses to change or delete audit events: triggers on the table, on SQLite and
on PostgreSQL, installed by the migration `0005_append_only`.

Both refuse with an integrity error (SQLite's `RAISE(ABORT, ...)`; PostgreSQL's SQLSTATE 23000),
which Django raises as `django.db.IntegrityError`. PostgreSQL also refuses `TRUNCATE`.

The triggers stop the application and anyone's slip; they do not stop the owner of the
database, who may drop them. What the owner does to the rows the hash chain shows
(`taraz audit verify`).

Keep in mind for later migrations: on SQLite, Django alters a table by building a new one and
dropping the old, which drops its triggers: a migration that alters this table must install
them again (`install`).
"""

from __future__ import annotations

from collections.abc import Callable

TABLE = "taraz_audit_auditevent"
MESSAGE = "the audit trail is append-only: events are never changed or deleted"

SQLITE_INSTALL = (
    f"""CREATE TRIGGER IF NOT EXISTS taraz_audit_no_update BEFORE UPDATE ON {TABLE}
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS taraz_audit_no_delete BEFORE DELETE ON {TABLE}
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
)
SQLITE_REMOVE = (
    "DROP TRIGGER IF EXISTS taraz_audit_no_update",
    "DROP TRIGGER IF EXISTS taraz_audit_no_delete",
)

POSTGRESQL_INSTALL = (
    f"""CREATE OR REPLACE FUNCTION taraz_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP USING ERRCODE = 'integrity_constraint_violation';
END
$$""",
    f"""CREATE OR REPLACE TRIGGER taraz_audit_no_change BEFORE UPDATE OR DELETE ON {TABLE}
FOR EACH ROW EXECUTE FUNCTION taraz_audit_refuse()""",
    f"""CREATE OR REPLACE TRIGGER taraz_audit_no_truncate BEFORE TRUNCATE ON {TABLE}
FOR EACH STATEMENT EXECUTE FUNCTION taraz_audit_refuse()""",
)
POSTGRESQL_REMOVE = (
    f"DROP TRIGGER IF EXISTS taraz_audit_no_truncate ON {TABLE}",
    f"DROP TRIGGER IF EXISTS taraz_audit_no_change ON {TABLE}",
    "DROP FUNCTION IF EXISTS taraz_audit_refuse()",
)

STATEMENTS = {
    "sqlite": (SQLITE_INSTALL, SQLITE_REMOVE),
    "postgresql": (POSTGRESQL_INSTALL, POSTGRESQL_REMOVE),
}


def install(vendor: str, execute: Callable[[str], object]) -> None:
    """Install the triggers with `execute` (a schema editor's or a cursor's)."""
    for sql in _statements(vendor)[0]:
        execute(sql)


def remove(vendor: str, execute: Callable[[str], object]) -> None:
    for sql in _statements(vendor)[1]:
        execute(sql)


def _statements(vendor: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    try:
        return STATEMENTS[vendor]
    except KeyError:
        raise NotImplementedError(
            f"the audit trail's triggers exist for SQLite and PostgreSQL, not {vendor}"
        ) from None
