"""A day as people write it: Jalali (`/` or `-`, Persian or Latin digits) below the year 1700,
Gregorian from it; one reading for as-of moments and working days."""

from datetime import date

import pytest

from taraz.calendar import DayError, parse_day


@pytest.mark.parametrize(
    "text", ["1404/12/27", "1404-12-27", "۱۴۰۴/۱۲/۲۷", "۱۴۰۴-۱۲-۲۷", "١٤٠٤/١٢/٢٧", " 1404/12/27 "]
)
def test_a_jalali_day_in_any_of_its_spellings(text):
    assert parse_day(text) == date(2026, 3, 18)  # 27 Esfand 1404


def test_a_gregorian_day_from_the_year_1700():
    assert parse_day("2026-03-18") == date(2026, 3, 18)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("soon", "calendar.bad-date"),
        ("1404/13/01", "calendar.bad-date"),
        ("27/12/1404", "calendar.bad-date"),
        ("0999-01-01", "calendar.bad-date"),
        ("1404/12/30", "calendar.no-such-day"),
        ("2025-02-29", "calendar.no-such-day"),
    ],
)
def test_not_a_day_is_a_usage_error_that_says_why(text, code):
    with pytest.raises(DayError) as err:
        parse_day(text)
    assert err.value.code == code and err.value.exit_code == 2
    assert err.value.message_fa and err.value.message_en


def test_a_missing_day_names_its_month_and_length():
    with pytest.raises(DayError) as err:
        parse_day("1404/12/30")
    assert err.value.message("en").endswith("Esfand 1404 has 29 days.")
