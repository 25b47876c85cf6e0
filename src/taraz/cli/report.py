"""`taraz report`: the bulletin of a province (or the whole country) for a period, in Persian or
English, as text, Markdown, HTML, PDF, XLSX or JSON.

Register it on the group with `register(cli)` (or `cli.add_command(report_cmd)`). The demo
calls `publish_demo` to print the Yazd 1404-H1 bulletin and write its PDF and XLSX.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import click

from taraz.cli.options import moment_option, period_option, province_option
from taraz.cli.paths import output_file, write_bytes, write_text

FORMATS = ("text", "md", "html", "pdf", "xlsx", "json")  # = taraz.publish.documents.FORMATS
BINARY = ("pdf", "xlsx")
SUFFIXES = {"txt": "text", "markdown": "md", "htm": "html"}


@click.command("report")
@click.option(
    "--province",
    callback=province_option,
    help="Province: Persian or English name or ISO code (yazd, یزد, IR-21); omit for the whole country.",
)
@click.option(
    "--period",
    required=True,
    callback=period_option,
    help="Period, e.g. 1404-H1, 1404-Q2, 1404-03, 1404.",
)
@click.option(
    "--lang",
    type=click.Choice(["fa", "en"]),
    default=None,
    help="Language of the bulletin (default: the group's --lang).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="text (default), md, html, pdf, xlsx or json; from the suffix of --out when not given.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="Write to FILE (pdf and xlsx default to a file named after the province and period).",
)
@click.option(
    "--basis",
    type=click.Choice(["origin", "customs"]),
    default="origin",
    show_default=True,
    help="Attribute lines by the province of origin or of the clearing customs office.",
)
@click.option(
    "--as-of",
    "as_of",
    callback=moment_option,
    help="The warehouse as it stood at the end of this day (1404-07-01 or 2025-09-23).",
)
@click.option("--top", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option(
    "--parquet",
    help="Read a Parquet export (taraz export-parquet) instead of the warehouse: a folder or a URI.",
)
@click.option(
    "--spark",
    metavar="MASTER",
    help="Compute on Apache Spark: local[2], spark://host:7077, yarn ... (needs --parquet).",
)
@click.pass_obj
def report_cmd(settings, province, period, lang, fmt, out, basis, as_of, top, parquet, spark):
    """The trade bulletin of a province for a period / گزارش تجارت خارجی استان."""
    lang = lang or getattr(settings, "lang", "fa")
    fmt = fmt or format_of(out)
    if out is not None:
        out = output_file(out)  # before the figures are computed
    if spark and not parquet:
        from taraz.errors import UsageError

        raise UsageError("stats.spark-needs-parquet", backend="spark")
    figures = report_figures(
        settings, province, period, basis, as_of, top, parquet=parquet, spark=spark
    )
    emit(figures, fmt, lang, out)


def format_of(out: Path | None) -> str:
    """The format a file name asks for (`yazd.pdf` -> pdf, `.txt` -> text), else text."""
    suffix = out.suffix.lower().lstrip(".") if out is not None else ""
    suffix = SUFFIXES.get(suffix, suffix)
    return suffix if suffix in FORMATS else "text"


def report_figures(
    settings,
    province,
    period,
    basis="origin",
    as_of=None,
    top=10,
    wh=None,
    parquet=None,
    spark=None,
):
    """Every figure of the bulletin from the warehouse (`wh`, an open Warehouse, or the one the
    settings name, read-only), or from a Parquet export (`parquet`), on Spark when `spark`
    names a master (`local[2]`, `spark://host:7077`)."""
    from taraz.errors import TarazError

    if parquet and "://" not in parquet and not Path(parquet).expanduser().is_dir():
        raise TarazError("stats.not-an-export", path=parquet)
    if wh is None and not parquet and hasattr(settings, "open"):
        with settings.open(read_only=True) as opened:  # waits, or says who holds the file
            return report_figures(settings, province, period, basis, as_of, top, wh=opened)
    from taraz.stats import Query, bulletin_figures, open_engine  # after the cheap checks

    query = Query(province=province, period=period, basis=basis, as_of=as_of)
    source = wh if wh is not None else (parquet or getattr(settings, "warehouse", None))
    if spark:
        from pyspark.sql import SparkSession

        session = (
            SparkSession.builder.master(spark)
            .appName("taraz")
            .config("spark.sql.session.timeZone", "UTC")  # dates as stored, as on DuckDB
            .getOrCreate()
        )
        with open_engine(source, backend="spark", spark=session) as engine:
            return bulletin_figures(engine, query, top=top)
    with open_engine(source) as engine:
        return bulletin_figures(engine, query, top=top)


def emit(figures: dict[str, Any], fmt: str, lang: str, out: Path | None) -> Path | None:
    """Print the bulletin, or write it to `out` (pdf/xlsx: to a default file when no `out`)."""
    from taraz.publish.documents import default_filename, render_document

    if fmt == "json":
        content: str | bytes = json_output(figures)
    else:
        content = render_document(figures, fmt, lang)
    if out is None and fmt not in BINARY:
        click.echo(content, nl=not str(content).endswith("\n"))
        return None
    path = output_file(
        Path(out) if out is not None else Path.cwd() / default_filename(figures, fmt, lang)
    )
    if isinstance(content, bytes):
        write_bytes(path, content)
    else:
        write_text(path, content)
    click.echo(f"گزارش در «{path}» نوشته شد." if lang == "fa" else f"Bulletin written to {path}")
    return path


def json_output(figures: dict[str, Any]) -> str:
    """The figures as they are, and when they were computed."""
    from taraz.publish.documents import figures_json

    generated = {"generated_at": datetime.now().astimezone().isoformat(timespec="seconds")}
    return figures_json({**figures, **generated})


def publish_demo(settings, out_dir: Path, wh=None) -> dict[str, Path]:
    """For `taraz demo`: print the Yazd 1404-H1 bulletin and write its PDF and XLSX to
    `out_dir`; returns the files written. Pass `wh` while the demo still holds the writer."""
    from taraz.calendar import parse_period
    from taraz.publish.documents import default_filename, render_document

    lang = getattr(settings, "lang", "fa")
    figures = report_figures(settings, "IR-21", parse_period("1404-H1"), wh=wh)
    click.echo("")
    click.echo(render_document(figures, "text", lang), nl=False)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for fmt in BINARY:
        path = out_dir / default_filename(figures, fmt, lang)
        path.write_bytes(render_document(figures, fmt, lang))
        written[fmt] = path
    names = "، ".join(str(p) for p in written.values())
    click.echo(
        f"\nبولتن PDF و XLSX در «{out_dir}» نوشته شد: {names}"
        if lang == "fa"
        else f"\nPDF and XLSX bulletins written to {out_dir}: "
        + ", ".join(str(p) for p in written.values())
    )
    return written


@click.command("export-parquet")
@click.argument("out_dir")
@click.option("--overwrite", is_flag=True, help="Replace an earlier export in OUT_DIR.")
@click.pass_obj
def export_parquet_cmd(settings, out_dir, overwrite):
    """Write the warehouse as a Parquet dataset, for Spark / برون‌بری Parquet برای Spark."""
    import json

    from taraz.stats import export_parquet

    written = export_parquet(getattr(settings, "warehouse", None), out_dir, overwrite=overwrite)
    click.echo(json.dumps(written, ensure_ascii=False, default=str, indent=2))


def register(cli: click.Group) -> None:
    """Add `report` and `export-parquet` to the `taraz` group."""
    cli.add_command(report_cmd)
    cli.add_command(export_parquet_cmd)


__all__ = ["json_output", "publish_demo", "register", "report_cmd"]
