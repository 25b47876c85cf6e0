"""An Excel column becomes text as `cell_text` writes each cell, however it is converted."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from taraz.ingest.excel import _text_column
from taraz.ingest.sources import cell_text

numbers = st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**12), 10**12)
cells = st.none() | st.just("") | numbers | st.text(max_size=12) | st.booleans()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False) | st.none(), max_size=40))
def test_a_column_of_numbers_is_written_as_cell_text_writes_each(values):
    assert _text_column(_column_of_matrix(values)).to_pylist() == [cell_text(v) for v in values]


@settings(max_examples=300, deadline=None)
@given(st.lists(cells, max_size=40))
def test_a_column_of_anything_is_written_as_cell_text_writes_each(values):
    assert _text_column(_column_of_matrix(values)).to_pylist() == [cell_text(v) for v in values]


def test_a_true_or_false_among_numbers_is_written_as_such():
    # Arrow reads a column that starts with a number as numbers, and False as 0.0
    column = _column_of_matrix([0.5, False, 2.0, True, None])
    assert _text_column(column).to_pylist() == ["0.5", "False", "2", "True", None]


def _column_of_matrix(values: list) -> np.ndarray:
    """`values` as the reader hands a column on: the second column of a matrix of cells."""
    cells = np.empty((len(values), 3), dtype=object)
    if values:
        cells[:] = [["x", v, None] for v in values]
    return cells[:, 1]
