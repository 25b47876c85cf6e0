"""The database refuses to change or delete audit events: triggers on SQLite and on PostgreSQL
(taraz.web.audit.append_only has their SQL)."""

from django.db import migrations

from taraz.web.audit import append_only


def _execute(schema_editor):
    return lambda sql: schema_editor.execute(sql, params=None)


def install(apps, schema_editor):
    append_only.install(schema_editor.connection.vendor, _execute(schema_editor))


def remove(apps, schema_editor):
    append_only.remove(schema_editor.connection.vendor, _execute(schema_editor))


class Migration(migrations.Migration):
    dependencies = [("taraz_audit", "0004_auditevent_chain_required")]  # noqa: RUF012

    operations = [migrations.RunPython(install, remove)]  # noqa: RUF012
