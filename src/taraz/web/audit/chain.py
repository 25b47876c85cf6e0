"""The hash chain of the audit trail: the canonical JSON of an event and the hash that links it
to the one before.

An event's hash is the SHA-256, in lowercase hex, of the previous event's hash (64 ASCII hex
characters; 64 zeros before the first event) followed by the canonical JSON of the event:

    hash = sha256(prev_hash.encode("ascii") + canonical_json(event)).hexdigest()

The canonical JSON is one object with exactly these keys, sorted, without whitespace, in UTF-8
(not ASCII-escaped), and no NaN or infinity:

    action    the action's stored value ("upload", "login", ...)
    at        when, in UTC, ISO-8601 with microseconds: "2026-11-26T10:46:00.123456Z"
    detail    the detail object, its keys sorted (at every depth)
    ip        the client address, or null: IPv4 dotted, IPv6 as eight groups of four
              lowercase hex digits (so the database's spelling of an address does not matter)
    outcome   text
    seq       the event's sequence number (1, 2, 3, ... without gaps)
    subject   text
    user_id   the acting user's id, or null
    username  the user name when it happened

A number in `detail` with an integral value is written as an integer (PostgreSQL's jsonb gives
`1e16` back as `10000000000000000` and `-0.0` as `0.0`); other numbers as Python writes the
shortest text that reads back as the same float.

This is a contract with every event already stored: changing it breaks the verification of
the whole trail. The migration that chained the existing events uses it too.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
FIELDS = ("action", "at", "detail", "ip", "outcome", "seq", "subject", "user_id", "username")


def canonical_json(
    *,
    seq: int,
    at: datetime,
    user_id: int | None,
    username: str,
    action: str,
    outcome: str,
    subject: str,
    detail: Any,
    ip: str | None,
) -> bytes:
    """The bytes of an event that its hash covers (besides the previous hash)."""
    row = {
        "action": action,
        "at": utc_text(at),
        "detail": _numbers(detail),
        "ip": canonical_ip(ip),
        "outcome": outcome,
        "seq": seq,
        "subject": subject,
        "user_id": user_id,
        "username": username,
    }
    text = json.dumps(
        row, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def link_hash(prev_hash: str, canonical: bytes) -> str:
    """The hash of an event: SHA-256 over the previous hash and the event's canonical JSON."""
    return hashlib.sha256(prev_hash.encode("ascii") + canonical).hexdigest()


def event_hash(prev_hash: str, event: Any) -> str:
    """The hash of an event (a model instance, historical or not) after `prev_hash`."""
    return link_hash(prev_hash, canonical_json(**{name: _value(event, name) for name in FIELDS}))


def utc_text(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_ip(ip: str | None) -> str | None:
    if ip is None or ip == "":
        return None
    return ipaddress.ip_address(ip).exploded


def _value(event: Any, name: str) -> Any:
    value = getattr(event, name)
    return str(value) if name == "ip" and value is not None else value


def _numbers(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _numbers(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_numbers(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
