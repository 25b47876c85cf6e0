"""Digits: Persian, Arabic-Indic and Latin."""

from hypothesis import given
from hypothesis import strategies as st

from taraz.fa import ARABIC_DIGITS, PERSIAN_DIGITS, to_latin_digits, to_persian_digits


def test_persian_digits_are_extended_arabic_indic_code_points():
    assert "".join(chr(c) for c in range(0x06F0, 0x06FA)) == PERSIAN_DIGITS


def test_arabic_digits_are_arabic_indic_code_points():
    assert "".join(chr(c) for c in range(0x0660, 0x066A)) == ARABIC_DIGITS


def test_persian_digits_become_latin():
    assert to_latin_digits("\u06f1\u06f4\u06f0\u06f4") == "1404"


def test_arabic_indic_digits_become_latin():
    assert to_latin_digits("\u0662\u0660\u0662\u0665") == "2025"


def test_other_characters_stay_when_digits_become_latin():
    assert to_latin_digits("سال ۱۴۰۴-H1") == "سال 1404-H1"


def test_latin_digits_become_persian():
    assert to_persian_digits("1404") == "\u06f1\u06f4\u06f0\u06f4"


def test_arabic_indic_digits_become_persian():
    assert to_persian_digits("\u0661\u0664") == "\u06f1\u06f4"


@given(st.text(alphabet="0123456789abc -.", max_size=30))
def test_persian_digits_round_trip_to_latin(s):
    assert to_latin_digits(to_persian_digits(s)) == s
