"""The demo's service world, seeded through the services (`taraz demo`, `seeddemo`).

`seed_demo()` loads the bodies and the procedures, then, on a database without firms or cases,
makes the world `taraz.sample.world` describes and applies the cases `taraz.sample.case_plans`
plans for it: every firm, membership, document and step through the same services a person's
click goes through (`register_exporter`, `start_membership`, `open_case`, `add_document`,
`transition`...), so each is checked, evented and audited as theirs would be. SYNTHETIC: the
firms, people and cases are invented.

Run again, it finds the world (a person of it exists), keeps it, and gives the demo's people
new passwords (audited as every password change is) and the signatory new backup codes. The
passwords come from `secrets` at each run and are shown once, never stored but as hashes.
The whole world is one transaction: seeded whole, or not at all.
"""

from __future__ import annotations

import gc
import secrets
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from taraz.calendar.workdays import configured_calendar
from taraz.errors import TarazError
from taraz.fa import format_number
from taraz.sample.case_plans import TEHRAN, CasePlan, plan_cases
from taraz.sample.papers import synthetic_pdf
from taraz.sample.world import Person, World, service_world, world_people
from taraz.web.accounts import services as accounts
from taraz.web.audit import services as audit_trail
from taraz.web.cases import services as cases
from taraz.web.cases.models import Case, CaseEvent
from taraz.web.exporters import services as exporters
from taraz.web.site.services import say

LOGIN_URL = "http://127.0.0.1:8000/accounts/login/"
PASSWORD_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


@dataclass(frozen=True)
class SignIn:
    """A demo sign-in: the person, their new password, their role and where they hold it, and
    for a signatory the second factor to sign in with."""

    username: str
    password: str
    role: str  # at a body (officer, reviewer...) or at a firm (admin)
    place_fa: str  # the body's or the firm's name
    place_en: str
    second_factor: accounts.IssuedFactor | None = None


@dataclass(frozen=True)
class Seeded:
    created: bool  # False: the world was there and is kept; only the sign-ins are new
    firms: int
    people: int
    cases: int
    events: int
    seconds: float
    sign_ins: tuple[SignIn, ...]


def seed_demo() -> Seeded:
    """Seed the demo's world if the database has none; new passwords for its sign-ins."""
    started = time.perf_counter()
    collecting = gc.isenabled()
    gc.disable()  # thousands of steps make no garbage worth the collector's passes over them
    try:
        return _seed(started)
    finally:
        if collecting:
            gc.enable()


def _seed(started: float) -> Seeded:
    people = world_people()
    passwords = {p.username: new_password() for p in people if p.demo}
    # hashing (slow on purpose) releases the interpreter's lock: it runs beside the seeding
    with (
        ThreadPoolExecutor(max_workers=2) as pool,
        audit_trail.acting(via="seeddemo", os_user=audit_trail.os_user()),
        transaction.atomic(),
    ):
        hashes = {name: pool.submit(make_password, pw) for name, pw in passwords.items()}
        accounts.load_bodies()
        cases.load_procedures()
        User = get_user_model()
        names = [p.username for p in people]
        created = not User.objects.filter(username__in=names).exists()
        if created:
            _refuse_a_used_database()
            with ThreadPoolExecutor(max_workers=1) as drawer:  # beside the people's rows
                _build(people, drawer.submit(service_world))
        users = {u.username: u for u in User.objects.filter(username__in=names)}
        sign_ins = tuple(
            _sign_in(p, users[p.username], passwords[p.username], hashes[p.username].result())
            for p in people
            if p.demo and p.username in users
        )
        counts = (
            exporters.registry_counts().total,
            len(users),
            Case.objects.count(),
            CaseEvent.objects.count(),
        )
    return Seeded(created, *counts, time.perf_counter() - started, sign_ins)


def new_password() -> str:
    """Four groups of four letters and digits from `secrets` (about 79 bits)."""
    letters = "".join(secrets.choice(PASSWORD_LETTERS) for _ in range(16))
    return "-".join(letters[i : i + 4] for i in range(0, 16, 4))


