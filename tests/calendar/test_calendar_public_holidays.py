"""The pinned `holidays` package's Iran calendar against the official calendar of Iran.

The official lists are the Council of Public Culture's (شورای فرهنگ عمومی) calendars as the
Iranian press printed them: 1403 (its list of official holidays), 1404 (26 days, 4 of them
Fridays; the month-by-month lists of Shahrivar, Dey and Esfand), and what was published of 1405
in Aban 1404 (Farvardin to Tir). Upgrading `holidays` must pass this file; a difference is a
question for the official calendar, not for the test.
"""

from datetime import date

import pytest

from taraz.calendar import gregorian_to_jalali, jalali_to_gregorian
from taraz.calendar.public_holidays import (
    VERSION,
    YEARS,
    islamic_dates_confirmed_through,
    public_holidays,
)

OFFICIAL_1403 = {
    (1, 1): "Nowruz",
    (1, 2): "Nowruz",
    (1, 3): "Nowruz",
    (1, 4): "Nowruz",
    (1, 12): "Islamic Republic Day",
    (1, 13): "Nature's Day; martyrdom of Imam Ali (21 Ramadan)",
    (1, 22): "Eid al-Fitr",
    (1, 23): "Eid al-Fitr holiday",
    (2, 15): "martyrdom of Imam Ja'far al-Sadiq",
    (3, 14): "death of Imam Khomeini",
    (3, 15): "15 Khordad uprising",
    (3, 28): "Eid al-Adha",
    (4, 5): "Eid al-Ghadir",
    (4, 25): "Tasua",
    (4, 26): "Ashura",
    (6, 4): "Arbaeen",
    (6, 12): "death of the Prophet, martyrdom of Imam Hasan",
    (6, 14): "martyrdom of Imam Reza",
    (6, 22): "martyrdom of Imam Hasan al-Askari",
    (6, 31): "birthday of the Prophet and Imam Ja'far al-Sadiq",
    (9, 15): "martyrdom of Fatima",
    (10, 25): "birthday of Imam Ali",
    (11, 9): "Mab'ath",
    (11, 22): "Islamic Revolution Day",
    (11, 26): "birthday of the Mahdi (15 Sha'ban)",
    (12, 29): "oil nationalisation day",
    (12, 30): "last day of the (leap) year, the new year's turn falls on it",
}

OFFICIAL_1404 = {
    (1, 1): "Nowruz",
    (1, 2): "Nowruz; martyrdom of Imam Ali",
    (1, 3): "Nowruz",
    (1, 4): "Nowruz",
    (1, 11): "Eid al-Fitr",
    (1, 12): "Eid al-Fitr holiday; Islamic Republic Day",
    (1, 13): "Nature's Day",
    (2, 4): "martyrdom of Imam Ja'far al-Sadiq",
    (3, 14): "death of Imam Khomeini",
    (3, 15): "15 Khordad uprising",
    (3, 16): "Eid al-Adha",
    (3, 24): "Eid al-Ghadir",
    (4, 14): "Tasua",
    (4, 15): "Ashura",
    (5, 23): "Arbaeen",
    (5, 31): "death of the Prophet, martyrdom of Imam Hasan",
    (6, 2): "martyrdom of Imam Reza",
    (6, 10): "martyrdom of Imam Hasan al-Askari",
    (6, 19): "birthday of the Prophet and Imam Ja'far al-Sadiq",
    (9, 3): "martyrdom of Fatima",
    (10, 13): "birthday of Imam Ali",
    (10, 27): "Mab'ath",
    (11, 15): "birthday of the Mahdi (15 Sha'ban)",
    (11, 22): "Islamic Revolution Day",
    (12, 20): "martyrdom of Imam Ali (21 Ramadan)",
    (12, 29): "oil nationalisation day",
}
# Declared after the calendar was published: the package's special public holidays of
# 1-7 March 2026 (national mourning, from its sources of 1 March 2026).
DECLARED_1404 = {(12, d) for d in range(10, 17)}

# Published in Aban 1404 for Farvardin to Tir 1405 (Ordibehesht has no holiday).
OFFICIAL_1405_SPRING = {
    (1, 1): "Nowruz; Eid al-Fitr",
    (1, 2): "Nowruz; Eid al-Fitr holiday",
    (1, 3): "Nowruz",
    (1, 4): "Nowruz",
    (1, 12): "Islamic Republic Day",
    (1, 13): "Nature's Day",
    (3, 6): "Eid al-Adha",
    (3, 14): "Eid al-Ghadir; death of Imam Khomeini",
    (3, 15): "15 Khordad uprising",
    (4, 3): "Tasua",
    (4, 4): "Ashura",
}


def holidays_of_jalali_year(year: int) -> set[tuple[int, int]]:
    first, last = jalali_to_gregorian(year, 1, 1), jalali_to_gregorian(year + 1, 1, 1)
    found = {}
    for gregorian_year in range(first.year, last.year + 1):
        found.update(public_holidays(gregorian_year))
    return {gregorian_to_jalali(d)[1:] for d in found if first <= d < last}


def test_the_pinned_version():
    assert VERSION == "0.109"
    assert YEARS == (1980, 2100)
    assert islamic_dates_confirmed_through() == 2026


def test_1403_is_the_official_calendar():
    assert holidays_of_jalali_year(1403) == set(OFFICIAL_1403)


def test_1404_is_the_official_calendar_and_the_days_declared_later():
    assert holidays_of_jalali_year(1404) == set(OFFICIAL_1404) | DECLARED_1404


def test_the_spring_of_1405_is_the_official_calendar():
    spring = {(m, d) for m, d in holidays_of_jalali_year(1405) if m <= 4}
    # The package also has 25 Farvardin 1405 (25 Shawwal, Imam Ja'far al-Sadiq), which the
    # published summaries of 1405 did not list; it is checked when the official calendar is.
    assert spring - {(1, 25)} == set(OFFICIAL_1405_SPRING)


@pytest.mark.parametrize(
    ("day", "name_fa", "name_en"),
    [
        (date(2025, 3, 21), "جشن نوروز", "Nowruz"),
        (date(2025, 7, 5), "تاسوعای حسینی", "Tasua"),
        (date(2025, 7, 6), "عاشورای حسینی", "Ashura"),
        (date(2025, 6, 5), "قیام ۱۵ خرداد", "15 Khordad Uprising"),
        (
            date(2025, 3, 22),
            "شهادت حضرت علی علیه السلام؛ عیدنوروز",
            "Martyrdom of Imam Ali; Nowruz Holiday",
        ),
    ],
)
def test_a_holiday_has_its_persian_and_english_names(day, name_fa, name_en):
    holiday = public_holidays(day.year)[day]
    assert (holiday.name_fa, holiday.name_en) == (name_fa, name_en)


def test_islamic_dates_are_estimated_after_the_confirmed_years_and_solar_ones_never():
    in_2026, in_2027 = public_holidays(2026), public_holidays(2027)
    assert not any(h.estimated for h in in_2026.values())
    assert in_2027[date(2027, 6, 15)].estimated  # Tasua 1406, an estimate
    assert not in_2027[date(2027, 3, 21)].estimated  # Nowruz 1406, a solar date


def test_no_holiday_outside_the_package_years():
    assert public_holidays(1979) == {} and public_holidays(2101) == {}
