"""Shared fixtures: a real DuckDB warehouse file per test, and a clean environment."""

from __future__ import annotations

import pytest

from taraz.warehouse import Warehouse


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    """No test reads the user's warehouse or reference files."""
    monkeypatch.setenv("TARAZ_WAREHOUSE", str(tmp_path / "default.duckdb"))
    monkeypatch.delenv("TARAZ_REFERENCE_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("TARAZ_FAULT", raising=False)


@pytest.fixture
def wh(tmp_path):
    warehouse = Warehouse.open(tmp_path / "test.duckdb")
    yield warehouse
    warehouse.close()
