"""Fixture warehouses, built once per session through the real import path, and engines on them."""

from __future__ import annotations

import pytest

from taraz.stats import open_engine
from tests.stats import data


@pytest.fixture(scope="session")
def _session_env(tmp_path_factory):
    """Like the root conftest's isolation, for fixtures that outlive one test."""
    with pytest.MonkeyPatch.context() as mp:
        home = tmp_path_factory.mktemp("home")
        mp.setenv("HOME", str(home))
        mp.setenv("TARAZ_WAREHOUSE", str(home / "default.duckdb"))
        mp.delenv("TARAZ_REFERENCE_DIR", raising=False)
        yield


@pytest.fixture(scope="session")
def yazd_wh(_session_env, tmp_path_factory):
    wh = data.build_yazd(tmp_path_factory.mktemp("yazd"))
    yield wh
    wh.close()


@pytest.fixture(scope="session")
def yazd(yazd_wh):
    """An engine on the hand-made Yazd warehouse (tests/stats/data.py)."""
    with open_engine(yazd_wh) as engine:
        yield engine


@pytest.fixture(scope="session")
def partial(_session_env, tmp_path_factory):
    wh = data.build_partial(tmp_path_factory.mktemp("partial"))
    with open_engine(wh) as engine:
        yield engine
    wh.close()


@pytest.fixture(scope="session")
def random_wh(_session_env, tmp_path_factory):
    wh = data.build_random(tmp_path_factory.mktemp("random"))
    yield wh
    wh.close()


@pytest.fixture(scope="session")
def random_engine(random_wh):
    with open_engine(random_wh) as engine:
        yield engine


@pytest.fixture(scope="session")
def history_wh(_session_env, tmp_path_factory):
    """Revisions, another source, a revert (tests/stats/data.py HISTORY_BATCHES); read only."""
    wh = data.build_history(tmp_path_factory.mktemp("history"))
    yield wh
    wh.close()


@pytest.fixture
def revised(tmp_path):
    """A fresh warehouse per test: some tests revert a batch."""
    wh = data.build_revised(tmp_path)
    yield wh
    wh.close()
