"""`taraz audit verify` and `taraz audit tail`: the audit trail of the service database, read
from the command line without the server and without the warehouse.

The service database is the one `taraz serve` uses: `DATABASE_URL`, or SQLite in the web
folder beside the warehouse (`--warehouse`, `$TARAZ_WAREHOUSE`, `$TARAZ_WEB_DIR`); the Django
settings are `$TARAZ_DJANGO_SETTINGS` or the embedded server's. Nothing is written: a database
that is not there is said, not made.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from pathlib import Path

import click

from taraz.errors import TarazError, error_dict
from taraz.fa import isolate

BROKEN_CODES = {
    "hash": "audit.broken-hash",
    "prev-link": "audit.broken-link",
    "seq-gap": "audit.broken-gap",
}


def _open_service_database(
    warehouse: Path | None, apps_needed: tuple[str, ...] = ("taraz_audit",)
) -> None:
    """Django set up as `taraz serve` sets it up, the service database found and the apps'
    tables migrated (`apps_needed`, by their labels)."""
    from django.apps import apps

    if not apps.ready:
        if warehouse is not None:
            os.environ["TARAZ_WAREHOUSE"] = str(Path(warehouse).expanduser().resolve())
        os.environ["DJANGO_SETTINGS_MODULE"] = (
            os.environ.get("TARAZ_DJANGO_SETTINGS") or "taraz.web.settings.local"
        )
        # this process signs nothing: a key of its own, not the server's key file made here
        os.environ.setdefault("TARAZ_SECRET_KEY", secrets.token_urlsafe(50))
        import django

        django.setup()
    from django.conf import settings
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3") and not Path(str(db["NAME"])).is_file():
        raise TarazError("audit.no-database", path=db["NAME"])
    try:
        executor = MigrationExecutor(connection)
        leaves = [leaf for app in apps_needed for leaf in executor.loader.graph.leaf_nodes(app)]
        plan = executor.migration_plan(leaves)
    except DatabaseError as exc:
        raise TarazError("audit.unreachable", detail=str(exc).strip().splitlines()[0]) from exc
    if plan:
        raise TarazError("audit.not-migrated")


def broken_error(broken) -> TarazError:
    """The catalogue's error naming the first broken event."""
    return TarazError(
        BROKEN_CODES[broken.reason], seq=broken.seq, id=broken.id, expected=broken.expected_seq
    )


@click.group("audit")
def audit() -> None:
    """The audit trail: verify its hash chain, show its latest events / رویدادهای ممیزی."""


@audit.command("verify")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="One object: {intact, events, head, first_broken: {seq, id, reason, expected_seq}}.",
)
@click.pass_obj
def verify_cmd(settings, as_json: bool) -> None:
    """Check every event's place, link and hash; exit 1 naming the first broken one / وارسی زنجیره."""
    _open_service_database(getattr(settings, "warehouse", None))
    from taraz.cli.render import say
    from taraz.web.audit.services import check_chain

    result = check_chain()
    if as_json:
        out = result.to_dict()
        if not result.intact:
            out["error"] = error_dict(broken_error(result.first_broken))
        click.echo(json.dumps(out, ensure_ascii=False))
        sys.exit(0 if result.intact else 1)
    if not result.intact:
        raise broken_error(result.first_broken)
    lang = getattr(settings, "lang", "fa")
    if result.events == 0:
        click.echo(say(lang, "audit_empty"))
        return
    head = isolate(result.head_hash) if lang == "fa" else result.head_hash
    click.echo(say(lang, "audit_intact", seq=result.head_seq, hash=head))


@audit.command("tail")
@click.option(
    "-n",
    "--lines",
    "count",
    type=click.IntRange(1, 10_000),
    default=20,
    show_default=True,
    help="How many of the latest events.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per event.")
@click.pass_obj
def tail_cmd(settings, count: int, as_json: bool) -> None:
    """The latest events, oldest first / آخرین رویدادها."""
    _open_service_database(getattr(settings, "warehouse", None))
    from django.utils import timezone

    from taraz.cli.render import render_audit_events
    from taraz.web.audit.services import event_dict, recent

    events = list(reversed(recent(count)))
    if as_json:
        for event in events:
            click.echo(json.dumps(event_dict(event), ensure_ascii=False))
    else:
        rows = [{**event_dict(e), "at": timezone.localtime(e.at)} for e in events]
        render_audit_events(rows, getattr(settings, "lang", "fa"))
