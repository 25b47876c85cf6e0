"""`taraz exporters load FILE [--dry-run] [--json]`: the exporters' registry filled from a file
of active commercial cards (CSV or XLSX), checked row by row, all or nothing.

`taraz exporters export-sizes FILE [--json]`: every firm's declared size class over time, as
the file `taraz import-sizes` loads into the warehouse (docs/sizes.md).

The service database is the server's, found as `taraz audit` finds it. Every exporter created
or changed is in the audit trail, as done by "system" through this command and the operating
system's user who ran it.
"""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

import click

from taraz.errors import TarazError

APPS = ("taraz_audit", "taraz_accounts", "taraz_exporters")

MESSAGES = {
    "planned": (
        "«{file}»: {create} صادرکنندهٔ تازه، {update} به‌روزرسانی، {unchanged} بی‌تغییر، {error} ردیف با خطا.",
        "{file}: {create} new, {update} updated, {unchanged} unchanged, {error} rows with errors.",
    ),
    "dry_run": ("پیش‌نمایش: چیزی ثبت نشد.", "Dry run: nothing was saved."),
    "committed": ("ثبت شد.", "Saved."),
    "sizes_written": (
        "ردهٔ اندازهٔ {traders} بنگاه در {rows} بازه در «{file}» نوشته شد؛ با `taraz import-sizes` به انبار داده ببرید.",
        "{rows} spans of {traders} firms' size classes written to {file}; load them with `taraz import-sizes`.",
    ),
}


def _say(lang: str, key: str, **kw) -> str:
    from taraz.fa import to_persian_digits

    fa, en = MESSAGES[key]
    if lang == "fa":
        return fa.format(
            **{k: to_persian_digits(str(v)) if isinstance(v, int) else v for k, v in kw.items()}
        )
    return en.format(**kw)


@click.group("exporters")
def exporters() -> None:
    """The exporters' registry / فهرست صادرکنندگان."""


@exporters.command("load")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check and preview; save nothing.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="One object: {file, dry_run, committed, counts, rows, problems}.",
)
@click.pass_obj
def load_cmd(settings, file: Path, dry_run: bool, as_json: bool) -> None:
    """Load active commercial cards from CSV or XLSX; exit 1 naming each bad row / بارگذاری کارت‌ها."""
    from taraz.cli.audit import _open_service_database

    _open_service_database(getattr(settings, "warehouse", None), APPS)
    from taraz.web.audit import services as audit_trail
    from taraz.web.exporters.services import load_file

    with audit_trail.acting(via="taraz exporters load", os_user=_os_user()):
        report = load_file(file, dry_run=dry_run)
    lang = getattr(settings, "lang", "fa")
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, default=str))
    else:
        _render(report, lang)
    if report.problems:
        if not as_json:
            raise TarazError("exporters.load-failed", file=report.file, n=report.counts["error"])
        sys.exit(1)


@exporters.command("export-sizes")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One object: {file, rows, traders}.")
@click.pass_obj
def export_sizes_cmd(settings, file: Path, as_json: bool) -> None:
    """Write each firm's declared size class over time for `taraz import-sizes` / خروجی رده‌ها."""
    from taraz.cli.audit import _open_service_database
    from taraz.cli.paths import output_file

    target = output_file(file)
    _open_service_database(getattr(settings, "warehouse", None), APPS)
    from taraz.ingest.sizes import write_sizes
    from taraz.web.exporters.services import size_spans

    spans = size_spans()
    rows = write_sizes(target, spans)
    traders = len({s.trader_id for s in spans})
    if as_json:
        click.echo(json.dumps({"file": str(target), "rows": rows, "traders": traders}))
    else:
        lang = getattr(settings, "lang", "fa")
        click.echo(_say(lang, "sizes_written", file=target, rows=rows, traders=traders))


def _render(report, lang: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from taraz.fa import to_persian_digits

    def digits(value) -> str:
        return to_persian_digits(str(value)) if lang == "fa" else str(value)

    console = Console(highlight=False, soft_wrap=True)
    table = Table(show_lines=False)
    for fa, en in (("ردیف", "row"), ("کارت", "card"), ("نام", "name"), ("کار", "action")):
        table.add_column(fa if lang == "fa" else en)
    actions = {"create": "تازه", "update": "به‌روزرسانی", "unchanged": "بی‌تغییر", "error": "خطا"}
    for row in report.rows:
        action = actions[row.action] if lang == "fa" else row.action
        table.add_row(digits(row.row), digits(row.card_number), row.name_fa, action)
    console.print(table)
    for p in report.problems:
        text = p.message_fa if lang == "fa" else p.message_en
        console.print(f"[{p.code}] {p.file}:{digits(p.row)} {p.column}: {text}", markup=False)
    console.print(_say(lang, "planned", file=report.file, **report.counts))
    if report.dry_run:
        console.print(_say(lang, "dry_run"))
    elif report.committed:
        console.print(_say(lang, "committed"))


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no user name in this environment
        return ""
