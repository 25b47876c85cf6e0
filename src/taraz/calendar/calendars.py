"""The Jalali and Gregorian calendars behind one small interface, dates always Gregorian."""

import calendar as _stdlib_calendar
from dataclasses import dataclass
from datetime import date, timedelta

import jdatetime

JALALI = "jalali"
GREGORIAN = "gregorian"
CALENDARS = (JALALI, GREGORIAN)

# Years from here on are Gregorian in the period grammar; below, Jalali.
FIRST_GREGORIAN_YEAR = 1700
# The years a period or a moment may name: wide enough for any trade data, narrow enough that
# "the same period last year" and the conversions between the calendars always exist.
JALALI_YEARS = (1200, 1699)
GREGORIAN_YEARS = (1700, 2299)


def jalali_to_gregorian(y: int, m: int, d: int) -> date:
    """The Gregorian date of Jalali day y-m-d; ValueError if that day does not exist."""
    try:
        return jdatetime.date(y, m, d).togregorian()
    except ValueError as e:
        raise ValueError(f"{y:04d}-{m:02d}-{d:02d} is not a Jalali date: {e}") from None


def gregorian_to_jalali(d: date) -> tuple[int, int, int]:
    """The Jalali (year, month, day) of a Gregorian date."""
    j = jdatetime.date.fromgregorian(date=d)
    return j.year, j.month, j.day


def is_jalali_leap(y: int) -> bool:
    """Whether Jalali year y has 366 days (Esfand 30)."""
    return jdatetime.date(y, 1, 1).isleap()


def jalali_month_length(y: int, m: int) -> int:
    """Days in Jalali month m of year y: 31 for months 1-6, 30 for 7-11, Esfand 29 or 30."""
    if not 1 <= m <= 12:
        raise ValueError(f"month must be 1 to 12, not {m}")
    if m <= 6:
        return 31
    if m <= 11:
        return 30
    return 30 if is_jalali_leap(y) else 29


@dataclass(frozen=True)
class CalendarSystem:
    """Months and days of one calendar, read and written as Gregorian `date`s."""

    name: str

    def to_ymd(self, d: date) -> tuple[int, int, int]:
        """(year, month, day) of a Gregorian date in this calendar."""
        if self.name == JALALI:
            return gregorian_to_jalali(d)
        return d.year, d.month, d.day

    def from_ymd(self, y: int, m: int, d: int) -> date:
        """The Gregorian date of day y-m-d of this calendar."""
        if self.name == JALALI:
            return jalali_to_gregorian(y, m, d)
        return date(y, m, d)

    def month_length(self, y: int, m: int) -> int:
        """Days in month m of year y."""
        if self.name == JALALI:
            return jalali_month_length(y, m)
        return _stdlib_calendar.monthrange(y, m)[1]

    def month_start(self, y: int, m: int) -> date:
        """First day of month m of year y."""
        return self.from_ymd(y, m, 1)

    def month_end(self, y: int, m: int) -> date:
        """Last day of month m of year y."""
        return self.month_start(y, m) + timedelta(days=self.month_length(y, m) - 1)

    def shift_years(self, y: int, m: int, d: int, years: int) -> date:
        """Day d of month m, `years` later (negative: earlier), clamped to the month's end."""
        return self.from_ymd(y + years, m, min(d, self.month_length(y + years, m)))


def calendar_system(name: str) -> CalendarSystem:
    """The calendar called `name` ("jalali" or "gregorian")."""
    if name not in CALENDARS:
        raise ValueError(f"calendar must be one of {CALENDARS}, not {name!r}")
    return CalendarSystem(name)


def calendar_of_year(y: int) -> CalendarSystem:
    """The calendar a year number belongs to in the period grammar (>= 1700 is Gregorian)."""
    return CalendarSystem(GREGORIAN if y >= FIRST_GREGORIAN_YEAR else JALALI)
