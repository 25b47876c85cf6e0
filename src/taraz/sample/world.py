"""The demo's service world, without Django: its firms, its people and the words of their cases,
from `data/world.toml`. SYNTHETIC: every firm, person and case is invented.

A firm takes the commercial card of a trader of the sample of its own sector and size (the most
active one not yet taken, `sample_traders`), so its card number is a `trader_id` of the sample
warehouse and its profile shows exports. `taraz.sample.case_plans` plans its cases;
`taraz.web.cases.demo` applies both through the services.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from taraz.calendar import parse_day
from taraz.sample.lines import sample_traders
from taraz.sample.profile import FLOWS, SECTORS, YAZD, load_profile

LARGE_FROM = 100  # employees: the size bands' first large firm (web/exporters/data/size_bands.toml)
UNITS = ("t", "m2", "n")


@dataclass(frozen=True)
class Product:
    """What a firm's cases are about: an HS code, its words, and the sample's tariff lines
    under it (a case names one of them)."""

    hs: str
    name_fa: str
    name_en: str
    unit: str  # of UNITS
    qty: tuple[int, int]
    tariff_lines: tuple[str, ...]


@dataclass(frozen=True)
class Firm:
    key: str
    name_fa: str
    name_en: str
    city: str
    sector: str
    card_number: str  # a `trader_id` of the sample
    employees: tuple[tuple[date, int], ...]
    hs_lines: tuple[str, ...]
    markets: tuple[tuple[str, str, date], ...]  # country, status, from
    association: str  # the body that advises on its export permits, or ""
    procedures: tuple[str, ...]
    card_expires: date
    verified: bool
    weight: int
    products: tuple[Product, ...]

    @property
    def large(self) -> bool:
        return self.employees[-1][1] >= LARGE_FROM

    @property
    def destinations(self) -> tuple[str, ...]:
        return tuple(c for c, status, _ in self.markets if status != "not_interested")


@dataclass(frozen=True)
class Person:
    """A person of the world: at a body (`body`, `role` of the organization's or a body's), or
    of a firm (`firm`, `role` admin or member). `demo`: a sign-in printed for a newcomer; the
    others are the people of the history and have no password."""

    username: str
    first_name: str
    last_name: str
    role: str
    since: date
    body: str = ""
    firm: str = ""
    demo: bool = False


@dataclass(frozen=True)
class Question:
    body: str  # a body's code, or "association"
    ask: str
    answer: str
    upload: bool


@dataclass(frozen=True)
class Wording:
    returns: tuple[tuple[str, str], ...]  # reason, the document given again ("" any)
    questions: tuple[Question, ...]
    conditions: tuple[str, ...]
    objections: dict[str, str]  # by the kind of body
    refusal: str
    withdrawals: tuple[str, ...]

    def questions_for(self, body: str, kind: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.body in (body, kind))


@dataclass(frozen=True)
class World:
    firms: tuple[Firm, ...]
    people: tuple[Person, ...]
    wording: Wording

    def firm(self, key: str) -> Firm:
        return next(f for f in self.firms if f.key == key)

    def at(self, body: str, role: str, demo: bool | None = False) -> tuple[Person, ...]:
        """The people of `role` at `body` (`demo`: only the demo's, only the history's, or
        either with None)."""
        return tuple(
            p
            for p in self.people
            if p.body == body and p.role == role and (demo is None or p.demo == demo)
        )

    def applicant(self, firm: str) -> Person:
        """The firm's own person of the history (its export manager)."""
        return next(p for p in self.people if p.firm == firm and not p.demo)


@functools.cache
def _data() -> dict[str, Any]:
    text = resources.files("taraz.sample").joinpath("data", "world.toml").read_text("utf-8")
    return tomllib.loads(text)


def world_people() -> tuple[Person, ...]:
    """Every person of the world: the demo's sign-ins first, in the file's order."""
    data = _data()
    people = data["people"]
    demo = [_person(row, demo=True) for row in people["demo"]]
    demo += [_firm_person(row, demo=True) for row in people["demo_firm"]]
    history = [_person(row, demo=False) for row in people["history"]]
    for firm in data["firm"]:
        username, first, last = firm["person"]
        history.append(
            Person(username, first, last, "admin", parse_day("1403-01-15"), firm=firm["key"])
        )
    return (*demo, *history)


def _person(row: list[str], *, demo: bool) -> Person:
    username, first, last, body, role, since = row
    return Person(username, first, last, role, parse_day(since), body=body, demo=demo)


def _firm_person(row: list[str], *, demo: bool) -> Person:
    username, first, last, firm, role, since = row
    return Person(username, first, last, role, parse_day(since), firm=firm, demo=demo)


def service_world(seed: int = 1404) -> World:
    """The firms (with their sample cards, for the sample of `seed`), the people and the
    words."""
    return World(_firms(seed), world_people(), _wording())


@functools.cache
def _firms(seed: int) -> tuple[Firm, ...]:
    traders = sample_traders(YAZD, seed)
    taken: set[str] = set()
    firms = []
    for row in _data()["firm"]:
        if row["sector"] not in SECTORS:
            raise ValueError(f"firm {row['key']}: no sector {row['sector']!r}")
        employees = tuple((parse_day(d), int(n)) for d, n in row["employees"])
        large = employees[-1][1] >= LARGE_FROM
        candidates = sorted(
            (
                t
                for t in traders
                if t.sector == row["sector"] and t.large == large and t.trader_id not in taken
            ),
            key=lambda t: (-t.activity, t.trader_id),
        )
        if not candidates:
            raise ValueError(f"firm {row['key']}: no trader of its sector and size left")
        card = candidates[0].trader_id
        taken.add(card)
        firms.append(
            Firm(
                key=row["key"],
                name_fa=row["name_fa"],
                name_en=row["name_en"],
                city=row["city"],
                sector=row["sector"],
                card_number=card,
                employees=employees,
                hs_lines=tuple(row["hs_lines"]),
                markets=tuple((c, s, parse_day(d)) for c, s, d in row["markets"]),
                association=row.get("association", ""),
                procedures=tuple(row["procedures"]),
                card_expires=parse_day(row["card_expires"]),
                verified=bool(row["verified"]),
                weight=int(row.get("weight", 1)),
                products=tuple(_product(row["key"], p) for p in row["products"]),
            )
        )
    return tuple(firms)


def _product(firm: str, row: dict[str, Any]) -> Product:
    tariff = load_profile().tariff
    exports = FLOWS.index("X")
    lines = tuple(
        sorted(
            {
                code
                for code, flow in zip(tariff.hs8, tariff.flow, strict=True)
                if flow == exports and code.startswith(row["hs"])
            }
        )
    )
    if not lines or row["unit"] not in UNITS:
        raise ValueError(f"firm {firm}: product {row['hs']} has no export line or unit")
    low, high = row["qty"]
    return Product(row["hs"], row["fa"], row["en"], row["unit"], (int(low), int(high)), lines)


def _wording() -> Wording:
    data = _data()
    words = data["words"]
    return Wording(
        returns=tuple((r["reason"], r.get("document", "")) for r in data["return"]),
        questions=tuple(
            Question(q["body"], q["ask"], q["answer"], bool(q.get("upload", False)))
            for q in data["question"]
        ),
        conditions=tuple(words["conditions"]),
        objections=dict(words["objections"]),
        refusal=words["refusal"],
        withdrawals=tuple(words["withdrawals"]),
    )
