"""Working days: neither weekend, nor Iranian public holiday, nor a closure of the organization.

A `WorkCalendar` is built from weekend rules (dated data, `taraz.calendar.weekends`), Iran's
public holidays (the pinned `holidays` package, `taraz.calendar.public_holidays`) and the
organization's closures (`taraz.calendar.closures`). It answers from a table of the working
days of whole Gregorian years and the running count of them, built for the years asked about
and extended when a later question reaches further: `is_working` and `working_days` cost an
index or two, `add_working_days` a binary search.

Spans are "after `start`, up to and including `end`": a case submitted on a day and decided on
the next working day took one working day. `working_days(end, start)` is the negative of
`working_days(start, end)`, so that durations add up; `add_working_days` counts forward only.

The module's functions (`is_working`, `working_days`, ...) use `configured_calendar()`: the
packaged weekend rules with the organization's (`$TARAZ_WEEKENDS`) and its closures
(`$TARAZ_CLOSURES`).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from taraz.calendar import public_holidays
from taraz.calendar.calendars import gregorian_to_jalali
from taraz.calendar.closures import Closure, read_closures
from taraz.calendar.months import WEEKDAYS_EN, WEEKDAYS_FA
from taraz.calendar.public_holidays import PublicHoliday
from taraz.calendar.weekends import (
    WeekendRule,
    merge_weekend_rules,
    packaged_weekend_rules,
    read_weekend_rules,
)
from taraz.errors import UsageError

CLOSURES_ENV = "TARAZ_CLOSURES"
WEEKENDS_ENV = "TARAZ_WEEKENDS"
# Working days are known only in the years of the holidays package's Iran calendar.
FIRST_DAY = date(public_holidays.YEARS[0], 1, 1)
LAST_DAY = date(public_holidays.YEARS[1], 12, 31)

REASONS = ("holiday", "closure", "weekend")  # in the order a day's reasons are given


def jalali_text(day: date) -> str:
    """`1404-01-20`: a day in the Jalali calendar, written as the period grammar writes it."""
    return "{:04d}-{:02d}-{:02d}".format(*gregorian_to_jalali(day))


@dataclass(frozen=True)
class NonWorkingDay:
    """A day that is not a working day, with every reason it is not."""

    day: date
    reasons: tuple[str, ...]  # of REASONS, in that order
    name_fa: str  # the holidays' names and the closures' reasons; else the weekend
    name_en: str
    estimated: bool  # a public holiday whose Islamic date the package only estimates

    @property
    def reason(self) -> str:
        return self.reasons[0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "date_jalali": jalali_text(self.day),
            "weekday": WEEKDAYS_EN[self.day.weekday()].lower(),
            "reason": self.reason,
            "reasons": list(self.reasons),
            "name_fa": self.name_fa,
            "name_en": self.name_en,
            "estimated": self.estimated,
        }


@dataclass(frozen=True)
class WorkSpan:
    """The working days after `start` up to and including `end`, and the days that are not."""

    start: date
    end: date
    working_days: int
    non_working_days: tuple[NonWorkingDay, ...]
    calendar: dict[str, Any]

    @property
    def calendar_days(self) -> int:
        return (self.end - self.start).days

    @property
    def estimated(self) -> bool:
        """Whether the count leans on a holiday date the package only estimates."""
        return any(d.estimated for d in self.non_working_days)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": {"date": self.start.isoformat(), "date_jalali": jalali_text(self.start)},
            "to": {"date": self.end.isoformat(), "date_jalali": jalali_text(self.end)},
            "calendar_days": self.calendar_days,
            "working_days": self.working_days,
            "non_working_days": [d.to_dict() for d in self.non_working_days],
            "estimated": self.estimated,
            "calendar": self.calendar,
        }


@dataclass(frozen=True)
class _Table:
    """Working days of the Gregorian years first..last: a flag per day, and running counts."""

    first: int
    last: int
    base: int  # the ordinal of 1 January of `first`
    working: bytes  # 1 for a working day, by ordinal - base
    counts: array  # counts[i]: working days among the first i days of the table


class WorkCalendar:
    """Weekend rules, Iran's public holidays and the organization's closures, as one calendar."""

    def __init__(
        self,
        weekends: Iterable[WeekendRule] | None = None,
        closures: Iterable[Closure] = (),
        closures_source: str | None = None,
    ) -> None:
        """`weekends`: the rules in force (default: the packaged ones); `closures` with where
        they come from (a file, or the web's rows), named in `describe()`."""
        rules = packaged_weekend_rules() if weekends is None else weekends
        self.weekends: tuple[WeekendRule, ...] = merge_weekend_rules(rules)
        by_day: dict[date, Closure] = {}
        for closure in closures:
            if closure.day in by_day:
                earlier = by_day[closure.day]
                closure = Closure(
                    closure.day,
                    f"{earlier.reason_fa}؛ {closure.reason_fa}",
                    f"{earlier.reason_en}; {closure.reason_en}",
                )
            by_day[closure.day] = closure
        self.closures: dict[date, Closure] = dict(sorted(by_day.items()))
        self.closures_source = closures_source
        self._lock = threading.Lock()
        self._table = _Table(0, -1, 0, b"", array("l", [0]))

    # -- questions -----------------------------------------------------------------------------

    def is_working(self, day: date) -> bool:
        """Whether `day` is a working day."""
        table = self._table
        i = day.toordinal() - table.base
        if not 0 <= i < len(table.working):
            table = self._cover(day)
            i = day.toordinal() - table.base
        return table.working[i] == 1

    def working_days(self, start: date, end: date) -> int:
        """The working days after `start` up to and including `end` (negative if end < start)."""
        table = self._table
        s, e = start.toordinal() - table.base, end.toordinal() - table.base
        n = len(table.working)
        if not (0 <= s < n and 0 <= e < n):
            table = self._cover(start, end)
            s, e = start.toordinal() - table.base, end.toordinal() - table.base
        return table.counts[e + 1] - table.counts[s + 1]

    def add_working_days(self, day: date, n: int) -> date:
        """The day `n` working days after `day` (`day` itself for 0): the first day with
        `working_days(day, result) == n`, a working day when n > 0."""
        if n < 0:
            raise ValueError(f"add_working_days counts forward: n must be 0 or more, not {n}")
        if n == 0:
            self.is_working(day)  # the same range check as any other question
            return day
        table = self._table
        if not 0 <= day.toordinal() - table.base < len(table.working):
            table = self._cover(day)
        while True:
            target = table.counts[day.toordinal() - table.base + 1] + n
            if target <= table.counts[-1]:
                return date.fromordinal(table.base + bisect_left(table.counts, target) - 1)
            if table.last >= LAST_DAY.year:
                raise self._out_of_range(LAST_DAY + timedelta(days=1))
            years = n // 200 + 1  # a year has about 240 working days
            table = self._cover(date(min(LAST_DAY.year, table.last + years), 12, 31))

    def non_working_days(self, start: date, end: date) -> list[NonWorkingDay]:
        """Every day after `start` up to and including `end` that is not a working day."""
        days = []
        day = start + timedelta(days=1)
        if day <= end:
            self._cover(day, end)
        while day <= end:
            if not self.is_working(day):
                days.append(self._explain(day))
            day += timedelta(days=1)
        return days

    def span(self, start: date, end: date) -> WorkSpan:
        """`working_days` with the non-working days of the span and the calendar that counted."""
        return WorkSpan(
            start=start,
            end=end,
            working_days=self.working_days(start, end),
            non_working_days=tuple(self.non_working_days(start, end)),
            calendar=self.describe(),
        )

    def weekend_rule(self, day: date) -> WeekendRule | None:
        """The weekend rule in force on `day` (None before the first)."""
        rule = None
        for candidate in self.weekends:
            if candidate.start > day:
                break
            rule = candidate
        return rule

    def describe(self) -> dict[str, Any]:
        """Which rules, holidays and closures this calendar uses: a figure names its calendar."""
        weekends = [
            {
                "from": r.start.isoformat(),
                "from_jalali": jalali_text(r.start),
                "weekdays": r.weekday_names,
                "note": r.note,
                "source": r.source,
            }
            for r in self.weekends
        ]
        closures = {"source": self.closures_source, "count": len(self.closures)}
        holidays = public_holidays.source()
        identity = {
            "weekends": [(r.start.isoformat(), sorted(r.weekdays)) for r in self.weekends],
            "holidays": [holidays["package"], holidays["version"], holidays["country"]],
            "closures": [(d.isoformat(), c.reason_en) for d, c in self.closures.items()],
        }
        digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()
        return {
            "weekends": weekends,
            "holidays": holidays,
            "closures": closures,
            "fingerprint": digest[:16],
        }

    # -- the table -----------------------------------------------------------------------------

    def _cover(self, *days: date) -> _Table:
        """The table, extended (if need be) to the whole years of `days`."""
        for day in days:
            if not FIRST_DAY <= day <= LAST_DAY:
                raise self._out_of_range(day)
        first, last = min(d.year for d in days), max(d.year for d in days)
        with self._lock:
            table = self._table
            if table.first <= first and last <= table.last:
                return table
            if table.last >= table.first:
                first, last = min(first, table.first), max(last, table.last)
            self._table = table = self._build(first, last)
            return table

    def _build(self, first: int, last: int) -> _Table:
        base = date(first, 1, 1).toordinal()
        end = date(last, 12, 31).toordinal()
        off = set()
        for year in range(first, last + 1):
            off.update(d.toordinal() for d in public_holidays.public_holidays(year))
        off.update(d.toordinal() for d in self.closures)
        working = bytearray(end - base + 1)
        counts = array("l", [0]) * (len(working) + 1)
        rules = [(r.start.toordinal(), r.weekdays) for r in self.weekends]
        k, weekend = -1, frozenset()
        while k + 1 < len(rules) and rules[k + 1][0] <= base:
            k += 1
            weekend = rules[k][1]
        running = 0
        for i in range(len(working)):
            ordinal = base + i
            while k + 1 < len(rules) and rules[k + 1][0] <= ordinal:
                k += 1
                weekend = rules[k][1]
            if ordinal not in off and (ordinal + 6) % 7 not in weekend:
                working[i] = 1
                running += 1
            counts[i + 1] = running
        return _Table(first, last, base, bytes(working), counts)

    def _explain(self, day: date) -> NonWorkingDay:
        holiday: PublicHoliday | None = public_holidays.public_holidays(day.year).get(day)
        closure = self.closures.get(day)
        rule = self.weekend_rule(day)
        weekend = rule is not None and day.weekday() in rule.weekdays
        reasons = tuple(
            reason
            for reason, applies in zip(REASONS, (holiday, closure, weekend), strict=True)
            if applies
        )
        names_fa = [x.name_fa for x in (holiday,) if x] + [c.reason_fa for c in (closure,) if c]
        names_en = [x.name_en for x in (holiday,) if x] + [c.reason_en for c in (closure,) if c]
        if not names_fa:
            names_fa = [f"تعطیل آخر هفته ({WEEKDAYS_FA[day.weekday()]})"]
            names_en = [f"weekend ({WEEKDAYS_EN[day.weekday()]})"]
        return NonWorkingDay(
            day=day,
            reasons=reasons,
            name_fa="؛ ".join(names_fa),
            name_en="; ".join(names_en),
            estimated=bool(holiday and holiday.estimated),
        )

    @staticmethod
    def _out_of_range(day: date) -> UsageError:
        return UsageError(
            "calendar.workdays-out-of-range",
            day=f"{jalali_text(day)} ({day.isoformat()})",
            first=f"{jalali_text(FIRST_DAY)} ({FIRST_DAY.isoformat()})",
            last=f"{jalali_text(LAST_DAY)} ({LAST_DAY.isoformat()})",
            version=public_holidays.VERSION,
        )


# -- the configured calendar -------------------------------------------------------------------


def configured_calendar(
    closures_file: Path | None = None, weekends_file: Path | None = None
) -> WorkCalendar:
    """The packaged weekend rules with the organization's, and its closures: from the files
    given, else `$TARAZ_WEEKENDS` and `$TARAZ_CLOSURES`, else none. Kept while the files are
    unchanged."""
    closures = _setting(closures_file, CLOSURES_ENV, "--closures")
    weekends = _setting(weekends_file, WEEKENDS_ENV, "--weekends")
    return _calendar(closures, weekends, _stamp(closures), _stamp(weekends))


def _setting(given: Path | None, env: str, option: str) -> tuple[Path, str] | None:
    if given is not None:
        return Path(given).expanduser(), option
    value = os.environ.get(env)
    return (Path(value).expanduser(), env) if value else None


def _stamp(named: tuple[Path, str] | None) -> int | None:
    try:
        return named[0].stat().st_mtime_ns if named else None
    except OSError:
        return None


@lru_cache(maxsize=8)
def _calendar(
    closures: tuple[Path, str] | None,
    weekends: tuple[Path, str] | None,
    _closures_stamp: int | None,
    _weekends_stamp: int | None,
) -> WorkCalendar:
    rules = packaged_weekend_rules()
    if weekends:
        rules = merge_weekend_rules(rules, read_weekend_rules(*weekends))
    return WorkCalendar(
        weekends=rules,
        closures=read_closures(*closures) if closures else (),
        closures_source=str(closures[0]) if closures else None,
    )


def is_working(day: date) -> bool:
    """Whether `day` is a working day in the configured calendar."""
    return configured_calendar().is_working(day)


def working_days(start: date, end: date) -> int:
    """The working days after `start` up to and including `end`, in the configured calendar."""
    return configured_calendar().working_days(start, end)


def add_working_days(day: date, n: int) -> date:
    """The day `n` working days after `day`, in the configured calendar."""
    return configured_calendar().add_working_days(day, n)


def non_working_days(start: date, end: date) -> list[NonWorkingDay]:
    """The days after `start` up to and including `end` that are not working days."""
    return configured_calendar().non_working_days(start, end)
