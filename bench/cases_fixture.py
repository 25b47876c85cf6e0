"""The casework benchmark's data: N cases of the four packaged procedures, ~10 events each,
spread over 1403-1405, written straight into the service database with `bulk_create`.

A fixture, not a test of the services: the rows are made directly, but every case's events are
a workflow the services would have written (`replay` applies each move through the states of
`taraz.web.cases.workflow`, refuses any it does not allow, and writes the reviews, questions
and case fields the services would), so that `taraz.web.cases.measured.compute()` accepts
every case. Needs Django set up (`bench_cases.setup_django`).
"""

from __future__ import annotations

import random
import time as clock
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

TEHRAN = ZoneInfo("Asia/Tehran")
FIRST_DAY = date(2024, 3, 20)  # 1403-01-01
PASSWORD = "bench-officer-password-1404"
WEIGHTS = {  # share of the cases per procedure
    "quality-test": 0.30,
    "health-certificate": 0.30,
    "export-permit": 0.25,
    "certificate-of-origin": 0.15,
}
P_RETURN = 0.25  # screening returns it to the applicant once
P_LAPSE = 0.05  # ... who then never answers (of the returned)
P_ASK = 0.40  # a body asks the applicant a question
P_ASK_AGAIN = 0.30  # ... and, once answered, a second one
P_WITHDRAW = 0.05  # withdrawn at some point
P_STUCK = 0.03  # left open at some point, however old
CHUNK = 2_000  # cases written per transaction
SUBJECTS = ("کاشی به عراق", "سنگ به چین", "فرش به آلمان", "پسته به امارات", "پارچه به افغانستان")
HS = ("690721", "680221", "570110", "080251", "520812")
DESTINATIONS = ("IQ", "CN", "DE", "AE", "AF", "TR")


@dataclass
class People:
    officers: list[Any]
    signatories: list[Any]
    reviewer: dict[str, Any]  # body code -> user
    head: dict[str, Any]
    applicants: list[Any]  # one person per exporter, by exporter index
    exporters: list[Any]


@dataclass
class Built:
    cases: int = 0
    events: int = 0
    reviews: int = 0
    questions: int = 0
    states: Counter = field(default_factory=Counter)
    actions: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "events": self.events,
            "reviews": self.reviews,
            "questions": self.questions,
            "states": dict(sorted(self.states.items())),
            "actions": dict(sorted(self.actions.items())),
            "build_s": round(self.seconds, 1),
        }


