"""Workshop outcomes against OUTCOMES (tests/fixtures/datasets/outcomes.py): every share below
is counted by hand from the fixture's table, firm by firm.

The workshop W = 1403-01-15 (2024-04-03). Windows: before 1402-01-15 .. 1403-01-14, 6 months
1403-01-16 .. 1403-07-15, 12 months 1403-01-16 .. 1404-01-15; all loaded (Farvardin 1402 to
Khordad 1404).

Firm by firm (size class and main section over the before window; first export after W; first
export to a new market; first in a new subheading):
    A1 (sme, XIII)   export 1403-03-15; nothing new
    A2 (sme, XIII)   export 1403-04-20 to AF: new market within 6
    A3 (sme, XIII)   export 1403-10-05 in 690722: new subheading within 12 (not 6)
    A4 (large, V)    an import 1403-03-15 and an export 1404-03-20: nothing within 12
    A5 (large, V)    export 1403-03-15 (AE, not new); CN 1403-11-20: new market within 12
    A6 (none)        its only earlier line is 1402-01-05, before the window: unmatched;
                     export 1403-05-10 to IQ in 690721: both new within 6
    A7 (none)        no line at all: unmatched, exported nothing
Attendees, 7 firms:
    exported    6: A1 A2 A5 A6 = 4/7 = 57.14 %   12: + A3 = 5/7 = 71.43 %
    new market  6: A2 A6 = 2/7 = 28.57 %         12: + A5 = 3/7 = 42.86 %
    new hs6     6: A6 = 1/7 = 14.29 %            12: + A3 = 2/7 = 28.57 %
Matched attendees (exported in the 12 months before): A1 A2 A3 A4 A5, 5 firms:
    exported    6: A1 A2 A5 = 3/5 = 60.00 %      12: + A3 = 4/5 = 80.00 %
    new market  6: A2 = 1/5 = 20.00 %            12: + A5 = 2/5 = 40.00 %
    new hs6     6: 0/5 = 0.00 %                  12: A3 = 1/5 = 20.00 %
Comparison: strata of the attendees (sme, XIII) and (large, V):
    C1 (sme, XIII)   export 1403-03-15, nothing new
    C2 (sme, XIII)   exported on W's own day only: not after
    C3 (sme, XIII)   its line is on the before window's first day: counted; nothing after
    C4 (large, V)    export 1403-08-10: within 12 only
    C5 (large, V)    nothing after
    C6 (large, V)    export 1403-07-15 (the 6-month window's last day) to TR: new within 6
    C7 (large, V)    tiles 1000 + granite 3000 before: main section V; tiles to IQ 1403-06-25,
                     nothing new (IQ and 690721 both before)
    D1 (sme, V) and D2 (large, XIII) are like no attendee: left out. 7 firms:
    exported    6: C1 C6 C7 = 3/7 = 42.86 %      12: + C4 = 4/7 = 57.14 %
    new market  6: C6 = 1/7 = 14.29 %            12: 1/7 = 14.29 %
    new hs6     6: 0/7 = 0.00 %                  12: 0/7 = 0.00 %
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from taraz.fa import to_persian_digits
from taraz.stats import open_engine, workshop_outcomes
from taraz.warehouse import Warehouse
from tests.fixtures import OUTCOMES
from tests.fixtures.datasets.outcomes import A1, A2, A3, A4, ATTENDEES

W = date(2024, 4, 3)  # 1403-01-15


@pytest.fixture(scope="module")
def outcomes_wh(dataset_file):
    wh = Warehouse.open(dataset_file(OUTCOMES), read_only=True)
    yield wh
    wh.close()


@pytest.fixture(scope="module")
def engine(outcomes_wh):
    with open_engine(outcomes_wh) as e:
        yield e


@pytest.fixture(scope="module")
def result(engine):
    return workshop_outcomes(engine, W, ATTENDEES)


def shares(group):
    """(window, measure) -> (firms, share) of a group."""
    return {
        (w, m): (group[w][m]["firms"], group[w][m]["share_pct"])
        for w in ("months_6", "months_12")
        for m in ("exported", "new_market", "new_hs6")
    }


def test_the_attendees_shares(result):
    group = result["groups"]["attendees"]
    assert (group["firms"], group["too_few"]) == (7, False)
    assert shares(group) == {
        ("months_6", "exported"): (4, "57.14"),
        ("months_6", "new_market"): (2, "28.57"),
        ("months_6", "new_hs6"): (1, "14.29"),
        ("months_12", "exported"): (5, "71.43"),
        ("months_12", "new_market"): (3, "42.86"),
        ("months_12", "new_hs6"): (2, "28.57"),
    }


def test_the_matched_attendees_are_those_that_exported_in_the_year_before(result):
    group = result["groups"]["matched_attendees"]
    assert group["firms"] == 5
    assert shares(group) == {
        ("months_6", "exported"): (3, "60.00"),
        ("months_6", "new_market"): (1, "20.00"),
        ("months_6", "new_hs6"): (0, "0.00"),
        ("months_12", "exported"): (4, "80.00"),
        ("months_12", "new_market"): (2, "40.00"),
        ("months_12", "new_hs6"): (1, "20.00"),
    }


def test_the_comparison_group_is_the_non_attendees_of_the_same_size_class_and_main_section(
    result,
):
    group = result["groups"]["comparison"]
    assert group["firms"] == 7  # C1-C7; D1 (sme, V) and D2 (large, XIII) are like no attendee
    assert shares(group) == {
        ("months_6", "exported"): (3, "42.86"),
        ("months_6", "new_market"): (1, "14.29"),
        ("months_6", "new_hs6"): (0, "0.00"),
        ("months_12", "exported"): (4, "57.14"),
        ("months_12", "new_market"): (1, "14.29"),
        ("months_12", "new_hs6"): (0, "0.00"),
    }
    assert result["strata"] == 2


def test_the_windows_and_the_months_loaded(result):
    windows = result["windows"]
    assert {k: (w["start"], w["end"], w["loaded"]) for k, w in windows.items()} == {
        "before": ("2023-04-04", "2024-04-02", "complete"),  # 1402-01-15 .. 1403-01-14
        "months_6": ("2024-04-04", "2024-10-06", "complete"),  # 1403-01-16 .. 1403-07-15
        "months_12": ("2024-04-04", "2025-04-04", "complete"),  # .. 1404-01-15
    }
    cov = result["coverage"]
    # the windows touch Farvardin 1402 .. Farvardin 1404: 25 months, all loaded
    assert [m["month"] for m in cov["months_loaded"]][:2] == ["1402-01", "1402-02"]
    assert cov["months_loaded"][-1]["month"] == "1404-01"
    assert len(cov["months_loaded"]) == 25
    assert cov["months_missing"] == []
    assert cov["last_day_loaded"] == "2025-06-21"  # the end of Khordad 1404


def test_the_result_says_that_attendees_chose_to_come(result):
    (caveat,) = result["caveats"]
    assert caveat["code"] == "self_selection"
    assert "chose to come" in caveat["en"]
    assert "داوطلب" in caveat["fa"]


def test_no_figure_is_a_float(result):
    def walk(v):
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        else:
            assert not isinstance(v, float), v
            if isinstance(v, str) and v.replace(".", "", 1).isdigit():
                Decimal(v)  # exact decimal text

    walk(result)


def test_a_group_of_fewer_than_five_firms_is_too_few_never_a_number(engine):
    # A1-A4: 4 attendees, all matched, in the same two strata; A5, not attending now, joins
    # the comparison: C1-C7 and A5, 8 firms; within 6 C1 C6 C7 A5 exported = 4/8 = 50.00 %
    # (a card in Persian digits is the same card; a repeated or blank one counts once or not)
    small = workshop_outcomes(engine, W, [to_persian_digits(A1), A1, A2, A3, A4, A4, " "])
    for name in ("attendees", "matched_attendees"):
        group = small["groups"][name]
        assert (group["firms"], group["too_few"]) == (None, True)
        for window in ("months_6", "months_12"):
            for measure in group[window].values():
                assert measure == {"status": "too_few", "firms": None, "share_pct": None}
    comparison = small["groups"]["comparison"]
    assert comparison["firms"] == 8
    assert comparison["months_6"]["exported"]["share_pct"] == "50.00"


def test_a_window_past_the_last_month_loaded_is_not_loaded_yet_never_zero(engine):
    # W2 = 1403-06-15 (2024-09-05): 12 months to 1404-06-15, past Khordad 1404
    late = workshop_outcomes(engine, date(2024, 9, 5), ATTENDEES)
    assert late["windows"]["months_12"]["loaded"] == "partial"
    assert late["windows"]["months_12"]["reason"] == "not_loaded_yet"
    assert late["coverage"]["months_missing"][0]["month"] == "1404-04"
    for group in late["groups"].values():
        for measure in group["months_12"].values():
            assert measure == {"status": "not_loaded_yet", "firms": None, "share_pct": None}
    # 6 months, 1403-06-16 .. 1403-12-15: A3 (1403-10-05) and A5 (1403-11-20) = 2/7
    assert late["groups"]["attendees"]["months_6"]["exported"]["share_pct"] == "28.57"


def test_what_rests_on_the_year_before_is_not_loaded_when_that_year_is_not(engine):
    # W3 = 1402-06-01 (2023-08-23): the year before starts 1401-06-01, nothing loaded before 1402
    early = workshop_outcomes(engine, date(2023, 8, 23), ATTENDEES)
    assert (early["windows"]["before"]["loaded"], early["windows"]["before"]["reason"]) == (
        "partial",
        "not_loaded",
    )
    attendees = early["groups"]["attendees"]["months_6"]
    # whether they exported needs no year before: 1402-06-02 .. 1402-12-01, A2 and A4
    # (1402-09-20) and A3 (1402-11-01); A1 and A5 exported on the day itself = 3/7
    assert attendees["exported"]["share_pct"] == "42.86"
    assert attendees["new_market"]["status"] == "not_loaded"
    comparison = early["groups"]["comparison"]["months_6"]["exported"]
    assert comparison == {"status": "not_loaded", "firms": None, "share_pct": None}


def test_the_same_answer_from_a_parquet_export(outcomes_wh, result, tmp_path):
    from taraz.stats import export_parquet

    export_parquet(outcomes_wh, tmp_path / "export")
    with open_engine(tmp_path / "export") as parquet:
        again = workshop_outcomes(parquet, W, ATTENDEES)
    assert again["groups"] == result["groups"]
