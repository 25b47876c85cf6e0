"""Weekend rules as dated data: from a day on, which days of the week are not working days.

A rule holds until the next one starts. taraz packages Iran's (`data/weekends.csv`: Friday);
the organization adds its own in a file of the same columns (`from`, `weekdays`, `note`), for
instance Thursday from the day its province's offices close on Thursdays. A rule of the
organization's on the same day as a packaged one replaces it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from taraz.calendar.datafiles import Row, cell_day, cell_text, numbered, read_rows
from taraz.calendar.months import WEEKDAYS_EN, WEEKDAYS_FA
from taraz.errors import UsageError
from taraz.fa import ZWNJ

COLUMNS = ("from", "weekdays")
PACKAGED = "taraz"  # the source of the packaged rules

# Names of the days of the week -> `date.weekday()`: English (three letters or whole) and Persian
_NAMES: dict[str, int] = {}
for _number, (_en, _fa) in enumerate(zip(WEEKDAYS_EN, WEEKDAYS_FA, strict=True)):
    _NAMES[_en.lower()] = _NAMES[_en[:3].lower()] = _number
    _NAMES[_fa.replace(ZWNJ, "")] = _number
_SEPARATORS = re.compile(r"[+,،;]")


@dataclass(frozen=True)
class WeekendRule:
    """From `start` on (until the next rule), the days `weekdays` (`date.weekday()`) are off."""

    start: date
    weekdays: frozenset[int]
    note: str = ""
    source: str = field(default=PACKAGED, compare=False)

    @property
    def weekday_names(self) -> list[str]:
        """The days in the order of the Iranian week (Saturday first), in lowercase English."""
        return [WEEKDAYS_EN[d].lower() for d in sorted(self.weekdays, key=lambda d: (d + 2) % 7)]


def packaged_weekend_rules() -> tuple[WeekendRule, ...]:
    """Iran's weekend rules as taraz ships them (`taraz/calendar/data/weekends.csv`)."""
    path = resources.files("taraz.calendar") / "data" / "weekends.csv"
    with resources.as_file(path) as real:
        return _rules(read_rows(real, COLUMNS, "taraz/calendar/data/weekends.csv"), PACKAGED)


def read_weekend_rules(path: Path, setting: str = "TARAZ_WEEKENDS") -> tuple[WeekendRule, ...]:
    """The organization's weekend rules from a CSV file (`from`, `weekdays`, `note`)."""
    return _rules(read_rows(path, COLUMNS, setting), str(path))


def weekend_rules_from_rows(
    rows: Iterable[Mapping[str, object]], source: str = "rows"
) -> tuple[WeekendRule, ...]:
    """Weekend rules from rows with the file's columns (the web passes its own)."""
    return _rules(numbered(rows), source)


def merge_weekend_rules(*groups: Iterable[WeekendRule]) -> tuple[WeekendRule, ...]:
    """The rules of all groups by start day; a later group's rule replaces one of the same day."""
    by_start: dict[date, WeekendRule] = {}
    for group in groups:
        for rule in group:
            by_start[rule.start] = rule
    return tuple(by_start[start] for start in sorted(by_start))


def parse_weekdays(text: str) -> frozenset[int] | None:
    """`fri`, `thu fri`, `thu+fri`, `Thursday, Friday`, `پنجشنبه، جمعه`; None if any is unknown."""
    days: set[int] = set()
    for piece in _SEPARATORS.split(text.replace(ZWNJ, "")):
        piece = piece.strip()
        if not piece:
            continue
        if piece.replace(" ", "") in _NAMES:  # a Persian name, written with or without a space
            days.add(_NAMES[piece.replace(" ", "")])
            continue
        for word in piece.split():
            if word.lower() not in _NAMES:
                return None
            days.add(_NAMES[word.lower()])
    return frozenset(days) or None


def _rules(rows: list[Row], source: str) -> tuple[WeekendRule, ...]:
    rules: dict[date, WeekendRule] = {}
    for number, row in rows:
        start = cell_day(row, "from", source, number)
        value = row.get("weekdays")
        weekdays = _weekdays(value)
        if weekdays is None:
            raise UsageError(
                "calendar.data-bad-weekdays",
                file=source,
                row=number,
                column="weekdays",
                value=value,
            )
        if start in rules:
            raise UsageError(
                "calendar.data-duplicate-rule", file=source, row=number, column="from", value=start
            )
        rules[start] = WeekendRule(start, weekdays, cell_text(row, "note"), source)
    return tuple(rules[start] for start in sorted(rules))


def _weekdays(value: object) -> frozenset[int] | None:
    if isinstance(value, str):
        return parse_weekdays(value)
    if isinstance(value, Iterable):  # the web's: names or `date.weekday()` numbers
        days = [v if isinstance(v, int) else parse_weekdays(str(v)) for v in value]
        if any(d is None or (isinstance(d, int) and not 0 <= d <= 6) for d in days):
            return None
        flat = {d for d in days if isinstance(d, int)}
        flat.update(x for d in days if isinstance(d, frozenset) for x in d)
        return frozenset(flat) or None
    return None
