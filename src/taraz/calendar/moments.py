"""Days and as-of moments as people write them: `1404/12/27`, `۱۴۰۴-۱۲-۲۷`, `2026-03-18`.

`parse_day` reads a day (Jalali when the year is below 1700, else Gregorian; `/` or `-`; Persian
or Arabic-Indic digits). `parse_moment` reads an as-of moment: a day alone means the end of that
day in Iran's time zone (Asia/Tehran, or `$TARAZ_TZ`), so that `--as-of 1404-05-01` includes
everything loaded that day; or an ISO date and time.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from taraz.calendar.calendars import (
    FIRST_GREGORIAN_YEAR,
    GREGORIAN_YEARS,
    JALALI_YEARS,
    calendar_of_year,
    jalali_to_gregorian,
)
from taraz.calendar.months import month_names
from taraz.errors import Localised, UsageError
from taraz.fa import to_latin_digits

_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")


class MomentError(UsageError, ValueError):
    """A text that is not a date or a date and time within taraz's calendar."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(
            "calendar.bad-moment",
            text=text,
            first_jalali=JALALI_YEARS[0],
            last_jalali=JALALI_YEARS[1],
        )


class DayError(UsageError, ValueError):
    """A text that is not a day within taraz's calendar."""

    def __init__(self, text: str) -> None:
        self.text = text
        missing = _missing_day(text)
        if missing:
            super().__init__("calendar.no-such-day", text=text, **missing)
            return
        super().__init__(
            "calendar.bad-date",
            text=text,
            first_jalali=JALALI_YEARS[0],
            last_jalali=JALALI_YEARS[1],
            first_gregorian=GREGORIAN_YEARS[0],
            last_gregorian=GREGORIAN_YEARS[1],
        )


def local_zone() -> ZoneInfo:
    return ZoneInfo(os.environ.get("TARAZ_TZ", "Asia/Tehran"))


def parse_day(text: str) -> date:
    """`1404/12/27`, `1404-12-27`, `۱۴۰۴/۱۲/۲۷` (Jalali) or `2026-03-18` (Gregorian): the day, as a
    Gregorian `date`; `DayError` (a usage error naming the accepted forms) otherwise."""
    day = _day(text)
    if day is None:
        raise DayError(text)
    return day


def parse_moment(text: str) -> datetime:
    """`1404-05-01`, `۱۴۰۴/۰۵/۰۱`, `2025-07-23` (end of that day) or an ISO date and time."""
    s = to_latin_digits(text).strip()
    if _DATE.fullmatch(s):
        day = _day(s)
        if day is None:
            raise MomentError(text)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=local_zone())
        return end - timedelta(microseconds=1)
    try:
        moment = datetime.fromisoformat(s)
    except ValueError as exc:
        raise MomentError(text) from exc
    if not GREGORIAN_YEARS[0] <= moment.year <= GREGORIAN_YEARS[1]:
        raise MomentError(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=local_zone())


def _missing_day(text: str) -> dict[str, object] | None:
    """For `1404/12/30`, a day past its month's end: the month, its year and its length."""
    match = _DATE.fullmatch(to_latin_digits(text).strip())
    if not match:
        return None
    y, m, d = (int(g) for g in match.groups())
    system = calendar_of_year(y)
    lo, hi = GREGORIAN_YEARS if y >= FIRST_GREGORIAN_YEAR else JALALI_YEARS
    if not (lo <= y <= hi and 1 <= m <= 12 and d > system.month_length(y, m)):
        return None
    month = Localised(month_names(system.name, "fa")[m - 1], month_names(system.name, "en")[m - 1])
    return {"year": y, "month_name": month, "length": system.month_length(y, m)}


def _day(text: str) -> date | None:
    """The day `text` names, or None when it is not a day of taraz's calendar."""
    match = _DATE.fullmatch(to_latin_digits(text).strip())
    if not match:
        return None
    y, m, d = (int(g) for g in match.groups())
    lo, hi = GREGORIAN_YEARS if y >= FIRST_GREGORIAN_YEAR else JALALI_YEARS
    if not lo <= y <= hi:
        return None
    try:
        return jalali_to_gregorian(y, m, d) if y < FIRST_GREGORIAN_YEAR else date(y, m, d)
    except ValueError:
        return None
