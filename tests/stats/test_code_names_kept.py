"""Names of codes read from a warehouse file are kept until the warehouse reloads its code lists
(every opening for writing renews its `reference_stamp`), so an edited code list is seen."""

from __future__ import annotations

import os

from taraz.reference import clear_cache
from taraz.stats import open_engine
from taraz.stats.code_names import fetch_labels
from taraz.warehouse import Warehouse
from tests.fixtures import REVISED, build_warehouse


def test_names_are_kept_while_the_code_lists_stay_as_loaded(tmp_path):
    path = build_warehouse(tmp_path, REVISED)
    with open_engine(path) as engine:
        first = fetch_labels(engine, ["country"])
        assert fetch_labels(engine, ["country"]) is first
        assert first.of("country", "IQ")["name_en"] == "Iraq"


def test_an_edited_code_list_is_seen_once_the_warehouse_reloads_it(tmp_path, monkeypatch):
    path = build_warehouse(tmp_path, REVISED)
    with open_engine(path) as engine:
        assert fetch_labels(engine, ["country"]).of("country", "IQ")["name_en"] == "Iraq"
    user = tmp_path / "user-reference"
    user.mkdir()
    (user / "countries.csv").write_text("code,name_en,name_fa\nIQ,Iraq (edited),عراق\n", "utf-8")
    reference_dirs = os.environ["TARAZ_REFERENCE_DIR"]
    monkeypatch.setenv("TARAZ_REFERENCE_DIR", os.pathsep.join([str(user), reference_dirs]))
    clear_cache()
    Warehouse.open(path).close()  # opened for writing: the code lists are reloaded
    with open_engine(path) as engine:
        assert fetch_labels(engine, ["country"]).of("country", "IQ")["name_en"] == "Iraq (edited)"


def test_each_reload_renews_the_stamp(tmp_path):
    path = build_warehouse(tmp_path, REVISED)
    stamps = []
    for _ in range(2):
        Warehouse.open(path).close()
        with open_engine(path) as engine:
            stamps.append(engine.reference_stamp())
    assert None not in stamps and stamps[0] != stamps[1]
