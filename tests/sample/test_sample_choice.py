"""Weighted choice within groups."""

import numpy as np
import pytest

from taraz.sample.choice import GroupedChoice


def test_each_row_draws_from_its_own_group():
    choice = GroupedChoice.build([([1, 2], [1.0, 1.0]), ([10, 20, 30], [1.0, 2.0, 3.0])])
    groups = np.array([0, 1] * 500)
    drawn = choice.sample(np.random.default_rng(0), groups)
    assert set(drawn[groups == 0]) == {1, 2} and set(drawn[groups == 1]) == {10, 20, 30}


def test_a_zero_weight_is_never_drawn():
    choice = GroupedChoice.build([([1, 2, 3], [1.0, 0.0, 1.0])])
    drawn = choice.sample(np.random.default_rng(0), np.zeros(10_000, dtype=np.int64))
    assert 2 not in set(drawn)


def test_draws_follow_the_weights():
    choice = GroupedChoice.build([([0, 1, 2], [1.0, 3.0, 6.0])])
    drawn = choice.sample(np.random.default_rng(0), np.zeros(100_000, dtype=np.int64))
    assert np.bincount(drawn) / len(drawn) == pytest.approx([0.1, 0.3, 0.6], abs=0.01)


def test_a_group_without_weight_is_refused():
    with pytest.raises(ValueError, match="group 0"):
        GroupedChoice.build([([1], [0.0])])