def build(n: int, exporters: int = 200, seed: int = 11) -> Built:
    """Migrate, load bodies and procedures, then people, exporters and `n` cases."""
    from django.core.management import call_command
    from django.db import transaction

    from taraz.calendar.workdays import configured_calendar
    from taraz.web.accounts.services import load_bodies
    from taraz.web.cases.services import current_procedures, load_procedures

    started = clock.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    load_bodies()
    load_procedures()
    procedures = {p.code: p for p in current_procedures()}
    people = make_people(exporters)
    rng = random.Random(seed)
    calendar = configured_calendar()
    now = datetime.now(TEHRAN)
    span = (now - datetime.combine(FIRST_DAY, time(8), TEHRAN)).total_seconds() - 3 * 86400
    starts = sorted(rng.random() * span for _ in range(n))
    writer = Writer(procedures, people, calendar, now)
    for offset in range(0, n, CHUNK):
        with transaction.atomic():
            for s in starts[offset : offset + CHUNK]:
                created = datetime.combine(FIRST_DAY, time(8), TEHRAN) + timedelta(seconds=s)
                writer.add(rng, created)
            writer.flush()
        if (offset // CHUNK) % 10 == 9:
            print(f"# {offset + CHUNK:,} cases, {writer.built.events:,} events", flush=True)
    writer.finish()
    writer.built.seconds = clock.perf_counter() - started
    return writer.built


def make_people(n_exporters: int) -> People:
    """4 officers and 2 signatories of the organization, a reviewer and a head at every other
    body, `n_exporters` firms with one person each; every password the same (hashed once)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from taraz.web.accounts.models import Body, ExporterMembership, Membership
    from taraz.web.exporters.models import Exporter

    User = get_user_model()
    hashed = make_password(PASSWORD)
    bodies = list(Body.objects.all())
    organization = next(b for b in bodies if b.kind == "organization")
    others = [b for b in bodies if b.kind != "organization"]
    names = [f"officer-{i}" for i in range(1, 5)] + [f"signatory-{i}" for i in range(1, 3)]
    names += [f"{role}-{b.code}" for b in others for role in ("reviewer", "head")]
    names += [f"exporter-{i:03d}" for i in range(1, n_exporters + 1)]
    User.objects.bulk_create([User(username=name, password=hashed) for name in names])
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    Exporter.objects.bulk_create(
        [
            Exporter(
                card_number=f"{10_000_000_000 + i}",
                name_fa=f"شرکت صادراتی یزد {i}",
                name_en=f"Yazd exporter {i}",
                province="IR-21",
                city="یزد",
            )
            for i in range(1, n_exporters + 1)
        ]
    )
    firms = list(Exporter.objects.order_by("card_number"))
    memberships = [
        Membership(user=users[f"officer-{i}"], body=organization, role="officer", start=FIRST_DAY)
        for i in range(1, 5)
    ] + [
        Membership(
            user=users[f"signatory-{i}"], body=organization, role="signatory", start=FIRST_DAY
        )
        for i in range(1, 3)
    ]
    for b in others:
        for role in ("reviewer", "head"):
            memberships.append(
                Membership(user=users[f"{role}-{b.code}"], body=b, role=role, start=FIRST_DAY)
            )
    Membership.objects.bulk_create(memberships)
    applicants = [users[f"exporter-{i:03d}"] for i in range(1, n_exporters + 1)]
    ExporterMembership.objects.bulk_create(
        [
            ExporterMembership(user=u, exporter=f, role="admin", start=FIRST_DAY)
            for u, f in zip(applicants, firms, strict=True)
        ]
    )
    return People(
        officers=[users[f"officer-{i}"] for i in range(1, 5)],
        signatories=[users[f"signatory-{i}"] for i in range(1, 3)],
        reviewer={b.code: users[f"reviewer-{b.code}"] for b in others},
        head={b.code: users[f"head-{b.code}"] for b in others},
        applicants=applicants,
        exporters=firms,
    )


@dataclass
class Move:
    at: datetime
    action: str
    actor: Any  # a user, or None: the system
    body: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


class Writer:
    """Plans each case's moves, replays them into rows, and writes the rows a chunk at a time."""

    def __init__(self, procedures, people: People, calendar, now: datetime) -> None:
        from taraz.web.accounts.models import Body

        self.procedures = procedures
        self.people = people
        self.calendar = calendar
        self.now = now
        self.bodies = {b.code: b for b in Body.objects.all()}
        self.associations = sorted(c for c, b in self.bodies.items() if b.kind == "association")
        self.codes = list(WEIGHTS)
        self.weights = [WEIGHTS[c] for c in self.codes]
        self.ids = Counter()  # the last id given, per table
        self.references: Counter = Counter()  # (Jalali year, abbrev) -> last number
        self.built = Built()
        self._clear()

    def _clear(self) -> None:
        self.cases, self.reviews, self.questions, self.events = [], [], [], []

    def _next(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    # -- when -----------------------------------------------------------------------------------

    def after(self, rng: random.Random, t: datetime, lo: int, hi: int) -> datetime:
        """A moment `lo`..`hi` working days after `t`, in office hours; the same day a few
        minutes to hours later for 0."""
        k = rng.randint(lo, hi)
        if k == 0:
            return t + timedelta(minutes=rng.randint(5, 180))
        day = self.calendar.add_working_days(t.astimezone(TEHRAN).date(), k)
        return datetime.combine(day, time(8), TEHRAN) + timedelta(minutes=rng.randint(0, 450))

    # -- what -----------------------------------------------------------------------------------

    def plan(self, rng: random.Random, code: str, applicant, created: datetime) -> list[Move]:
        """The moves of a case from creation to its decision (or lapse), before any cut."""
        p = self.people
        definition = self.procedures[code].definition
        moves = [Move(created, "create", applicant)]
        t = self.after(rng, created, 0, 3)
        moves.append(Move(t, "submit", applicant))
        officer = rng.choice(p.officers)
        t = self.after(rng, t, 0, 2)
        moves.append(Move(t, "take", officer))
        if rng.random() < P_RETURN:
            t = self.after(rng, t, 0, 1)
            moves.append(Move(t, "return", officer, data={"reasons": "پیش‌فاکتور را بیفزایید"}))
            if rng.random() < P_LAPSE:
                days = definition["lapse_days"]
                moves.append(Move(self.after(rng, t, days, days + 3), "lapse", None))
                return moves
            t = self.after(rng, t, 1, 6)
            moves.append(Move(t, "resubmit", applicant))
        t = self.after(rng, t, 0, 2)
        bodies = self.choose_bodies(rng, definition)
        moves.append(Move(t, "route", officer, data={"bodies": bodies}))
        routed, parts, ends, objection = t, [], [], False
        for routed_to in bodies:
            code_ = routed_to["body"]
            entry = self.entry(definition, code_)
            bt = routed
            asked = 0
            while asked < 2 and rng.random() < (P_ASK if asked == 0 else P_ASK_AGAIN):
                asked += 1
                bt = self.after(rng, bt, 0, 3)
                parts.append(Move(bt, "ask", p.reviewer[code_], code_))
                bt = self.after(rng, bt, 1, 5)
                parts.append(Move(bt, "answer", applicant, code_))
            bt = self.after(rng, bt, 0, int(entry["target_days"]) + 3)
            r = rng.random()
            advice = "no_objection" if r < 0.85 else "conditions" if r < 0.97 else "objection"
            reasons = "" if advice == "no_objection" else "بنا بر بررسی نمونه"
            parts.append(
                Move(bt, "advise", p.reviewer[code_], code_, {"advice": advice, "reasons": reasons})
            )
            objection = objection or advice == "objection"
            if entry.get("countersign"):
                bt = self.after(rng, bt, 0, 2)
                parts.append(Move(bt, "countersign", p.head[code_], code_))
            # the daily casework escalates a review still open the working day after it was due
            due = self.calendar.add_working_days(
                routed.astimezone(TEHRAN).date(), int(entry["target_days"])
            )
            escalated = datetime.combine(self.calendar.add_working_days(due, 1), time(7), TEHRAN)
            if escalated < bt:
                parts.append(Move(escalated, "escalate", None, code_, {"due_on": due.isoformat()}))
            ends.append(bt)
        parts.sort(key=lambda m: m.at)  # stable: each body's own order holds
        moves += parts
        t = self.after(rng, max(ends), 0, 3)
        signatory = rng.choice(p.signatories)
        if objection or rng.random() < 0.08:
            moves.append(Move(t, "refuse", signatory, data={"reasons": "بنا بر نظر نهادها"}))
        else:
            moves.append(Move(t, "approve", signatory))
        return moves

    def choose_bodies(self, rng: random.Random, definition) -> list[dict[str, Any]]:
        """The bodies the screener routes to: every required one (an association chosen for an
        advice by kind), an optional one half the time."""
        chosen = []
        for entry in definition["advice"]:
            if not entry["required"] and rng.random() < 0.5:
                continue
            code = entry.get("body") or rng.choice(self.associations)
            chosen.append({"body": code, "target_days": int(entry["target_days"])})
        return chosen

    def entry(self, definition, code: str) -> dict[str, Any]:
        from taraz.web.cases.procedures import advice_for

        return advice_for(definition, code, self.bodies[code].kind) or {}

    def add(self, rng: random.Random, created: datetime) -> None:
        code = rng.choices(self.codes, self.weights)[0]
        firm = rng.randrange(len(self.people.exporters))
        applicant = self.people.applicants[firm]
        moves = self.plan(rng, code, applicant, created)
        fate = rng.random()
        if fate < P_WITHDRAW + P_STUCK and moves[-1].action != "lapse":
            moves = moves[: rng.randint(1, len(moves) - 1)]
            if fate < P_WITHDRAW:
                moves.append(Move(self.after(rng, moves[-1].at, 0, 3), "withdraw", applicant))
        moves = [m for m in moves if m.at <= self.now]  # what has not happened yet
        self.replay(rng, code, firm, moves)

    # -- the rows -------------------------------------------------------------------------------

    def replay(self, rng: random.Random, code: str, firm: int, moves: list[Move]) -> None:
        """The case's rows from its moves, through the workflow's states (a move the workflow
        does not allow from the state reached is a bug here: refused)."""
        from taraz.calendar import gregorian_to_jalali
        from taraz.web.audit.services import SYSTEM
        from taraz.web.cases.models import Case, CaseEvent, InfoRequest, Review
        from taraz.web.cases.workflow import BY_ACTION, KEEP, REVIEW_OR_DECISION

        procedure = self.procedures[code]
        applicant = self.people.applicants[firm]
        created = moves[0].at
        year = gregorian_to_jalali(created.date())[0]
        self.references[(year, procedure.abbrev)] += 1
        case = Case(
            id=self._next("case"),
            reference=f"{year}/{procedure.abbrev}/{self.references[(year, procedure.abbrev)]:05d}",
            procedure=procedure,
            exporter=self.people.exporters[firm],
            state="draft",
            subject=rng.choice(SUBJECTS),
            hs_code=rng.choice(HS),
            destination=rng.choice(DESTINATIONS),
            quantity=f"{rng.randint(1, 40) * 1000} kg",
            created_by=applicant,
            created_at=created,
            updated_at=created,
        )
        reviews: dict[str, Review] = {}
        questions: dict[str, InfoRequest] = {}
        asking: dict[str, InfoRequest] = {}  # body -> its open question
        returned_on: date | None = None
        state, events = "", []
        for seq, m in enumerate(moves, start=1):
            before, body, detail = state, None, {}
            if m.action == "create":
                state = "draft"
            else:
                step = BY_ACTION[m.action]
                if state not in step.sources:
                    raise AssertionError(f"{case.reference}: {m.action} from {state}")
                if step.target not in (KEEP, REVIEW_OR_DECISION):
                    state = str(step.target)
            if m.action == "submit":
                case.submitted_at = m.at
            elif m.action == "take":
                case.screener = m.actor
            elif m.action == "return":
                detail = dict(m.data)
                returned_on = m.at.astimezone(TEHRAN).date()
            elif m.action == "lapse":
                waited = self.calendar.working_days(returned_on, m.at.astimezone(TEHRAN).date())
                if waited < procedure.definition["lapse_days"]:
                    raise AssertionError(f"{case.reference}: lapsed after {waited} days")
                detail = {"waited_working_days": waited}
            elif m.action == "route":
                day = m.at.astimezone(TEHRAN).date()
                for b in m.data["bodies"]:
                    reviews[b["body"]] = Review(
                        id=self._next("review"),
                        case=case,
                        body=self.bodies[b["body"]],
                        target_days=b["target_days"],
                        countersign_required=bool(
                            self.entry(procedure.definition, b["body"]).get("countersign")
                        ),
                        routed_at=m.at,
                        routed_by=m.actor,
                        due_on=self.calendar.add_working_days(day, b["target_days"]),
                    )
                detail = {"bodies": m.data["bodies"]}
            elif m.action == "ask":
                body = self.bodies[m.body]
                q = questions[f"{m.body}#{len(questions)}"] = InfoRequest(
                    id=self._next("question"),
                    case=case,
                    body=body,
                    question="نتیجهٔ آزمون رطوبت را بفرستید",
                    asked_by=m.actor,
                    asked_at=m.at,
                )
                asking[m.body] = q
                detail = {"question": q.id}
            elif m.action == "answer":
                body = self.bodies[m.body]
                q = asking.pop(m.body)
                q.answer, q.answered_by, q.answered_at = "فرستاده شد", m.actor, m.at
                detail = {"question": q.id}
            elif m.action == "advise":
                body = self.bodies[m.body]
                r = reviews[m.body]
                r.advice, r.reasons = m.data["advice"], m.data["reasons"]
                r.adviser, r.advised_at = m.actor, m.at
                detail = dict(m.data)
            elif m.action == "countersign":
                body = self.bodies[m.body]
                r = reviews[m.body]
                r.countersigner, r.countersigned_at = m.actor, m.at
                detail = {"advice": r.advice}
            elif m.action == "escalate":
                body = self.bodies[m.body]
                r = reviews[m.body]
                if r.complete or r.escalated_at is not None:
                    raise AssertionError(f"{case.reference}: escalates {m.body} twice or late")
                r.escalated_at = m.at
                detail = dict(m.data)
            elif m.action in ("approve", "refuse"):
                reasons = m.data.get("reasons", "")
                case.decided_by, case.decided_at, case.decision_reasons = m.actor, m.at, reasons
                detail = {"reasons": reasons} if reasons else {}
            if m.action in ("advise", "countersign"):
                done = all(r.complete for r in reviews.values())
                state = "decision" if done else "in_review"
            if m.action in ("approve", "refuse", "withdraw", "lapse"):
                case.closed_at = m.at
            events.append(
                CaseEvent(
                    id=self._next("event"),
                    case=case,
                    seq=seq,
                    at=m.at,
                    action=m.action,
                    from_state=before,
                    to_state=state,
                    actor=m.actor,
                    actor_name=m.actor.username if m.actor is not None else SYSTEM,
                    body=body,
                    detail=detail,
                )
            )
            self.built.actions[m.action] += 1
        case.state = state
        case.updated_at = moves[-1].at
        self.cases.append(case)
        self.reviews += reviews.values()
        self.questions += questions.values()
        self.events += events
        self.built.cases += 1
        self.built.events += len(events)
        self.built.reviews += len(reviews)
        self.built.questions += len(questions)
        self.built.states[state] += 1

    def flush(self) -> None:
        from taraz.web.cases.models import Case, CaseEvent, InfoRequest, Review

        Case.objects.bulk_create(self.cases)
        Review.objects.bulk_create(self.reviews)
        InfoRequest.objects.bulk_create(self.questions)
        CaseEvent.objects.bulk_create(self.events, batch_size=5_000)
        self._clear()

    def finish(self) -> None:
        """The reference counters where the cases left them; on PostgreSQL, the id sequences
        after the ids given here."""
        from django.core.management.color import no_style
        from django.db import connection

        from taraz.web.cases.models import Case, CaseEvent, InfoRequest, ReferenceCounter, Review

        ReferenceCounter.objects.bulk_create(
            [
                ReferenceCounter(year=year, abbrev=abbrev, last=last)
                for (year, abbrev), last in sorted(self.references.items())
            ]
        )
        if connection.vendor == "postgresql":
            sql = connection.ops.sequence_reset_sql(
                no_style(), [Case, Review, InfoRequest, CaseEvent]
            )
            with connection.cursor() as cursor:
                for statement in sql:
                    cursor.execute(statement)
