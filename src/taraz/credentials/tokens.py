"""Certificate tokens: the claims of a certificate signed by the current signing key, and the link
that carries a token in its fragment.

A token is a compact JWS (typ `taraz-certificate`) whose payload is a JSON object of claims: the
caller's, which must include `jti` (the certificate's number, as revocation lists name it), and
the times this module sets from its arguments: `iat` (issued), and `nbf` (valid from) and `exp`
(expires) when given, as NumericDates. docs/credentials.md lists the claim names.

The link: `https://host/verify#t=<token>`. The token goes in the fragment, which a browser never
sends to a server; other `name=value` pairs of the fragment, separated by `&`, are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from taraz.credentials.envelope import compact_json, numeric_date, seal
from taraz.credentials.keys import Passphrase, PrivateKey, passphrase_from_environment
from taraz.errors import UsageError

if TYPE_CHECKING:
    from taraz.credentials.keystore import KeyStore

TOKEN_TYPE = "taraz-certificate"
NUMBER_CLAIM = "jti"
TIME_CLAIMS = ("iat", "nbf", "exp")
FRAGMENT_NAME = "t"
# what a copy from a page or a PDF may add inside a token: spaces, line breaks, soft hyphens,
# zero-width and bidirectional marks (Persian output puts a token in an isolate)
_NOISE = re.compile("[\\s\u00ad\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+")


def sign_token(
    claims: Mapping[str, Any],
    key: PrivateKey,
    *,
    now: datetime,
    expires: datetime | None = None,
    not_before: datetime | None = None,
) -> str:
    """The token of `claims` signed by `key`: `iat` is `now`, `exp` and `nbf` the moments given."""
    payload = _payload(claims, now, expires, not_before)
    return seal(payload, key, TOKEN_TYPE)


def issue(
    claims: Mapping[str, Any],
    *,
    now: datetime,
    expires: datetime | None = None,
    not_before: datetime | None = None,
    store: KeyStore | None = None,
    passphrase: Passphrase | None = None,
) -> str:
    """A token of `claims` signed by the current signing key of `store` (default: the keys
    folder of the environment), opened with `passphrase` (default: from the environment).
    To sign many, take `store.signing_key(...)` once and call `sign_token`."""
    from taraz.credentials.keystore import KeyStore

    store = KeyStore.default() if store is None else store
    passphrase = passphrase_from_environment() if passphrase is None else passphrase
    key = store.signing_key(passphrase, now=now)
    return sign_token(claims, key, now=now, expires=expires, not_before=not_before)


def verification_link(base_url: str, token: str) -> str:
    """`base_url#t=<token>`: the link of a certificate's QR code."""
    return f"{base_url.split('#', 1)[0]}#{FRAGMENT_NAME}={token}"


def token_from_text(text: str) -> str:
    """The token in `text`: a token, or a link whose fragment holds `t=<token>`; spaces, line
    breaks and invisible marks a copy may add are dropped. ValueError when a link has no `t=`."""
    text = _NOISE.sub("", text)
    if "#" not in text:
        return text
    fragment = text.split("#", 1)[1]
    for pair in fragment.split("&"):
        name, _, value = pair.partition("=")
        if name == FRAGMENT_NAME and value:
            return unquote(value)
    raise ValueError("a link without a token in its fragment")


def _payload(
    claims: Mapping[str, Any],
    now: datetime,
    expires: datetime | None,
    not_before: datetime | None,
) -> dict[str, Any]:
    if not isinstance(claims, Mapping) or not all(isinstance(k, str) for k in claims):
        raise UsageError("credentials.claims-not-object")
    for name in TIME_CLAIMS:
        if name in claims:
            raise UsageError("credentials.claim-reserved", name=name)
    number = claims.get(NUMBER_CLAIM)
    if not isinstance(number, str) or not number:
        raise UsageError("credentials.claim-missing", name=NUMBER_CLAIM)
    payload = dict(claims)
    payload["iat"] = numeric_date(now)
    if not_before is not None:
        payload["nbf"] = numeric_date(not_before)
    if expires is not None:
        payload["exp"] = numeric_date(expires)
        if payload["exp"] <= max(payload["iat"], payload.get("nbf", 0)):
            raise UsageError("credentials.bad-validity")
    try:
        compact_json(payload)
    except (TypeError, ValueError):
        raise UsageError("credentials.claims-not-object") from None
    return payload