def _refuse_a_used_database() -> None:
    firms, count = exporters.registry_counts().total, Case.objects.count()
    if firms or count:
        raise TarazError("cases.demo-not-empty", firms=firms, cases=count)


def _sign_in(person: Person, user, password: str, hashed: str) -> SignIn:
    user.password = hashed
    user.save(update_fields=["password"])  # audited: a password change
    factor = accounts.issue_second_factor(user) if accounts.needs_two_factor(user) else None
    if person.firm:  # kept worlds: the firm the person still belongs to, if any
        firm = exporters.visible_exporters(user).first()
        place_fa, place_en = (firm.name_fa, firm.name_en) if firm else ("", "")
    else:
        body = accounts.body(person.body)
        place_fa, place_en = body.name_fa, body.name_en
    return SignIn(person.username, password, person.role, place_fa, place_en, factor)


# -- the world ----------------------------------------------------------------------------------


def _build(people: tuple[Person, ...], drawing: Future[World]) -> None:
    User = get_user_model()
    users = {}
    for person in people:
        user = User(
            username=person.username, first_name=person.first_name, last_name=person.last_name
        )
        user.set_unusable_password()  # the demo's people get theirs at the end
        user.save()
        users[person.username] = user
    for person in people:
        if person.body:
            body = accounts.body(person.body)
            user = users[person.username]
            accounts.start_membership(user, body, person.role, actor=None, start=person.since)
    world = drawing.result()
    officer = users[world.at("yazd-mimt", "officer")[0].username]
    firms = {firm.key: _register(firm, officer) for firm in world.firms}
    for person in people:
        if person.firm:
            accounts.add_exporter_member(
                users[person.username],
                firms[person.firm],
                person.role,
                actor=officer,
                start=person.since,
            )
    for firm in world.firms:
        _describe(firm, firms[firm.key], users[world.applicant(firm.key).username])
    for firm in world.firms:
        if firm.verified:
            exporters.verify_exporter(firms[firm.key], actor=officer)
    _apply(world, firms, users)


def _register(firm, officer):
    return exporters.register_exporter(
        card_number=firm.card_number,
        name_fa=firm.name_fa,
        name_en=firm.name_en,
        city=firm.city,
        card_expires=firm.card_expires,
        actor=officer,
    )


def _describe(firm, exporter, person) -> None:
    """What the firm says of itself: employees over time, HS lines, markets."""
    for day, employees in firm.employees:
        exporters.declare_size(exporter, employees, actor=person, on=day)
    for code in firm.hs_lines:
        exporters.add_hs_line(exporter, code, actor=person)
    for country, status, day in firm.markets:
        exporters.set_market(exporter, country, status, actor=person, on=day)


# -- the cases ----------------------------------------------------------------------------------


def _apply(world: World, firms: dict, users: dict) -> None:
    """Every step of every plan, in the order they happen (the moment of seeding last)."""
    procedures = {p.code: p for p in cases.current_procedures()}
    kinds = dict(accounts.bodies().values_list("code", "kind"))
    plans = plan_cases(
        world,
        {code: p.definition for code, p in procedures.items()},
        kinds,
        timezone.now().astimezone(TEHRAN).date(),
        calendar=configured_calendar(),
    )
    dated = [(s.at, n, i) for n, p in enumerate(plans) for i, s in enumerate(p.steps) if s.at]
    now = [(n, i) for n, p in enumerate(plans) for i, s in enumerate(p.steps) if s.at is None]
    opened: dict[int, Case] = {}
    for n, i in [(n, i) for _, n, i in sorted(dated)] + now:
        plan, step = plans[n], plans[n].steps[i]
        actor = users[step.who] if step.who else None
        if step.action == "open":
            opened[n] = cases.open_case(
                procedures[plan.procedure],
                firms[plan.firm],
                actor=actor,
                subject=plan.subject,
                hs_code=plan.hs_code,
                destination=plan.destination,
                quantity=plan.quantity,
                now=step.at,
            )
        elif step.action == "document":
            kind = step.data["kind"]
            upload = _paper(opened[n], plan, world, kind)
            cases.add_document(opened[n], upload, kind, actor=actor, now=step.at)
        else:
            opened[n] = cases.transition(opened[n].pk, step.action, actor, now=step.at, **step.data)
    wrong = [
        f"{plans[n].key}: {case.state}, not {plans[n].state}"
        for n, case in opened.items()
        if case.state != plans[n].state
    ]
    if wrong:  # pragma: no cover - the plans and the workflow disagree: a bug
        raise RuntimeError("demo cases in the wrong state: " + "; ".join(wrong[:5]))


