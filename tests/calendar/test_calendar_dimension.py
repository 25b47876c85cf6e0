"""The date dimension table."""

import itertools
import time
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taraz.calendar import date_dimension, gregorian_to_jalali

# Leap years 1380-1430 of the published 33-year-cycle tables.
LEAP_YEARS = {1383, 1387, 1391, 1395, 1399, 1403, 1408, 1412, 1416, 1420, 1424, 1428}


@pytest.fixture(scope="module")
def dimension():
    return date_dimension(1380, 1430)


def _row(table, day):
    return next(row for row in table.to_pylist() if row["date"] == day)


def test_columns_are_those_of_the_contract(dimension):
    assert dimension.column_names == [
        "date", "jy", "jm", "jd", "jhalf", "jquarter", "jmonth_name_fa", "jmonth_name_en",
        "gy", "gm", "gd", "gquarter", "ghalf", "weekday",
    ]  # fmt: skip


def test_one_row_per_day_of_51_years(dimension):
    assert dimension.num_rows == 51 * 365 + len(LEAP_YEARS)


def test_first_row_is_nowruz_1380(dimension):
    first = dimension.slice(0, 1).to_pylist()[0]
    assert (first["date"], first["jy"], first["jm"], first["jd"]) == (date(2001, 3, 21), 1380, 1, 1)


def test_last_row_is_esfand_29_1430(dimension):
    last = dimension.slice(dimension.num_rows - 1, 1).to_pylist()[0]
    assert (last["jy"], last["jm"], last["jd"]) == (1430, 12, 29)


def test_days_follow_each_other_without_gaps(dimension):
    days = dimension.column("date").to_pylist()
    assert all(b - a == timedelta(days=1) for a, b in itertools.pairwise(days))


def test_nowruz_1404_row(dimension):
    assert _row(dimension, date(2025, 3, 21)) == {
        "date": date(2025, 3, 21),
        "jy": 1404, "jm": 1, "jd": 1, "jhalf": 1, "jquarter": 1,
        "jmonth_name_fa": "فروردین", "jmonth_name_en": "Farvardin",
        "gy": 2025, "gm": 3, "gd": 21, "gquarter": 1, "ghalf": 1,
        "weekday": 5,  # a Friday
    }  # fmt: skip


def test_mehr_1_starts_the_second_half_and_third_quarter(dimension):
    row = _row(dimension, date(2025, 9, 23))
    assert (row["jm"], row["jhalf"], row["jquarter"], row["jmonth_name_en"]) == (7, 2, 3, "Mehr")


def test_gregorian_half_and_quarter(dimension):
    row = _row(dimension, date(2025, 9, 23))
    assert (row["gquarter"], row["ghalf"]) == (3, 2)


def test_esfand_of_a_leap_year_has_30_rows(dimension):
    jy, jm = dimension.column("jy").to_pylist(), dimension.column("jm").to_pylist()
    assert sum(1 for y, m in zip(jy, jm, strict=True) if (y, m) == (1403, 12)) == 30


def test_builds_well_under_a_second():
    date_dimension(1380, 1381)  # first use loads pyarrow
    started = time.perf_counter()
    date_dimension(1380, 1430)
    assert time.perf_counter() - started < 0.5


def test_first_year_after_last_is_refused():
    with pytest.raises(ValueError, match="after the last"):
        date_dimension(1405, 1404)


@settings(max_examples=25)
@given(st.integers(1300, 1500), st.integers(0, 3), st.data())
def test_every_row_agrees_with_the_conversion(first, span, data):
    table = date_dimension(first, first + span)
    row = table.slice(data.draw(st.integers(0, table.num_rows - 1)), 1).to_pylist()[0]
    assert gregorian_to_jalali(row["date"]) == (row["jy"], row["jm"], row["jd"])
