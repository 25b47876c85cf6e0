"""The two lists a verifier needs beside a certificate, each a compact JWS signed by the root key.

The trust list names every signing key, with its public key, the span in which its signatures
count and its status (typ `taraz-trust-list`):

    {"iat": 1767225600,
     "root": {"kid": "<the root's kid>", "jwk": {"kty": "EC", "crv": "P-256", "x": "…", "y": "…"}},
     "keys": [{"kid": "…", "jwk": {…}, "not_before": 1767225600, "not_after": 1798761600,
               "status": "active"}]}

The revocation list names every certificate withdrawn or suspended, and says until when it
speaks for its issuer (typ `taraz-revocation-list`):

    {"iat": 1767225600, "next_update": 1767830400, "root": "<the root's kid>",
     "entries": [{"number": "…", "status": "revoked", "reason": "test-report-withdrawn",
                  "at": 1767000000}]}

A trust list is read against a pinned root key id (printed on each certificate): the list
carries the root's public key, whose thumbprint must be the pinned kid, and its signature must
hold with that key. A revocation list is read against a trust list already checked: its
signature must hold with the same root.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from taraz.credentials.envelope import (
    Rejected,
    is_numeric_date,
    moment_of,
    numeric_date,
    open_envelope,
    seal,
    signature_holds,
    strict_json,
)
from taraz.credentials.keys import PrivateKey, PublicKey
from taraz.errors import Localised, TarazError, UsageError

TRUST_LIST_TYPE = "taraz-trust-list"
REVOCATION_LIST_TYPE = "taraz-revocation-list"
REVOCATIONS_VALID_FOR = timedelta(days=7)
REASON_CODE = re.compile(r"[a-z][a-z0-9-]{0,63}")

TRUST_LIST = Localised("فهرست کلیدهای مورد اعتماد", "trust list")
REVOCATION_LIST = Localised("فهرست ابطال", "revocation list")


class KeyStatus(StrEnum):
    """A signing key's standing: `active` signs now; `retired` signs no more, and what it signed
    within its span still verifies; `compromised` verifies nothing."""

    ACTIVE = "active"
    RETIRED = "retired"
    COMPROMISED = "compromised"


class RevocationStatus(StrEnum):
    REVOKED = "revoked"
    SUSPENDED = "suspended"


@dataclass(frozen=True)
class TrustedKey:
    """One signing key of the trust list. Its signatures count for tokens issued (`iat`) from
    `not_before` to `not_after`, both included, unless it is compromised."""

    public: PublicKey
    not_before: datetime
    not_after: datetime
    status: KeyStatus

    @property
    def kid(self) -> str:
        return self.public.kid

    def covers(self, issued_at: datetime) -> bool:
        return (
            self.status is not KeyStatus.COMPROMISED
            and self.not_before <= issued_at <= self.not_after
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "kid": self.kid,
            "jwk": self.public.members(),
            "not_before": numeric_date(self.not_before),
            "not_after": numeric_date(self.not_after),
            "status": str(self.status),
        }


@dataclass(frozen=True)
class TrustList:
    """A trust list whose signature held with the root it names (`root`)."""

    root: PublicKey
    issued_at: datetime
    keys: tuple[TrustedKey, ...]
    text: str = field(repr=False)

    def key(self, kid: str) -> TrustedKey | None:
        return next((k for k in self.keys if k.kid == kid), None)

    def summary(self) -> dict[str, Any]:
        return {"root": self.root.kid, "issued_at": self.issued_at.isoformat()}


@dataclass(frozen=True)
class Revocation:
    """One certificate withdrawn (`revoked`, final) or held (`suspended`, may be reinstated)."""

    number: str
    status: RevocationStatus
    reason: str
    at: datetime

    def __post_init__(self) -> None:
        if isinstance(self.status, str) and self.status in set(RevocationStatus):
            object.__setattr__(self, "status", RevocationStatus(self.status))

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "status": str(self.status),
            "reason": self.reason,
            "at": numeric_date(self.at),
        }

    def to_dict(self) -> dict[str, Any]:
        return {**self.to_json(), "at": self.at.isoformat()}


@dataclass(frozen=True)
class RevocationList:
    """A revocation list whose signature held with the trust list's root."""

    root_kid: str
    issued_at: datetime
    next_update: datetime
    entries: Mapping[str, Revocation]
    text: str = field(repr=False)

    def find(self, number: str) -> Revocation | None:
        return self.entries.get(number)

    def is_stale(self, now: datetime) -> bool:
        """Past its next update: it can still prove a revocation, no longer its absence."""
        return now > self.next_update

    def summary(self) -> dict[str, Any]:
        return {
            "root": self.root_kid,
            "issued_at": self.issued_at.isoformat(),
            "next_update": self.next_update.isoformat(),
            "entries": len(self.entries),
        }


