"""Writing numbers for Persian and English readers."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taraz.fa import format_number, format_percent


def test_persian_uses_persian_digits_and_separators():
    assert format_number(Decimal("1234567.891"), "fa", 2) == "۱٬۲۳۴٬۵۶۷٫۸۹"


def test_english_uses_latin_digits_comma_and_point():
    assert format_number(Decimal("1234567.891"), "en", 2) == "1,234,567.89"


def test_defaults_are_persian_and_no_decimals():
    assert format_number(1404) == "۱٬۴۰۴"


def test_numbers_below_a_thousand_have_no_separator():
    assert format_number(999, "fa") == "۹۹۹"


def test_decimals_are_padded_with_zeros():
    assert format_number(5, "en", 2) == "5.00"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (Decimal("2.5"), 0, "3"),
        (Decimal("3.5"), 0, "4"),
        (Decimal("0.125"), 2, "0.13"),
        (Decimal("-2.5"), 0, "-3"),
        (Decimal("2.4999"), 0, "2"),
    ],
)
def test_rounds_half_up(value, decimals, expected):
    assert format_number(value, "en", decimals) == expected


def test_float_rounds_by_its_written_value_not_its_binary_one():
    assert format_number(2.675, "en", 2) == "2.68"


def test_rounding_to_zero_drops_the_minus():
    assert format_number(Decimal("-0.004"), "en", 2) == "0.00"


def test_a_negative_persian_number_is_a_minus_sign_before_its_digits_kept_left_to_right():
    # docs/numbers.md: U+2212 before the digits, the whole in a left-to-right isolate
    assert format_number(-1234, "fa") == "\u2066\u2212۱٬۲۳۴\u2069"


def test_a_negative_persian_percentage_has_its_sign_before_and_percent_after():
    assert format_percent(Decimal("-35.7"), "fa") == "\u2066\u2212۳۵٫۷٪\u2069"
    assert format_percent(Decimal("18.4"), "fa") == "۱۸٫۴٪"


def test_english_negatives_keep_the_hyphen_minus_of_english_releases():
    assert (format_number(-1234, "en"), format_percent(-35.7, "en")) == ("-1,234", "-35.7%")


def test_very_large_amounts_do_not_overflow_the_decimal_context():
    assert format_number(10**30, "en", 2) == "1,000,000,000,000,000,000,000,000,000,000.00"


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError, match="lang"):
        format_number(1, "de")


def test_negative_decimals_are_rejected():
    with pytest.raises(ValueError, match="decimals"):
        format_number(1, "en", -1)


def test_none_is_rejected():
    with pytest.raises(TypeError):
        format_number(None)  # type: ignore[arg-type]


def test_persian_percent_sign_follows_the_number():
    assert format_percent(Decimal("12.5")) == "۱۲٫۵٪"


def test_english_percent():
    assert format_percent(Decimal("12.5"), "en") == "12.5%"


def test_percent_rounds_half_up_to_the_given_decimals():
    assert format_percent(Decimal("12.345"), "en", 2) == "12.35%"


@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_persian_output_has_no_latin_digits(value):
    assert not any(ch in "0123456789,." for ch in format_number(value, "fa", 2))
