"""How long each procedure really takes, as the public reads it: the cases' events handed to
`taraz.stats.casework` (which computes every figure), kept computed for a few minutes so that
the public page answers at once; every answer says when it was computed and which calendar
counted the working days.

One computation at a time (single flight): a request that finds the figures older than
`TARAZ_MEASURES_SECONDS` recomputes them while the others keep reading the previous ones.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import timezone

from taraz.stats.casework import MIN_CASES, CaseHistory, Step, case_durations, measure
from taraz.web.accounts import services as accounts
from taraz.web.cases.clock import work_calendar
from taraz.web.cases.models import Case, CaseEvent, Procedure, Review


@dataclass(frozen=True)
class Measured:
    cells: list  # taraz.stats.casework.Cell
    computed_at: datetime
    cases: int
    events: int
    calendar: dict[str, Any]

    def for_procedure(self, code: str) -> list:
        return [c for c in self.cells if c.procedure == code]


log = logging.getLogger(__name__)
_lock = threading.Lock()
_latest: tuple[float, Measured] | None = None


def measured(*, fresh: bool = False) -> Measured:
    """The figures, computed at most `TARAZ_MEASURES_SECONDS` ago (or now, with `fresh`)."""
    global _latest
    latest = _latest
    if not fresh and _young(latest):
        return latest[1]
    if fresh or latest is None:
        _lock.acquire()  # nothing to show meanwhile: wait for the one computation
    elif not _lock.acquire(blocking=False):
        return latest[1]  # another request is computing them: the previous ones meanwhile
    try:
        if not fresh and _young(_latest):
            return _latest[1]
        result = compute()
        _latest = (time.monotonic(), result)
        return result
    finally:
        _lock.release()


def _young(latest: tuple[float, Measured] | None) -> bool:
    return latest is not None and time.monotonic() - latest[0] < settings.TARAZ_MEASURES_SECONDS


def forget() -> None:
    """Drop the kept figures (tests; a corrected calendar)."""
    global _latest
    _latest = None


def histories() -> list[CaseHistory]:
    """Every case's events as the measures read them: the Tehran day, the step, the body; a
    routing to several bodies is one step per body.

    A million events through the ORM cost more in converting values than in reading them, so
    they are read without joins, without their detail, and with their moment as text (UTC,
    parsed by `datetime.fromisoformat`); each case's procedure, each body's code and each
    routing's bodies are looked up beside them, and read again for a row newer than the
    look-up."""
    targets: dict[int, dict[str, Any]] = {}
    for pk, code, definition in Procedure.objects.values_list("pk", "code", "definition"):
        targets[pk] = {
            "code": code,
            "screening": definition["targets"]["screening"],
            "decision": definition["targets"]["decision"],
        }
    procedures = _Lookup(Case.objects.values_list, "procedure_id")
    codes = _Lookup(accounts.bodies().values_list, "code")
    routings = _Lookup(CaseEvent.objects.filter(action="route").values_list, "detail")
    bodies: dict[int, dict[str, int]] = {}
    countersign: dict[int, set[str]] = {}
    for case_id, body_id, days, needs in Review.objects.values_list(
        "case_id", "body_id", "target_days", "countersign_required"
    ):
        bodies.setdefault(case_id, {})[codes[body_id]] = days
        if needs:
            countersign.setdefault(case_id, set()).add(codes[body_id])
    out: list[CaseHistory] = []
    current, steps, procedure = None, [], None
    rows = (
        CaseEvent.objects.order_by("case_id", "seq")
        .annotate(moment=Cast("at", CharField()))
        .values_list("case_id", "moment", "action", "body_id", "pk")
        .iterator(chunk_size=20_000)
    )
    zone = timezone.get_current_timezone()
    for case_id, moment, action, body_id, pk in rows:
        if case_id != current:
            if current is not None:
                out.append(_history(current, procedure, steps, bodies, countersign))
            current, steps, procedure = case_id, [], targets[procedures[case_id]]
        if action == "create" or (action in ("ask", "answer") and body_id is None):
            # a question of the organization's (not a body's) stops no body's clock: the
            # measures count the bodies' questions only (docs/casework.md)
            continue
        at = datetime.fromisoformat(moment)
        day = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(zone).date()
        if action == "route":
            steps.extend(Step(day, "route", b["body"]) for b in routings[pk].get("bodies", []))
        else:
            steps.append(Step(day, action, codes[body_id] if body_id is not None else None))
    if current is not None:
        out.append(_history(current, procedure, steps, bodies, countersign))
    return [h for h in out if h is not None]


class _Lookup(dict):
    """id -> one column of a table's rows, read at once; an id not found (a row written after
    the reading) is read again from the database."""

    def __init__(self, values_list, column: str) -> None:
        super().__init__(values_list("pk", column))
        self._read = lambda pk: values_list("pk", column).filter(pk=pk)

    def __missing__(self, pk):
        self.update(self._read(pk))
        if pk not in self:
            raise KeyError(pk)
        return dict.__getitem__(self, pk)


def _history(case_id, procedure, steps, bodies, countersign) -> CaseHistory | None:
    if not steps or steps[0].action != "submit":
        return None  # a draft, or one withdrawn before it was submitted: nothing to measure
    return CaseHistory(
        case=case_id,
        procedure=procedure["code"],
        targets={
            "screening": procedure["screening"],
            "decision": procedure["decision"],
            **bodies.get(case_id, {}),
        },
        events=tuple(steps),
        countersign=frozenset(countersign.get(case_id, ())),
    )


def _readable(found: list[CaseHistory], calendar) -> list[CaseHistory]:
    kept = []
    for history in found:
        try:
            case_durations(history, calendar)
        except ValueError as exc:
            log.error("case %s left out of the measures: %s", history.case, exc)
            continue
        kept.append(history)
    return kept


def compute() -> Measured:
    calendar = work_calendar()
    found = histories()
    try:
        cells = measure(found, calendar, min_cases=MIN_CASES)
    except ValueError:
        # a history the measures refuse (they name it): measure the others, and say which
        found = _readable(found, calendar)
        cells = measure(found, calendar, min_cases=MIN_CASES)
    return Measured(
        cells=cells,
        computed_at=timezone.now(),
        cases=len(found),
        events=sum(len(h.events) for h in found),
        calendar=calendar.describe(),
    )
