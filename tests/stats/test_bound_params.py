"""Bound parameters (taraz.stats.bound): a query compiled once for its shape gives, for any
values, the very rows the same expression gives compiled afresh with its values written in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from taraz.calendar import parse_period
from taraz.stats import Query, open_engine
from taraz.stats.engine import _rows
from taraz.stats.loaded import loaded_span
from taraz.stats.provenance import coverage_expr, coverage_params, findings_expr
from tests.fixtures import FARS, HISTORY_LIVE, HISTORY_REVERT, TEHRAN, YAZD

PERIODS = [
    "1404-01",
    "1404-02",
    "1404-03",
    "1404-Q1",
    "1404-H1",
    "1403",
    "1404",
    "1403-12..1404-02",
]
PROVINCES = [None, YAZD, FARS, TEHRAN]
REVERTED_AT = HISTORY_REVERT[1]
MOMENTS = [None, *sorted(m for m in HISTORY_LIVE if m is not None)]  # HISTORY_LIVE: None is now


def _sorted(rows):
    return sorted((tuple(sorted(r.items())) for r in rows), key=repr)


def _fresh(engine, expr):
    """The expression compiled by Ibis with its values as literals, kept nowhere."""
    return _rows(engine._con.execute(engine.backend.compile(expr))).to_pylist()


@pytest.fixture
def history(history_wh):
    """A new engine: nothing compiled yet."""
    with open_engine(history_wh) as engine:
        yield engine


@pytest.fixture
def random_lines(random_wh):
    with open_engine(random_wh) as engine:
        yield engine


def test_coverage_bound_gives_the_rows_of_a_fresh_compile_for_every_selection(history):
    # now, before any load, at a load, at the revert, after the last load
    moments = [None, MOMENTS[1], MOMENTS[2], REVERTED_AT, MOMENTS[-1]]
    for moment in moments:
        for province in PROVINCES:
            for basis in ("origin", "customs"):
                for period in PERIODS[2:7]:
                    q = Query(
                        province=province, period=parse_period(period), basis=basis, as_of=moment
                    )
                    key, params = coverage_params(q)
                    bound = history.run(key, lambda p: coverage_expr(history, p), params)
                    fresh = _fresh(history, coverage_expr(history, params))
                    assert _sorted(bound.to_pylist()) == _sorted(fresh), (q, key)
    # four shapes (a province or not, a moment or not) for 200 selections
    shapes = {k for k in history._sql if k[0][0] == "coverage"}
    assert len(shapes) == 4


def test_coverage_bound_on_many_provinces_and_periods(random_lines):
    """The random lines' one batch covers some provinces, some months: the rows differ."""
    different = set()
    for province in [None, *(f"IR-{i:02d}" for i in range(1, 32, 4))]:
        for period in ("1403", "1404-H1", "1403-Q4", "1404-05"):
            q = Query(province=province, period=parse_period(period))
            key, params = coverage_params(q)
            bound = random_lines.run(key, lambda p: coverage_expr(random_lines, p), params)
            fresh = _fresh(random_lines, coverage_expr(random_lines, params))
            assert _sorted(bound.to_pylist()) == _sorted(fresh)
            different.add(repr(_sorted(fresh)))
    assert len(different) >= 3  # the values did reach the query


def test_findings_bound_to_any_set_of_batches(history, random_lines):
    """The random lines' batch has findings; the history's six batches have their files."""
    params = {"batch_ids": ["B00001"]}
    bound = random_lines.run(
        ("findings",), lambda p: findings_expr(random_lines, p["batch_ids"]), params
    )
    fresh = _fresh(random_lines, findings_expr(random_lines, ["B00001"]))
    assert _sorted(bound.to_pylist()) == _sorted(fresh)
    assert any(r["kind"] == "finding" for r in fresh)
    batch_ids = [f"B0000{i}" for i in range(1, 7)]
    for n in range(1, len(batch_ids) + 1):
        chosen = batch_ids[:n] if n % 2 else batch_ids[-n:]
        params = {"batch_ids": chosen}
        bound = history.run(("findings",), lambda p: findings_expr(history, p["batch_ids"]), params)
        fresh = _fresh(history, findings_expr(history, chosen))
        assert _sorted(bound.to_pylist()) == _sorted(fresh)
        assert {r["batch_id"] for r in fresh} == set(chosen)  # every batch has its file


def test_loaded_span_bound_as_of_each_moment(history):
    """Before the first load nothing is loaded; at every other moment of the history the span
    is what the query compiled afresh for that moment says."""
    from taraz.stats.live import active_batches

    def expr(moment):
        batches = history.table("batches")
        live = batches.semi_join(active_batches(history, moment), "batch_id")
        return live.aggregate(first=live.date_min.min(), last=live.date_max.max())

    assert loaded_span(history, MOMENTS[1]) == (None, None)
    spans = set()
    for moment in MOMENTS[2:]:
        fresh = _fresh(history, expr(moment))[0]
        assert loaded_span(history, moment) == (fresh["first"], fresh["last"])
        spans.add((fresh["first"], fresh["last"]))
    assert len(spans) > 1  # the moment did reach the query


def test_a_value_that_changes_the_shape_is_refused(history):
    with pytest.raises(ValueError, match="shape"):
        history.run(("x",), lambda p: history.table("batches"), {"as_of": None})


def test_a_naive_moment_is_refused(history):
    with pytest.raises(ValueError, match="timezone"):
        history.run(("x",), lambda p: history.table("batches"), {"as_of": datetime(2025, 1, 1)})


def test_a_parameter_the_query_does_not_use_is_an_error(history):
    moment = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=1)
    with pytest.raises(RuntimeError, match="not in the compiled SQL"):
        history.run(("unused",), lambda p: history.table("batches"), {"as_of": moment})


def test_every_kind_of_value_is_bound(history):
    """A text, an integer, a day, a moment and a list of texts in one query: the rows are those
    of the same query with the values written in, for values that keep and drop rows."""

    def expr(p):
        b = history.table("batches")
        return b.filter(
            b.source == p["source"],
            b.rows_loaded >= p["rows"],
            b.date_max >= p["day"],
            b.loaded_at <= p["moment"],
            p["batch_ids"].contains(b.batch_id),
        ).select("batch_id")

    def fresh(values):
        import ibis

        literals = {k: ibis.literal(v) for k, v in values.items()}
        literals["moment"] = ibis.literal(values["moment"], type="timestamp('UTC')")
        literals["batch_ids"] = ibis.literal(list(values["batch_ids"]), type="array<string>")
        return sorted(r["batch_id"] for r in _fresh(history, expr(literals)))

    moments = sorted(m for m in HISTORY_LIVE if m is not None)
    seen = set()
    for source in ("customs", "chamber"):
        for rows in (0, 1, 2):
            for moment in (moments[1], moments[4], moments[-1]):
                for ids in (["B00001", "B00003"], ["B00002", "B00004", "B00006"]):
                    values = {
                        "source": source,
                        "rows": rows,
                        "day": parse_period("1404-02").start,
                        "moment": moment,
                        "batch_ids": ids,
                    }
                    got = sorted(
                        r["batch_id"] for r in history.run(("kinds",), expr, values).to_pylist()
                    )
                    assert got == fresh(values), values
                    seen.add(tuple(got))
    assert len(seen) > 3
