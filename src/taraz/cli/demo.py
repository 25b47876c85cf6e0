"""`taraz demo`: the sample warehouse built through the real import path, then the Yazd
1404-H1 bulletin with its PDF and XLSX, then the services' demo world (synthetic firms, people
and cases, seeded through the services into the service database beside the warehouse) and
its sign-ins, then its quality certificates (DEMO keys), one's PDF and the offline verifier,
then its workshops. The e-mail its services send goes to files in `<out>/mail/` (unless
`TARAZ_EMAIL_BACKEND` says otherwise), not over the report."""

from __future__ import annotations

import os
from pathlib import Path

from rich.console import Console

from taraz.cli.render import ImportProgress, num, render_summary

MAIL_DIR = "mail"


def run_demo(settings, out_dir: Path) -> None:
    from taraz.ingest import ImportOptions, import_files
    from taraz.sample import write_sample
    from taraz.stats import open_engine, warehouse_summary

    console = Console(highlight=False)
    fa = settings.lang == "fa"
    sample_dir = out_dir / "sample"
    files = write_sample(sample_dir)
    console.print(
        f"داده نمونه ساختگی: {num(len(files), 'fa')} فایل در «{sample_dir}»"
        if fa
        else f"Synthetic sample data: {len(files)} files in {sample_dir}"
    )
    totals = {
        "loaded": 0,
        "duplicate": 0,
        "rejected": 0,
        "held": 0,
        "rows_loaded": 0,
        "rows_quarantined": 0,
        "warnings": 0,
    }
    with settings.open() as wh:
        with ImportProgress(settings.lang, len(files)) as progress:
            for path in files:
                report = import_files(wh, [path], ImportOptions(), progress.step_for([path]))
                progress.advance()
                totals[report.status] += 1
                totals["rows_loaded"] += report.rows_loaded
                totals["rows_quarantined"] += report.rows_quarantined
                totals["warnings"] += report.warnings
        lang = settings.lang
        console.print(
            f"دسته‌ها: {num(totals['loaded'], lang)} بارگذاری، {num(totals['duplicate'], lang)} تکراری، "
            f"{num(totals['rejected'], lang)} رد؛ {num(totals['rows_loaded'], lang)} ردیف بارگذاری شد، "
            f"{num(totals['rows_quarantined'], lang)} ردیف قرنطینه (taraz quarantine)، {num(totals['warnings'], lang)} هشدار."
            if fa
            else f"Batches: {totals['loaded']} loaded, {totals['duplicate']} duplicate, {totals['rejected']} rejected; "
            f"{totals['rows_loaded']:,} rows loaded, {totals['rows_quarantined']:,} quarantined (taraz quarantine), "
            f"{totals['warnings']:,} warnings."
        )
        with open_engine(wh) as engine:
            summary = {"warehouse": str(wh.path), **warehouse_summary(engine)}
        render_summary(summary, settings.lang)
        from taraz.cli.report import publish_demo

        publish_demo(settings, out_dir, wh=wh)
    seed_services(settings, console, out_dir)


def seed_services(settings, console: Console, out_dir: Path) -> None:
    """Set Django up as `taraz serve` does (the service database beside the warehouse,
    migrated), seed the demo's world (or keep it: new passwords) and print its sign-ins; then
    its certificates (signed by DEMO keys made in `out_dir`), one's PDF and the offline
    verifier, and print where they are; then its workshops (a past one, a coming one)."""
    from taraz.cli.serve import _prepare, _setup_django

    if not os.environ.get("TARAZ_EMAIL_BACKEND"):  # its messages to files, not over the report
        os.environ["TARAZ_EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
        os.environ["TARAZ_EMAIL_FILE_PATH"] = str((out_dir / MAIL_DIR).resolve())
    _prepare(settings.warehouse, production=False, host="127.0.0.1", threads=8)
    _setup_django(migrate=True)
    from taraz.web.cases import services as cases

    console.print()
    for line in cases.demo_sign_in_lines(cases.seed_demo(), settings.lang):
        console.print(line, markup=False, soft_wrap=True)  # an address is never cut
    from taraz.web.certificates import services as certificates

    made = certificates.seed_demo_certificates(out_dir, settings.lang)
    for line in certificates.demo_certificate_lines(made, settings.lang):
        console.print(line, markup=False, soft_wrap=True)
    from taraz.web.workshops import services as workshops

    for line in workshops.demo_workshop_lines(workshops.seed_demo_workshops(), settings.lang):
        console.print(line, markup=False, soft_wrap=True)
    from taraz.fa import isolate

    mail = out_dir / MAIL_DIR
    if os.environ.get("TARAZ_EMAIL_FILE_PATH") == str(mail.resolve()) and mail.is_dir():
        sent = len(list(mail.iterdir()))
        console.print(
            f"ایمیل‌هایی که خدمات نمایشی فرستادند ({num(sent, 'fa')} فایل): {isolate(str(mail))}"
            if settings.lang == "fa"
            else f"The e-mail the demo's services sent ({sent} files): {mail}",
            markup=False,
            soft_wrap=True,
        )
