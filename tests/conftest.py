"""Shared fixtures: a clean environment for every test, a real DuckDB warehouse file per test,
and the named datasets' warehouses built once per session (tests/fixtures)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from taraz.warehouse import Warehouse
from tests.fixtures import Dataset, build_warehouse
from tests.fixtures.environment import isolate


def _shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.getbasetemp() / "environment"


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch, tmp_path, tmp_path_factory):
    """No test reads or writes the user's warehouse, reference, template or home files."""
    isolate(monkeypatch, tmp_path, _shared(tmp_path_factory))


@pytest.fixture(scope="session")
def dataset_file(tmp_path_factory) -> Callable[[Dataset], Path]:
    """dataset_file(dataset): its warehouse file, built once per session in a clean environment
    (tests read it or copy it)."""
    built: dict[str, Path] = {}

    def build(dataset: Dataset) -> Path:
        if dataset.name not in built:
            folder = tmp_path_factory.mktemp(dataset.name)
            with pytest.MonkeyPatch.context() as mp:
                isolate(mp, folder, _shared(tmp_path_factory))
                built[dataset.name] = build_warehouse(folder, dataset)
        return built[dataset.name]

    return build


@pytest.fixture
def wh(tmp_path):
    warehouse = Warehouse.open(tmp_path / "test.duckdb")
    yield warehouse
    warehouse.close()
