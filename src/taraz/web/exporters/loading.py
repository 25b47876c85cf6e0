"""Bulk load of active commercial cards from a CSV or XLSX file, all or nothing.

The file is read within a budget by the ingest readers (format by content; python-calamine for
XLSX; CSV in UTF-8, UTF-8 with BOM or Windows-1256), its header found among the first rows in
English or Persian (`card_number` or «شماره کارت بازرگانی», ...). Every row is checked; each
problem is reported with its file, row (as a person sees it), column, value and catalogue code.
A dry run commits nothing; a real run commits every row or, if any row has a problem, none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from taraz.calendar import parse_day
from taraz.errors import TarazError
from taraz.ingest import ReadBudget
from taraz.ingest.sources import header_key, read_source
from taraz.web.audit import services as audit_trail
from taraz.web.exporters.identifiers import card_province, clean_card_number, clean_national_id
from taraz.web.exporters.models import Exporter

# a registry file is small: these bound what one load reads (ingest's readers enforce them)
BUDGET = ReadBudget(
    max_bytes=8 * 1024 * 1024,
    max_rows=200_000,
    max_columns=60,
    max_cells=2_000_000,
    max_cell_chars=1_000,
)
COLUMNS: dict[str, tuple[str, ...]] = {
    "card_number": (
        "card_number",
        "trader_id",
        "شماره کارت بازرگانی",
        "کارت بازرگانی",
        "شماره کارت",
    ),
    "name_fa": ("name_fa", "نام", "نام شرکت", "نام فارسی", "نام بنگاه"),
    "name_en": ("name_en", "نام انگلیسی", "english name"),
    "national_id": ("national_id", "شناسه ملی", "شناسه ملی شرکت"),
    "card_expires": (
        "card_expires",
        "تاریخ اعتبار",
        "پایان اعتبار کارت",
        "تاریخ انقضا",
        "اعتبار کارت",
    ),
    "city": ("city", "شهر"),
}
REQUIRED = ("card_number", "name_fa")
KEYS = {header_key(alias): name for name, aliases in COLUMNS.items() for alias in aliases}


@dataclass
class RowProblem:
    file: str
    row: int
    column: str
    value: str
    code: str
    message_fa: str
    message_en: str

    def to_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass
class PlannedRow:
    row: int
    card_number: str
    name_fa: str
    action: str  # create, update, unchanged, error
    changes: dict[str, list[Any]] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class LoadReport:
    file: str
    dry_run: bool
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    committed: bool = False

    @property
    def counts(self) -> dict[str, int]:
        out = {"create": 0, "update": 0, "unchanged": 0, "error": 0}
        for r in self.rows:
            out[r.action] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "dry_run": self.dry_run,
            "committed": self.committed,
            "counts": self.counts,
            "rows": [
                {
                    "row": r.row,
                    "card_number": r.card_number,
                    "name_fa": r.name_fa,
                    "action": r.action,
                    "changes": r.changes,
                }
                for r in self.rows
            ],
            "problems": [p.to_dict() for p in self.problems],
        }


def _is_header(keys) -> bool:
    named = {KEYS.get(k) for k in keys}
    return all(c in named for c in REQUIRED)


def read_rows(path: Path) -> tuple[str, list[tuple[int, dict[str, str | None]]]]:
    """(file name, [(row number, {column: text})]) of a registry file, or the reader's error."""
    table = read_source(Path(path), _is_header, budget=BUDGET)
    names = {i: KEYS.get(header_key(h)) for i, h in enumerate(table.headers)}
    missing = [c for c in REQUIRED if c not in names.values()]
    if missing or table.arrow is None:
        raise TarazError(
            "exporters.load-header",
            file=Path(path).name,
            missing=", ".join(missing) or "-",
            columns=", ".join(COLUMNS),
        )
    data = table.arrow.to_pydict()
    rows = []
    for i, number in enumerate(data["_row"]):
        if data.get("_fault") and data["_fault"][i]:
            rows.append(
                (number, {"_fault": data["_fault"][i], "_fault_value": data["_fault_value"][i]})
            )
            continue
        values: dict[str, str | None] = {}
        for index, name in names.items():
            if name and f"c{index}" in data:
                values[name] = data[f"c{index}"][i]
        rows.append((number, values))
    return Path(path).name, rows


