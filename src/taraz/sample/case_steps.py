"""The steps of one case of the demo's world, from its opening to where its script leaves it:
documents, submission, screening (and a return), routing, each body's part in parallel (a
question, advice, a test report, a countersignature, an escalation when late), the decision; or
a withdrawal or a lapse on the way. SYNTHETIC."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from taraz.sample.office_hours import TEHRAN, Hours
from taraz.sample.world import Firm, World

ASKED = 0.18  # of routed cases, one body asks the applicant
CONDITIONS = 0.2  # of advice that is not an objection
LAB = 0.75  # of health certificates, also routed to the laboratory
OPTIONAL = 0.12  # of the documents a procedure does not require, given anyway
WITHIN, LATE = 0.7, 0.92  # bodies advise within their target; late; else very late


@dataclass(frozen=True)
class Step:
    """One thing done to a case: `open`, `document` (`data`: its kind) or an action of the case
    workflow (`data`: what the action takes). `who`: a person's user name, "" for the casework
    job; `at`: None for the moment of seeding."""

    action: str
    who: str
    at: datetime | None
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Script:
    """How a case goes: to its `fate`, or left open in `stop`."""

    fate: str = "approved"  # approved, refused, withdrawn, lapsed
    stop: str = ""  # draft, submitted, screening, returned, in_review, decision
    returned: bool = False
    withdraw_at: str = ""  # submitted, returned, in_review (a withdrawn case)
    lab: bool | None = None  # a health certificate also routed to the laboratory (None: drawn)
    asks: str = ""  # the body (or kind of body) that asks the applicant ("": drawn)
    unanswered: bool = False  # the question stays open (stop in_review)
    pending: frozenset[str] = frozenset()  # bodies that have not advised yet
    unsigned: frozenset[str] = frozenset()  # advised, the head has not countersigned yet
    objects: str = ""  # the body that objects
    conditions: frozenset[str] = frozenset()  # bodies that advise with conditions
    applicant: str = ""  # user names; "": the history's
    screener: str = ""
    today_from: str = ""  # the first step taken at the moment of seeding ("": none)
    documents: int = -1  # a draft with only this many of its documents (-1: all)


@dataclass(frozen=True)
class _Route:
    body: str
    kind: str
    target: int
    countersign: bool


class CaseSteps:
    """The steps of one case, from its opening to where its script leaves it."""

    def __init__(
        self,
        world: World,
        kinds: Mapping[str, str],
        hours: Hours,
        rng: random.Random,
        definition: Mapping[str, Any],
        firm: Firm,
        script: Script,
        quick: bool = False,
    ) -> None:
        """`kinds`: each body's kind by code; `definition`: the procedure's; `quick`: an open
        case of the last weeks (short delays, nothing late that the script does not say)."""
        self.world, self.kinds, self.hours, self.rng = world, kinds, hours, rng
        self.definition, self.firm, self.script, self.quick = definition, firm, script, quick
        self.applicant = script.applicant or self.world.applicant(firm.key).username
        self.steps: list[Step] = []

    def add(self, action: str, who: str, at: datetime, **data: Any) -> datetime:
        self.steps.append(Step(action, who, at, data))
        return at

    def pick(self, body: str, role: str) -> str:
        return self.rng.choice(self.world.at(body, role)).username

    def days(self, slow: Sequence[int], quick: Sequence[int] = (0, 1)) -> int:
        return self.rng.choice(quick if self.quick else slow)

    def walk(self, start: datetime) -> list[Step]:
        self._walk(start)
        return self.sorted()

    def _walk(self, start: datetime) -> None:
        s, h, rng = self.script, self.hours, self.rng
        documents = self.definition["documents"]
        required = [d["code"] for d in documents if d["required"]]
        optional = [d["code"] for d in documents if not d["required"]]
        t = self.add("open", self.applicant, start)
        kinds = required + [k for k in optional if rng.random() < OPTIONAL]
        if s.documents >= 0:
            kinds = kinds[: s.documents]
        for kind in kinds:
            t = self.add("document", self.applicant, h.applicant(t, 0), kind=kind)
        if s.stop == "draft":
            return
        t = self.add("submit", self.applicant, h.applicant(t, 1 if rng.random() < 0.2 else 0))
        if s.stop == "submitted":
            return
        if s.withdraw_at == "submitted":
            return self.withdraw(h.applicant(t, rng.randint(0, 2)))
        screener = s.screener or self.pick("yazd-mimt", "officer")
        t = self.add("take", screener, h.staff(t, self.days([0, 0, 1, 1, 1, 2])))
        if s.returned:
            reason, kind = rng.choice(
                [r for r in self.world.wording.returns if not r[1] or r[1] in required]
            )
            t = self.add("return", screener, h.staff(t, self.days([0, 0, 1])), reasons=reason)
            if s.fate == "lapsed":
                day = h.calendar.add_working_days(t.astimezone(TEHRAN).date(), self.lapse_days)
                self.add("lapse", "", h.job(day))
                return
            if s.stop == "returned":
                return
            if s.withdraw_at == "returned":
                return self.withdraw(h.applicant(t, rng.randint(1, 5)))
            t = h.applicant(t, rng.randint(1, 6) if not self.quick else rng.randint(1, 2))
            t = self.add("document", self.applicant, t, kind=kind or rng.choice(required))
            t = self.add("resubmit", self.applicant, h.applicant(t, 0))
            if s.stop == "screening":
                return
            t = h.staff(t, self.days([0, 1, 1, 2]))
        if s.stop == "screening":
            return
        routes = self.routes()
        asker = s.asks
        if not asker and not self.quick and rng.random() < ASKED:
            askable = [r for r in routes if self.world.wording.questions_for(r.body, r.kind)]
            asker = rng.choice(askable).body if askable else ""
        t = self.add(
            "route", screener, h.staff(t, self.days([0, 1, 1])), bodies=[r.body for r in routes]
        )
        done = [self.review(r, t, asker in (r.body, r.kind)) for r in routes]
        if s.withdraw_at == "in_review":
            return self.withdraw(self.cut(t, done))
        if s.stop == "in_review":
            return
        decided = h.staff(max(d for d in done if d is not None), self.days([0, 1, 1, 1, 2, 2, 3]))
        if s.stop == "decision":
            return
        signatory = self.pick("yazd-mimt", "signatory")
        if s.objects or s.fate == "refused":
            self.add("refuse", signatory, decided, reasons=self.world.wording.refusal)
        else:
            self.add("approve", signatory, decided)

    @property
    def lapse_days(self) -> int:
        return int(self.definition["lapse_days"])

    def routes(self) -> list[_Route]:
        s, out = self.script, []
        for entry in self.definition["advice"]:
            if "kind" in entry:
                body = self.firm.association
                if not body:
                    raise ValueError(f"{self.firm.key} has no {entry['kind']} to advise")
            else:
                body = entry["body"]
            if not entry["required"]:
                wanted = s.lab if s.lab is not None else self.rng.random() < LAB
                if not wanted:
                    continue
            out.append(_Route(body, self.kinds[body], int(entry["target_days"]),
                              bool(entry["countersign"])))  # fmt: skip
        return out

    def review(self, route: _Route, routed: datetime, asks: bool) -> datetime | None:
        """One body's steps from `routed`; the moment its part is complete (None: not yet)."""
        s, h, rng = self.script, self.hours, self.rng
        body, target = route.body, route.target
        due = h.calendar.add_working_days(routed.astimezone(TEHRAN).date(), target)
        if body in s.pending:
            self.escalate_if_due(body, due, None)
            return None
        reviewer = self.pick(body, "reviewer")
        r = rng.random()
        if self.quick or r < WITHIN:
            lag = rng.randint(1, target)
        elif r < LATE:
            lag = rng.randint(target + 1, target + max(2, target // 2 + 1))
        else:
            lag = rng.randint(2 * target + 1, 3 * target + 2)
        if asks:
            question = rng.choice(self.world.wording.questions_for(body, route.kind))
            asked = h.staff(routed, rng.randint(1, max(1, min(lag, target))))
            self.add("ask", reviewer, asked, question=question.ask)
            if s.unanswered:
                return None
            answered = h.applicant(asked, rng.randint(1, 5))
            if question.upload:
                answered = self.add("document", self.applicant, answered, kind="other")
                answered = h.applicant(answered, 0)
            self.add("answer", self.applicant, answered, answer=question.answer)
            advised = max(h.staff(answered, rng.randint(1, 2)), h.staff(routed, lag))
        else:
            advised = h.staff(routed, lag)
        self.escalate_if_due(body, due, advised)
        if route.kind == "laboratory":
            self.add("document", reviewer, advised, kind="report")
            advised = advised + timedelta(minutes=rng.randint(3, 18))
        advice, reasons = self.advice(route)
        self.add("advise", reviewer, advised, advice=advice, reasons=reasons)
        if not route.countersign:
            return advised
        if body in s.unsigned:
            return None
        head = self.pick(body, "head")
        return self.add("countersign", head, h.staff(advised, self.days([0, 0, 1, 1, 2])))

    def advice(self, route: _Route) -> tuple[str, str]:
        s, words = self.script, self.world.wording
        objects = s.objects == route.body or (
            not s.objects and s.fate == "refused" and not self._objected()
        )
        if objects:
            return "objection", words.objections[route.kind]
        if route.body in s.conditions or (not s.stop and self.rng.random() < CONDITIONS):
            return "conditions", self.rng.choice(words.conditions)
        return "no_objection", ""

    def _objected(self) -> bool:
        """Whether a body of this case objected already (a refused case needs one)."""
        return any(st.action == "advise" and st.data["advice"] == "objection" for st in self.steps)

    def escalate_if_due(self, body: str, due: date, advised: datetime | None) -> None:
        """The casework job escalates a review still open the working day after its due day."""
        job = self.hours.job(self.hours.calendar.add_working_days(due, 1))
        if (advised is None and job < self.hours.midnight) or (advised and job < advised):
            self.add("escalate", "", job, body=body)

    def cut(self, routed: datetime, done: list[datetime | None]) -> datetime:
        """When the applicant withdraws a case in review: a few days after routing, before
        the last body's part is complete."""
        at = self.hours.applicant(routed, self.rng.randint(1, 5))
        last = max((d for d in done if d is not None), default=None)
        if last is not None and at >= last:
            at = routed + (last - routed) / 2
        return at

    def withdraw(self, at: datetime) -> None:
        self.steps = [st for st in self.sorted() if st.at < at]
        reasons = self.rng.choice(self.world.wording.withdrawals) if self.rng.random() < 0.7 else ""
        self.add("withdraw", self.applicant, at, **({"reasons": reasons} if reasons else {}))

    def sorted(self) -> list[Step]:
        """The steps in the order they happen (the bodies advise in parallel)."""
        return sorted(self.steps, key=lambda st: st.at)
