"""How long casework takes, against durations counted by hand from the calendar.

Most tests use a fixed calendar: Thursday and Friday off (a weekend rule of the test's own),
and one closure, Tue 1404-07-22. No public holiday falls from 1404-06-20 to 1404-09-02
(`test_the_fixed_window_has_no_public_holiday`), so within that window the holidays data plays
no part. Its working days (Thursday and Friday are off, [22] is the closure):

    Sat  Sun  Mon  Tue  Wed | Thu  Fri
     22   23   24   25   26 |  27   28     Shahrivar 1404 (Jalali Q2)
     29   30   31  7/1  7/2 | 7/3  7/4     Mehr begins on a Tuesday (Q3)
      5    6    7    8    9 |  10   11     Mehr
     12   13   14   15   16 |  17   18
     19   20   21  [22]  23 |  24   25

A span is "after its first day, up to and including its last": submit Sat 7/5 and route Mon 7/7
is 1 (Sun 6) + 1 (Mon 7) = 2 working days.
"""

from __future__ import annotations

import statistics
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from taraz.calendar import jalali_to_gregorian
from taraz.calendar.closures import Closure
from taraz.calendar.public_holidays import public_holidays
from taraz.calendar.weekends import WeekendRule
from taraz.calendar.workdays import WorkCalendar
from taraz.stats.casework import CaseHistory, Step, case_durations, measure

THU, FRI = 3, 4
CALENDAR = WorkCalendar(
    weekends=[WeekendRule(jalali_to_gregorian(1400, 1, 1), frozenset({THU, FRI}), "test")],
    closures=[Closure(jalali_to_gregorian(1404, 7, 22), "صرفه‌جویی در برق", "Power saving")],
)
TARGETS = {"screening": 2, "yazd-chamber": 3, "standards": 5, "decision": 2}
CHAMBER, STANDARDS = "yazd-chamber", "standards"


def day(text: str) -> date:
    """`07-05` is 1404-07-05; a whole `1403-12-25` is itself."""
    parts = [int(p) for p in text.split("-")]
    return jalali_to_gregorian(*([1404, *parts] if len(parts) == 2 else parts))


def case(
    *events: tuple[str, str] | tuple[str, str, str],
    countersign: tuple[str, ...] = (),
    procedure: str = "QT",
    name: str = "1404/QT/00001",
) -> CaseHistory:
    return CaseHistory(
        case=name,
        procedure=procedure,
        targets=TARGETS,
        events=[Step(day(e[0]), *e[1:]) for e in events],
        countersign=frozenset(countersign),
    )


def screened(submit: str, route: str, name: str = "1404/QT/00001", procedure: str = "QT"):
    """A case submitted and routed to the chamber, nothing more: only its screening ended."""
    return case((submit, "submit"), (route, "route", CHAMBER), name=name, procedure=procedure)


def cell(cells, step: str, quarter: str | None):
    (found,) = [c for c in cells if c.step == step and c.quarter == quarter]
    return found


def test_the_fixed_window_has_no_public_holiday():
    first, last = day("06-20"), day("09-02")
    assert [d for d in public_holidays(2025) if first <= d <= last] == []


# -- one case ------------------------------------------------------------------------------------


def test_screening_leaves_out_the_applicants_time():
    # Screening, after Sat 7/5 up to Tue 7/15: Sun 6 to Wed 9 (4), Sat 12 to Tue 15 (4) = 8.
    # Returned Mon 7/7, resubmitted Sat 7/12: Tue 8, Wed 9, Sat 12 = 3. Screening 8 - 3 = 5.
    # The chamber's part has not ended: not measured.
    history = case(
        ("07-05", "submit"),
        ("07-06", "take"),
        ("07-07", "return"),
        ("07-12", "resubmit"),
        ("07-15", "route", CHAMBER),
    )
    assert case_durations(history, CALENDAR) == {"screening": 5}