def _paper(case: Case, plan: CasePlan, world: World, kind: str) -> SimpleUploadedFile:
    firm = world.firm(plan.firm)
    content = synthetic_pdf(
        [
            f"Case {case.reference}: {case.procedure.name_en}",
            f"Document: {kind}",
            f"Exporter: {firm.name_en}, commercial card {firm.card_number}",
            f"Goods: HS {plan.hs_code}, to {plan.destination}",
        ]
    )
    return SimpleUploadedFile(f"{kind}.pdf", content, content_type="application/pdf")


# -- what is shown ------------------------------------------------------------------------------


def sign_in_lines(seeded: Seeded, lang: str) -> list[str]:
    """The report of a seeding and the demo's sign-ins, in Persian or English."""
    fa = lang == "fa"

    def n(value) -> str:
        return format_number(value, lang)

    seconds = format_number(seeded.seconds, lang, decimals=1)
    if seeded.created:
        head = (
            f"جهان نمونهٔ خدمات ساخته شد: {n(seeded.firms)} بنگاه، {n(seeded.people)} نفر و "
            f"{n(seeded.cases)} پرونده با {n(seeded.events)} رویداد، در {seconds} ثانیه. همه ساختگی است."
            if fa
            else f"The demo's service world was seeded: {n(seeded.firms)} firms, "
            f"{n(seeded.people)} people and {n(seeded.cases)} cases with {n(seeded.events)} "
            f"events, in {seconds} s. All of it is synthetic."
        )
    else:
        head = (
            f"جهان نمونهٔ خدمات از پیش هست ({n(seeded.firms)} بنگاه، {n(seeded.cases)} پرونده) و "
            "دست نخورد؛ حساب‌های نمایشی گذرواژهٔ تازه گرفتند."
            if fa
            else f"The demo's service world is there already ({n(seeded.firms)} firms, "
            f"{n(seeded.cases)} cases) and is kept; the demo accounts have new passwords."
        )
    lines = [
        head,
        "",
        "حساب‌های نمایشی، تنها برای آزمودن (گذرواژه‌ها همین یک بار نشان داده می‌شوند و با هر "
        "اجرای taraz demo عوض می‌شوند):"
        if fa
        else "Demo accounts, for trying taraz out only (the passwords are shown this once and "
        "change at every run of taraz demo):",
        (
            f"نشانی ورود، پس از راه‌اندازی با taraz serve: {LOGIN_URL}"
            if fa
            else f"Sign in, once taraz serve runs, at {LOGIN_URL}"
        ),
    ]
    width = max((len(s.username) for s in seeded.sign_ins), default=0)
    for s in seeded.sign_ins:
        role = say(f"account.role_name.{s.role}", lang)
        place = s.place_fa if fa else s.place_en
        lines.append(f"  {s.username:<{width}}  {s.password}  {role}، {place}" if fa
                     else f"  {s.username:<{width}}  {s.password}  {role}, {place}")  # fmt: skip
        factor = s.second_factor
        if factor is not None:
            codes = "  ".join(factor.backup_codes)
            secret = " ".join(factor.secret[i : i + 4] for i in range(0, len(factor.secret), 4))
            lines += (
                [
                    f"    ورود دومرحله‌ای: یکی از این کدهای پشتیبان (هر کد یک بار): {codes}",
                    f"    یا این کلید در برنامهٔ کد یک‌بارمصرف: {secret}",
                    f"    {factor.uri}",
                ]
                if fa
                else [
                    f"    Two-factor sign-in: one of these backup codes (each works once): {codes}",
                    f"    or this key in an authenticator app: {secret}",
                    f"    {factor.uri}",
                ]
            )
    return lines
