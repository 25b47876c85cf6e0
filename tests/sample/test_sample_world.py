"""The demo's service world as the sample describes it, without Django: firms on the sample's
cards, and case plans that are the same on every run and keep to the clock."""

import tomllib
from datetime import date, time
from pathlib import Path

import pyarrow.compute as pc
import pytest

from taraz.calendar.workdays import configured_calendar
from taraz.sample import sample_traders
from taraz.sample.case_plans import TEHRAN, plan_cases
from taraz.sample.world import service_world

SRC = Path(__file__).resolve().parents[2] / "src" / "taraz" / "web"
TODAY = date(2026, 11, 29)  # 8 Azar 1405, a Sunday


def _procedures():
    files = (SRC / "cases" / "data" / "procedures").glob("*.toml")
    return {d["code"]: d for d in (tomllib.loads(f.read_text("utf-8")) for f in files)}


def _kinds():
    bodies = tomllib.loads((SRC / "accounts" / "data" / "bodies.toml").read_text("utf-8"))
    return {b["code"]: b["kind"] for b in bodies["body"]}


@pytest.fixture(scope="module")
def plans():
    return plan_cases(service_world(), _procedures(), _kinds(), TODAY)


def test_sample_traders_are_the_trader_ids_of_the_lines(small_lines):
    yazd = small_lines.filter(pc.equal(small_lines["province"], "IR-21"))
    listed = {t.trader_id for t in sample_traders("IR-21", seed=7)}
    assert set(yazd["trader_id"].to_pylist()) <= listed
    assert all(t.startswith("121") and len(t) == 11 and t[3:] != "0" * 8 for t in listed)


def test_each_firm_holds_a_card_that_exports_in_the_sample(full_lines):
    exports = full_lines.filter(
        pc.and_(pc.equal(full_lines["province"], "IR-21"), pc.equal(full_lines["flow"], "X"))
    )
    exporting = set(exports["trader_id"].to_pylist())
    cards = [f.card_number for f in service_world().firms]
    assert len(set(cards)) == len(cards) and set(cards) <= exporting


def test_a_large_firm_holds_a_large_traders_card():
    large = {t.trader_id: t.large for t in sample_traders()}
    assert all(large[f.card_number] == f.large for f in service_world().firms)


def test_the_same_day_gives_the_same_plans(plans):
    assert plan_cases(service_world(), _procedures(), _kinds(), TODAY) == plans


def test_the_offices_plan_their_steps_on_working_days_in_office_hours(plans):
    applicants = {p.username for p in service_world().people if p.firm}
    calendar = configured_calendar()
    moments = [
        s.at.astimezone(TEHRAN)
        for plan in plans
        for s in plan.steps
        if s.at is not None and s.who not in applicants
    ]
    assert all(calendar.is_working(m.date()) for m in moments)
    assert all(time(7, 0) <= m.time() <= time(14, 0) for m in moments)


def test_every_dated_step_is_before_today(plans):
    assert all(s.at.date() < TODAY for plan in plans for s in plan.steps if s.at is not None)


def test_a_clock_before_the_end_of_1404_is_refused():
    from taraz.errors import TarazError

    with pytest.raises(TarazError, match="1404"):
        plan_cases(service_world(), _procedures(), _kinds(), date(2026, 3, 1))
