"""The declared size classes file: each firm's size class over time, as the exporters registry
declared it (`taraz exporters export-sizes FILE` writes it), loaded into the warehouse's
`trader_sizes` by `taraz import-sizes FILE`. docs/sizes.md has the format:

    trader_id,size_class,valid_from,valid_to
    12100000101,sme,2024-03-20,2025-03-20
    12100000101,large,2025-03-21,

CSV in UTF-8 with this header (columns in any order, others ignored); `#` lines are comments.
`trader_id` is the commercial card number as the lines carry it (Persian digits are read);
`size_class` is `sme` or `large`, the lines' `trader_size` (the same words are read: `small`,
`medium`, «کوچک و متوسط», «بزرگ»...); `valid_from` and `valid_to` are days, Gregorian
(`2025-03-21`) or Jalali (`1404-01-01`), both inclusive, `valid_to` empty while in force. A
firm's spans may not overlap: on any day a firm has one class.

The file is checked whole: every problem is reported with its row, column and value, and
nothing is loaded unless there is none. A load replaces every declared class (the file is the
registry's whole history, not an addition to it).
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from taraz.calendar import DayError, parse_day
from taraz.errors import TarazError, UsageError
from taraz.fa import to_latin_digits
from taraz.ingest.values import read_trader_size

if TYPE_CHECKING:
    from taraz.warehouse import Warehouse

COLUMNS = ("trader_id", "size_class", "valid_from", "valid_to")
MAX_PROBLEMS = 1000  # a file wrong throughout is reported by its first problems


@dataclass(frozen=True, slots=True)
class SizeSpan:
    """One firm's size class from `valid_from` to `valid_to` (inclusive; None: still in force)."""

    trader_id: str
    size_class: str
    valid_from: date
    valid_to: date | None = None
    row: int = 0  # the line of the file it came from (0: not from a file)


@dataclass(frozen=True)
class SizesReport:
    """What a check or a load of a sizes file found: its spans, and its problems (each a
    TarazError with file, row, column and value)."""

    file: str
    sha256: str
    spans: tuple[SizeSpan, ...]
    problems: tuple[TarazError, ...]
    loaded: bool = False
    loaded_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "rows": len(self.spans),
            "traders": len({s.trader_id for s in self.spans}),
            "loaded": self.loaded,
            "loaded_at": None if self.loaded_at is None else self.loaded_at.isoformat(),
            "problems": [p.to_dict() for p in self.problems],
        }


class SizesRejectedError(TarazError):
    """A sizes file with problems: nothing was loaded; `report` has each problem."""

    def __init__(self, report: SizesReport) -> None:
        super().__init__(
            "ingest.sizes-rejected",
            file=report.file,
            n=len(report.problems),
            problems=[p.to_dict() for p in report.problems],
        )
        self.report = report


