"""The audit trail: recording what a person did (the only writer of AuditEvent), reading it
back, and verifying its hash chain. Other apps use the trail only through this module.

Appends are serialised: `record` takes the chain's lock before it reads the last event's hash,
in the transaction that inserts the new event, so two appends never take the same place. On
PostgreSQL the lock is `LOCK TABLE ... IN SHARE ROW EXCLUSIVE MODE` (it conflicts with itself
and with every INSERT, UPDATE and DELETE of the table, not with reading it); on SQLite, the
database's one write lock (the settings begin every transaction IMMEDIATE; a write that
changes nothing takes the lock where a transaction began deferred). The lock is held until the
enclosing transaction ends, so the chain's order is the order of commits.
"""

from __future__ import annotations

import contextlib
import contextvars
import ipaddress
import json
import math
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from taraz.web.audit.chain import GENESIS, canonical_json, link_hash
from taraz.web.audit.models import AuditEvent

Action = AuditEvent.Action
TABLE = AuditEvent._meta.db_table
SYSTEM = "system"  # who acts when no person does (a command, a background job)

# who is acting where no request says (a management command): set with `acting`
_actor: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "taraz_audit_actor", default=None
)


def record(
    action: str,
    user=None,
    *,
    username: str | None = None,
    outcome: str = "ok",
    subject: str = "",
    ip: str | None = None,
    **detail: Any,
) -> AuditEvent:
    """Append one event to the chain (in the caller's transaction, if there is one)."""
    signed_in = user is not None and user.is_authenticated
    name = username or (user.get_username() if signed_in else "")
    address, unreadable = _address(ip)
    fields = {
        "user_id": user.pk if signed_in else None,
        "username": _text(name or "anonymous", 150),
        "action": _text(action, 20),
        "outcome": _text(outcome, 20),
        "subject": _text(subject, 64),
        "detail": _json_value({**detail, **unreadable}),
        "ip": address,
    }
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
        seq, prev = last if last is not None else (0, GENESIS)
        event = AuditEvent(seq=seq + 1, prev_hash=prev, **fields)  # `at` is now, after the lock
        event.hash = link_hash(prev, canonical_json(**_chained(event)))
        event.save(force_insert=True)
    return event


def _lock_chain() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {TABLE} IN SHARE ROW EXCLUSIVE MODE")
        else:
            cursor.execute(f"UPDATE {TABLE} SET id = id WHERE 0 = 1")


def _chained(event: AuditEvent) -> dict[str, Any]:
    """The fields the hash covers, as the database will give them back."""
    return {
        "seq": event.seq,
        "at": event.at,
        "user_id": event.user_id,
        "username": event.username,
        "action": event.action,
        "outcome": event.outcome,
        "subject": event.subject,
        "detail": event.detail,
        "ip": event.ip,
    }


def _text(value: Any, limit: int) -> str:
    """Text the database keeps as it is: within the column's length, no NUL (PostgreSQL refuses
    it) and no lone surrogate (not UTF-8)."""
    return _clean(str(value))[:limit]


