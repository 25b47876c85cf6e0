"""The named datasets' warehouses (tests/fixtures), built once per session and opened read-only
(nothing is read from the environment then), and engines on them."""

from __future__ import annotations

import pytest

from taraz.stats import open_engine
from taraz.warehouse import Warehouse
from tests.fixtures import HISTORY, PARTIAL, QUARTERS, RANDOM, REVISED, build_warehouse


@pytest.fixture(scope="session")
def yazd_wh(dataset_file):
    wh = Warehouse.open(dataset_file(QUARTERS), read_only=True)
    yield wh
    wh.close()


@pytest.fixture(scope="session")
def yazd(yazd_wh):
    """An engine on the hand-made Yazd quarters (tests/fixtures/datasets/quarters.py)."""
    with open_engine(yazd_wh) as engine:
        yield engine


@pytest.fixture(scope="session")
def partial(dataset_file):
    with Warehouse.open(dataset_file(PARTIAL), read_only=True) as wh, open_engine(wh) as engine:
        yield engine


@pytest.fixture(scope="session")
def random_wh(dataset_file):
    wh = Warehouse.open(dataset_file(RANDOM), read_only=True)
    yield wh
    wh.close()


@pytest.fixture(scope="session")
def random_engine(random_wh):
    with open_engine(random_wh) as engine:
        yield engine


@pytest.fixture(scope="session")
def history_wh(dataset_file):
    """Revisions, another source, a revert (tests/fixtures/datasets/history.py); read only."""
    wh = Warehouse.open(dataset_file(HISTORY), read_only=True)
    yield wh
    wh.close()


@pytest.fixture
def revised(tmp_path):
    """A fresh warehouse per test: some tests revert a batch."""
    wh = Warehouse.open(build_warehouse(tmp_path, REVISED))
    yield wh
    wh.close()
