"""The size class of a line: the class the registry declared for its firm in force on the line's
day (`taraz import-sizes`), else the line's own (taraz.stats.sizes), in the SME share and in
the workshop outcomes' comparison. Worked by hand on TRADERS (tests/fixtures/datasets/traders.py)
and OUTCOMES.

TRADERS' exports in 1404-Q1 (21 Mar - 21 Jun 2025), the whole country, by their own size:
    A5 2025-04-05 1000 sme, A6 2025-05-20 500 sme, A7 2025-06-10 300 sme   (FIRM_A)
    C1 2025-05-01 4000 large                                               (FIRM_C)
    the aggregated line 300, no card and no size
    sme 1800, large 4000, unspecified 300; total 6100; SME share 1800 / 6100 = 29.51 %
The registry's file below declares FIRM_A large from 2025-05-01 (so A6 and A7 are large, A5,
before it, stays sme) and FIRM_C sme up to 2025-04-30 (C1, a day after, keeps its own large):
    sme 1000 (A5), large 500 + 300 + 4000 = 4800, unspecified 300
    SME share 1000 / 6100 = 16.39 %
"""

from __future__ import annotations

import shutil

import pytest

from taraz.calendar import parse_period
from taraz.stats import Query, breakdown, open_engine, workshop_outcomes
from taraz.warehouse import Warehouse
from tests.fixtures import OUTCOMES, TRADERS
from tests.fixtures.datasets.outcomes import ATTENDEES, C1
from tests.fixtures.datasets.traders import FIRM_A, FIRM_C

Q1 = Query(province=None, period=parse_period("1404-Q1"))
REGISTRY = (
    "trader_id,size_class,valid_from,valid_to\n"
    f"{FIRM_A},sme,2024-01-01,2025-04-30\n"
    f"{FIRM_A},large,2025-05-01,\n"
    f"{FIRM_C},sme,2024-01-01,2025-04-30\n"
)
HEADER_ONLY = "trader_id,size_class,valid_from,valid_to\n"


@pytest.fixture
def traders_copy(dataset_file, tmp_path):
    """A writable copy of TRADERS' warehouse."""
    path = tmp_path / "traders.duckdb"
    shutil.copy(dataset_file(TRADERS), path)
    wh = Warehouse.open(path)
    yield wh
    wh.close()


def load(wh, tmp_path, text):
    from taraz.ingest.sizes import load_sizes

    path = tmp_path / "sizes.csv"
    path.write_text(text, "utf-8")
    load_sizes(wh, path)


def by_size(wh):
    with open_engine(wh) as engine:
        items = breakdown(engine, Q1, "trader_size", "X")
    return {i["code"]: (i["value_usd"], i["share_pct"]) for i in items if i["lines"]}


def test_without_a_sizes_file_each_line_keeps_its_own_size(traders_copy):
    assert by_size(traders_copy) == {
        "sme": ("1800.00", "29.51"),
        "large": ("4000.00", "65.57"),  # 4000 / 6100
        None: ("300.00", "4.92"),  # 300 / 6100
    }


def test_a_declared_class_in_force_on_the_lines_day_replaces_the_lines_own(traders_copy, tmp_path):
    load(traders_copy, tmp_path, REGISTRY)
    assert by_size(traders_copy) == {
        "sme": ("1000.00", "16.39"),  # A5, before FIRM_A's large span began
        "large": ("4800.00", "78.69"),  # A6 + A7 declared large, C1 outside its span: 4800 / 6100
        None: ("300.00", "4.92"),
    }


def test_an_empty_sizes_file_gives_the_lines_own_sizes_back(traders_copy, tmp_path):
    load(traders_copy, tmp_path, REGISTRY)
    load(traders_copy, tmp_path, HEADER_ONLY)
    assert by_size(traders_copy)["sme"] == ("1800.00", "29.51")


def test_the_declared_class_moves_a_firm_between_comparison_strata(dataset_file, tmp_path):
    # C1's lines say sme; declared large over the year before the workshop, C1 is (large, XIII)
    # like no attendee, and the comparison of tests/stats/test_outcomes.py loses it: C2-C7,
    # 6 firms, of which C6 and C7 exported within 6 months = 2/6 = 33.33 %
    path = tmp_path / "outcomes.duckdb"
    shutil.copy(dataset_file(OUTCOMES), path)
    with Warehouse.open(path) as wh:
        load(wh, tmp_path, f"trader_id,size_class,valid_from,valid_to\n{C1},large,2020-01-01,\n")
        with open_engine(wh) as engine:
            result = workshop_outcomes(
                engine, parse_period("1403-01-15..1403-01-15").start, ATTENDEES
            )
    comparison = result["groups"]["comparison"]
    assert comparison["firms"] == 6
    assert comparison["months_6"]["exported"] == {"status": "ok", "firms": 2, "share_pct": "33.33"}


def test_a_file_loaded_while_an_engine_is_open_is_seen_at_its_next_figure(traders_copy, tmp_path):
    # the engine keeps compiled SQL by question: whether sizes are loaded is part of the key
    with open_engine(traders_copy) as engine:
        before = breakdown(engine, Q1, "trader_size", "X")
        load(traders_copy, tmp_path, REGISTRY)
        after = breakdown(engine, Q1, "trader_size", "X")
    sme = [next(i["value_usd"] for i in items if i["code"] == "sme") for items in (before, after)]
    assert sme == ["1800.00", "1000.00"]
