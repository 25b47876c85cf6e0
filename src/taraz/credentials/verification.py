"""One verdict on a certificate token, the same for the command line, the checker page and the
offline verifier: valid, or the first reason it is not.

The steps, in order (the first that fails gives the reason):

1. `unreadable`: not a compact JWS (three canonical base64url parts, a JSON header), a link
   whose fragment has no `t=`, or longer than `MAX_TOKEN_LENGTH` letters.
2. `bad-format`: the header is not exactly `alg` ES256, `kid` and `typ` taraz-certificate.
3. `unknown-key`: the trust list has no key of that `kid`.
4. `bad-signature`: the signature does not hold with that key.
5. `bad-format`: the payload is not a JSON object with a text `jti` and a NumericDate `iat`
   (and NumericDates in `nbf`, `exp` when present). Only now is the payload read.
6. `key-not-valid`: the key is compromised, or `iat` lies outside its span.
7. `claims`: `iat` or `nbf` is later than now (with `LEEWAY` for a verifier's clock), or `exp`
   is not after `iat` and `nbf`.
8. `revoked`, `suspended`: the revocation list names the number (a stale list still proves it).
9. `expired`: now is at or past `exp`.
10. `stale-list`: everything holds, but the revocation list is past its `next_update`, too old
    to say the certificate was not withdrawn since.

Claims are returned only once the signature holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from taraz.credentials.envelope import (
    Rejected,
    is_numeric_date,
    moment_of,
    numeric_date,
    open_envelope,
    payload_object,
    signature_holds,
)
from taraz.credentials.lists import (
    REVOCATION_LIST,
    Revocation,
    RevocationList,
    RevocationStatus,
    TrustList,
)
from taraz.credentials.tokens import NUMBER_CLAIM, TOKEN_TYPE, token_from_text
from taraz.errors import Localised, TarazError

LEEWAY = timedelta(minutes=5)
MAX_TOKEN_LENGTH = 8192  # a certificate's token is under a thousand letters; a QR holds < 3 KB


class Reason(StrEnum):
    UNREADABLE = "unreadable"
    BAD_FORMAT = "bad-format"
    UNKNOWN_KEY = "unknown-key"
    BAD_SIGNATURE = "bad-signature"
    KEY_NOT_VALID = "key-not-valid"
    CLAIMS = "claims"
    REVOKED = "revoked"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    STALE_LIST = "stale-list"


# each reason's entry in the error catalogue (its wording in Persian and English)
CODES: dict[Reason, str] = {
    Reason.UNREADABLE: "credentials.unreadable",
    Reason.BAD_FORMAT: "credentials.bad-format",
    Reason.UNKNOWN_KEY: "credentials.unknown-key",
    Reason.BAD_SIGNATURE: "credentials.bad-signature",
    Reason.KEY_NOT_VALID: "credentials.key-not-valid",
    Reason.CLAIMS: "credentials.claims",
    Reason.REVOKED: "credentials.revoked",
    Reason.SUSPENDED: "credentials.suspended",
    Reason.EXPIRED: "credentials.expired",
    Reason.STALE_LIST: "credentials.stale-list",
}


@dataclass(frozen=True)
class Verdict:
    """The answer on one token: `valid`, or the `reason` it is not; the claims when the
    signature held; the key that signed and the revocation entry where they matter."""

    valid: bool
    reason: Reason | None
    checked_at: datetime
    claims: dict[str, Any] | None = None
    kid: str | None = None
    revocation: Revocation | None = None

    @property
    def code(self) -> str | None:
        return CODES[self.reason] if self.reason else None

    def error(self, lang: str | None = None) -> TarazError | None:
        """The reason as the catalogue's error; with `lang`, a revocation's reason is named in
        that language's words (else its code)."""
        if self.reason is None:
            return None
        fields: dict[str, Any] = {}
        if self.kid is not None:
            fields["kid"] = self.kid
        if self.claims is not None:
            fields["number"] = self.claims.get(NUMBER_CLAIM)
        if self.revocation is not None:
            reason = self.revocation.reason
            if lang is not None:
                from taraz.credentials.summary import reason_name

                reason = reason_name(reason, lang)
            fields["reason"] = reason
        return TarazError(CODES[self.reason], **fields)

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "reason": str(self.reason) if self.reason else None,
            "claims": self.claims,
            "kid": self.kid,
            "revocation": self.revocation.to_dict() if self.revocation else None,
            "checked_at": self.checked_at.isoformat(),
        }


def verify(
    token: str, trust_list: TrustList, revocations: RevocationList, *, now: datetime
) -> Verdict:
    """The verdict on `token` (a token or a link holding one) at `now`, by a trust list and a
    revocation list already checked against the pinned root."""
    numeric_date(now)  # a moment with its timezone
    if revocations.root_kid != trust_list.root.kid:
        raise TarazError(
            "credentials.list-other-root",
            list=REVOCATION_LIST,
            file=Localised("متن داده‌شده", "the text given"),
            found=revocations.root_kid,
            pinned=trust_list.root.kid,
        )

    def no(reason: Reason, **known: Any) -> Verdict:
        return Verdict(False, reason, now, **known)

    try:
        text = token_from_text(token)
        if len(text) > MAX_TOKEN_LENGTH:
            raise ValueError("longer than any certificate")
        envelope = open_envelope(text, TOKEN_TYPE)
    except ValueError:
        return no(Reason.UNREADABLE)
    except Rejected as rejected:
        return no(Reason(rejected.reason))
    kid = envelope.kid
    key = trust_list.key(kid)
    if key is None:
        return no(Reason.UNKNOWN_KEY, kid=kid)
    if not signature_holds(envelope, key.public):
        return no(Reason.BAD_SIGNATURE, kid=kid)
    try:
        claims = payload_object(envelope)
    except Rejected:
        return no(Reason.BAD_FORMAT, kid=kid)
    if not _well_formed(claims):
        return no(Reason.BAD_FORMAT, kid=kid)
    known: dict[str, Any] = {"kid": kid, "claims": claims}
    issued = moment_of(claims["iat"])
    if not key.covers(issued):
        return no(Reason.KEY_NOT_VALID, **known)
    starts = moment_of(claims.get("nbf", claims["iat"]))
    expires = moment_of(claims["exp"]) if "exp" in claims else None
    if issued > now + LEEWAY or starts > now + LEEWAY:
        return no(Reason.CLAIMS, **known)
    if expires is not None and expires <= max(issued, starts):
        return no(Reason.CLAIMS, **known)
    revocation = revocations.find(claims[NUMBER_CLAIM])
    if revocation is not None:
        reason = (
            Reason.REVOKED if revocation.status is RevocationStatus.REVOKED else Reason.SUSPENDED
        )
        return no(reason, revocation=revocation, **known)
    if expires is not None and now >= expires:
        return no(Reason.EXPIRED, **known)
    if revocations.is_stale(now):
        return no(Reason.STALE_LIST, **known)
    return Verdict(True, None, now, **known)


def _well_formed(claims: dict[str, Any]) -> bool:
    number = claims.get(NUMBER_CLAIM)
    if not isinstance(number, str) or not number:
        return False
    if not is_numeric_date(claims.get("iat")):
        return False
    return all(is_numeric_date(claims[name]) for name in ("nbf", "exp") if name in claims)
