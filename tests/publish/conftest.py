"""The bulletin's figures computed by `taraz.stats` on the Yazd quarters (tests/fixtures
QUARTERS, worked out by hand there), once per session: the real names of the code lists, the
real stage of processing of each product."""

from __future__ import annotations

import json

import pytest

from taraz.calendar import parse_period
from taraz.publish.documents import figures_json
from taraz.stats import Query, bulletin_figures, open_engine
from taraz.warehouse import Warehouse
from tests.fixtures import QUARTERS, YAZD


@pytest.fixture(scope="session")
def quarters_figures(dataset_file):
    """Yazd, 1404-Q1 against 1403-Q1, as the JSON document has them."""
    with (
        Warehouse.open(dataset_file(QUARTERS), read_only=True) as wh,
        open_engine(wh) as engine,
    ):
        figures = bulletin_figures(engine, Query(province=YAZD, period=parse_period("1404-Q1")))
    return json.loads(figures_json(figures))
