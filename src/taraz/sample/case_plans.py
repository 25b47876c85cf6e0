"""The cases of the demo's service world, planned without Django: for each case its procedure,
firm, subject and the steps that bring it to its state, each with who takes it and when.
SYNTHETIC: every case is invented; `taraz.web.cases.demo` applies the plans through the
services, which check every step as they would a person's.

- The year 1404 (21 March 2025 to 20 March 2026, Nowruz included): `PER_QUARTER` cases of each
  procedure in each Jalali quarter, most approved, some refused on a body's objection, some
  withdrawn, some lapsed after a return the applicant never answered. Some are returned once at
  screening, some get a question from a body; most bodies advise within their target, some
  late, a few very late (escalated by the daily casework job the morning after the due day).
- The weeks before `today`: a few cases left open in every state, so that the demo's people
  find work in their queues; a step planned at `None` is taken at the moment of seeding.

When: the organization's and the bodies' people act on working days (`taraz.calendar.workdays`)
in office hours, 07:30 to 14:00 in Tehran; the firms' people on any day, from morning to evening
(some apply during the Nowruz holidays, and the clock waits for the first working day); the
casework job at 07:00 on working days. Same seed, same `today`: the same plans.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from taraz.calendar import jalali_to_gregorian
from taraz.calendar.workdays import WorkCalendar, configured_calendar, jalali_text
from taraz.errors import TarazError
from taraz.fa import format_number
from taraz.sample.case_steps import CaseSteps, Script, Step
from taraz.sample.office_hours import TEHRAN, Hours
from taraz.sample.profile import load_profile
from taraz.sample.world import Firm, World

__all__ = ["TEHRAN", "CasePlan", "Script", "Step", "plan_cases"]

YEAR = 1404
PER_QUARTER = {
    "certificate-of-origin": 8,
    "export-permit": 8,
    "health-certificate": 9,
    "quality-test": 7,
}
FATES = (("approved", 0.73), ("refused", 0.08), ("withdrawn", 0.11), ("lapsed", 0.08))
RETURNED = 0.2  # of cases, returned once at screening
WORKING = 0.85  # of the days cases are opened on, working days
UNITS_FA = {"t": "تن", "m2": "متر مربع", "n": "عدد"}


@dataclass(frozen=True)
class CasePlan:
    key: str
    procedure: str
    firm: str
    subject: str
    hs_code: str
    destination: str
    quantity: str
    state: str  # the state the steps leave it in
    steps: tuple[Step, ...]


def plan_cases(
    world: World,
    procedures: Mapping[str, Mapping[str, Any]],
    bodies: Mapping[str, str],
    today: date,
    *,
    seed: int = 1404,
    calendar: WorkCalendar | None = None,
) -> tuple[CasePlan, ...]:
    """The world's cases, in the order they were opened (the moment of seeding last).
    `procedures`: each procedure's definition (its data file's content) by code; `bodies`:
    each body's kind by code; `today`: the day of seeding, in Tehran."""
    if today < jalali_to_gregorian(YEAR + 1, 2, 1):
        raise TarazError("sample.world-too-early", today=jalali_text(today))
    planner = _Planner(world, procedures, bodies, today, seed, calendar or configured_calendar())
    plans = [*planner.history(), *planner.open_cases()]
    return tuple(sorted(plans, key=_opened))


def _opened(plan: CasePlan) -> tuple[int, datetime]:
    at = plan.steps[0].at
    return (1, datetime.min.replace(tzinfo=TEHRAN)) if at is None else (0, at)


