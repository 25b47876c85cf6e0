"""As-of moments: "the warehouse as it stood on 1404/05/01" as a timezone-aware instant.

A date alone means the end of that day in Iran's time zone (Asia/Tehran, or `$TARAZ_TZ`), so
that `--as-of 1404-05-01` includes everything loaded that day. Jalali or Gregorian by the year.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from taraz.calendar.calendars import jalali_to_gregorian
from taraz.fa import to_latin_digits

_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")


class MomentError(ValueError):
    """A text that is not a date or a date and time."""

    def __init__(self, text: str) -> None:
        self.code = "calendar.bad-moment"
        self.message_en = (
            f"{text!r} is not a date: write 1404-05-01 (Jalali), 2025-07-23, or 2025-07-23T10:30"
        )
        self.message_fa = (
            f"«{text}» تاریخ نیست: به شکل ۱۴۰۴-۰۵-۰۱ (شمسی)، 2025-07-23 یا 2025-07-23T10:30 بنویسید"
        )
        super().__init__(f"{self.message_en}\n{self.message_fa}")


def local_zone() -> ZoneInfo:
    return ZoneInfo(os.environ.get("TARAZ_TZ", "Asia/Tehran"))


def parse_moment(text: str) -> datetime:
    """`1404-05-01`, `۱۴۰۴/۰۵/۰۱`, `2025-07-23` (end of that day) or an ISO date and time."""
    s = to_latin_digits(text).strip()
    match = _DATE.fullmatch(s)
    if match:
        y, m, d = (int(g) for g in match.groups())
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
    return moment if moment.tzinfo else moment.replace(tzinfo=local_zone())
