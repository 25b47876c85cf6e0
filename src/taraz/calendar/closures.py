"""The organization's own closures (heat, power saving, a day of mourning): days that are not
working days though neither weekend nor public holiday.

Staff keep them as audited rows in the web (the cases app's closures page, /cases/closures/); the command line reads them from a CSV file
(`date`, `reason_fa`, `reason_en`) named by `--closures` or `$TARAZ_CLOSURES`, which the web can
write with `write_closures`. Two rows of one day are one closure with both reasons.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from taraz.calendar.calendars import gregorian_to_jalali
from taraz.calendar.datafiles import Row, cell_day, cell_text, numbered, read_rows
from taraz.errors import UsageError

COLUMNS = ("date", "reason_fa", "reason_en")


@dataclass(frozen=True)
class Closure:
    """A day the organization is closed, and why, in Persian and English."""

    day: date
    reason_fa: str
    reason_en: str


def read_closures(path: Path, setting: str = "TARAZ_CLOSURES") -> tuple[Closure, ...]:
    """The closures of a CSV file with the columns `date`, `reason_fa`, `reason_en`."""
    return _closures(read_rows(path, COLUMNS, setting), str(path))


def closures_from_rows(
    rows: Iterable[Mapping[str, object]], source: str = "rows"
) -> tuple[Closure, ...]:
    """Closures from rows with the file's columns (`date` a `date` or text), such as the web's."""
    return _closures(numbered(rows), source)


def write_closures(path: Path, closures: Iterable[Closure]) -> None:
    """Write closures as the file `read_closures` reads (Jalali dates, a day per row)."""
    with Path(path).open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for c in sorted(closures, key=lambda c: c.day):
            writer.writerow(
                [
                    "{:04d}/{:02d}/{:02d}".format(*gregorian_to_jalali(c.day)),
                    c.reason_fa,
                    c.reason_en,
                ]
            )


def _closures(rows: list[Row], source: str) -> tuple[Closure, ...]:
    by_day: dict[date, Closure] = {}
    for number, row in rows:
        day = cell_day(row, "date", source, number)
        fa, en = cell_text(row, "reason_fa"), cell_text(row, "reason_en")
        if not fa or not en:
            column = "reason_fa" if not fa else "reason_en"
            raise UsageError("calendar.data-missing-reason", file=source, row=number, column=column)
        if day in by_day:
            earlier = by_day[day]
            fa, en = f"{earlier.reason_fa}؛ {fa}", f"{earlier.reason_en}; {en}"
        by_day[day] = Closure(day, fa, en)
    return tuple(by_day[day] for day in sorted(by_day))
