"""Human output of the CLI in Persian (Persian digits) or English, with rich."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from taraz.errors import message
from taraz.fa import format_number, to_persian_digits
from taraz.reference import Flow

MESSAGES: dict[str, tuple[str, str]] = {
    "loaded": ("دسته {batch_id} بارگذاری شد: {files}", "Batch {batch_id} loaded: {files}"),
    "duplicate": ("تکراری: {files}", "Duplicate: {files}"),
    "rejected": ("رد شد: {files}", "Rejected: {files}"),
    "counts": (
        "خوانده {read}، بارگذاری {loaded}، قرنطینه {quarantined}، تکراری {duplicate} (جداشده: {skipped} سطر خالی یا جمع)",
        "read {read}, loaded {loaded}, quarantined {quarantined}, duplicate {duplicate} (set aside: {skipped} blank or totals rows)",
    ),
    "totals": (
        "ارزش {value} دلار، وزن {weight} کیلوگرم؛ از {d0} تا {d1}؛ کدها تا {hs} رقم",
        "value {value} USD, weight {weight} kg; {d0} to {d1}; HS codes at {hs} digits",
    ),
    "replaces": (
        "جایگزین {batch_id} برای {flow}/{province} از {d0} تا {d1}",
        "replaces {batch_id} for {flow}/{province} {d0} to {d1}",
    ),
    "quarantine_head": ("قرنطینه ({n} ردیف):", "Quarantine ({n} rows):"),
    "warnings_head": ("هشدارهای درستی‌سنجی ({n}):", "Plausibility warnings ({n}):"),
    "see_quarantine": (
        "ردیف‌های قرنطینه: taraz quarantine --batch {batch_id} --export quarantine.xlsx",
        "Quarantined rows: taraz quarantine --batch {batch_id} --export quarantine.xlsx",
    ),
    "reverted": (
        "دسته {batch_id} برگردانده شد ({who})؛ داده‌های آن از آمار کنار رفت.",
        "Batch {batch_id} reverted ({who}); its lines no longer count.",
    ),
    "exported": ("{n} ردیف در «{path}» نوشته شد.", "{n} rows written to {path}."),
    "sample_written": (
        "{n} فایل نمونه (ساختگی) در «{path}» نوشته شد.",
        "{n} synthetic sample files written to {path}.",
    ),
    "sizes_loaded": (
        "ردهٔ اندازهٔ {traders} بنگاه در {rows} بازه از «{file}» بارگذاری شد و جای رده‌های پیشین را گرفت.",
        "{rows} spans of {traders} firms' size classes loaded from {file}, in place of those before.",
    ),
    "no_batches": ("هنوز دسته‌ای بارگذاری نشده است.", "No batches yet."),
    "no_quarantine": ("ردیف قرنطینه‌شده‌ای نیست.", "No quarantined rows."),
    "step_read": ("خواندن", "reading"),
    "step_normalise": ("یکدست‌سازی", "normalising"),
    "step_validate": ("اعتبارسنجی", "validating"),
    "step_write": ("نوشتن", "writing"),
    "importing": ("بارگذاری", "importing"),
    "audit_intact": (
        "زنجیرهٔ رویدادهای ممیزی سالم است: رویدادهای ۱ تا {seq}؛ هش آخرین رویداد: {hash}",
        "The audit trail is intact: events 1 to {seq}; the last one's hash: {hash}",
    ),
    "audit_empty": (
        "زنجیرهٔ رویدادهای ممیزی هنوز رویدادی ندارد.",
        "The audit trail holds no events yet.",
    ),
    "no_audit_events": ("هنوز رویدادی ثبت نشده است.", "No events yet."),
}


def say(lang: str, key: str, **kw: Any) -> str:
    fa, en = MESSAGES[key]
    if lang == "fa":
        kw = {k: to_persian_digits(str(v)) if isinstance(v, int) else v for k, v in kw.items()}
        return fa.format(**kw)
    return en.format(**kw)


def num(value: Any, lang: str, decimals: int = 0) -> str:
    if value is None:
        return "-"
    return format_number(Decimal(str(value)), lang=lang, decimals=decimals)


def _console() -> Console:
    return Console(highlight=False, soft_wrap=True)


class ImportProgress:
    """A rich progress bar over the batches of one `taraz import` (quiet for --json)."""

    def __init__(self, lang: str, total: int, quiet: bool = False) -> None:
        self.lang = lang
        self.quiet = quiet
        self.console = Console(stderr=True, highlight=False)
        self.out = _console()
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
            disable=quiet,
        )
        self.total = total

    def __enter__(self) -> ImportProgress:
        self.progress.__enter__()
        self.task = self.progress.add_task(say(self.lang, "importing"), total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)

    def step_for(self, files):
        names = ", ".join(p.name for p in files)

        def step(name: str) -> None:
            self.progress.update(
                self.task, description=f"{say(self.lang, 'step_' + name)}: {names}"
            )

        return step

    def advance(self) -> None:
        self.progress.advance(self.task)

    def print(self, text: str) -> None:
        if not self.quiet:  # codes are written `[source.empty]`: text, not rich markup
            self.out.print(text, markup=False)


def render_batch(report, lang: str) -> str:
    files = ", ".join(report.files)
    if report.status == "held":
        return _render_held(report, lang, files)
    lines = [say(lang, report.status, batch_id=report.batch_id or "", files=files)]
    if report.status == "rejected":
        code = f"[{report.error['code']}] " if report.error else ""
        lines.append("  " + code + (report.message_fa if lang == "fa" else report.message_en))
        return "\n".join(lines)
    if report.status == "duplicate":
        lines.append("  " + (report.message_fa if lang == "fa" else report.message_en))
        return "\n".join(lines)
    lines.append(
        "  "
        + say(
            lang,
            "counts",
            read=num(report.rows_read, lang),
            loaded=num(report.rows_loaded, lang),
            quarantined=num(report.rows_quarantined, lang),
            duplicate=num(report.rows_duplicate, lang),
            skipped=num(report.rows_skipped, lang),
        )
    )
    if report.rows_loaded:
        lines.append(
            "  "
            + say(
                lang,
                "totals",
                value=num(report.value_usd, lang, 2),
                weight=num(report.weight_kg, lang),
                d0=_date(report.date_min, lang),
                d1=_date(report.date_max, lang),
                hs=num(report.hs_digits, lang),
            )
        )
    for r in report.replaces:
        lines.append(
            "  "
            + say(
                lang,
                "replaces",
                batch_id=r["batch_id"],
                flow=r["flow"],
                province=r["province"],
                d0=_date(r["date_from"], lang),
                d1=_date(r["date_to"], lang),
            )
        )
    for head, items in (("quarantine_head", report.quarantine), ("warnings_head", report.findings)):
        if not items:
            continue
        lines.append("  " + say(lang, head, n=num(sum(i.count for i in items), lang)))
        for item in items:
            msg = item.message_fa if lang == "fa" else item.message_en
            ex = item.examples[0] if item.examples else None
            where = ""
            if ex and ex.get("row") is not None:
                where = (
                    f" — {ex['file']}، سطر {num(ex['row'], lang)}، «{ex['column']}»: {ex['value']}"
                    if lang == "fa"
                    else f" — {ex['file']} row {ex['row']}, {ex['column']!r}: {ex['value']}"
                )
            elif ex and ex.get("value"):
                where = f" — {ex['value']}"
            lines.append(f"    {num(item.count, lang)} × {msg} [{item.code}]{where}")
    if report.rows_quarantined:
        lines.append("  " + say(lang, "see_quarantine", batch_id=report.batch_id))
    return "\n".join(lines)


def _render_held(report, lang: str, files: str) -> str:
    """A revision held for confirmation: why, and each cell before and after."""
    lines = [message("ingest.held", lang, files=files)]
    text = report.message_fa if lang == "fa" else report.message_en
    lines.append(f"  {text} [{report.error['code']}]")
    lines.extend(
        "    " + (c["message_fa"] if lang == "fa" else c["message_en"]) for c in report.held
    )
    return "\n".join(lines)


def _date(text: str | None, lang: str) -> str:
    if not text:
        return "-"
    from datetime import date

    from taraz.calendar import gregorian_to_jalali

    d = date.fromisoformat(str(text)[:10])
    jy, jm, jd = gregorian_to_jalali(d)
    jal = f"{jy:04d}/{jm:02d}/{jd:02d}"
    return to_persian_digits(jal) if lang == "fa" else f"{jal} ({d.isoformat()})"


def render_audit_events(rows: list[dict[str, Any]], lang: str) -> None:
    """The audit trail's events (`at` in local time), one row each, oldest first."""
    console = _console()
    if not rows:
        console.print(say(lang, "no_audit_events"))
        return
    fa = lang == "fa"
    heads = (
        ["شماره", "زمان", "کاربر", "کار", "نتیجه", "موضوع", "نشانی"]
        if fa
        else ["seq", "at", "user", "action", "outcome", "subject", "address"]
    )
    table = Table(*heads)
    for r in rows:
        at = r["at"]
        when = (
            f"{_date(at.date().isoformat(), lang)} {at:%H:%M:%S}"
            if fa
            else f"{at:%Y-%m-%d %H:%M:%S}"
        )
        table.add_row(
            num(r["seq"], lang),
            to_persian_digits(when) if fa else when,
            r["username"],
            r["action"],
            r["outcome"],
            r["subject"],
            r["ip"] or "",
        )
    console.print(table)


