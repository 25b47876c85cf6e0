"""One generated sample per session: generating is deterministic, so tests may share it."""

import pytest

from taraz.reference import load_reference
from taraz.sample import generate_lines


@pytest.fixture(scope="session")
def ref():
    return load_reference(extra_dirs=[])


@pytest.fixture(scope="session")
def small_lines():
    """A small sample (about 12,000 lines): structure, not magnitudes."""
    return generate_lines(seed=7, scale=0.05)


@pytest.fixture(scope="session")
def full_lines():
    """The sample at its documented size, for the calibration."""
    return generate_lines(seed=1404, scale=1.0)
