"""As-of moments: a date means the end of that day in Tehran."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from taraz.calendar import MomentError, parse_moment

TEHRAN = ZoneInfo("Asia/Tehran")


def test_a_jalali_date_is_the_end_of_that_day_in_tehran():
    # 1 Mordad 1404 is 23 July 2025
    assert parse_moment("۱۴۰۴/۰۵/۰۱") == datetime(2025, 7, 23, 23, 59, 59, 999999, tzinfo=TEHRAN)


def test_a_gregorian_date_is_the_end_of_that_day():
    assert parse_moment("2025-07-23") == datetime(2025, 7, 23, 23, 59, 59, 999999, tzinfo=TEHRAN)


def test_a_date_and_time_is_taken_as_given():
    assert parse_moment("2025-07-23T10:30+00:00").hour == 10


@pytest.mark.parametrize("text", ["1404-13-01", "yesterday", "1404/12/31"])
def test_not_a_date_says_so_in_both_languages(text):
    with pytest.raises(MomentError) as err:
        parse_moment(text)
    assert err.value.message_fa and err.value.message_en
