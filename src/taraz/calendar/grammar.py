"""The period grammar used by the CLI, the API and reports: `1404-H1`, `2024-Q1`, ..."""

import re
from datetime import date

from taraz.calendar.calendars import (
    FIRST_GREGORIAN_YEAR,
    GREGORIAN_YEARS,
    JALALI,
    JALALI_YEARS,
    CalendarSystem,
    calendar_of_year,
    calendar_system,
)
from taraz.calendar.months import month_names
from taraz.calendar.period import (
    Period,
    half_period,
    make_period,
    month_period,
    quarter_period,
    year_period,
)
from taraz.errors import UsageError
from taraz.fa import to_latin_digits

_YEAR = r"(?P<y>\d{4})"
_SINGLE = {
    "ytd": re.compile(r"YTD"),
    "year": re.compile(_YEAR),
    "year-ytd": re.compile(_YEAR + r"-YTD"),
    "half": re.compile(_YEAR + r"-H(?P<n>\d+)"),
    "quarter": re.compile(_YEAR + r"-Q(?P<n>\d+)"),
    "month": re.compile(_YEAR + r"-(?P<m>\d{1,2})"),
}
_DAY = re.compile(_YEAR + r"-(?P<m>\d{1,2})-(?P<d>\d{1,2})")


class PeriodError(UsageError, ValueError):
    """A text that is not a period: a `calendar.*` code of the catalogue, with the text."""

    def __init__(self, text: str, code: str, **fields) -> None:
        self.text = text
        super().__init__(code, text=text, **fields)


def parse_period(text: str, today: date | None = None) -> Period:
    """Read a period written in the grammar; raise PeriodError saying what was wrong.

    Persian and Arabic digits, any letter case, `/` for `-` and spaces are accepted.
    `today` (default: the system date) only matters for year-to-date.
    """
    today = today or date.today()
    cleaned = re.sub(r"\s+", "", to_latin_digits(text)).upper().replace("/", "-")
    if not cleaned:
        raise PeriodError(text, "calendar.empty")
    if ".." in cleaned:
        return _parse_range(text, cleaned)
    for form, pattern in _SINGLE.items():
        match = pattern.fullmatch(cleaned)
        if match:
            return _single(text, form, match.groupdict(), today)
    if _DAY.fullmatch(cleaned):
        raise PeriodError(text, "calendar.single-day")
    raise PeriodError(text, "calendar.unknown-form")


def _single(text: str, form: str, parts: dict[str, str], today: date) -> Period:
    """A period of one of the single (non-range) forms."""
    if form == "ytd":
        jalali = calendar_system(JALALI)
        return _year_to_date(jalali, jalali.to_ymd(today)[0], today)
    system, y = _year(text, parts["y"])
    if form == "year":
        return year_period(system, y)
    if form == "year-ytd":
        return _year_to_date(system, y, today)
    if form == "half":
        n = int(parts["n"])
        if n not in (1, 2):
            raise PeriodError(text, "calendar.bad-half", n=n)
        return half_period(system, y, n)
    if form == "quarter":
        n = int(parts["n"])
        if not 1 <= n <= 4:
            raise PeriodError(text, "calendar.bad-quarter", n=n)
        return quarter_period(system, y, n)
    return month_period(system, y, _month(text, parts["m"]))


def _parse_range(text: str, cleaned: str) -> Period:
    """`1404-01..1404-05` (months) or `1404-01-01..1404-05-10` (days)."""
    first, _, last = cleaned.partition("..")
    month = _SINGLE["month"]
    if month.fullmatch(first) and month.fullmatch(last):
        (s_system, sy), (e_system, ey) = _year(text, first[:4]), _year(text, last[:4])
        _same_calendar(text, s_system, e_system)
        start = s_system.month_start(sy, _month(text, first[5:]))
        end = e_system.month_end(ey, _month(text, last[5:]))
    elif _DAY.fullmatch(first) and _DAY.fullmatch(last):
        s_system, start = _day(text, first)
        e_system, end = _day(text, last)
        _same_calendar(text, s_system, e_system)
    else:
        raise PeriodError(text, "calendar.bad-range")
    if start > end:
        raise PeriodError(text, "calendar.reversed-range", first=first, last=last)
    return make_period(s_system.name, "range", start, end)


def _year_to_date(system: CalendarSystem, y: int, today: date) -> Period:
    """From the first day of year y to today if today is in y, else the whole year."""
    whole = year_period(system, y)
    if not whole.contains(today) or today == whole.end:
        return whole
    return make_period(system.name, "ytd", whole.start, today)


def _year(text: str, digits: str) -> tuple[CalendarSystem, int]:
    """The calendar and number of a 4-digit year."""
    y = int(digits)
    lo, hi = GREGORIAN_YEARS if y >= FIRST_GREGORIAN_YEAR else JALALI_YEARS
    if not lo <= y <= hi:
        raise PeriodError(text, "calendar.bad-year", year=y, **year_limits())
    return calendar_of_year(y), y


def year_limits() -> dict[str, int]:
    """The fields of the `calendar.bad-year` message: the years a period may name."""
    return {
        "first_jalali": JALALI_YEARS[0],
        "last_jalali": JALALI_YEARS[1],
        "first_gregorian": GREGORIAN_YEARS[0],
        "last_gregorian": GREGORIAN_YEARS[1],
    }


def _month(text: str, digits: str) -> int:
    """A month number 1-12."""
    m = int(digits)
    if not 1 <= m <= 12:
        raise PeriodError(text, "calendar.bad-month", month=m)
    return m


def _day(text: str, written: str) -> tuple[CalendarSystem, date]:
    """The calendar and Gregorian date of `yyyy-mm-dd`, checking the day exists."""
    parts = _DAY.fullmatch(written)
    assert parts is not None
    system, y = _year(text, parts["y"])
    m, d = _month(text, parts["m"]), int(parts["d"])
    length = system.month_length(y, m)
    if not 1 <= d <= length:
        raise PeriodError(
            text,
            "calendar.bad-day",
            written=written,
            month_name=_MonthName(system.name, m),
            year=y,
            length=length,
        )
    return system, system.from_ymd(y, m, d)


def _same_calendar(text: str, first: CalendarSystem, last: CalendarSystem) -> None:
    """Both ends of a range must be in the same calendar."""
    if first != last:
        raise PeriodError(text, "calendar.mixed-calendars", first_gregorian=FIRST_GREGORIAN_YEAR)


class _MonthName:
    """A month's name in the language of the message it is formatted into."""

    def __init__(self, calendar: str, month: int) -> None:
        self.calendar = calendar
        self.month = month

    def in_lang(self, lang: str) -> str:
        return month_names(self.calendar, lang)[self.month - 1]

    def __str__(self) -> str:
        return self.in_lang("en")