def _clean(text: str) -> str:
    text = text.replace("\x00", "\ufffd")
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _json_value(detail: dict[str, Any]) -> dict[str, Any]:
    """The detail as the JSON column will give it back: dates and decimals as text, tuples as
    lists, keys as text, NaN and infinities as text; text cleaned as in `_text`."""
    return _cleaned(json.loads(json.dumps(detail, cls=DjangoJSONEncoder)))


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {_clean(k): _cleaned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    return value


def _address(ip: str | None) -> tuple[str | None, dict[str, str]]:
    """The client address as the column keeps it, or None and the text in the detail when it
    is not an address (a proxy's header can say anything)."""
    if not ip:
        return None, {}
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        address = None
    if address is None or getattr(address, "scope_id", None):
        return None, {"address": _text(ip, 100)}
    return str(address), {}


# -- who acts when no request says -----------------------------------------------------------


def os_user() -> str:
    """The operating system's name of the user running a command (for `acting`'s context)."""
    import getpass
    import os

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for the uid (a container)
        return f"uid {os.getuid()}"


@contextlib.contextmanager
def acting(username: str = SYSTEM, user=None, **context: Any) -> Iterator[None]:
    """Events recorded without a person of their own (account and permission changes by a
    management command) name this actor and carry `context` in their detail."""
    token = _actor.set({"username": username, "user": user, "context": context})
    try:
        yield
    finally:
        _actor.reset(token)


def record_as_actor(action: str, *, subject: str = "", **detail: Any) -> AuditEvent:
    """Record an event done by the actor of the moment (`acting`), or by the system."""
    actor = _actor.get() or {"username": SYSTEM, "user": None, "context": {}}
    user = actor["user"]
    return record(
        action,
        user,
        username=actor["username"] if user is None else None,
        subject=subject,
        **actor["context"],
        **detail,
    )


# -- reading ---------------------------------------------------------------------------------


def recent(limit: int = 50) -> list[AuditEvent]:
    """The latest events, newest first."""
    return list(AuditEvent.objects.select_related(None)[:limit])


def about(subject: str, limit: int = 20) -> list[AuditEvent]:
    """The latest events about one subject (a batch, a job), newest first."""
    return list(AuditEvent.objects.filter(subject=subject)[:limit])


def event_dict(event: AuditEvent) -> dict[str, Any]:
    """One event as JSON: its fields, its place in the chain and its hashes."""
    return {
        "seq": event.seq,
        "id": event.pk,
        "at": event.at.isoformat(),
        "user_id": event.user_id,
        "username": event.username,
        "action": event.action,
        "outcome": event.outcome,
        "subject": event.subject,
        "detail": event.detail,
        "ip": event.ip,
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }


# -- verifying -------------------------------------------------------------------------------

HASH, LINK, GAP = "hash", "prev-link", "seq-gap"
PAGE = 2000


@dataclass(frozen=True)
class Broken:
    """The first event where the chain does not hold, and which check failed there:
    `seq-gap` (its sequence number is not the one expected: events before it are missing),
    `prev-link` (it does not carry the hash of the event before it) or `hash` (its own hash is
    not the hash of its contents: the row was changed)."""

    seq: int
    id: int
    reason: str
    expected_seq: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Verification:
    """What `verify` found: how many events the trail holds, the last event of the unbroken
    chain from the first (its place and hash, to compare with a copy kept elsewhere: removing
    the newest events leaves a chain that holds), and the first broken event, if any."""

    events: int
    head_seq: int
    head_hash: str
    first_broken: Broken | None

    @property
    def intact(self) -> bool:
        return self.first_broken is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "intact": self.intact,
            "events": self.events,
            "head": {"seq": self.head_seq, "hash": self.head_hash},
            "first_broken": self.first_broken.to_dict() if self.first_broken else None,
        }


def verify() -> Broken | None:
    """The first event where the chain breaks, or None when every event holds."""
    return check_chain().first_broken


def check_chain() -> Verification:
    """Read the whole chain in order of sequence numbers and check each event: its number
    follows the one before, it carries the previous hash, and its hash is that of its
    contents."""
    expected, prev, count, broken = 1, GENESIS, 0, None
    for event in _in_order():
        count += 1
        if broken is not None:
            continue  # counted only
        broken = _check(event, expected, prev)
        if broken is None:
            expected, prev = expected + 1, event.hash
    return Verification(count, expected - 1, prev, broken)


def _check(event: AuditEvent, expected: int, prev: str) -> Broken | None:
    if event.seq != expected:
        reason = GAP
    elif event.prev_hash != prev:
        reason = LINK
    elif event.hash != link_hash(event.prev_hash, canonical_json(**_chained(event))):
        reason = HASH
    else:
        return None
    return Broken(event.seq, event.pk, reason, expected)


def _in_order() -> Iterator[AuditEvent]:
    """Every event by sequence number, a page at a time (events appended meanwhile come too:
    each is whole and chained when it is visible)."""
    last = 0
    while True:
        page = list(AuditEvent.objects.filter(seq__gt=last).order_by("seq")[:PAGE])
        yield from page
        if len(page) < PAGE:
            return
        last = page[-1].seq