def render_batches(rows: list[dict[str, Any]], lang: str) -> None:
    console = _console()
    if not rows:
        console.print(say(lang, "no_batches"))
        return
    fa = lang == "fa"
    heads = (
        [
            "دسته",
            "وضعیت",
            "منبع",
            "فایل‌ها",
            "بارگذاری",
            "خوانده",
            "بارگذاری‌شده",
            "قرنطینه",
            "تکراری",
            "هشدار",
            "ارزش (دلار)",
        ]
        if fa
        else [
            "batch",
            "status",
            "source",
            "files",
            "loaded at",
            "read",
            "loaded",
            "quarantined",
            "duplicate",
            "warnings",
            "value (USD)",
        ]
    )
    table = Table(*heads)
    for r in rows:
        status = {"active": "فعال", "reverted": "برگردانده"}[r["status"]] if fa else r["status"]
        table.add_row(
            r["batch_id"],
            status,
            r["source"],
            ", ".join(r["files"]),
            _date(str(r["loaded_at"]), lang),
            num(r["rows_read"], lang),
            num(r["rows_loaded"], lang),
            num(r["rows_quarantined"], lang),
            num(r["rows_duplicate"], lang),
            num(r["warnings"], lang),
            num(r["value_usd"], lang),
        )
    console.print(table)


