"""Jalali <-> Gregorian conversion, checked against published calendar facts."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taraz.calendar import (
    JALALI_MONTHS_EN,
    JALALI_MONTHS_FA,
    gregorian_to_jalali,
    is_jalali_leap,
    jalali_month_length,
    jalali_to_gregorian,
)


@pytest.mark.parametrize(
    ("jalali", "gregorian"),
    [
        ((1380, 1, 1), date(2001, 3, 21)),
        ((1399, 1, 1), date(2020, 3, 20)),
        ((1403, 1, 1), date(2024, 3, 20)),
        ((1404, 1, 1), date(2025, 3, 21)),
        ((1403, 12, 30), date(2025, 3, 20)),
        ((1404, 6, 31), date(2025, 9, 22)),
        ((1404, 3, 15), date(2025, 6, 5)),
    ],
)
def test_jalali_to_gregorian_matches_published_dates(jalali, gregorian):
    assert jalali_to_gregorian(*jalali) == gregorian


def test_gregorian_to_jalali_of_nowruz_1404():
    assert gregorian_to_jalali(date(2025, 3, 21)) == (1404, 1, 1)


def test_esfand_30_of_a_common_year_does_not_exist():
    with pytest.raises(ValueError, match="1404-12-30"):
        jalali_to_gregorian(1404, 12, 30)


@pytest.mark.parametrize(
    ("year", "leap"), [(1399, True), (1403, True), (1404, False), (1408, True)]
)
def test_leap_years(year, leap):
    assert is_jalali_leap(year) is leap


@pytest.mark.parametrize(
    ("year", "month", "days"),
    [(1404, 1, 31), (1404, 6, 31), (1404, 7, 30), (1404, 11, 30), (1404, 12, 29), (1403, 12, 30)],
)
def test_month_lengths(year, month, days):
    assert jalali_month_length(year, month) == days


def test_month_13_has_no_length():
    with pytest.raises(ValueError, match="month"):
        jalali_month_length(1404, 13)


def test_twelve_month_names_in_each_language():
    assert (len(JALALI_MONTHS_FA), len(JALALI_MONTHS_EN)) == (12, 12)


def test_month_names_start_with_farvardin_and_end_with_esfand():
    assert (JALALI_MONTHS_FA[0], JALALI_MONTHS_EN[11]) == ("فروردین", "Esfand")


_days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(_days)
def test_gregorian_to_jalali_and_back_is_the_same_day(d):
    assert jalali_to_gregorian(*gregorian_to_jalali(d)) == d


@given(_days)
def test_the_next_gregorian_day_is_the_next_jalali_day(d):
    y, m, day = gregorian_to_jalali(d)
    if day < jalali_month_length(y, m):
        expected = (y, m, day + 1)
    elif m < 12:
        expected = (y, m + 1, 1)
    else:
        expected = (y + 1, 1, 1)
    assert gregorian_to_jalali(d + timedelta(days=1)) == expected
