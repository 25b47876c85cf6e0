"""Labels of periods and dates for people."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taraz.calendar import format_jalali_date, parse_period

MORDAD_10_1404 = date(2025, 8, 1)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("1404", "سال ۱۴۰۴"),
        ("1404-H1", "شش\u200cماهه نخست ۱۴۰۴"),
        ("1404-H2", "شش\u200cماهه دوم ۱۴۰۴"),
        ("1404-Q1", "فصل اول (بهار) ۱۴۰۴"),
        ("1404-Q2", "فصل دوم (تابستان) ۱۴۰۴"),
        ("1404-Q4", "فصل چهارم (زمستان) ۱۴۰۴"),
        ("1404-03", "خرداد ۱۴۰۴"),
        ("1404-01..1404-05", "فروردین تا مرداد ۱۴۰۴"),
        ("1403-10..1404-02", "دی ۱۴۰۳ تا اردیبهشت ۱۴۰۴"),
        ("1404-01-01..1404-05-10", "۱ فروردین تا ۱۰ مرداد ۱۴۰۴"),
        ("2024", "سال ۲۰۲۴ میلادی"),
        ("2024-Q1", "سه\u200cماهه اول ۲۰۲۴ میلادی"),
        ("2024-03", "مارس ۲۰۲۴ میلادی"),
    ],
)
def test_persian_labels(text, label):
    assert parse_period(text).label_fa() == label


def test_persian_label_of_year_to_date():
    period = parse_period("1404-YTD", today=MORDAD_10_1404)
    assert period.label_fa() == "۱ فروردین تا ۱۰ مرداد ۱۴۰۴"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("1404", "1404 (21 Mar 2025 - 20 Mar 2026)"),
        ("1404-H1", "H1 1404 (Farvardin-Shahrivar; 21 Mar - 22 Sep 2025)"),
        ("1404-Q4", "Q4 1404 (Dey-Esfand; 22 Dec 2025 - 20 Mar 2026)"),
        ("1404-03", "Khordad 1404 (22 May - 21 Jun 2025)"),
        ("1404-01..1404-05", "Farvardin-Mordad 1404 (21 Mar - 22 Aug 2025)"),
        ("1403-10..1404-02", "Dey 1403 - Ordibehesht 1404 (21 Dec 2024 - 21 May 2025)"),
        ("1404-01-01..1404-05-10", "1 Farvardin - 10 Mordad 1404 (21 Mar - 1 Aug 2025)"),
        ("2024", "2024"),
        ("2024-Q1", "Q1 2024 (January-March)"),
        ("2024-03", "March 2024"),
        ("2024-01..2024-06", "January-June 2024"),
    ],
)
def test_english_labels(text, label):
    assert parse_period(text).label_en() == label


@given(
    st.sampled_from(["{y}", "{y}-H1", "{y}-H2", "{y}-Q1", "{y}-Q3", "{y}-11", "{y}-01..{y}-12"]),
    st.sampled_from(["1403", "1404", "2024"]),
)
def test_persian_labels_have_no_latin_digits(form, year):
    label = parse_period(form.format(y=year)).label_fa()
    assert not any(ch.isascii() and ch.isdigit() for ch in label)


def test_persian_date():
    assert format_jalali_date(date(2025, 6, 5)) == "۱۵ خرداد ۱۴۰۴"


def test_english_date_gives_the_gregorian_date_too():
    assert format_jalali_date(date(2025, 6, 5), "en") == "15 Khordad 1404 (5 June 2025)"


def test_date_in_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="lang"):
        format_jalali_date(date(2025, 6, 5), "de")