def test_a_bodys_question_pauses_its_clock():
    # Screening, Sat 7/5 to Mon 7/7: 2.
    # The chamber, after Mon 7/7 up to Wed 7/23: Tue 8, Wed 9 (2), Sat 12 to Wed 16 (5),
    # Sat 19 to Mon 21 (3), Wed 23 (1; Tue 22 closed) = 11. Its question, after Mon 7/14 up to
    # Sat 7/19: Tue 15, Wed 16, Sat 19 = 3. The chamber 11 - 3 = 8.
    history = case(
        ("07-05", "submit"),
        ("07-07", "route", CHAMBER),
        ("07-14", "ask", CHAMBER),
        ("07-19", "answer", CHAMBER),
        ("07-23", "advise", CHAMBER),
    )
    assert case_durations(history, CALENDAR) == {"screening": 2, CHAMBER: 8}


def test_a_question_unanswered_when_the_step_ends_runs_to_its_end():
    # The chamber, after Mon 7/7 up to Mon 7/14: Tue 8, Wed 9, Sat 12, Sun 13, Mon 14 = 5; its
    # question from Wed 7/9, never answered, pauses it up to Mon 7/14: Sat 12, Sun 13, Mon 14 = 3.
    # The chamber 5 - 3 = 2. For the applicant it runs to the decision on Tue 7/15: 3 + Tue 15 = 4.
    # Decision, after Mon 7/14 up to Tue 7/15: 1. Total, Sat 7/5 to Tue 7/15: 4 + 4 = 8.
    history = case(
        ("07-05", "submit"),
        ("07-07", "route", CHAMBER),
        ("07-09", "ask", CHAMBER),
        ("07-14", "advise", CHAMBER),
        ("07-15", "approve"),
    )
    assert case_durations(history, CALENDAR) == {
        "screening": 2,
        CHAMBER: 2,
        "decision": 1,
        "total": 8,
        "applicant": 4,
    }


def test_a_second_question_before_the_answer_pauses_nothing_more():
    # The chamber, after Mon 7/7 up to Wed 7/16: Tue 8, Wed 9, Sat 12 to Wed 16 = 7. Paused from
    # its first question, Wed 7/9, to the answer, Tue 7/15: Sat 12 to Tue 15 = 4. 7 - 4 = 3.
    history = case(
        ("07-05", "submit"),
        ("07-07", "route", CHAMBER),
        ("07-09", "ask", CHAMBER),
        ("07-13", "ask", CHAMBER),
        ("07-15", "answer", CHAMBER),
        ("07-16", "advise", CHAMBER),
    )
    assert case_durations(history, CALENDAR)[CHAMBER] == 3


def test_two_bodies_in_parallel_and_their_overlapping_questions_counted_once():
    # Screening, Sat 7/5 to Mon 7/7: 2.
    # The chamber, routed Mon 7/7, advice Wed 7/16: Tue 8, Wed 9, Sat 12 to Wed 16 = 7; its
    #   question Wed 7/9 to Sun 7/13: Sat 12, Sun 13 = 2. The chamber 7 - 2 = 5.
    # Standards, routed a day later, Tue 7/8, advice Mon 7/21: Wed 9, Sat 12 to Wed 16, Sat 19 to
    #   Mon 21 = 1 + 5 + 3 = 9; its question Sat 7/12 to Tue 7/15: Sun 13 to Tue 15 = 3. 9 - 3 = 6.
    # Decision from the later advice, Mon 7/21, to Wed 7/23: Tue 22 closed, Wed 23 = 1.
    # Total, Sat 7/5 to Wed 7/23: 4 + 5 + 3 + 1 = 13.
    # The applicant: the questions cover Wed 7/9 to Tue 7/15 together: Sat 12 to Tue 15 = 4
    #   (2 + 3 = 5 if Sat 12 and Sun 13, in both, counted twice).
    history = case(
        ("07-05", "submit"),
        ("07-07", "route", CHAMBER),
        ("07-08", "route", STANDARDS),
        ("07-09", "ask", CHAMBER),
        ("07-12", "ask", STANDARDS),
        ("07-13", "answer", CHAMBER),
        ("07-15", "answer", STANDARDS),
        ("07-16", "advise", CHAMBER),
        ("07-21", "advise", STANDARDS),
        ("07-23", "approve"),
    )
    durations = case_durations(history, CALENDAR)
    assert durations == {
        "screening": 2,
        STANDARDS: 6,
        CHAMBER: 5,
        "decision": 1,
        "total": 13,
        "applicant": 4,
    }
    assert list(durations) == ["screening", STANDARDS, CHAMBER, "decision", "total", "applicant"]