# -- signing -----------------------------------------------------------------------------------


def sign_trust_list(root: PrivateKey, keys: Iterable[TrustedKey], *, now: datetime) -> str:
    """The trust list of `keys`, signed by `root`, issued `now`."""
    payload = {
        "iat": numeric_date(now),
        "root": {"kid": root.kid, "jwk": root.public.members()},
        "keys": [k.to_json() for k in keys],
    }
    return seal(payload, root, TRUST_LIST_TYPE)


def sign_revocation_list(
    root: PrivateKey,
    entries: Iterable[Revocation],
    *,
    now: datetime,
    next_update: datetime | None = None,
) -> str:
    """The revocation list of `entries`, signed by `root`, issued `now`, to be replaced by
    `next_update` (default: a week later). One entry per certificate number."""
    entries = list(entries)
    next_update = now + REVOCATIONS_VALID_FOR if next_update is None else next_update
    if next_update <= now:
        raise UsageError("credentials.bad-next-update")
    numbers = set()
    for entry in entries:
        _check_revocation(entry)
        if entry.number in numbers:
            raise UsageError("credentials.bad-revocation", number=entry.number)
        numbers.add(entry.number)
    payload = {
        "iat": numeric_date(now),
        "next_update": numeric_date(next_update),
        "root": root.kid,
        "entries": [e.to_json() for e in entries],
    }
    return seal(payload, root, REVOCATION_LIST_TYPE)


def _check_revocation(entry: Revocation) -> None:
    if (
        not isinstance(entry.number, str)
        or not entry.number
        or not isinstance(entry.status, RevocationStatus)
        or not isinstance(entry.reason, str)
        or not REASON_CODE.fullmatch(entry.reason)
    ):
        raise UsageError("credentials.bad-revocation", number=str(entry.number))
    numeric_date(entry.at)


# -- reading -----------------------------------------------------------------------------------


def read_trust_list(text: str, *, root_kid: str, file: Path | str | None = None) -> TrustList:
    """The trust list in `text`, if the root it names has the pinned key id `root_kid` and its
    signature holds with that root; otherwise `credentials.list-other-root`,
    `credentials.list-tampered` or `credentials.list-unreadable` (`file` names it there)."""
    where = {"list": TRUST_LIST, "file": _name(file)}
    try:
        envelope = open_envelope(text.strip(), TRUST_LIST_TYPE)
        payload = strict_json(envelope.payload)
        root = PublicKey.from_jwk(payload["root"]["jwk"])
    except (Rejected, ValueError, KeyError, TypeError):
        raise TarazError("credentials.list-unreadable", **where) from None
    if root.kid != root_kid:
        raise TarazError("credentials.list-other-root", found=root.kid, pinned=root_kid, **where)
    if envelope.kid != root.kid or payload["root"].get("kid") != root.kid:
        raise TarazError("credentials.list-tampered", **where)
    if not signature_holds(envelope, root):
        raise TarazError("credentials.list-tampered", **where)
    try:
        keys = tuple(_trusted_key(k) for k in payload["keys"])
        if len({k.kid for k in keys}) != len(keys):
            raise ValueError("a key listed twice")
        return TrustList(
            root=root, issued_at=_moment(payload["iat"]), keys=keys, text=envelope.compact
        )
    except (ValueError, KeyError, TypeError):
        raise TarazError("credentials.list-unreadable", **where) from None


