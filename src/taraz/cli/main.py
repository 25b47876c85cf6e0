"""The `taraz` command: thin commands that parse, call one function of taraz and render.

Heavy libraries are imported inside the commands, so `taraz --help` answers at once.
Exit codes: 0 success, 1 a data problem (a rejected file, a revision held for confirmation, a
busy warehouse), 2 a usage error.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from taraz.cli import failures
from taraz.cli.options import moment_option, period_option
from taraz.errors import TarazError


@dataclass
class Settings:
    warehouse: Path | None
    lang: str
    wait: float = 30.0

    def open(self, read_only: bool = False, wait: float | None = None):
        from taraz.warehouse import Warehouse

        return Warehouse.open(
            self.warehouse, read_only=read_only, wait=self.wait if wait is None else wait
        )


class TarazGroup(click.Group):
    """Ends every failure with the catalogue's code, in the chosen language, and its exit code:
    a TarazError raised by a command, one of click's usage errors, an interruption, or (as
    `cli.internal`) anything else. Never a traceback."""

    def main(self, args=None, prog_name=None, complete_var=None, **extra):
        argv = list(sys.argv[1:] if args is None else args)
        try:
            code = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except TarazError as exc:
            code = self._fail(exc, argv)
        except click.ClickException as exc:
            code = self._fail(failures.from_click(exc, argv), argv)
        except (click.Abort, KeyboardInterrupt):
            code = self._fail(TarazError("cli.interrupted"), argv)
        except SystemExit:
            raise
        except Exception as exc:
            code = self._fail(failures.internal(exc), argv)
        sys.exit(code if isinstance(code, int) else 0)

    @staticmethod
    def _fail(exc: TarazError, argv: list[str]) -> int:
        return failures.report(exc, failures.language(argv), failures.wants_json(argv))


def _json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, default=str))


@click.group(cls=TarazGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--warehouse",
    type=click.Path(path_type=Path),
    envvar="TARAZ_WAREHOUSE",
    help="Warehouse file (default: $TARAZ_WAREHOUSE or ~/.local/share/taraz/warehouse.duckdb).",
)
@click.option(
    "--lang",
    type=click.Choice(["fa", "en"]),
    default="fa",
    envvar="TARAZ_LANG",
    show_default=True,
    help="Language of human output / زبان خروجی.",
)
@click.option(
    "--wait",
    type=click.FloatRange(0, 3600),
    default=30.0,
    envvar="TARAZ_WAIT",
    show_default=True,
    help="Seconds to wait while another process writes the warehouse.",
)
@click.version_option(package_name="taraz")
@click.pass_context
def cli(ctx: click.Context, warehouse: Path | None, lang: str, wait: float) -> None:
    """taraz (تراز): a province's foreign trade, from customs declarations to official figures."""
    ctx.obj = Settings(warehouse, lang, wait)


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--flow",
    type=click.Choice(["X", "M"], case_sensitive=False),
    help="X (exports) or M (imports) for files that do not say.",
)
@click.option("--province", help="Province (code or name) for files that name none.")
@click.option(
    "--period",
    callback=period_option,
    help="The period the file covers, e.g. 1404-03; checks dates and bounds what a revision replaces.",
)
@click.option("--source", help="The series a revised file replaces within (default: the layout).")
@click.option(
    "--mapping",
    type=click.Path(path_type=Path),
    help="TOML mapping file for any other layout.",
)
@click.option("--sheet", help="Excel sheet name (default: the first with a known header).")
@click.option(
    "--one-batch", is_flag=True, help="Land all files as one batch (default: one batch per file)."
)
@click.option(
    "--confirm-revision",
    is_flag=True,
    help="Land a revision even when it takes away most of a month's value or lines "
    "(otherwise such a batch is held and nothing changes).",
)
@click.option(
    "--isolate",
    is_flag=True,
    help="Read each file in a child process limited by TARAZ_READER_MEMORY_MB and "
    "TARAZ_READER_SECONDS (the data desk always does).",
)
@click.option(
    "--wait",
    type=click.FloatRange(0, 3600),
    default=None,
    help="Seconds to wait for another writer (default: the group's --wait).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per batch.")
@click.pass_obj
def import_cmd(
    settings: Settings,
    files,
    flow,
    province,
    period,
    source,
    mapping,
    sheet,
    one_batch,
    confirm_revision,
    isolate,
    wait,
    as_json,
):
    """Import customs declaration files into the warehouse / بارگذاری فایل‌های گمرکی."""
    from taraz.cli.render import ImportProgress, render_batch
    from taraz.errors import entry
    from taraz.ingest import ImportOptions, import_files, load_mapping

    options = ImportOptions(
        flow=flow.upper() if flow else None,
        province=province,
        period=period,
        source=source,
        mapping=load_mapping(mapping) if mapping else None,
        sheet=sheet,
        confirm_revision=confirm_revision,
        isolate=isolate,
    )
    groups = [list(files)] if one_batch else [[f] for f in files]
    worst = 0
    with (
        settings.open(wait=wait) as wh,
        ImportProgress(settings.lang, len(groups), quiet=as_json) as progress,
    ):
        for group in groups:
            report = import_files(wh, group, options, progress.step_for(group))
            progress.advance()
            if as_json:
                _json(report.to_dict())
            else:
                progress.print(render_batch(report, settings.lang))
            if report.status == "rejected":  # the exit code of the error's kind
                worst = max(worst, entry(report.error["code"]).exit_code if report.error else 1)
            elif report.status == "held":
                worst = max(worst, 1)
    sys.exit(worst)


