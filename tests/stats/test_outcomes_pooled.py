"""Several workshops counted together (`pooled_outcomes`), against OUTCOMES: the hand-worked
firms of tests/stats/test_outcomes.py, split between two workshops held on the same day
W = 1403-01-15, so the pooled pairs are exactly the 7 attendees, 5 matched attendees and 7
comparison firms worked out there:

    workshop 1: A1 A2 A3 (sme, XIII); its comparison C1 C2 C3 (sme, XIII)
    workshop 2: A4 A5 (large, V), A6 A7 (unmatched); its comparison C4 C5 C6 C7 (large, V)

Either workshop alone has fewer than 5 attendees: too few. A third workshop on 1403-12-11
(2025-03-01) is too recent: its 6 months run to 1404-06-10, past the last day loaded (31
Khordad 1404), so its pairs count among a group's firms but in no measure's base.
"""

from __future__ import annotations

from datetime import date

import pytest

from taraz.stats import open_engine, pooled_outcomes
from taraz.warehouse import Warehouse
from tests.fixtures import OUTCOMES
from tests.fixtures.datasets.outcomes import A1, A2, A3, A4, A5, A6, A7

MEASURES = ("exported", "new_market", "new_hs6")
W = date(2024, 4, 3)  # 1403-01-15
RECENT = date(2025, 3, 1)  # 1403-12-11
FIRST, SECOND = (W, [A1, A2, A3]), (W, [A4, A5, A6, A7])


@pytest.fixture(scope="module")
def engine(dataset_file):
    wh = Warehouse.open(dataset_file(OUTCOMES), read_only=True)
    with open_engine(wh) as e:
        yield e
    wh.close()


def cells(group):
    return {
        (w, m): (c["firms"], c["base"], c["share_pct"])
        for w in ("months_6", "months_12")
        for m in ("exported", "new_market", "new_hs6")
        if (c := group[w][m])
    }


def test_two_small_workshops_together_give_the_hand_worked_shares(engine):
    result = pooled_outcomes(engine, [FIRST, SECOND])
    groups = result["groups"]
    assert result["query"]["workshops"] == 2
    assert [groups[g]["firms"] for g in ("attendees", "matched_attendees", "comparison")] == [
        7,
        5,
        7,
    ]
    assert cells(groups["attendees"]) == {
        ("months_6", "exported"): (4, 7, "57.14"),  # A1 A2 A5 A6
        ("months_6", "new_market"): (2, 7, "28.57"),  # A2 A6
        ("months_6", "new_hs6"): (1, 7, "14.29"),  # A6
        ("months_12", "exported"): (5, 7, "71.43"),  # + A3
        ("months_12", "new_market"): (3, 7, "42.86"),  # + A5
        ("months_12", "new_hs6"): (2, 7, "28.57"),  # + A3
    }
    assert cells(groups["comparison"]) == {
        ("months_6", "exported"): (3, 7, "42.86"),  # C1 C6 C7
        ("months_6", "new_market"): (1, 7, "14.29"),  # C6
        ("months_6", "new_hs6"): (0, 7, "0.00"),
        ("months_12", "exported"): (4, 7, "57.14"),  # + C4
        ("months_12", "new_market"): (1, 7, "14.29"),
        ("months_12", "new_hs6"): (0, 7, "0.00"),
    }
    assert result["caveats"][0]["code"] == "self_selection"


def test_one_small_workshop_alone_is_too_few(engine):
    groups = pooled_outcomes(engine, [FIRST])["groups"]
    none = {"status": "too_few", "base": None, "firms": None, "share_pct": None}
    assert groups["attendees"] == {
        "firms": None,
        "too_few": True,
        **{w: {m: none for m in MEASURES} for w in ("months_6", "months_12")},
    }


def test_a_too_recent_workshop_counts_in_no_base(engine):
    result = pooled_outcomes(engine, [FIRST, SECOND, (RECENT, [A1, A2, A3])])
    attendees = result["groups"]["attendees"]
    assert attendees["firms"] == 10  # 3 + 4 + 3 pairs
    assert attendees["months_6"]["exported"] == {
        "status": "ok",
        "base": 7,
        "firms": 4,
        "share_pct": "57.14",
    }
    alone = pooled_outcomes(engine, [(RECENT, [A1, A2, A3, A4, A5, A6])])["groups"]
    assert alone["attendees"]["firms"] == 6
    assert alone["attendees"]["months_6"]["exported"]["status"] == "not_loaded_yet"
    assert alone["comparison"]["months_12"]["new_hs6"]["status"] == "not_loaded_yet"
