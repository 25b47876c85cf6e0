"""The signed envelope every credential travels in: a compact JWS (RFC 7515) signed with ES256.

`seal` signs a JSON object under the header `{"alg":"ES256","kid":...,"typ":...}`; `open_envelope`
takes a compact JWS apart without trusting it, and `signature_holds` checks its signature with
jwcrypto. Both go through jwcrypto's `JWSCore` (the signing input `header.payload` and ES256)
rather than its `JWS` object, whose constructor deep-copies jwcrypto's header registry for every
token: over half of the signing time and 44% of the verifying (bench/README-certificates.md).
The checks `JWS` would add on top are this module's own, and stricter: the header exactly `alg`
ES256, `kid` and `typ`, so no `crit` and no `b64`. The reading is strict where a lenient one would let a changed token pass as the
original: each part must be canonical base64url (no padding, no stray low bits), the header
exactly those three names, no name twice, no NaN. Times are JSON NumericDates (RFC 7519: whole
seconds since 1970-01-01 UTC).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from jwcrypto.common import JWException
from jwcrypto.jws import JWSCore

from taraz.credentials.keys import PrivateKey, PublicKey

ALGORITHM = "ES256"
HEADER_NAMES = frozenset({"alg", "kid", "typ"})
_ALLOWED = [ALGORITHM]
_COMPACT = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


class Rejected(Exception):
    """An envelope that cannot be read (`unreadable`) or is not in the expected form
    (`bad-format`); `reason` says which."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Envelope:
    """A compact JWS taken apart, its signature not yet checked."""

    compact: str
    header: Mapping[str, Any]
    payload: bytes

    @property
    def kid(self) -> str:
        return self.header["kid"]


def seal(payload: Mapping[str, Any], key: PrivateKey, typ: str) -> str:
    """`payload` as compact JSON (UTF-8, no spaces), signed by `key` as a compact JWS."""
    header = compact_json({"alg": ALGORITHM, "kid": key.kid, "typ": typ})
    core = JWSCore(ALGORITHM, key.jwk, header, compact_json(payload).encode("utf-8"), _ALLOWED)
    signed = core.sign()
    return f"{signed['protected']}.{signed['payload'].decode('ascii')}.{signed['signature']}"


def open_envelope(text: str, typ: str) -> Envelope:
    """The envelope of a compact JWS whose header says ES256 and `typ`; raises `Rejected`:
    `unreadable` when it is not a compact JWS with a JSON header, `bad-format` when the header
    is not exactly `alg` ES256, a text `kid` and `typ`."""
    if not _COMPACT.fullmatch(text):
        raise Rejected("unreadable")
    header_part, payload_part, signature_part = text.split(".")
    try:
        header = strict_json(b64decode(header_part))
        payload = b64decode(payload_part)
        b64decode(signature_part)
    except ValueError:
        raise Rejected("unreadable") from None
    if not isinstance(header, dict):
        raise Rejected("unreadable")
    if (
        set(header) != HEADER_NAMES
        or header["alg"] != ALGORITHM
        or header["typ"] != typ
        or not isinstance(header["kid"], str)
        or not header["kid"]
    ):
        raise Rejected("bad-format")
    return Envelope(text, header, payload)


def signature_holds(envelope: Envelope, key: PublicKey) -> bool:
    """True when the envelope was signed, as it is, by the private half of `key`."""
    header_part, _, signature_part = envelope.compact.split(".")
    # open_envelope took only canonical base64url, so encoding the decoded header and payload
    # again gives back the very signing input of the token
    header = b64decode(header_part).decode("utf-8")
    try:
        core = JWSCore(ALGORITHM, key.jwk, header, envelope.payload, _ALLOWED)
        core.verify(b64decode(signature_part))
    except (JWException, ValueError):
        return False
    return True


def payload_object(envelope: Envelope) -> dict[str, Any]:
    """The payload as a JSON object; raises `Rejected("bad-format")` otherwise."""
    try:
        payload = strict_json(envelope.payload)
    except ValueError:
        raise Rejected("bad-format") from None
    if not isinstance(payload, dict):
        raise Rejected("bad-format")
    return payload


# -- JSON and base64url ------------------------------------------------------------------------


def compact_json(value: Any) -> str:
    """JSON with no spaces, non-ASCII as it is (Persian takes two bytes a letter, not six)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def strict_json(data: bytes) -> Any:
    """JSON from UTF-8 bytes; ValueError for a name given twice, NaN or Infinity, or bad text."""
    return json.loads(
        data.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_no_constant
    )


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise ValueError("a name is given twice")
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def b64encode(data: bytes) -> str:
    """base64url without padding (RFC 7515, section 2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64decode(text: str) -> bytes:
    """The bytes of canonical base64url without padding; ValueError for anything else, so that
    two spellings of the same bytes (the low bits of the last letter) cannot both pass."""
    if len(text) % 4 == 1 or not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise ValueError("not base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error as exc:
        raise ValueError("not base64url") from exc
    if b64encode(data) != text:
        raise ValueError("not canonical base64url")
    return data


# -- NumericDate -------------------------------------------------------------------------------


def numeric_date(moment: datetime) -> int:
    """Whole seconds since 1970-01-01 UTC of a timezone-aware moment (fractions dropped)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise TypeError("a moment of a credential needs a timezone (datetime.now(UTC))")
    return int(moment.timestamp())


def moment_of(seconds: int) -> datetime:
    """The UTC moment of a NumericDate."""
    return datetime.fromtimestamp(seconds, UTC)


def is_numeric_date(value: Any) -> bool:
    """A whole, non-negative number of seconds (not a boolean), within datetime's range."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 253402300800