def test_a_countersigned_body_completes_at_its_countersign():
    # The chamber needs a countersign, standards does not. Both routed Sun 7/6, both advise
    # Mon 7/7; the chamber's head countersigns Sat 7/12.
    # Screening Sat 7/5 to Sun 7/6: 1. Standards Sun 7/6 to Mon 7/7: 1. The chamber Sun 7/6 to
    # Sat 7/12: Mon 7, Tue 8, Wed 9, Sat 12 = 4 (1 had it ended at its advice).
    # Decision, Sat 7/12 to Sun 7/13: 1. Total, Sat 7/5 to Sun 7/13: 4 + 2 = 6.
    history = case(
        ("07-05", "submit"),
        ("07-06", "route", CHAMBER),
        ("07-06", "route", STANDARDS),
        ("07-07", "advise", CHAMBER),
        ("07-07", "advise", STANDARDS),
        ("07-12", "countersign", CHAMBER),
        ("07-13", "approve"),
        countersign=(CHAMBER,),
    )
    assert case_durations(history, CALENDAR) == {
        "screening": 1,
        STANDARDS: 1,
        CHAMBER: 4,
        "decision": 1,
        "total": 6,
        "applicant": 0,
    }


def test_a_decision_before_every_body_completed_has_no_decision_step():
    # Standards never advised: its part and the decision's start never came. Screening Sat 7/5
    # to Sun 7/6: 1; the chamber Sun 7/6 to Mon 7/7: 1; total Sat 7/5 to Tue 7/8: 3.
    history = case(
        ("07-05", "submit"),
        ("07-06", "route", CHAMBER),
        ("07-06", "route", STANDARDS),
        ("07-07", "advise", CHAMBER),
        ("07-08", "refuse"),
    )
    assert case_durations(history, CALENDAR) == {
        "screening": 1,
        CHAMBER: 1,
        "total": 3,
        "applicant": 0,
    }


def test_advice_awaiting_its_countersign_leaves_the_body_open():
    history = case(
        ("07-05", "submit"),
        ("07-06", "route", CHAMBER),
        ("07-07", "advise", CHAMBER),
        countersign=(CHAMBER,),
    )
    assert case_durations(history, CALENDAR) == {"screening": 1}


CHANGED_ADVICE = [
    ("07-05", "submit"),
    ("07-06", "route", CHAMBER),
    ("07-07", "advise", CHAMBER),
    ("07-08", "countersign", CHAMBER),
    ("07-13", "advise", CHAMBER),  # the advice changed: the countersign no longer holds
    ("07-15", "countersign", CHAMBER),
    ("07-16", "approve"),
]


def test_changed_advice_reopens_a_countersigned_body():
    # Countersigned Tue 7/8 (2 working days after its route), then its advice changed Sun 7/13:
    # open again, so not measured; nor is the decision it holds up.
    history = case(*CHANGED_ADVICE[:5], countersign=(CHAMBER,))
    assert case_durations(history, CALENDAR) == {"screening": 1}


def test_a_reopened_body_runs_from_its_route_to_its_final_countersign():
    # The chamber, Sun 7/6 to Tue 7/15: Mon 7, Tue 8, Wed 9, Sat 12 to Tue 15 = 7 (not 2, to its
    # first countersign). Decision Tue 7/15 to Wed 7/16: 1. Total Sat 7/5 to Wed 7/16: 9.
    history = case(*CHANGED_ADVICE, countersign=(CHAMBER,))
    assert case_durations(history, CALENDAR) == {
        "screening": 1,
        CHAMBER: 7,
        "decision": 1,
        "total": 9,
        "applicant": 0,
    }


def test_changed_advice_without_countersign_ends_the_body_again():
    # Advice Mon 7/7, changed Sun 7/13: the chamber, Sun 7/6 to Sun 7/13: 7, 8, 9, 12, 13 = 5.
    history = case(
        ("07-05", "submit"),
        ("07-06", "route", CHAMBER),
        ("07-07", "advise", CHAMBER),
        ("07-13", "advise", CHAMBER),
    )
    assert case_durations(history, CALENDAR) == {"screening": 1, CHAMBER: 5}


