"""Period: months, containment, same period last year."""

import dataclasses
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taraz.calendar import Period, months_spanning, parse_period

MORDAD_10_1404 = date(2025, 8, 1)


def test_months_of_a_half():
    assert parse_period("1404-H1").months() == [(1404, m) for m in range(1, 7)]


def test_months_of_a_range_across_years():
    assert parse_period("1403-10..1404-02").months() == [
        (1403, 10),
        (1403, 11),
        (1403, 12),
        (1404, 1),
        (1404, 2),
    ]


def test_months_of_a_year_to_date_include_the_current_month():
    assert parse_period("1404-YTD", today=MORDAD_10_1404).months() == [
        (1404, m) for m in range(1, 6)
    ]


def test_months_of_a_gregorian_quarter_are_gregorian():
    assert parse_period("2024-Q1").months() == [(2024, 1), (2024, 2), (2024, 3)]


@given(st.integers(1300, 1500) | st.integers(1900, 2100), st.integers(1, 2))
def test_months_of_a_half_are_the_union_of_its_quarters(year, half):
    quarters = [parse_period(f"{year}-Q{q}") for q in (2 * half - 1, 2 * half)]
    expected = [m for quarter in quarters for m in quarter.months()]
    assert parse_period(f"{year}-H{half}").months() == expected


@given(st.integers(1300, 1500) | st.integers(1900, 2100), st.integers(1, 4))
def test_a_quarter_starts_the_day_after_the_previous_quarter_ends(year, quarter):
    previous = parse_period(f"{year}-Q{quarter - 1}" if quarter > 1 else f"{year - 1}-Q4")
    assert (parse_period(f"{year}-Q{quarter}").start - previous.end).days == 1


@pytest.mark.parametrize(
    ("day", "inside"),
    [
        (date(2025, 3, 20), False),
        (date(2025, 3, 21), True),
        (date(2025, 9, 22), True),
        (date(2025, 9, 23), False),
    ],
)
def test_contains_includes_both_ends(day, inside):
    assert parse_period("1404-H1").contains(day) is inside


@pytest.mark.parametrize(("text", "days"), [("1403", 366), ("1404", 365), ("1404-12", 29)])
def test_days(text, days):
    assert parse_period(text).days == days


def test_whole_months():
    assert parse_period("1404-H1").is_whole_months


def test_year_to_date_mid_month_is_not_whole_months():
    assert not parse_period("1404-YTD", today=MORDAD_10_1404).is_whole_months


def test_str_is_the_label():
    assert str(parse_period("1404-q2")) == "1404-Q2"


def test_period_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        parse_period("1404").start = date(2025, 1, 1)  # type: ignore[misc]


def test_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="before it starts"):
        Period("jalali", date(2025, 3, 21), date(2025, 3, 20), "range", "x")


def test_period_kind_is_checked():
    with pytest.raises(ValueError, match="kind"):
        Period("jalali", date(2025, 3, 21), date(2025, 3, 21), "week", "x")


def test_last_year_of_a_half_is_the_same_half():
    last = parse_period("1404-H1").same_period_last_year()
    assert (last.label, last.start, last.end) == ("1403-H1", date(2024, 3, 20), date(2024, 9, 21))


def test_last_year_of_a_year_to_date_is_day_for_day():
    last = parse_period("1404-YTD", today=MORDAD_10_1404).same_period_last_year()
    # 1 Mordad 1403 = 20 March 2024 + 4 * 31 days = 22 July 2024.
    assert (last.kind, last.start, last.end) == ("ytd", date(2024, 3, 20), date(2024, 7, 31))


def test_last_year_of_a_year_to_date_has_a_day_range_label():
    last = parse_period("1404-YTD", today=MORDAD_10_1404).same_period_last_year()
    assert last.label == "1403-01-01..1403-05-10"


def test_last_year_of_a_short_esfand_is_the_whole_long_esfand():
    last = parse_period("1404-12").same_period_last_year()
    assert (last.start, last.end, last.days) == (date(2025, 2, 19), date(2025, 3, 20), 30)


def test_last_year_of_a_common_year_is_the_whole_leap_year():
    assert parse_period("1404").same_period_last_year().days == 366


def test_last_year_of_esfand_30_is_clamped_to_esfand_29():
    last = parse_period("1403-12-30..1403-12-30").same_period_last_year()
    assert (last.start, last.end) == (date(2024, 3, 19), date(2024, 3, 19))


def test_last_year_of_a_range_across_years():
    assert parse_period("1403-10..1404-02").same_period_last_year().label == "1402-10..1403-02"


def test_last_year_of_a_gregorian_quarter():
    last = parse_period("2024-Q1").same_period_last_year()
    assert (last.calendar, last.start, last.end) == (
        "gregorian",
        date(2023, 1, 1),
        date(2023, 3, 31),
    )


def test_last_year_of_a_gregorian_ytd_to_29_february_is_clamped():
    last = parse_period("2024-YTD", today=date(2024, 2, 29)).same_period_last_year()
    assert (last.start, last.end) == (date(2023, 1, 1), date(2023, 2, 28))


@given(
    st.sampled_from(["H1", "H2", "Q1", "Q2", "Q3", "Q4", "01", "06", "07", "12"]),
    st.integers(1301, 1500),
)
def test_last_year_of_a_named_period_is_that_period_of_the_previous_year(suffix, year):
    assert parse_period(f"{year}-{suffix}").same_period_last_year() == parse_period(
        f"{year - 1}-{suffix}"
    )


def test_months_spanning_one_jalali_month_is_that_whole_month():
    # 3 and 20 Khordad 1404 (24 May, 10 June 2025); Khordad 1404 is 22 May to 21 June 2025
    span = months_spanning(date(2025, 5, 24), date(2025, 6, 10))
    assert (span.start, span.end, span.label) == (date(2025, 5, 22), date(2025, 6, 21), "1404-03")


def test_months_spanning_across_a_jalali_new_year_runs_to_the_last_month_end():
    # 10 Esfand 1403 (28 Feb 2025) to 2 Farvardin 1404 (22 Mar 2025); Esfand 1403 starts on
    # 19 Feb 2025, Farvardin 1404 ends on 20 Apr 2025
    span = months_spanning(date(2025, 2, 28), date(2025, 3, 22))
    assert (span.start, span.end, span.label) == (
        date(2025, 2, 19),
        date(2025, 4, 20),
        "1403-12..1404-01",
    )


def test_months_spanning_in_the_gregorian_calendar_uses_gregorian_months():
    span = months_spanning(date(2024, 2, 10), date(2024, 3, 3), "gregorian")
    assert (span.start, span.end, span.label) == (
        date(2024, 2, 1),
        date(2024, 3, 31),
        "2024-02..2024-03",
    )


def test_months_spanning_a_gregorian_december_ends_on_the_31st():
    span = months_spanning(date(2024, 12, 5), date(2024, 12, 5), "gregorian")
    assert (span.start, span.end) == (date(2024, 12, 1), date(2024, 12, 31))


def test_months_spanning_refuses_a_reversed_span():
    with pytest.raises(ValueError, match="before it starts"):
        months_spanning(date(2025, 6, 1), date(2025, 5, 1))
