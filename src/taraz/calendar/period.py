"""A period: a span of whole days, named in the Jalali or Gregorian calendar."""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from taraz.calendar import labels
from taraz.calendar.calendars import CALENDARS, CalendarSystem, calendar_system

KINDS = ("year", "half", "quarter", "month", "range", "ytd")


@dataclass(frozen=True)
class Period:
    """A span from `start` to `end` (Gregorian dates, both inclusive) in a calendar.

    `label` is the canonical text of the period grammar; parsing it gives the same span.
    """

    calendar: str
    start: date
    end: date
    kind: str
    label: str

    def __post_init__(self) -> None:
        if self.calendar not in CALENDARS:
            raise ValueError(f"calendar must be one of {CALENDARS}, not {self.calendar!r}")
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {self.kind!r}")
        if self.start > self.end:
            raise ValueError(f"a period cannot end ({self.end}) before it starts ({self.start})")

    def __str__(self) -> str:
        return self.label

    @property
    def system(self) -> CalendarSystem:
        """The calendar the period is named in."""
        return calendar_system(self.calendar)

    @property
    def days(self) -> int:
        """Number of days in the period."""
        return (self.end - self.start).days + 1

    @property
    def is_whole_months(self) -> bool:
        """Whether the period starts on a month's first day and ends on a month's last day."""
        return _is_whole_months(self.system, self.start, self.end)

    def contains(self, d: date) -> bool:
        """Whether day d is inside the period."""
        return self.start <= d <= self.end

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches, in its own calendar, in order."""
        y, m, _ = self.system.to_ymd(self.start)
        last = self.system.to_ymd(self.end)[:2]
        result = [(y, m)]
        while (y, m) != last:
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
            result.append((y, m))
        return result

    def same_period_last_year(self) -> "Period":
        """The same span one year earlier in the period's own calendar.

        Whole months map to whole months (Esfand 1404 -> all of Esfand 1403, 30 days);
        otherwise day for day, a day missing last year clamped to its month's last day.
        Worked out once per period (a bulletin asks it some thirty times).
        """
        return _last_year(self)

    def _same_period_last_year(self) -> "Period":
        system = self.system
        sy, sm, sd = system.to_ymd(self.start)
        ey, em, ed = system.to_ymd(self.end)
        start = system.shift_years(sy, sm, sd, -1)
        if self.is_whole_months:
            end = system.month_end(ey - 1, em)
        else:
            end = system.shift_years(ey, em, ed, -1)
        return make_period(self.calendar, self.kind, start, end)

    def label_fa(self) -> str:
        """A Persian label for people, with Persian digits: «شش‌ماهه نخست ۱۴۰۴»."""
        return labels.label_fa(self)

    def label_en(self) -> str:
        """An English label for people: "H1 1404 (Farvardin-Shahrivar; 21 Mar - 22 Sep 2025)"."""
        return labels.label_en(self)


def make_period(calendar: str, kind: str, start: date, end: date) -> Period:
    """A Period with its canonical label worked out from its kind and dates."""
    system = calendar_system(calendar)
    sy, sm, sd = system.to_ymd(start)
    ey, em, ed = system.to_ymd(end)
    if kind == "year":
        label = f"{sy:04d}"
    elif kind == "half":
        label = f"{sy:04d}-H{(sm - 1) // 6 + 1}"
    elif kind == "quarter":
        label = f"{sy:04d}-Q{(sm - 1) // 3 + 1}"
    elif kind == "month":
        label = f"{sy:04d}-{sm:02d}"
    elif kind == "range" and _is_whole_months(system, start, end):
        label = f"{sy:04d}-{sm:02d}..{ey:04d}-{em:02d}"
    else:
        label = f"{sy:04d}-{sm:02d}-{sd:02d}..{ey:04d}-{em:02d}-{ed:02d}"
    return Period(calendar, start, end, kind, label)


def months_spanning(first: date, last: date, calendar: str = "jalali") -> Period:
    """The whole months of `calendar` from the month of `first` to the month of `last`.

    A monthly file dated 3 Farvardin to 29 Khordad covers Farvardin to Khordad, every day.
    """
    if last < first:
        raise ValueError(f"a span cannot end ({last}) before it starts ({first})")
    system = calendar_system(calendar)
    fy, fm, _ = system.to_ymd(first)
    ly, lm, _ = system.to_ymd(last)
    kind = "month" if (fy, fm) == (ly, lm) else "range"
    return make_period(calendar, kind, system.month_start(fy, fm), system.month_end(ly, lm))


def year_period(system: CalendarSystem, y: int) -> Period:
    """The whole year y."""
    return make_period(system.name, "year", system.month_start(y, 1), system.month_end(y, 12))


def half_period(system: CalendarSystem, y: int, half: int) -> Period:
    """Half 1 (months 1-6) or 2 (months 7-12) of year y."""
    first = 6 * (half - 1) + 1
    return make_period(
        system.name, "half", system.month_start(y, first), system.month_end(y, first + 5)
    )


def quarter_period(system: CalendarSystem, y: int, quarter: int) -> Period:
    """Quarter 1-4 of year y (for Jalali, the seasons: Q1 is spring, Farvardin-Khordad)."""
    first = 3 * (quarter - 1) + 1
    return make_period(
        system.name, "quarter", system.month_start(y, first), system.month_end(y, first + 2)
    )


def month_period(system: CalendarSystem, y: int, m: int) -> Period:
    """Month m of year y."""
    return make_period(system.name, "month", system.month_start(y, m), system.month_end(y, m))


def _is_whole_months(system: CalendarSystem, start: date, end: date) -> bool:
    """Whether start is a month's first day and end a month's last day."""
    return system.to_ymd(start)[2] == 1 and end == system.month_end(*system.to_ymd(end)[:2])


@lru_cache(maxsize=1024)
def _last_year(period: Period) -> Period:
    return period._same_period_last_year()
