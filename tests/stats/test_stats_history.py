"""As-of figures: revisions and reverts apply in the engine exactly as in the warehouse."""

from __future__ import annotations

from datetime import timedelta

import pytest

from taraz.calendar import parse_period
from taraz.errors import TarazError
from taraz.stats import Query, open_engine, totals
from taraz.stats.live import live_lines
from taraz.warehouse import live_lines_sql
from taraz.warehouse.batches import revert_batch
from tests.fixtures import HISTORY_LIVE, T0, YAZD, Line, load

FARVARDIN = parse_period("1404-01")
MORE = Line(
    "S1", 1, "X", "2025-04-12", "25161100", "IQ", "IR21-YAZD", YAZD, "T1", "sme", "25.00", "9"
)


def exports(wh, as_of=None):
    with open_engine(wh) as engine:
        return totals(engine, Query(province=YAZD, period=FARVARDIN, as_of=as_of))["exports"][
            "value_usd"
        ]


def test_as_of_before_the_revision_gives_the_old_figure(revised):
    assert exports(revised, as_of=T0 + timedelta(hours=1)) == "100.00"


def test_the_revision_replaces_the_old_figure(revised):
    assert exports(revised) == "150.00"


def test_as_of_before_any_load_is_not_loaded_never_zero(revised):
    with pytest.raises(TarazError) as caught:
        exports(revised, as_of=T0 - timedelta(days=1))
    assert caught.value.code == "stats.nothing-loaded-as-of"


def test_reverting_the_revision_brings_the_old_figure_back(revised):
    revert_batch(revised, "B00002")
    assert exports(revised) == "100.00"


@pytest.mark.parametrize("hours", [-1, 1, 25, None])
def test_live_lines_are_the_warehouse_live_lines(revised, hours):
    as_of = None if hours is None else T0 + timedelta(hours=hours)
    expected = revised.con.execute(
        f"SELECT batch_id, source_row FROM {live_lines_sql(as_of)} ORDER BY ALL"
    ).fetchall()
    with open_engine(revised) as engine:
        live = live_lines(engine, as_of).select("batch_id", "source_row")
        got = sorted((r["batch_id"], r["source_row"]) for r in engine.fetch(live))
    assert got == expected


def moment_id(as_of):
    return "now" if as_of is None else f"T0{(as_of - T0).total_seconds() / 3600:+g}h"


@pytest.mark.parametrize("as_of", list(HISTORY_LIVE), ids=moment_id)
def test_the_warehouse_live_lines_are_the_hand_worked_ones(history_wh, as_of):
    rows = history_wh.con.execute(f"SELECT value_usd FROM {live_lines_sql(as_of)}").fetchall()
    assert sorted(int(v) for (v,) in rows) == HISTORY_LIVE[as_of]


@pytest.mark.parametrize("as_of", list(HISTORY_LIVE), ids=moment_id)
def test_the_engine_live_lines_are_the_warehouse_live_lines_at_every_moment(history_wh, as_of):
    """The SQL form (ingest, inside its write transaction) and the Ibis form (every figure,
    on DuckDB and Spark) of the live-lines rule pick the same lines: overlapping revisions of
    one source, another source, a revert, and moments at, between and after the loads."""
    columns = "l.batch_id, l.source_row"
    expected = history_wh.con.execute(
        f"SELECT * FROM {live_lines_sql(as_of, columns)} ORDER BY ALL"
    ).fetchall()
    with open_engine(history_wh) as engine:
        live = live_lines(engine, as_of).select("batch_id", "source_row")
        got = sorted((r["batch_id"], r["source_row"]) for r in engine.fetch(live))
    assert got == expected


def test_an_open_engine_sees_every_later_import_and_revert(revised, tmp_path):
    query = Query(province=YAZD, period=FARVARDIN)
    with open_engine(revised) as engine:
        before = totals(engine, query)["exports"]["value_usd"]
        # a third file of Farvardin, another series (source), adds to it
        load(revised, tmp_path, "more.csv", [MORE], source="another-series")
        added = totals(engine, query)["exports"]["value_usd"]
        revert_batch(revised, "B00003")
        after = totals(engine, query)["exports"]["value_usd"]
    assert (before, added, after) == ("150.00", "175.00", "150.00")
