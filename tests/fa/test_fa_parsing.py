"""Reading messy numbers."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taraz.fa import format_number, parse_number


@pytest.mark.parametrize("blank", [None, "", "   ", "\u200e"])
def test_blank_is_none(blank):
    assert parse_number(blank) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", "1234"),
        ("۱۲۳۴", "1234"),
        ("١٢٣٤", "1234"),
        ("1,234,567", "1234567"),
        ("۱٬۲۳۴٬۵۶۷", "1234567"),
        ("1'234'567", "1234567"),
        ("12.5", "12.5"),
        ("۱۲٫۵", "12.5"),
        ("۲/۱۶۱", "2.161"),
        ("1,234.56", "1234.56"),
        ("۱٬۲۳۴٫۵۶", "1234.56"),
        (".5", "0.5"),
        ("  42 ", "42"),
        ("+42", "42"),
        ("0.10", "0.10"),
    ],
)
def test_reads_separators_and_digits(text, expected):
    assert parse_number(text) == Decimal(expected)


def test_keeps_the_written_decimal_places_exactly():
    assert str(parse_number("1,234.50")) == "1234.50"


def test_returns_a_decimal():
    assert type(parse_number("0.1")) is Decimal


@pytest.mark.parametrize("text", ["-12.5", "\u221212.5", "(12.5)", "( 12.5 )"])
def test_reads_negatives_with_minus_or_parentheses(text):
    assert parse_number(text) == Decimal("-12.5")


def test_bidi_mark_before_a_minus_is_ignored():
    assert parse_number("\u200e-۱۲") == Decimal("-12")


def test_negative_zero_is_plain_zero():
    assert str(parse_number("-0")) == "0"


def test_reads_a_spreadsheet_exponent_without_keeping_it():
    assert str(parse_number("1.5E+3")) == "1500"


def test_reads_a_negative_exponent():
    assert parse_number("15e-4") == Decimal("0.0015")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1.2.3", "more than one decimal separator"),
        ("۱۴۰۴/۰۳/۱۵", "more than one decimal separator"),
        ("12abc", "unexpected character 'a'"),
        ("1/2.5", "both a slash and a decimal point"),
        ("1٫2.5", "two different decimal separators"),
        ("1,23", "groups of three digits"),
        ("12,3456", "groups of three digits"),
        ("1.234,5", "thousands separator comes after the decimal separator"),
        ("12-", "a sign may only stand at the start"),
        ("(-5)", "both parentheses and a sign"),
        ("(5", "parentheses must enclose the whole number"),
        ("5.", "no digits after the decimal separator"),
        ("/5", "no digits before the slash"),
        ("-", "no digits"),
        ("12 345", "unexpected character ' '"),
        ("1e999", "out of range"),
        ("12e", "exponent"),
    ],
)
def test_rejects_malformed_text_saying_why(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_number(text)


def test_error_message_quotes_the_text():
    with pytest.raises(ValueError, match="'12abc'"):
        parse_number("12abc")


def test_int_is_read_exactly():
    assert parse_number(10**20) == Decimal("100000000000000000000")


def test_float_is_read_by_its_shortest_repr():
    assert parse_number(0.1) == Decimal("0.1")


def test_nan_is_rejected():
    with pytest.raises(ValueError, match="not finite"):
        parse_number(float("nan"))


def test_bool_is_rejected():
    with pytest.raises(TypeError):
        parse_number(True)


@given(
    st.decimals(min_value=-(10**15), max_value=10**15, places=3, allow_nan=False),
    st.sampled_from(["fa", "en"]),
)
def test_parsing_a_formatted_number_gives_it_back(value, lang):
    assert parse_number(format_number(value, lang, 3)) == value
