"""The facts query on DuckDB (the hand-written statement of taraz.stats.facts_sql) against the
Ibis expression `facts_expr` (the method on Spark), run on the same DuckDB warehouse: every
part's rows, keys and cells the same, for each kind of query: basis, province or none, partner
and trader filters, a period longer than a year (overlapping spans), as-of moments around a
revision and a revert, declared size classes loaded, and subsets of the parts."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import timedelta

import pytest

from taraz.calendar import parse_period
from taraz.stats import Query, open_engine
from taraz.stats.facts import PARTS, Facts, compute_facts, facts_expr
from taraz.stats.facts_sql import Shape, facts_sql
from taraz.stats.sizes import has_declared_sizes
from taraz.warehouse import Warehouse
from tests.fixtures import FARS, HISTORY_LIVE, T0, TEHRAN, TRADERS, YAZD
from tests.fixtures.datasets.traders import FIRM_A, FIRM_C

ALL = tuple(PARTS)
SUBSETS = [
    ("totals",),
    ("declarations",),
    ("office",),
    ("hs6", "hs_digits"),
    ("daily",),
    ("batch", "partner"),
    ("totals", "sector", "daily", "office"),
]


def rows(facts: Facts) -> Counter:
    """Every row of the facts, as comparable values (the order of rows within a part is free)."""
    return Counter(
        (key, tuple(sorted(row.keys.items())), row.cell)
        for key, part_rows in facts.items()
        for row in part_rows
    )


def by_ibis(engine, query, parts) -> Facts:
    declared = has_declared_sizes(engine)  # asked before: `run` holds the engine's lock
    return Facts(
        query, engine.run(None, lambda: facts_expr(engine, query, parts, declared=declared))
    )


def assert_same(engine, query, parts=ALL):
    hand = compute_facts(engine, query, parts)
    expected = rows(by_ibis(engine, query, parts))
    assert expected, "the query should have lines to compare"
    assert rows(hand) == expected


@pytest.mark.parametrize("basis", ["origin", "customs"])
@pytest.mark.parametrize("province", [YAZD, TEHRAN, FARS, None])
def test_each_basis_and_province(random_engine, basis, province):
    query = Query(province=province, period=parse_period("1404-H1"), basis=basis)
    assert_same(random_engine, query)


@pytest.mark.parametrize("basis", ["origin", "customs"])
@pytest.mark.parametrize("filters", [{"partner": "IQ"}, {"trader": "T3"}, {"partner": "AE"}])
def test_a_partner_or_trader_filter(random_engine, basis, filters):
    for province in (YAZD, None):
        query = Query(province=province, period=parse_period("1404"), basis=basis, **filters)
        assert_same(random_engine, query)


@pytest.mark.parametrize("basis", ["origin", "customs"])
def test_a_period_longer_than_a_year_counts_a_line_in_both_spans(random_engine, basis):
    query = Query(province=YAZD, period=parse_period("1403-01..1404-06"), basis=basis)
    assert query.spans_overlap()
    assert_same(random_engine, query)
    assert_same(random_engine, Query(province=None, period=query.period, partner="CN"))


@pytest.mark.parametrize("parts", SUBSETS)
def test_a_subset_of_the_parts(random_engine, parts):
    for basis in ("origin", "customs"):
        query = Query(province=YAZD, period=parse_period("1404-Q2"), basis=basis)
        assert_same(random_engine, query, parts)


@pytest.mark.parametrize("as_of", [m for m in HISTORY_LIVE if m is None or m >= T0])
def test_as_of_before_and_after_revisions_and_a_revert(history_wh, as_of):
    with open_engine(history_wh) as engine:
        for province, basis in ((YAZD, "origin"), (YAZD, "customs"), (None, "origin")):
            query = Query(
                province=province, period=parse_period("1404-Q1"), basis=basis, as_of=as_of
            )
            assert_same(engine, query)


def test_declared_size_classes(dataset_file, tmp_path):
    from taraz.ingest.sizes import load_sizes

    path = tmp_path / "traders.duckdb"
    shutil.copy(dataset_file(TRADERS), path)
    sizes = tmp_path / "sizes.csv"
    sizes.write_text(
        "trader_id,size_class,valid_from,valid_to\n"
        f"{FIRM_A},large,2025-05-01,\n{FIRM_C},sme,2024-01-01,2025-04-30\n",
        "utf-8",
    )
    with Warehouse.open(path) as wh:
        load_sizes(wh, sizes)
        with open_engine(wh) as engine:
            for province in (YAZD, None):
                query = Query(province=province, period=parse_period("1404-Q1"))
                assert_same(engine, query)
                assert Shape.of(query, ALL, declared=True) != Shape.of(query, ALL, False)


def test_a_new_province_or_period_reuses_the_statement_of_its_shape():
    first = Query(province=YAZD, period=parse_period("1404-H1"))
    other = Query(province=TEHRAN, period=parse_period("1403-Q3"), as_of=None)
    assert Shape.of(first, ALL, False) == Shape.of(other, ALL, False)
    assert facts_sql(Shape.of(first, ALL, False)) is facts_sql(Shape.of(other, ALL, False))
    later = Query(province=YAZD, period=parse_period("1404-H1"), as_of=T0 + timedelta(days=1))
    assert Shape.of(later, ALL, False) != Shape.of(first, ALL, False)