@pytest.mark.parametrize("closing", ["withdraw", "lapse"])
def test_a_closed_case_measures_only_the_steps_that_ended(closing):
    # Standards advised Wed 7/9 (Sun 7/6 to Wed 7/9: 3) before the case closed on Sat 7/12; the
    # chamber never advised. No decision, so no decision and no total.
    history = case(
        ("07-05", "submit"),
        ("07-06", "route", CHAMBER),
        ("07-06", "route", STANDARDS),
        ("07-09", "advise", STANDARDS),
        ("07-12", closing),
    )
    assert case_durations(history, CALENDAR) == {"screening": 1, STANDARDS: 3}
    cells = measure([history], CALENDAR, min_cases=1)
    assert {c.step for c in cells} == {"screening", STANDARDS}


@pytest.mark.parametrize(
    ("events", "said"),
    [
        ([("07-05", "route", CHAMBER)], "before the case was submitted"),
        ([("07-06", "submit"), ("07-05", "route", CHAMBER)], "before the event it follows"),
        ([("07-05", "submit"), ("07-06", "answer", CHAMBER)], "not routed to"),
        (
            [("07-05", "submit"), ("07-06", "route", CHAMBER), ("07-07", "answer", CHAMBER)],
            "answers no question",
        ),
        (
            [("07-05", "submit"), ("07-06", "route", CHAMBER), ("07-07", "countersign", CHAMBER)],
            "needs none",
        ),
        ([("07-05", "submit"), ("07-06", "withdraw"), ("07-07", "take")], "after the case was"),
        (
            [("07-05", "submit"), ("07-06", "refuse"), ("07-07", "route", CHAMBER)],
            "after the case was",
        ),
        ([("07-05", "submit"), ("07-06", "approved")], "not an action"),
        ([("07-05", "submit"), ("07-06", "route", "total")], "as a step is named"),
    ],
)
def test_events_the_casework_cannot_have_are_refused(events, said):
    with pytest.raises(ValueError, match=said):
        case_durations(case(*events), CALENDAR)


def test_across_nowruz_with_the_packaged_calendar():
    # The packaged calendar: Friday off, Iran's public holidays from the holidays package, no
    # closure. Its holidays after Sat 1403-12-25 up to Sun 1404-01-10, read from the package
    # (holidays/countries/iran.py: oil nationalisation 29 Esfand, the last day of a leap year,
    # Nowruz and its three days; Imam Ali's martyrdom, 21 Ramadan, falls on 2 Farvardin):
    #   Wed 12-29, Thu 12-30, Fri 01-01, Sat 01-02, Sun 01-03, Mon 01-04.
    calendar = WorkCalendar()
    off = [d for d in public_holidays(2025) if day("1403-12-26") <= d <= day("01-10")]
    assert off == [day(t) for t in ("1403-12-29", "1403-12-30", "01-01", "01-02", "01-03", "01-04")]
    # Screening, after Sat 12-25 up to Sun 01-10: Sun 26, Mon 27, Tue 28 (3); 29 to 4 Farvardin
    # off; Tue 5, Wed 6, Thu 7 (3); Fri 8 off; Sat 9, Sun 10 (2) = 8.
    # Returned Tue 12-28, resubmitted Sat 01-09: Tue 5, Wed 6, Thu 7, Sat 9 = 4. Screening 4,
    # in the quarter it ended, 1404-Q1 (it began in 1403-Q4).
    history = case(
        ("1403-12-25", "submit"),
        ("1403-12-28", "return"),
        ("01-09", "resubmit"),
        ("01-10", "route", CHAMBER),
    )
    assert case_durations(history, calendar) == {"screening": 4}
    cells = measure([history], calendar, min_cases=1)
    assert [(c.quarter, c.median) for c in cells] == [
        ("1404-Q1", Decimal("4.0")),
        (None, Decimal("4.0")),
    ]


# -- the cells -----------------------------------------------------------------------------------