@cli.command("batches")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def batches_cmd(settings: Settings, as_json: bool):
    """List import batches / فهرست دسته‌های بارگذاری."""
    from taraz.cli.render import render_batches
    from taraz.warehouse.batches import list_batches

    with settings.open(read_only=True) as wh:
        rows = list_batches(wh)
    if as_json:
        for row in rows:
            _json(row)
    else:
        render_batches(rows, settings.lang)


@cli.command("revert")
@click.argument("batch_id")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def revert_cmd(settings: Settings, batch_id: str, as_json: bool):
    """Revert a batch: its lines leave the figures / برگرداندن یک دسته."""
    from taraz.cli.render import render_revert
    from taraz.warehouse.batches import revert_batch

    with settings.open() as wh:
        result = revert_batch(wh, batch_id)
    if as_json:
        _json(result)
    else:
        click.echo(render_revert(result, settings.lang))


@cli.command("quarantine")
@click.option("--batch", "batch_id", help="Only this batch.")
@click.option(
    "--export",
    "target",
    type=click.Path(path_type=Path),
    help="Write the rows to FILE.xlsx or FILE.csv.",
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def quarantine_cmd(settings: Settings, batch_id, target, as_json):
    """List (or export) rows that could not be loaded / ردیف‌های قرنطینه‌شده."""
    from taraz.cli.paths import output_file
    from taraz.cli.render import render_quarantine
    from taraz.ingest.quarantine import export_quarantine, quarantined_rows

    if target:
        target = output_file(target)
    with settings.open(read_only=True) as wh:
        rows = quarantined_rows(wh, batch_id)
    if target:
        export_quarantine(rows, target)
    if as_json:
        for row in rows:
            _json(row)
    elif target:
        from taraz.cli.render import say

        click.echo(say(settings.lang, "exported", n=len(rows), path=target))
    else:
        render_quarantine(rows, settings.lang)


@cli.command("summary")
@click.option(
    "--as-of",
    "as_of",
    callback=moment_option,
    help="As the warehouse stood then: 1404-05-01, 2025-07-23 or an ISO date-time.",
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def summary_cmd(settings: Settings, as_of, as_json: bool):
    """What the warehouse holds, by Jalali year, flow and province / خلاصه انبار داده."""
    from taraz.cli.render import render_summary
    from taraz.stats import open_engine, warehouse_summary

    with settings.open(read_only=True) as wh, open_engine(wh) as engine:
        summary = {"warehouse": str(wh.path), **warehouse_summary(engine, as_of=as_of)}
    if as_json:
        _json(summary)
    else:
        render_summary(summary, settings.lang)


@cli.command("sample")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", type=int, default=1404, show_default=True)
@click.option(
    "--scale", type=float, default=1.0, show_default=True, help="Multiply the number of lines."
)
@click.pass_obj
def sample_cmd(settings: Settings, out_dir: Path, seed: int, scale: float):
    """Write the synthetic sample files (Persian Excel and canonical) / ساخت داده نمونه."""
    from taraz.cli.render import say
    from taraz.sample import write_sample

    files = write_sample(out_dir, seed=seed, scale=scale)
    click.echo(say(settings.lang, "sample_written", n=len(files), path=out_dir))


@cli.command("demo")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("taraz-demo"),
    show_default=True,
)
@click.pass_obj
def demo_cmd(settings: Settings, out_dir: Path):
    """Build the sample warehouse through the real import path and show its summary."""
    from taraz.cli.demo import run_demo

    run_demo(settings, out_dir)


@cli.command("import-sizes")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One object: the load, or the problems.")
@click.pass_obj
def import_sizes_cmd(settings: Settings, file: Path, as_json: bool):
    """Load the firms' declared size classes (the registry's file) / بارگذاری ردهٔ اندازهٔ بنگاه‌ها.

    The file replaces every class loaded before; a file with any problem loads nothing and
    each problem is named with its row, column and value (docs/sizes.md)."""
    from taraz.cli.render import say
    from taraz.ingest.sizes import SizesRejectedError, load_sizes

    try:
        with settings.open() as wh:
            report = load_sizes(wh, file)
    except SizesRejectedError as exc:
        if not as_json:  # each problem, then the rejection (the group's one error line)
            for problem in exc.report.problems:
                click.echo(problem.message(settings.lang), err=True)
        raise
    if as_json:
        _json(report.to_dict())
    else:
        data = report.to_dict()
        click.echo(
            say(
                settings.lang, "sizes_loaded", file=file, rows=data["rows"], traders=data["traders"]
            )
        )


def _register_extensions() -> None:
    from taraz.cli.audit import audit
    from taraz.cli.certificate import register as register_certificate
    from taraz.cli.exporters import exporters
    from taraz.cli.keys import register as register_keys
    from taraz.cli.report import register as register_report
    from taraz.cli.serve import serve
    from taraz.cli.workdays import register as register_workdays

    register_report(cli)
    register_workdays(cli)
    register_keys(cli)
    register_certificate(cli)
    cli.add_command(serve)
    cli.add_command(audit)
    cli.add_command(exporters)


_register_extensions()


def main() -> None:
    cli(prog_name="taraz")


if __name__ == "__main__":  # pragma: no cover
    main()