def plan(path: Path, *, today=None) -> LoadReport:
    """Check every row and say what loading would do, changing nothing."""
    name, rows = read_rows(path)
    report = LoadReport(file=name, dry_run=True)
    today = today or timezone.localdate()
    seen_cards: dict[str, int] = {}
    seen_ids: dict[str, int] = {}
    existing = {e.card_number: e for e in Exporter.objects.all()}
    ids_in_use = {e.national_id: e.card_number for e in existing.values() if e.national_id}
    for number, values in rows:
        before = len(report.problems)

        def problem(column: str, value: object, exc: TarazError, number: int = number) -> None:
            report.problems.append(
                RowProblem(
                    name,
                    number,
                    column,
                    "" if value is None else str(value),
                    exc.code,
                    exc.message("fa"),
                    exc.message("en"),
                )
            )

        if "_fault" in values:
            problem(
                "", values.get("_fault_value"), TarazError(values["_fault"], file=name, row=number)
            )
            report.rows.append(PlannedRow(number, "", "", "error"))
            continue
        card = ""
        try:
            card = clean_card_number(values.get("card_number") or "")
        except TarazError as exc:
            problem("card_number", values.get("card_number"), exc)
        if card and card in seen_cards:
            problem(
                "card_number",
                values.get("card_number"),
                TarazError(
                    "exporters.load-duplicate", file=name, row=number, first=seen_cards[card]
                ),
            )
        elif card:
            seen_cards[card] = number
        name_fa = (values.get("name_fa") or "").strip()
        if not name_fa:
            problem("name_fa", "", TarazError("form.required", field="name_fa"))
        nid = ""
        if values.get("national_id"):
            try:
                nid = clean_national_id(values["national_id"])
            except TarazError as exc:
                problem("national_id", values["national_id"], exc)
        if nid:
            holder = ids_in_use.get(nid)
            if (holder and holder != card) or (nid in seen_ids):
                problem(
                    "national_id",
                    values["national_id"],
                    TarazError("exporters.national-id-exists", national_id=nid),
                )
            seen_ids[nid] = number
        expires = None
        if values.get("card_expires"):
            try:
                expires = parse_day(values["card_expires"])
            except TarazError as exc:
                problem("card_expires", values["card_expires"], exc)
            else:
                if expires < today:
                    problem(
                        "card_expires",
                        values["card_expires"],
                        TarazError("exporters.card-expired", expires=expires),
                    )
        fields = {
            "name_fa": name_fa,
            "name_en": (values.get("name_en") or "").strip(),
            "city": (values.get("city") or "").strip(),
        }
        if nid:
            fields["national_id"] = nid
        if expires:
            fields["card_expires"] = expires
        if len(report.problems) > before:
            report.rows.append(PlannedRow(number, card, name_fa, "error"))
            continue
        found = existing.get(card)
        if found is None:
            report.rows.append(PlannedRow(number, card, name_fa, "create", values=fields))
            continue
        changes = {
            k: [getattr(found, k), v]
            for k, v in fields.items()
            if v not in ("", None) and getattr(found, k) != v
        }
        report.rows.append(
            PlannedRow(number, card, name_fa, "update" if changes else "unchanged", changes, fields)
        )
    return report


def load(path: Path, *, dry_run: bool = False, today=None) -> LoadReport:
    """Plan the load; unless it is a dry run or a row has a problem, commit it in one
    transaction (the actor is the audit's actor of the moment: `audit.services.acting`)."""
    report = plan(path, today=today)
    report.dry_run = dry_run
    if dry_run or report.problems:
        return report
    with transaction.atomic():
        for row in report.rows:
            if row.action == "create":
                exporter = Exporter.objects.create(
                    card_number=row.card_number,
                    province=card_province(row.card_number),
                    **row.values,
                )
                audit_trail.record_as_actor(
                    audit_trail.Action.EXPORTER_CREATE,
                    subject=exporter.subject,
                    file=report.file,
                    row=row.row,
                    card_number=row.card_number,
                )
            elif row.action == "update":
                exporter = Exporter.objects.select_for_update().get(card_number=row.card_number)
                for k, (_, v) in row.changes.items():
                    setattr(exporter, k, v)
                exporter.save()
                audit_trail.record_as_actor(
                    audit_trail.Action.EXPORTER_CHANGE,
                    subject=exporter.subject,
                    file=report.file,
                    row=row.row,
                    **row.changes,
                )
        audit_trail.record_as_actor(
            audit_trail.Action.EXPORTER_LOAD, subject=f"file:{report.file}"[:64], **report.counts
        )
    report.committed = True
    return report
