"""Cells of CSV exports: text a spreadsheet would run as a formula gets an apostrophe; numbers
and other text stay exactly as they are."""

from __future__ import annotations

from decimal import Decimal

import pytest
from tests.spreadsheets import HOSTILE_TEXTS

from taraz.fa import formula_safe


@pytest.mark.parametrize("text", [t for t in HOSTILE_TEXTS if t[0] in "=+-@\t\r"])
def test_formula_text_gets_an_apostrophe(text):
    assert formula_safe(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["-12.5", "+3", "-0.001", "1e5", "-1E-3", -12.5, Decimal("-4.35"), -3, 0, None, True]
)
def test_numbers_stay_numbers(value):
    assert formula_safe(value) == value
    assert type(formula_safe(value)) is type(value)


@pytest.mark.parametrize(
    "text", ["", "یزد", "IR-21", "B00001", "a=b", "'=already", " =1+1", "2025-03-21"]
)
def test_other_text_stays_as_it_is(text):
    assert formula_safe(text) == text
