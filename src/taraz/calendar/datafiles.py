"""The working-day data files (weekend rules, closures): CSV with a header row, in UTF-8.

Lines that start with `#` are comments and blank lines are skipped; row numbers are the lines a
person sees in a text editor. The same rows can come from elsewhere (the web keeps closures as
audited rows): each reader takes rows as mappings, and a file is only one way to give them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path

from taraz.calendar.moments import DayError, parse_day
from taraz.errors import UsageError

Row = tuple[int, Mapping[str, object]]  # (row number, the row's cells by column)


def read_rows(path: Path, columns: tuple[str, ...], setting: str) -> list[Row]:
    """The rows of the CSV file at `path`, which must have `columns` (named by `setting`)."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise UsageError("calendar.data-not-found", file=path, setting=setting)
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            return list(_rows(csv.reader(_uncommented(f)), path, columns))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UsageError("calendar.data-unreadable", file=path, detail=str(exc)) from exc


def numbered(rows: Iterable[Mapping[str, object]]) -> list[Row]:
    """Rows that come without a file (the web's), numbered from 1."""
    return list(enumerate(rows, start=1))


def cell_text(row: Mapping[str, object], column: str) -> str:
    value = row.get(column)
    return "" if value is None else str(value).strip()


def cell_day(row: Mapping[str, object], column: str, source: object, number: int) -> date:
    """The day in `column`: a `date`, or text in any form `parse_day` reads."""
    value = row.get(column)
    if isinstance(value, date):
        return value
    try:
        return parse_day(cell_text(row, column))
    except DayError:
        raise UsageError(
            "calendar.data-bad-date", file=source, row=number, column=column, value=value
        ) from None


def _uncommented(lines: Iterable[str]) -> Iterator[str]:
    """The lines, with comment lines blanked (so that line numbers still count them)."""
    for line in lines:
        yield "\n" if line.lstrip().startswith("#") else line


def _rows(reader, path: Path, columns: tuple[str, ...]) -> Iterator[Row]:
    header: list[str] | None = None
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in cells]
            missing = [c for c in columns if c not in header]
            if missing:
                raise UsageError(
                    "calendar.data-columns",
                    file=path,
                    missing=", ".join(missing),
                    columns=", ".join(columns),
                )
            continue
        yield reader.line_num, dict(zip(header, cells, strict=False))