def read_revocation_list(
    text: str, *, trust_list: TrustList, file: Path | str | None = None
) -> RevocationList:
    """The revocation list in `text`, if its signature holds with the root of `trust_list`."""
    where = {"list": REVOCATION_LIST, "file": _name(file)}
    try:
        envelope = open_envelope(text.strip(), REVOCATION_LIST_TYPE)
    except Rejected:
        raise TarazError("credentials.list-unreadable", **where) from None
    pinned = trust_list.root.kid
    if envelope.kid != pinned:
        raise TarazError("credentials.list-other-root", found=envelope.kid, pinned=pinned, **where)
    if not signature_holds(envelope, trust_list.root):
        raise TarazError("credentials.list-tampered", **where)
    try:
        payload = strict_json(envelope.payload)
        if payload["root"] != pinned:
            raise ValueError("another root")
        entries: dict[str, Revocation] = {}
        for item in payload["entries"]:
            entry = _revocation(item)
            if entry.number in entries:
                raise ValueError("a number twice")
            entries[entry.number] = entry
        return RevocationList(
            root_kid=pinned,
            issued_at=_moment(payload["iat"]),
            next_update=_moment(payload["next_update"]),
            entries=entries,
            text=envelope.compact,
        )
    except (ValueError, KeyError, TypeError):
        raise TarazError("credentials.list-unreadable", **where) from None


def load_trust_list(path: Path, *, root_kid: str) -> TrustList:
    """`read_trust_list` of a file; `credentials.list-missing` when there is none."""
    return read_trust_list(_read(path, TRUST_LIST), root_kid=root_kid, file=path)


def load_revocation_list(path: Path, *, trust_list: TrustList) -> RevocationList:
    """`read_revocation_list` of a file; `credentials.list-missing` when there is none."""
    return read_revocation_list(_read(path, REVOCATION_LIST), trust_list=trust_list, file=path)


def _read(path: Path, which: Localised) -> str:
    try:
        return Path(path).read_text("utf-8")
    except FileNotFoundError:
        raise TarazError("credentials.list-missing", list=which, file=str(path)) from None
    except (OSError, UnicodeDecodeError):
        raise TarazError("credentials.list-unreadable", list=which, file=str(path)) from None


def _name(file: Path | str | None) -> str | Localised:
    return str(file) if file else Localised("متن داده‌شده", "the text given")


def _moment(value: Any) -> datetime:
    if not is_numeric_date(value):
        raise ValueError("not a NumericDate")
    return moment_of(value)


def _trusted_key(item: Mapping[str, Any]) -> TrustedKey:
    public = PublicKey.from_jwk(item["jwk"])
    if item["kid"] != public.kid:
        raise ValueError("a kid that is not its key's thumbprint")
    key = TrustedKey(
        public=public,
        not_before=_moment(item["not_before"]),
        not_after=_moment(item["not_after"]),
        status=KeyStatus(item["status"]),
    )
    if key.not_after < key.not_before:
        raise ValueError("a span that ends before it starts")
    return key


def _revocation(item: Mapping[str, Any]) -> Revocation:
    number, reason = item["number"], item["reason"]
    if not isinstance(number, str) or not number:
        raise ValueError("a number is text")
    if not isinstance(reason, str) or not REASON_CODE.fullmatch(reason):
        raise ValueError("a reason is a code")
    return Revocation(number, RevocationStatus(item["status"]), reason, _moment(item["at"]))