def test_a_step_counts_in_the_quarter_of_its_end_day():
    # Submitted Sat 6/29 (Q2), routed Sat 7/5 (Q3): Sun 6/30, Mon 6/31, Tue 7/1, Wed 7/2, Sat 7/5
    # = 5, in 1404-Q3. Submitted Sat 6/22, routed Wed 6/26: Sun 23 to Wed 26 = 4, in 1404-Q2.
    # All quarters: [4, 5], median 4.5; p90 at rank 0.9 × (2 - 1) = 0.9: 4 + 0.9 × 1 = 4.9.
    cells = measure(
        [screened("06-29", "07-05", "a"), screened("06-22", "06-26", "b")], CALENDAR, min_cases=1
    )
    got = [(c.quarter, c.cases, c.median, c.p90) for c in cells]
    assert got == [
        ("1404-Q2", 1, Decimal("4.0"), Decimal("4.0")),
        ("1404-Q3", 1, Decimal("5.0"), Decimal("5.0")),
        (None, 2, Decimal("4.5"), Decimal("4.9")),
    ]


# Submitted Sat 7/5; routed after n working days (Tue 7/22 closed):
#   1 Sun 7/6, 2 Mon 7/7, 3 Tue 7/8, 4 Wed 7/9, 5 Sat 7/12, 6 Sun 7/13, 8 Tue 7/15, 9 Wed 7/16,
#   13 Wed 7/23 (Sat 12 to Wed 16 are 5 to 9, Sat 19 to Mon 21 are 10 to 12, Wed 23 is 13).
ROUTED_AFTER = {1: "07-06", 2: "07-07", 3: "07-08", 4: "07-09", 5: "07-12", 6: "07-13"}
ROUTED_AFTER |= {8: "07-15", 9: "07-16", 13: "07-23"}
SAMPLE = [1, 2, 2, 3, 4, 5, 6, 8, 9, 13]


def screenings(durations: list[int]) -> list[CaseHistory]:
    return [screened("07-05", ROUTED_AFTER[n], f"c{i}") for i, n in enumerate(durations)]


def test_median_p90_and_share_within_target_of_ten_cases():
    # Sorted: 1 2 2 3 4 | 5 6 8 9 13. Median: (4 + 5) / 2 = 4.5.
    # p90 (type 7): rank 0.9 × (10 - 1) = 8.1, between the 9th value (9) and the 10th (13):
    #   9 + 0.1 × (13 - 9) = 9.4.
    # Within the 2-day target: 1, 2, 2 = 3 of 10 = 30.0 %.
    cells = measure(screenings(SAMPLE), CALENDAR)
    assert statistics.quantiles(SAMPLE, n=10, method="inclusive")[8] == pytest.approx(9.4)
    for quarter in ("1404-Q3", None):
        got = cell(cells, "screening", quarter)
        assert (got.cases, got.target, got.too_few) == (10, 2, False)
        assert (got.median, got.p90, got.within_target) == (
            Decimal("4.5"),
            Decimal("9.4"),
            Decimal("30.0"),
        )


def test_a_cell_of_fewer_than_five_cases_gives_no_figure():
    cells = measure(screenings([1, 2, 3, 4]), CALENDAR)
    got = cell(cells, "screening", None)
    assert (got.cases, got.too_few, got.target) == (4, True, 2)
    assert (got.median, got.p90, got.within_target) == (None, None, None)


def test_five_cases_are_enough():
    # 1 2 3 4 5: median 3; p90 at rank 3.6: 4 + 0.6 × 1 = 4.6; within 2 days: 2 of 5 = 40 %.
    got = cell(measure(screenings([1, 2, 3, 4, 5]), CALENDAR), "screening", None)
    assert (got.too_few, got.median, got.p90, got.within_target) == (
        False,
        Decimal("3.0"),
        Decimal("4.6"),
        Decimal("40.0"),
    )


def test_the_share_within_target_rounds_a_half_to_even():
    # One case of 16 within the 2-day target (1 day), 15 over it (5 days): 100 / 16 = 6.25 %,
    # 6.2 to the even tenth (6.3 half up).
    got = cell(measure(screenings([1] + [5] * 15), CALENDAR), "screening", None)
    assert got.within_target == Decimal("6.2")