def render_revert(result: dict[str, Any], lang: str) -> str:
    return say(lang, "reverted", batch_id=result["batch_id"], who=result["reverted_by"])


def render_quarantine(rows: list[dict[str, Any]], lang: str) -> None:
    console = _console()
    if not rows:
        console.print(say(lang, "no_quarantine"))
        return
    fa = lang == "fa"
    heads = (
        ["دسته", "فایل", "سطر", "ستون", "مقدار", "علت"]
        if fa
        else ["batch", "file", "row", "column", "value", "reason"]
    )
    table = Table(*heads)
    for r in rows:
        table.add_row(
            r["batch_id"],
            r["file_name"],
            num(r["row_no"], lang),
            r["column_name"] or "",
            r["value"] or "",
            (r["reason_fa"] if fa else r["reason_en"]) + f" [{r['code']}]",
        )
    console.print(table)


def render_summary(summary: dict[str, Any], lang: str) -> None:
    console = _console()
    fa = lang == "fa"
    table = Table(
        *(
            ["سال", "جهت", "ردیف", "ارزش (میلیون دلار)", "وزن (هزار تن)"]
            if fa
            else ["Jalali year", "flow", "lines", "value (million USD)", "weight (thousand t)"]
        ),
        title=("انبار داده: " if fa else "Warehouse: ") + summary["warehouse"],
    )
    for r in summary["by_year"]:
        table.add_row(
            to_persian_digits(str(r["jalali_year"])) if fa else str(r["jalali_year"]),
            Flow(r["flow"]).label(lang),
            num(r["lines"], lang),
            num(Decimal(r["value_usd"] or 0) / Decimal(1_000_000), lang, 1),
            num(Decimal(r["weight_kg"] or 0) / Decimal(1_000_000), lang, 1),
        )
    console.print(table)