def read_sizes(path: str | Path) -> SizesReport:
    """Read and check the sizes file at `path`; raises only when it cannot be read as a CSV
    with the four columns (`ingest.sizes-not-found`, `-unreadable`, `-columns`)."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise UsageError("ingest.sizes-not-found", file=path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise TarazError("ingest.sizes-unreadable", file=path.name, detail=str(exc)) from exc
    try:
        rows = list(_rows(csv.reader(_uncommented(text.splitlines(keepends=True))), path.name))
    except csv.Error as exc:
        raise TarazError("ingest.sizes-unreadable", file=path.name, detail=str(exc)) from exc
    spans, problems = check_rows(rows, path.name)
    return SizesReport(path.name, hashlib.sha256(raw).hexdigest(), spans, problems)


def check_rows(
    rows: Iterable[tuple[int, dict[str, str]]], file: str
) -> tuple[tuple[SizeSpan, ...], tuple[TarazError, ...]]:
    """The spans of numbered rows (column -> text) and every problem found in them."""
    spans: list[SizeSpan] = []
    problems: list[TarazError] = []

    def bad(code: str, row: int, column: str, value: str, **more: Any) -> None:
        problems.append(TarazError(code, file=file, row=row, column=column, value=value, **more))

    for number, cells in rows:
        card = to_latin_digits(cells.get("trader_id") or "").strip()
        size_text = (cells.get("size_class") or "").strip()
        size, _ = read_trader_size(size_text) if size_text else (None, None)
        start = _day(cells, "valid_from", number, bad, required=True)
        end = _day(cells, "valid_to", number, bad, required=False)
        if not card:
            bad("ingest.sizes-missing", number, "trader_id", "")
        if not size_text:
            bad("ingest.sizes-missing", number, "size_class", "")
        elif size is None:
            bad("ingest.sizes-bad-class", number, "size_class", size_text)
        if start is not None and end is not None and end < start:
            bad(
                "ingest.sizes-bad-span",
                number,
                "valid_to",
                cells.get("valid_to", ""),
                start=start,
            )
            continue
        if card and size is not None and start is not None:
            spans.append(SizeSpan(card, str(size), start, end, number))
    by_card: dict[str, list[SizeSpan]] = {}
    for span in spans:
        by_card.setdefault(span.trader_id, []).append(span)
    for card_spans in by_card.values():
        card_spans.sort(key=lambda s: (s.valid_from, s.row))
        reach = card_spans[0]  # of the spans so far, the one that ends last
        for span in card_spans[1:]:
            if reach.valid_to is None or span.valid_from <= reach.valid_to:
                bad(
                    "ingest.sizes-overlap",
                    span.row,
                    "valid_from",
                    span.valid_from.isoformat(),
                    other=reach.row,
                    card=span.trader_id,
                )
            if reach.valid_to is not None and (
                span.valid_to is None or span.valid_to > reach.valid_to
            ):
                reach = span
    problems.sort(key=lambda p: (p.fields["row"], COLUMNS.index(p.fields["column"])))
    return tuple(spans), tuple(problems[:MAX_PROBLEMS])


def load_sizes(wh: Warehouse, path: str | Path, *, now: datetime | None = None) -> SizesReport:
    """Check the file and, when it has no problem, replace the warehouse's declared size
    classes with its spans in one transaction. A file with problems loads nothing and raises
    `ingest.sizes-rejected`, whose `problems` are every problem's error dict."""
    report = read_sizes(path)
    if report.problems:
        raise SizesRejectedError(report)
    moment = now or datetime.now(UTC)
    spans = report.spans
    table = pa.table(
        {
            "trader_id": pa.array([s.trader_id for s in spans], pa.string()),
            "size_class": pa.array([s.size_class for s in spans], pa.string()),
            "valid_from": pa.array([s.valid_from for s in spans], pa.date32()),
            "valid_to": pa.array([s.valid_to for s in spans], pa.date32()),
        }
    )
    con = wh.con
    con.register("trader_sizes_arrow", table)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM trader_sizes")
        con.execute(
            """INSERT INTO trader_sizes
               SELECT trader_id, size_class, valid_from, valid_to, ?, ?, ?
               FROM trader_sizes_arrow""",
            [moment, report.file, report.sha256],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("trader_sizes_arrow")
    return SizesReport(report.file, report.sha256, report.spans, (), loaded=True, loaded_at=moment)


def declared_sizes(wh: Warehouse) -> list[dict[str, Any]]:
    """The declared size classes loaded, by card and day: what `taraz import-sizes` put in."""
    rows = wh.con.execute(
        """SELECT trader_id, size_class, valid_from, valid_to, loaded_at, file_name
           FROM trader_sizes ORDER BY trader_id, valid_from"""
    ).fetchall()
    keys = ("trader_id", "size_class", "valid_from", "valid_to", "loaded_at", "file_name")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def write_sizes(path: str | Path, spans: Iterable[SizeSpan]) -> int:
    """Write `spans` as a sizes file (UTF-8, ISO days); returns how many rows it has."""
    n = 0
    with Path(path).open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(COLUMNS)
        for s in spans:
            out.writerow(
                [
                    s.trader_id,
                    s.size_class,
                    s.valid_from.isoformat(),
                    "" if s.valid_to is None else s.valid_to.isoformat(),
                ]
            )
            n += 1
    return n


def _day(cells: dict[str, str], column: str, number: int, bad, *, required: bool) -> date | None:
    text = (cells.get(column) or "").strip()
    if not text:
        if required:
            bad("ingest.sizes-missing", number, column, "")
        return None
    try:
        return parse_day(text)
    except DayError:
        bad("ingest.sizes-bad-day", number, column, text)
        return None


def _uncommented(lines: Iterable[str]) -> Iterator[str]:
    """The lines, with comment lines blanked (so that row numbers still count them)."""
    for line in lines:
        yield "\n" if line.lstrip().startswith("#") else line


def _rows(reader, file: str) -> Iterator[tuple[int, dict[str, str]]]:
    header: list[str] | None = None
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in cells]
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                raise TarazError(
                    "ingest.sizes-columns",
                    file=file,
                    missing=", ".join(missing),
                    columns=", ".join(COLUMNS),
                )
            continue
        yield reader.line_num, dict(zip(header, cells, strict=False))
    if header is None:
        raise TarazError(
            "ingest.sizes-columns",
            file=file,
            missing=", ".join(COLUMNS),
            columns=", ".join(COLUMNS),
        )
