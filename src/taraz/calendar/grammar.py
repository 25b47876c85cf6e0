"""The period grammar used by the CLI, the API and reports: `1404-H1`, `2024-Q1`, ..."""

import re
from datetime import date

from taraz.calendar.calendars import (
    FIRST_GREGORIAN_YEAR,
    JALALI,
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
from taraz.fa import to_latin_digits, to_persian_digits

FORMS_EN = (
    "1404 (year), 1404-H1 (half), 1404-Q2 (season), 1404-03 (month), "
    "1404-01..1404-05 (months), 1404-01-01..1404-05-10 (days), 1404-YTD or YTD "
    "(year to date); years from 1700 are Gregorian (2024, 2024-Q1, 2024-03)"
)
FORMS_FA = (
    "1404 (سال)، 1404-H1 (شش‌ماهه)، 1404-Q2 (فصل)، 1404-03 (ماه)، "
    "1404-01..1404-05 (چند ماه)، 1404-01-01..1404-05-10 (چند روز)، 1404-YTD یا YTD "
    "(از ابتدای سال تا امروز)؛ سال‌های ۱۷۰۰ به بعد میلادی‌اند (2024، 2024-Q1، 2024-03)"
)

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


class PeriodError(ValueError):
    """A text that is not a period, with the reason and the accepted forms in Persian and English.

    `code` is stable (`calendar.bad-quarter`, ...) for programs; the messages are for people.
    """

    def __init__(self, text: str, code: str, reason_en: str, reason_fa: str) -> None:
        self.text = text
        self.code = code
        self.message_en = f"{text!r} is not a period: {reason_en}. Accepted forms: {FORMS_EN}."
        self.message_fa = f"«{text}» دوره‌ای معتبر نیست: {reason_fa}. شکل‌های پذیرفته: {FORMS_FA}."
        super().__init__(f"{self.message_en}\n{self.message_fa}")


def parse_period(text: str, today: date | None = None) -> Period:
    """Read a period written in the grammar; raise PeriodError saying what was wrong.

    Persian and Arabic digits, any letter case, `/` for `-` and spaces are accepted.
    `today` (default: the system date) only matters for year-to-date.
    """
    today = today or date.today()
    cleaned = re.sub(r"\s+", "", to_latin_digits(text)).upper().replace("/", "-")
    if not cleaned:
        raise PeriodError(text, "calendar.empty", "the text is empty", "متن خالی است")
    if ".." in cleaned:
        return _parse_range(text, cleaned)
    for form, pattern in _SINGLE.items():
        match = pattern.fullmatch(cleaned)
        if match:
            return _single(text, form, match.groupdict(), today)
    if _DAY.fullmatch(cleaned):
        raise PeriodError(
            text,
            "calendar.single-day",
            "a single day is not a period; write a range of days such as 1404-03-15..1404-03-15",
            "یک روز به تنهایی دوره نیست؛ بازه‌ای از روزها بنویسید، مانند 1404-03-15..1404-03-15",
        )
    raise PeriodError(
        text,
        "calendar.unknown-form",
        "it matches none of the accepted forms",
        "با هیچ‌یک از شکل‌های پذیرفته جور نیست",
    )


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
            raise PeriodError(
                text,
                "calendar.bad-half",
                f"a half is H1 or H2, not H{n}",
                f"نیمه H1 یا H2 است، نه H{n}",
            )
        return half_period(system, y, n)
    if form == "quarter":
        n = int(parts["n"])
        if not 1 <= n <= 4:
            raise PeriodError(
                text,
                "calendar.bad-quarter",
                f"a quarter is Q1 to Q4, not Q{n}",
                f"فصل Q1 تا Q4 است، نه Q{n}",
            )
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
        raise PeriodError(
            text,
            "calendar.bad-range",
            "a range runs from a month to a month (1404-01..1404-05) "
            "or from a day to a day (1404-01-01..1404-05-10)",
            "بازه از ماهی تا ماهی (1404-01..1404-05) "
            "یا از روزی تا روزی (1404-01-01..1404-05-10) است",
        )
    if start > end:
        raise PeriodError(
            text,
            "calendar.reversed-range",
            f"the range ends ({last}) before it starts ({first})",
            f"پایان بازه ({last}) پیش از آغاز آن ({first}) است",
        )
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
    if y < 1:
        raise PeriodError(text, "calendar.bad-year", "there is no year 0", "سال صفر وجود ندارد")
    return calendar_of_year(y), y


def _month(text: str, digits: str) -> int:
    """A month number 1-12."""
    m = int(digits)
    if not 1 <= m <= 12:
        raise PeriodError(
            text,
            "calendar.bad-month",
            f"a month is 01 to 12, not {digits}",
            f"ماه از 01 تا 12 است، نه {digits}",
        )
    return m


def _day(text: str, written: str) -> tuple[CalendarSystem, date]:
    """The calendar and Gregorian date of `yyyy-mm-dd`, checking the day exists."""
    parts = _DAY.fullmatch(written)
    assert parts is not None
    system, y = _year(text, parts["y"])
    m, d = _month(text, parts["m"]), int(parts["d"])
    length = system.month_length(y, m)
    if not 1 <= d <= length:
        name_en, name_fa = (
            month_names(system.name, "en")[m - 1],
            month_names(system.name, "fa")[m - 1],
        )
        raise PeriodError(
            text,
            "calendar.bad-day",
            f"{written} does not exist: {name_en} {y} has {length} days",
            f"{written} وجود ندارد: {name_fa} {to_persian_digits(f'{y} {length}')} روز دارد",
        )
    return system, system.from_ymd(y, m, d)


def _same_calendar(text: str, first: CalendarSystem, last: CalendarSystem) -> None:
    """Both ends of a range must be in the same calendar."""
    if first != last:
        raise PeriodError(
            text,
            "calendar.mixed-calendars",
            f"one end is Jalali and the other Gregorian (years from {FIRST_GREGORIAN_YEAR})",
            "یک سر بازه شمسی و سر دیگر میلادی است "
            f"(سال‌های {to_persian_digits(str(FIRST_GREGORIAN_YEAR))} به بعد)",
        )
