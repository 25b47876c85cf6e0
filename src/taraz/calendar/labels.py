"""Labels of periods and dates for people, in Persian and English."""

from datetime import date
from typing import TYPE_CHECKING

from taraz.calendar.calendars import JALALI, gregorian_to_jalali
from taraz.calendar.months import (
    GREGORIAN_MONTHS_EN,
    HALVES_FA,
    JALALI_MONTHS_EN,
    JALALI_MONTHS_FA,
    JALALI_SEASONS_FA,
    ORDINALS_FA,
    month_names,
)
from taraz.fa import to_persian_digits

if TYPE_CHECKING:
    from taraz.calendar.period import Period

_GREGORIAN_SUFFIX_FA = " میلادی"


def label_fa(period: "Period") -> str:
    """«سال ۱۴۰۴», «شش‌ماهه نخست ۱۴۰۴», «فصل دوم (تابستان) ۱۴۰۴», «خرداد ۱۴۰۴», ..."""
    system = period.system
    names = month_names(period.calendar, "fa")
    sy, sm, sd = system.to_ymd(period.start)
    ey, em, ed = system.to_ymd(period.end)
    if period.kind == "year":
        text = f"سال {sy}"
    elif period.kind == "half":
        text = f"شش‌ماهه {HALVES_FA[(sm - 1) // 6]} {sy}"
    elif period.kind == "quarter":
        q = (sm - 1) // 3
        if period.calendar == JALALI:
            text = f"فصل {ORDINALS_FA[q]} ({JALALI_SEASONS_FA[q]}) {sy}"
        else:
            text = f"سه‌ماهه {ORDINALS_FA[q]} {sy}"
    elif period.is_whole_months and period.kind != "ytd":
        first, last = f"{names[sm - 1]} {sy}", f"{names[em - 1]} {ey}"
        if (sy, sm) == (ey, em):
            text = first
        elif sy == ey:
            text = f"{names[sm - 1]} تا {last}"
        else:
            text = f"{first} تا {last}"
    else:
        first, last = f"{sd} {names[sm - 1]} {sy}", f"{ed} {names[em - 1]} {ey}"
        if period.start == period.end:
            text = first
        elif sy == ey:
            text = f"{sd} {names[sm - 1]} تا {last}"
        else:
            text = f"{first} تا {last}"
    if period.calendar != JALALI:
        text += _GREGORIAN_SUFFIX_FA
    return to_persian_digits(text)


def label_en(period: "Period") -> str:
    """ "H1 1404 (Farvardin-Shahrivar; 21 Mar - 22 Sep 2025)", "Khordad 1404 (22 May - ...)".

    Jalali labels end with the Gregorian span in parentheses, for readers abroad.
    """
    system = period.system
    names = month_names(period.calendar, "en")
    sy, sm, sd = system.to_ymd(period.start)
    ey, em, ed = system.to_ymd(period.end)
    months = f"{names[sm - 1]}-{names[em - 1]}"
    if period.kind == "year":
        text, detail = f"{sy}", ""
    elif period.kind == "half":
        text, detail = f"H{(sm - 1) // 6 + 1} {sy}", months
    elif period.kind == "quarter":
        text, detail = f"Q{(sm - 1) // 3 + 1} {sy}", months
    elif period.is_whole_months and period.kind != "ytd":
        text, detail = _span(f"{names[sm - 1]}", sy, f"{names[em - 1]}", ey), ""
    else:
        text, detail = _span(f"{sd} {names[sm - 1]}", sy, f"{ed} {names[em - 1]}", ey), ""
    if period.calendar == JALALI:
        detail = "; ".join(part for part in (detail, _gregorian_span(period)) if part)
    return f"{text} ({detail})" if detail else text


def format_jalali_date(d: date, lang: str = "fa") -> str:
    """A day for people: «۱۵ خرداد ۱۴۰۴» (fa) or "15 Khordad 1404 (5 June 2025)" (en)."""
    y, m, day = gregorian_to_jalali(d)
    if lang == "fa":
        return to_persian_digits(f"{day} {JALALI_MONTHS_FA[m - 1]} {y}")
    if lang == "en":
        gregorian = f"{d.day} {GREGORIAN_MONTHS_EN[d.month - 1]} {d.year}"
        return f"{day} {JALALI_MONTHS_EN[m - 1]} {y} ({gregorian})"
    raise ValueError(f"lang must be 'fa' or 'en', not {lang!r}")


def _span(first: str, first_year: int, last: str, last_year: int) -> str:
    """ "Farvardin-Mordad 1404", "Dey 1403 - Ordibehesht 1404", or one item alone."""
    if (first, first_year) == (last, last_year):
        return f"{first} {first_year}"
    if first_year == last_year:
        separator = " - " if " " in first else "-"
        return f"{first}{separator}{last} {last_year}"
    return f"{first} {first_year} - {last} {last_year}"


def _gregorian_span(period: "Period") -> str:
    """ "21 Mar - 22 Sep 2025", "21 Dec 2024 - 21 May 2025" or "1 Aug 2025"."""
    start, end = period.start, period.end
    first = f"{start.day} {GREGORIAN_MONTHS_EN[start.month - 1][:3]}"
    last = f"{end.day} {GREGORIAN_MONTHS_EN[end.month - 1][:3]}"
    return _span(first, start.year, last, end.year)