def test_a_cell_names_the_latest_target_and_judges_each_case_by_its_own():
    # The procedure's new version declares 5 days for screening instead of 2. Cases of 1 to 4
    # days under the old version, one of 5 days, routed last (Sat 7/12), under the new one.
    # The cell names 5; within target: 1 and 2 (of 2), 5 (of 5) = 3 of 5 = 60 %
    # (against 5 for all it would be 100 %, against 2 for all 40 %).
    old, new = screenings([1, 2, 3, 4]), screenings([5])
    histories = [*old, replace(new[0], targets={"screening": 5})]
    got = cell(measure(histories, CALENDAR), "screening", None)
    assert (got.target, got.within_target) == (5, Decimal("60.0"))


DECIDED = [
    # Total Sat 7/5 to Tue 7/8: 3; the applicant 0.
    case(("07-05", "submit"), ("07-06", "route", CHAMBER), ("07-07", "advise", CHAMBER),
         ("07-08", "approve"), name="a"),
    case(("07-05", "submit"), ("07-06", "route", CHAMBER), ("07-07", "advise", CHAMBER),
         ("07-08", "refuse"), name="b"),
    # Total Sat 7/5 to Mon 7/14: 6 to 9, 12 to 14 = 7; returned Sun 7/6 to Wed 7/9: 3.
    case(("07-05", "submit"), ("07-06", "return"), ("07-09", "resubmit"),
         ("07-12", "route", CHAMBER), ("07-13", "advise", CHAMBER), ("07-14", "approve"),
         name="c"),
    # Total Sat 7/5 to Sat 7/12: 6 to 9, 12 = 5; returned Sun 7/6 to Mon 7/7: 1.
    case(("07-05", "submit"), ("07-06", "return"), ("07-07", "resubmit"),
         ("07-08", "route", CHAMBER), ("07-09", "advise", CHAMBER), ("07-12", "approve"),
         name="d"),
    # Total 5; the chamber's question Sun 7/6 to Tue 7/8: 2 (the applicant's, not a return).
    case(("07-05", "submit"), ("07-06", "route", CHAMBER), ("07-06", "ask", CHAMBER),
         ("07-08", "answer", CHAMBER), ("07-09", "advise", CHAMBER), ("07-12", "approve"),
         name="e"),
]  # fmt: skip


def test_the_total_gives_the_applicants_time_and_the_first_submissions():
    # Totals 3 3 5 5 7: median 5; p90 at rank 3.6: 5 + 0.6 × (7 - 5) = 6.2.
    # The applicant's time 0 0 1 2 3: median 1. Never returned: a, b, e = 3 of 5 = 60 %.
    got = cell(measure(DECIDED, CALENDAR), "total", None)
    assert got.to_dict() == {
        "procedure": "QT",
        "step": "total",
        "quarter": None,
        "cases": 5,
        "too_few": False,
        "target": None,
        "median": "5.0",
        "p90": "6.2",
        "within_target": None,
        "applicant_median": "1.0",
        "first_submission": "60.0",
    }


def test_too_few_total_gives_neither_the_applicants_time_nor_first_submissions():
    got = cell(measure(DECIDED[:4], CALENDAR), "total", "1404-Q3")
    assert (got.cases, got.applicant_median, got.first_submission) == (4, None, None)


def test_cells_are_in_procedure_step_and_quarter_order():
    histories = [
        case(
            ("07-05", "submit"),
            ("07-06", "route", CHAMBER),
            ("07-06", "route", STANDARDS),
            ("07-07", "advise", STANDARDS),
            ("07-07", "advise", CHAMBER),
            ("07-08", "approve"),
        ),
        screened("06-22", "06-26", "q2"),
        screened("07-05", "07-06", "ex", procedure="EX"),
    ]
    got = [(c.procedure, c.step, c.quarter) for c in measure(histories, CALENDAR, min_cases=1)]
    assert got == [
        ("EX", "screening", "1404-Q3"),
        ("EX", "screening", None),
        ("QT", "screening", "1404-Q2"),
        ("QT", "screening", "1404-Q3"),
        ("QT", "screening", None),
        ("QT", STANDARDS, "1404-Q3"),
        ("QT", STANDARDS, None),
        ("QT", CHAMBER, "1404-Q3"),
        ("QT", CHAMBER, None),
        ("QT", "decision", "1404-Q3"),
        ("QT", "decision", None),
        ("QT", "total", "1404-Q3"),
        ("QT", "total", None),
    ]
