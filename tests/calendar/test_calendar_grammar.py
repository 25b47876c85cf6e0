"""The period grammar: what parses to what, and what is refused."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taraz.calendar import PeriodError, parse_period
from taraz.fa import strip_isolates

# 10 Mordad 1404: Mordad 1 is 21 March 2025 + 4 * 31 days = 23 July 2025.
MORDAD_10_1404 = date(2025, 8, 1)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("1404", date(2025, 3, 21), date(2026, 3, 20)),
        ("1403", date(2024, 3, 20), date(2025, 3, 20)),
        ("1404-H1", date(2025, 3, 21), date(2025, 9, 22)),
        ("1404-H2", date(2025, 9, 23), date(2026, 3, 20)),
        ("1404-Q1", date(2025, 3, 21), date(2025, 6, 21)),
        ("1404-Q2", date(2025, 6, 22), date(2025, 9, 22)),
        ("1404-Q3", date(2025, 9, 23), date(2025, 12, 21)),
        ("1404-Q4", date(2025, 12, 22), date(2026, 3, 20)),
        ("1404-03", date(2025, 5, 22), date(2025, 6, 21)),
        ("1404-12", date(2026, 2, 20), date(2026, 3, 20)),
        ("1403-12", date(2025, 2, 19), date(2025, 3, 20)),
        ("1404-01..1404-05", date(2025, 3, 21), date(2025, 8, 22)),
        ("1403-10..1404-02", date(2024, 12, 21), date(2025, 5, 21)),
        ("1404-01-01..1404-05-10", date(2025, 3, 21), date(2025, 8, 1)),
    ],
)
def test_jalali_forms(text, start, end):
    period = parse_period(text)
    assert (period.calendar, period.start, period.end) == ("jalali", start, end)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("1404", "year"),
        ("1404-H1", "half"),
        ("1404-Q2", "quarter"),
        ("1404-03", "month"),
        ("1404-01..1404-05", "range"),
        ("1404-01-01..1404-05-10", "range"),
    ],
)
def test_kinds(text, kind):
    assert parse_period(text).kind == kind


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-H2", date(2024, 7, 1), date(2024, 12, 31)),
        ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2024-01..2024-06", date(2024, 1, 1), date(2024, 6, 30)),
        ("2023-11..2024-02", date(2023, 11, 1), date(2024, 2, 29)),
    ],
)
def test_years_from_1700_are_gregorian(text, start, end):
    period = parse_period(text)
    assert (period.calendar, period.start, period.end) == ("gregorian", start, end)


@pytest.mark.parametrize(
    "text", ["۱۴۰۴-H1", "١٤٠٤-H1", "1404-h1", " 1404 - H1 ", "۱۴۰۴-h۱", "1404/H1"]
)
def test_persian_digits_case_spaces_and_slash_are_accepted(text):
    assert parse_period(text).label == "1404-H1"


def test_single_digit_month_is_accepted_and_padded():
    assert parse_period("1404-3").label == "1404-03"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("1404", "1404"),
        ("1404-q2", "1404-Q2"),
        ("۱۴۰۴-۰۳", "1404-03"),
        ("1403-10..1404-02", "1403-10..1404-02"),
        ("2024-h1", "2024-H1"),
    ],
)
def test_canonical_labels(text, label):
    assert parse_period(text).label == label


def test_year_to_date_runs_from_farvardin_1_to_today():
    period = parse_period("1404-YTD", today=MORDAD_10_1404)
    assert (period.kind, period.start, period.end) == ("ytd", date(2025, 3, 21), MORDAD_10_1404)


def test_year_to_date_label_names_its_last_day():
    assert parse_period("1404-ytd", today=MORDAD_10_1404).label == "1404-01-01..1404-05-10"


def test_year_to_date_of_a_past_year_is_the_whole_year():
    period = parse_period("1403-YTD", today=MORDAD_10_1404)
    assert (period.kind, period.start, period.end) == ("year", date(2024, 3, 20), date(2025, 3, 20))


def test_plain_ytd_is_the_current_jalali_year():
    period = parse_period("YTD", today=MORDAD_10_1404)
    assert (period.calendar, period.start, period.end) == (
        "jalali",
        date(2025, 3, 21),
        MORDAD_10_1404,
    )


def test_plain_ytd_on_nowruz_is_one_day():
    assert parse_period("ytd", today=date(2025, 3, 21)).days == 1


def test_plain_ytd_on_the_last_day_of_the_year_is_the_whole_year():
    assert parse_period("YTD", today=date(2025, 3, 20)).label == "1403"


def test_gregorian_year_to_date():
    period = parse_period("2024-YTD", today=date(2024, 5, 10))
    assert (period.start, period.end) == (date(2024, 1, 1), date(2024, 5, 10))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "calendar.empty"),
        ("abc", "calendar.unknown-form"),
        ("14040", "calendar.unknown-form"),
        ("1404-Q5", "calendar.bad-quarter"),
        ("1404-Q0", "calendar.bad-quarter"),
        ("1404-H3", "calendar.bad-half"),
        ("1404-13", "calendar.bad-month"),
        ("1404-00", "calendar.bad-month"),
        ("0000", "calendar.bad-year"),
        ("1404-05..1404-01", "calendar.reversed-range"),
        ("1404-01..1403-12", "calendar.reversed-range"),
        ("1403-10..2025-02", "calendar.mixed-calendars"),
        ("1404-01..1404-02-03", "calendar.bad-range"),
        ("1404-12-30..1404-12-30", "calendar.bad-day"),
        ("1404-03-15", "calendar.single-day"),
    ],
)
def test_refused_texts_have_a_stable_code(text, code):
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    assert caught.value.code == code


def test_period_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_period("1404-Q5")


def test_period_error_says_what_was_wrong_in_english():
    with pytest.raises(PeriodError) as caught:
        parse_period("1404-Q5")
    assert "a quarter is Q1 to Q4, not Q5" in caught.value.message_en


def test_period_error_says_what_was_wrong_in_persian():
    with pytest.raises(PeriodError) as caught:
        parse_period("1404-Q5")
    assert "فصل Q1 تا Q4 است" in strip_isolates(caught.value.message_fa)


def test_period_error_shows_the_accepted_forms_in_both_languages():
    with pytest.raises(PeriodError) as caught:
        parse_period("soon")
    assert all("1404-H1" in m for m in (caught.value.message_en, caught.value.message_fa))


def test_period_error_is_a_usage_error_with_its_code():
    with pytest.raises(PeriodError) as caught:
        parse_period("soon")
    assert (caught.value.code, caught.value.exit_code) == ("calendar.unknown-form", 2)


def test_a_year_outside_the_calendar_is_a_period_error_not_a_crash():
    with pytest.raises(PeriodError) as caught:
        parse_period("0001")
    assert caught.value.code == "calendar.bad-year"


def test_bad_day_message_gives_the_month_length():
    with pytest.raises(PeriodError, match="Esfand 1404 has 29 days"):
        parse_period("1404-12-01..1404-12-30")


_forms = st.one_of(
    st.builds(lambda y: f"{y}", st.integers(1300, 1500)),
    st.builds(lambda y, h: f"{y}-H{h}", st.integers(1300, 2100), st.integers(1, 2)),
    st.builds(lambda y, q: f"{y}-Q{q}", st.integers(1300, 2100), st.integers(1, 4)),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(1300, 2100), st.integers(1, 12)),
    st.builds(  # a range within one calendar: Jalali years end at 1699
        lambda y, a, b: f"{y}-{min(a, b):02d}..{y + 1}-{max(a, b):02d}",
        st.integers(1300, 2100).filter(lambda y: y != 1699),
        st.integers(1, 12),
        st.integers(1, 12),
    ),
)


@given(_forms)
def test_a_label_parses_back_to_the_same_span(text):
    period = parse_period(text)
    again = parse_period(period.label)
    assert (again.calendar, again.start, again.end) == (period.calendar, period.start, period.end)
