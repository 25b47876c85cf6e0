"""Iran's public holidays, from the `holidays` package's Iran calendar (its version pinned).

The package gives each holiday in Persian and English and marks an Islamic date as estimated
when it lies past the years whose dates it has confirmed against the official calendar; a
figure that depends on such a date says so. Its Iran calendar covers the Gregorian years
`YEARS`; outside them it knows no holiday, so taraz counts no working day there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import holidays as _holidays
from holidays.countries.iran import Iran, IranIslamicHolidays

from taraz.fa import to_persian_digits

COUNTRY = "IR"
PACKAGE = "holidays"
VERSION: str = _holidays.__version__
YEARS: tuple[int, int] = (Iran.start_year, Iran.end_year)


@dataclass(frozen=True)
class PublicHoliday:
    """One day of Iran's public holidays; several holidays of one day are joined in one name."""

    day: date
    name_fa: str
    name_en: str
    estimated: bool  # an Islamic date the package estimates, not yet confirmed


@cache
def public_holidays(year: int) -> dict[date, PublicHoliday]:
    """Iran's public holidays of Gregorian `year` (none outside `YEARS`)."""
    if not YEARS[0] <= year <= YEARS[1]:
        return {}
    fa = _iran(year, "fa_IR", show_estimated=False)
    en = _iran(year, "en_US", show_estimated=False)
    marked = _iran(year, "en_US", show_estimated=True)
    return {
        day: PublicHoliday(
            day=day,
            name_fa=to_persian_digits("؛ ".join(fa.get_list(day))),
            name_en="; ".join(en.get_list(day)),
            estimated=marked.get_list(day) != en.get_list(day),
        )
        for day in sorted(fa)
    }


@cache
def islamic_dates_confirmed_through() -> int | None:
    """The last year up to which the package has confirmed every Islamic holiday's dates.

    Read from the package's table of confirmed years (`<HOLIDAY>_CONFIRMED_YEARS`, a pair of
    years per holiday); None if a later version keeps them elsewhere (a test pins the value).
    """
    ends = [
        value[1]
        for name in dir(IranIslamicHolidays)
        if "_CONFIRMED_YEARS" in name
        and isinstance(value := getattr(IranIslamicHolidays, name), tuple)
        and len(value) == 2
    ]
    return min(ends) if ends else None


def source() -> dict[str, object]:
    """What the holidays come from, for a figure to name its calendar."""
    return {
        "package": PACKAGE,
        "version": VERSION,
        "country": COUNTRY,
        "years": list(YEARS),
        "islamic_dates_confirmed_through": islamic_dates_confirmed_through(),
    }


def _iran(year: int, language: str, show_estimated: bool):
    return _holidays.country_holidays(
        COUNTRY, years=year, language=language, islamic_show_estimated=show_estimated
    )