class _Planner:
    def __init__(self, world, procedures, bodies, today, seed, calendar):
        self.world = world
        self.procedures = procedures
        self.kinds = bodies
        self.today = today
        self.rng = random.Random(seed)
        self.calendar = calendar
        self.hours = Hours(calendar, self.rng, today)
        self.reference = load_profile().reference
        self.count = 0

    # -- the year 1404 --------------------------------------------------------------------

    def history(self) -> list[CasePlan]:
        plans = []
        for quarter in range(4):
            days = self._quarter_days(quarter)
            for k, (code, n) in enumerate(PER_QUARTER.items()):
                firms = [f for f in self.world.firms if code in f.procedures]
                for i in range(n):
                    firm = self.rng.choices(firms, weights=[f.weight for f in firms])[0]
                    if quarter == 0 and i == 0:  # a firm files during the Nowruz holidays
                        day = jalali_to_gregorian(YEAR, 1, 1 + k)
                    else:
                        day = self._pick_day(days)
                    plans.append(self._case(code, firm, self.hours.firm(day), self._fate()))
        return plans

    def _quarter_days(self, quarter: int) -> list[date]:
        first = jalali_to_gregorian(YEAR, 3 * quarter + 1, 1)
        after = jalali_to_gregorian(YEAR + (quarter == 3), (3 * quarter + 3) % 12 + 1, 1)
        return [first + timedelta(days=i) for i in range((after - first).days)]

    def _pick_day(self, days: list[date]) -> date:
        working = [d for d in days if self.calendar.is_working(d)]
        idle = [d for d in days if not self.calendar.is_working(d)]
        return self.rng.choice(working if self.rng.random() < WORKING or not idle else idle)

    def _fate(self) -> Script:
        r, fate = self.rng.random(), "approved"
        for name, share in FATES:
            if r < share:
                fate = name
                break
            r -= share
        returned = fate == "lapsed" or self.rng.random() < RETURNED
        withdraw_at = ""
        if fate == "withdrawn":
            withdraw_at = self.rng.choice(
                ["submitted", "in_review", "in_review"] + (["returned"] if returned else [])
            )
        return Script(fate=fate, returned=returned, withdraw_at=withdraw_at)

    # -- the weeks before today -------------------------------------------------------------

    def open_cases(self) -> list[CasePlan]:
        """A few cases in every open state, for the demo's people to find in their queues."""
        w = self.world
        demo_officer = self._demo("yazd-mimt", "officer")
        firm_a, firm_b = (p for p in w.people if p.demo and p.firm)
        a, b = firm_a.firm, firm_b.firm
        lab_head = frozenset({"yazd-lab"})
        specs: list[tuple[str, str, int, Script]] = [
            ("quality-test", a, 0, Script(stop="draft", applicant=firm_a.username,
                                            today_from="open", documents=2)),
            ("health-certificate", b, 2, Script(stop="draft", applicant=firm_b.username)),
            ("certificate-of-origin", a, 0, Script(stop="submitted", applicant=firm_a.username,
                                                     today_from="open")),
            ("export-permit", "shirkuh-stone", 1, Script(stop="submitted")),
            ("quality-test", "faraz-cable", 2, Script(stop="submitted")),
            ("health-certificate", b, 1, Script(stop="submitted")),
            ("export-permit", "naghsh-afarin", 2, Script(stop="screening",
                                                          screener=demo_officer)),
            ("quality-test", "pouya-bafq", 6, Script(stop="screening", returned=True,
                                                      screener=demo_officer)),
            ("certificate-of-origin", "badgir", 1, Script(stop="screening",
                                                           screener=demo_officer,
                                                           today_from="take")),
            ("certificate-of-origin", "kavirbaf", 2, Script(stop="screening")),
            ("quality-test", a, 3, Script(stop="returned", returned=True,
                                           screener=demo_officer)),
            ("health-certificate", b, 4, Script(stop="returned", returned=True)),
            ("export-permit", "kavirbaf", 2, Script(stop="returned", returned=True)),
            ("export-permit", "meybod-zilu", 7, Script(stop="in_review",
                                                        pending=frozenset({"yazd-chamber"}))),
            ("certificate-of-origin", "golbarg", 2, Script(stop="in_review",
                                                            pending=frozenset({"yazd-chamber"}))),
            ("certificate-of-origin", "dasht-bafq", 8, Script(
                stop="in_review", pending=frozenset({"yazd-chamber"}))),
            ("export-permit", a, 5, Script(stop="in_review", asks="association",
                                            unanswered=True,
                                            pending=frozenset({"yazd-chamber"}))),
            ("quality-test", "negin-ardakan", 4, Script(stop="in_review",
                                                         pending=frozenset({"yazd-lab"}))),
            ("quality-test", a, 3, Script(stop="in_review",
                                           pending=frozenset({"yazd-lab", "yazd-inso"}))),
            ("quality-test", "setareh-kavir", 8, Script(stop="in_review", unsigned=lab_head)),
            ("health-certificate", b, 4, Script(stop="in_review", lab=True, asks="yazd-fda",
                                                 unanswered=True,
                                                 pending=frozenset({"yazd-lab"}))),
            ("health-certificate", "dasht-kavir-dairy", 6, Script(
                stop="in_review", lab=True, pending=frozenset({"yazd-lab"}))),
            ("export-permit", "aftab-termeh", 9, Script(stop="decision")),
            ("quality-test", a, 10, Script(stop="decision",
                                            conditions=frozenset({"yazd-lab"}))),
            ("health-certificate", "badgir", 10, Script(stop="decision", lab=False,
                                                         objects="yazd-fda")),
            ("certificate-of-origin", "kooshkzar", 5, Script(stop="decision")),
            ("quality-test", "kavir-bitumen", 9, Script(stop="decision",
                                                         screener=demo_officer)),
        ]  # fmt: skip
        plans = []
        for code, firm_key, age, script in specs:
            firm = w.firm(firm_key)
            for extra in range(40):  # start earlier until every dated step is before today
                start = self.hours.firm(self.hours.back(self.today, age + extra))
                plan = self._today(self._case(code, firm, start, script, quick=True), script)
                if all(s.at is None or s.at < self.hours.midnight for s in plan.steps):
                    break
            else:  # pragma: no cover - the ages above leave room
                raise ValueError(f"no room before {self.today} for an open {code} case")
            plans.append(plan)
        return plans

    def _demo(self, body: str, role: str) -> str:
        return self.world.at(body, role, demo=True)[0].username

    @staticmethod
    def _today(plan: CasePlan, script: Script) -> CasePlan:
        """The plan with its steps from `script.today_from` on taken at the moment of seeding."""
        if not script.today_from:
            return plan
        steps, now = [], False
        for step in plan.steps:
            now = now or step.action == script.today_from
            steps.append(replace(step, at=None) if now else step)
        return replace(plan, steps=tuple(steps))

    # -- one case -------------------------------------------------------------------------

    def _case(
        self, code: str, firm: Firm, start: datetime, script: Script, quick: bool = False
    ) -> CasePlan:
        self.count += 1
        rng = self.rng
        definition = self.procedures[code]
        product = rng.choice(firm.products)
        destination = rng.choice(firm.destinations)
        low, high = product.qty
        step = 100 if product.unit == "m2" else 10 if high > 100 else 1
        amount = max(low, round(rng.randint(low, high) / step) * step)
        country = self.reference.countries[destination].name_fa
        plan = CasePlan(
            key=f"{code}:{self.count:03d}",
            procedure=code,
            firm=firm.key,
            subject=f"{product.name_fa} به {country}",
            hs_code=rng.choice(product.tariff_lines),
            destination=destination,
            quantity=f"{format_number(amount)} {UNITS_FA[product.unit]}",
            state=script.stop or script.fate,
            steps=(),
        )
        walk = CaseSteps(self.world, self.kinds, self.hours, rng, definition, firm, script, quick)
        steps = walk.walk(start)
        return replace(plan, steps=tuple(steps))
