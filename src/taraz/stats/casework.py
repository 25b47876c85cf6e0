"""How long casework really takes, in working days: each case's steps from its events, and the
median, 90th percentile and share within target per procedure, step and Jalali quarter.

A case's steps (docs/casework.md has the rules in full):

- `screening`: from `submit` to the first `route`, less the applicant's time inside it (each
  `return` to its `resubmit`);
- a body: from its `route` to its final completion (its `advise`, or its `countersign` where
  the case needs one; a later `advise` reopens it), less its questions (`ask` to `answer`);
- `decision`: from the day the last body completed to `approve` or `refuse`;
- `total`: from `submit` to `approve` or `refuse`, with `applicant`, the applicant's own time in
  it (the union of the returns and every body's questions).

A step is measured once it has ended, so an open step is not, nor the decision and total of a
withdrawn or lapsed case; the steps that ended before it was closed are. A span's working days
are `WorkCalendar.working_days(start, end)`: after `start`, up to and including `end`. A step
is counted in the Jalali quarter of the day it ended.

Nothing here reads the database or imports Django: the cases app hands over its events, read
when the figures are, so a corrected holiday corrects them. The calendar answers a span in
O(1), so a history costs a pass over its events and a few look-ups.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from math import floor
from typing import Any

from taraz.calendar.calendars import JALALI, calendar_system, gregorian_to_jalali
from taraz.calendar.period import quarter_period
from taraz.calendar.workdays import WorkCalendar, jalali_text

SCREENING = "screening"
DECISION = "decision"
TOTAL = "total"
APPLICANT = "applicant"
RESERVED = frozenset({SCREENING, DECISION, TOTAL, APPLICANT})  # no body may be called so

ACTIONS = frozenset(
    {
        "submit", "take", "return", "resubmit", "route", "ask", "answer", "advise",
        "countersign", "approve", "refuse", "withdraw", "lapse", "escalate",
    }
)  # fmt: skip
BODY_ACTIONS = frozenset({"route", "ask", "answer", "advise", "countersign"})
DECIDING = frozenset({"approve", "refuse"})
CLOSING = DECIDING | {"withdraw", "lapse"}

MIN_CASES = 5  # a cell of fewer cases says "too few" and gives no figure


@dataclass(frozen=True, slots=True)
class Step:
    """One event of a case: the Tehran day it happened, what happened, and the body it concerns
    (for `route`, `ask`, `answer`, `advise`, `countersign`)."""

    day: date
    action: str
    body: str | None = None


@dataclass(frozen=True)
class CaseHistory:
    """A case's events in time order, with its procedure's declared targets (step or body ->
    working days) and the bodies whose advice a head countersigns."""

    case: str | int
    procedure: str
    targets: Mapping[str, int]
    events: Sequence[Step]
    countersign: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Cell:
    """The working days of one step of one procedure in one Jalali quarter (None: all of them).

    `median` and `p90` are working days, `within_target` and `first_submission` percentages,
    each to one decimal; all are None when the cell has fewer cases than the threshold
    (`too_few`). `applicant_median` and `first_submission` are given for the step `total`.
    """

    procedure: str
    step: str
    quarter: str | None
    cases: int
    target: int | None
    median: Decimal | None
    p90: Decimal | None
    within_target: Decimal | None
    too_few: bool
    applicant_median: Decimal | None = None
    first_submission: Decimal | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "procedure": self.procedure,
            "step": self.step,
            "quarter": self.quarter,
            "cases": self.cases,
            "too_few": self.too_few,
            "target": self.target,
            "median": _text(self.median),
            "p90": _text(self.p90),
            "within_target": _text(self.within_target),
            "applicant_median": _text(self.applicant_median),
            "first_submission": _text(self.first_submission),
        }


# -- one case --------------------------------------------------------------------------------


def case_durations(history: CaseHistory, calendar: WorkCalendar) -> dict[str, int]:
    """The working days of each step the case has ended, in step order, and `applicant` (the
    applicant's own time) beside `total`: the case page's timeline."""
    steps, applicant, _ = _measure_case(history, calendar)
    durations = {step: days for step, days, _ in sorted(steps, key=lambda s: _step_rank(s[0]))}
    if applicant is not None:
        durations[APPLICANT] = applicant
    return durations


class _Body:
    """What the events said so far of one body's part of a case."""

    __slots__ = ("advised", "asked", "done", "pauses", "route")

    def __init__(self, route: date) -> None:
        self.route = route
        self.done: date | None = None  # the day its part last completed; None while open
        self.advised = False  # advice waiting for its countersign
        self.asked: date | None = None  # the day of a question not yet answered
        self.pauses: list[tuple[date, date | None]] = []


# A case measured: its steps that ended (step, working days, the day it ended), the applicant's
# own time (with `total`, else None), and whether the case was ever returned to the applicant.
_Measured = tuple[list[tuple[str, int, date]], int | None, bool]


def _measure_case(history: CaseHistory, calendar: WorkCalendar) -> _Measured:
    events = history.events
    if not events:
        return [], None, False
    if events[0].action != "submit":
        raise _bad(history, 0, "comes before the case was submitted")
    wd = calendar.working_days
    countersigned = history.countersign
    submitted = previous = events[0].day
    first_route: date | None = None
    decided: date | None = None
    returned_on: date | None = None
    returns: list[tuple[date, date | None]] = []
    bodies: dict[str, _Body] = {}
    last = len(events) - 1

    for index in range(1, last + 1):
        event = events[index]
        day = event.day
        action = event.action
        if day < previous:
            raise _bad(history, index, "comes before the event it follows")
        previous = day
        if action in BODY_ACTIONS:
            name = event.body
            if not name:
                raise _bad(history, index, "names no body")
            if action == "route":
                if name in bodies:
                    raise _bad(history, index, "routes the case to a body a second time")
                if name in RESERVED:
                    raise _bad(history, index, "names a body as a step is named")
                bodies[name] = _Body(day)
                if first_route is None:
                    first_route = day
                continue
            body = bodies.get(name)
            if body is None:
                raise _bad(history, index, "concerns a body the case was not routed to")
            if action == "ask":
                if body.asked is None:  # a second question pauses nothing more
                    body.asked = day
            elif action == "answer":
                if body.asked is None:
                    raise _bad(history, index, "answers no question")
                body.pauses.append((body.asked, day))
                body.asked = None
            elif action == "advise":
                if name in countersigned:  # (new) advice: open until it is countersigned
                    body.done = None
                    body.advised = True
                else:
                    body.done = day
            else:  # countersign
                if name not in countersigned:
                    raise _bad(history, index, "countersigns for a body that needs none")
                if not body.advised:
                    raise _bad(history, index, "countersigns no advice")
                body.done = day
                body.advised = False
        elif action == "return":
            if returned_on is None:
                returned_on = day
                returns.append((day, None))
        elif action == "resubmit":
            if returned_on is None:
                raise _bad(history, index, "resubmits a case that was not returned")
            returns[-1] = (returned_on, day)
            returned_on = None
        elif action in CLOSING:
            if index != last:
                raise _bad(history, index + 1, "comes after the case was closed")
            if action in DECIDING:
                decided = day
        elif action == "submit":
            raise _bad(history, index, "submits the case a second time")
        elif action not in ACTIONS:
            raise _bad(history, index, "is not an action of the casework")

    steps: list[tuple[str, int, date]] = []
    if first_route is not None:
        screening = wd(submitted, first_route)
        if returns:
            screening -= _inside(wd, returns, first_route)
        steps.append((SCREENING, screening, first_route))
    for name, body in bodies.items():
        done = body.done
        if done is not None:
            days = wd(body.route, done)
            if body.pauses or body.asked is not None:
                days -= _inside(wd, [*body.pauses, (body.asked, None)], done)
            steps.append((name, days, done))
    if decided is None:
        return steps, None, bool(returns)
    if bodies and all(b.done is not None for b in bodies.values()):
        completed = max(b.done for b in bodies.values() if b.done is not None)
        steps.append((DECISION, wd(completed, decided), decided))
    steps.append((TOTAL, wd(submitted, decided), decided))
    spans = list(returns)
    for body in bodies.values():
        spans.extend(body.pauses)
        if body.asked is not None:
            spans.append((body.asked, None))
    return steps, _union(wd, spans, decided), bool(returns)


def _inside(wd, spans: Iterable[tuple[date | None, date | None]], end: date) -> int:
    """The working days of `spans` (that do not overlap) up to `end`; an open span runs to it
    (a span with no start is none)."""
    total = 0
    for start, stop in spans:
        if start is not None and start < end:
            total += wd(start, end if stop is None or stop > end else stop)
    return total


def _union(wd, spans: list[tuple[date, date | None]], end: date) -> int:
    """The working days of the union of `spans` up to `end`: a day two spans share counts once."""
    if not spans:
        return 0
    total = 0
    current_start: date | None = None
    current_end = end
    for start, stop in sorted((s, end if e is None or e > end else e) for s, e in spans):
        if current_start is not None and start <= current_end:
            current_end = max(current_end, stop)
            continue
        if current_start is not None:
            total += wd(current_start, current_end)
        current_start, current_end = start, stop
    if current_start is not None:
        total += wd(current_start, current_end)
    return total


def _bad(history: CaseHistory, index: int, what: str) -> ValueError:
    event = history.events[index]
    body = f" by {event.body}" if event.body else ""
    return ValueError(
        f"case {history.case}, event {index + 1} ({event.action}{body} on "
        f"{jalali_text(event.day)}): it {what}"
    )


# -- the published cells ---------------------------------------------------------------------


class _Group:
    """The cases of one cell: their working days, and what the other figures need."""

    __slots__ = ("applicant", "days", "first", "judged", "last_end", "target", "within")

    def __init__(self) -> None:
        self.days: list[int] = []
        self.judged = 0  # cases with a declared target
        self.within = 0  # ... whose working days are within it
        self.target: int | None = None  # the target declared for the case that ended last
        self.last_end = date.min
        self.applicant: list[int] = []  # total: the applicant's own time
        self.first = 0  # total: cases never returned to the applicant

    def add(self, other: _Group) -> None:
        self.days += other.days
        self.judged += other.judged
        self.within += other.within
        if other.last_end >= self.last_end:
            self.target, self.last_end = other.target, other.last_end
        self.applicant += other.applicant
        self.first += other.first


def measure(
    histories: Iterable[CaseHistory], calendar: WorkCalendar, *, min_cases: int = MIN_CASES
) -> list[Cell]:
    """The cells of every procedure, step and Jalali quarter, and of all quarters together
    (quarter None), sorted by procedure, step (screening, bodies, decision, total), quarter."""
    groups: dict[tuple[str, str, str], _Group] = {}
    quarters: dict[date, str] = {}
    for history in histories:
        steps, applicant, returned = _measure_case(history, calendar)
        targets = history.targets
        for step, days, end in steps:
            quarter = quarters.get(end)
            if quarter is None:
                quarter = quarters[end] = _quarter(end)
            key = (history.procedure, step, quarter)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group()
            group.days.append(days)
            target = None if step == TOTAL else targets.get(step)
            if target is not None:
                group.judged += 1
                if days <= target:
                    group.within += 1
            if end >= group.last_end:
                group.target, group.last_end = target, end
            if step == TOTAL:
                group.applicant.append(applicant or 0)
                if not returned:
                    group.first += 1
    every: dict[tuple[str, str], _Group] = {}
    for (procedure, step, _), group in groups.items():
        if (procedure, step) not in every:
            every[(procedure, step)] = _Group()
        every[(procedure, step)].add(group)
    cells = [
        _cell(procedure, step, quarter, group, min_cases)
        for (procedure, step, quarter), group in groups.items()
    ]
    cells += [
        _cell(procedure, step, None, group, min_cases) for (procedure, step), group in every.items()
    ]
    cells.sort(key=_cell_order)
    return cells


def _cell(procedure: str, step: str, quarter: str | None, group: _Group, min_cases: int) -> Cell:
    n = len(group.days)
    cell = Cell(
        procedure=procedure,
        step=step,
        quarter=quarter,
        cases=n,
        target=group.target,
        median=None,
        p90=None,
        within_target=None,
        too_few=n < min_cases,
    )
    if cell.too_few:
        return cell
    days = sorted(group.days)
    figures: dict[str, Any] = {
        "median": _one_decimal(_median(days)),
        "p90": _one_decimal(_p90(days)),
        "within_target": _percent(group.within, group.judged) if group.judged else None,
    }
    if step == TOTAL:
        figures["applicant_median"] = _one_decimal(_median(sorted(group.applicant)))
        figures["first_submission"] = _percent(group.first, n)
    return replace(cell, **figures)


def _median(values: list[int]) -> Fraction:
    """The median of sorted values: the middle one, or the mean of the two in the middle."""
    n = len(values)
    if n % 2:
        return Fraction(values[n // 2])
    return Fraction(values[n // 2 - 1] + values[n // 2], 2)


def _p90(values: list[int]) -> Fraction:
    """The 90th percentile of sorted values, interpolated between the closest ranks (Hyndman
    and Fan's type 7, `statistics.quantiles(values, n=10, method="inclusive")[8]`)."""
    position = Fraction(9 * (len(values) - 1), 10)
    low = floor(position)
    if low + 1 == len(values):
        return Fraction(values[low])
    return values[low] + (position - low) * (values[low + 1] - values[low])


def _percent(part: int, whole: int) -> Decimal:
    return _one_decimal(Fraction(100 * part, whole))


def _one_decimal(value: Fraction) -> Decimal:
    """`value` to one decimal place, a half to the even tenth (`round` on a Fraction)."""
    return Decimal(round(value * 10)).scaleb(-1)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _quarter(day: date) -> str:
    """The Jalali quarter of `day` as the period grammar writes it: `1404-Q3`."""
    year, month, _ = gregorian_to_jalali(day)
    return quarter_period(calendar_system(JALALI), year, (month - 1) // 3 + 1).label


def _step_rank(step: str) -> tuple[int, str]:
    """Screening, the bodies by code, decision, total."""
    if step == SCREENING:
        return (0, "")
    if step == DECISION:
        return (2, "")
    if step == TOTAL:
        return (3, "")
    return (1, step)


def _cell_order(cell: Cell) -> tuple[str, tuple[int, str], bool, str]:
    return (cell.procedure, _step_rank(cell.step), cell.quarter is None, cell.quarter or "")
