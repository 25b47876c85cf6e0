"""As-of moments: "the warehouse as it stood on 1404/05/01" as a timezone-aware instant.

A date alone means the end of that day in Iran's time zone (Asia/Tehran, or `$TARAZ_TZ`), so
that `--as-of 1404-05-01` includes everything loaded that day. Jalali or Gregorian by the year.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from taraz.calendar.calendars import GREGORIAN_YEARS, JALALI_YEARS, jalali_to_gregorian
from taraz.errors import UsageError
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


def local_zone() -> ZoneInfo:
    return ZoneInfo(os.environ.get("TARAZ_TZ", "Asia/Tehran"))


def parse_moment(text: str) -> datetime:
    """`1404-05-01`, `۱۴۰۴/۰۵/۰۱`, `2025-07-23` (end of that day) or an ISO date and time."""
    s = to_latin_digits(text).strip()
    match = _DATE.fullmatch(s)
    if match:
        y, m, d = (int(g) for g in match.groups())
        lo, hi = GREGORIAN_YEARS if y >= 1700 else JALALI_YEARS
        if not lo <= y <= hi:
            raise MomentError(text)
        try:
            day = jalali_to_gregorian(y, m, d) if y < 1700 else date(y, m, d)
        except ValueError as exc:
            raise MomentError(text) from exc
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=local_zone())
        return end - timedelta(microseconds=1)
    try:
        moment = datetime.fromisoformat(s)
    except ValueError as exc:
        raise MomentError(text) from exc
    if not GREGORIAN_YEARS[0] <= moment.year <= GREGORIAN_YEARS[1]:
        raise MomentError(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=local_zone())
