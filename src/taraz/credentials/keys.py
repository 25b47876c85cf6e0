"""Keys: ECDSA P-256 pairs, their key ids, and private keys encrypted at rest with a passphrase.

A key id (`kid`) is the RFC 7638 thumbprint of the public key: SHA-256 over the JWK's required
members `{"crv","kty","x","y"}` in that order with no spaces, in base64url (43 letters). Anyone
holding the public key computes it, so a kid printed on paper pins the key.

Private keys are PKCS#8 PEM encrypted with the passphrase (cryptography's best available
encryption: PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC). The passphrase comes from
`$TARAZ_KEYS_PASSPHRASE` or the file named by `$TARAZ_KEYS_PASSPHRASE_FILE`, and never shows
itself: not in a repr, an error, a log line or a traceback's locals.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from jwcrypto.common import JWException
from jwcrypto.jwk import JWK

from taraz.errors import TarazError, UsageError

PASSPHRASE_ENV = "TARAZ_KEYS_PASSPHRASE"
PASSPHRASE_FILE_ENV = "TARAZ_KEYS_PASSPHRASE_FILE"
MIN_PASSPHRASE = 16  # characters, for new keys: PBKDF2's 2048 rounds slow a guess only a little
JWK_MEMBERS = ("crv", "kty", "x", "y")


class Passphrase:
    """The passphrase of the private keys. It has no readable `repr` or `str`: only `reveal()`
    gives its bytes, to the one call that decrypts or encrypts."""

    __slots__ = ("_value",)

    def __init__(self, value: str | bytes) -> None:
        self._value = value.encode("utf-8") if isinstance(value, str) else bytes(value)

    def reveal(self) -> bytes:
        return self._value

    def __len__(self) -> int:
        return len(self._value.decode("utf-8", "replace"))

    def __repr__(self) -> str:
        return "Passphrase(<hidden>)"

    __str__ = __repr__

    def __reduce__(self):
        raise TypeError("a passphrase is not pickled")


def passphrase_from_environment(environ: Mapping[str, str] | None = None) -> Passphrase:
    """The passphrase from `$TARAZ_KEYS_PASSPHRASE_FILE` (the file's text, less one final line
    break) or `$TARAZ_KEYS_PASSPHRASE`; a usage error naming the variables when neither or both
    are set. An error names the file, never what is in it."""
    env = os.environ if environ is None else environ
    inline, file = env.get(PASSPHRASE_ENV), env.get(PASSPHRASE_FILE_ENV)
    if inline and file:
        raise UsageError("credentials.passphrase-twice")
    if file:
        try:
            text = Path(file).expanduser().read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            detail = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise UsageError("credentials.passphrase-file", file=file, detail=detail) from None
        text = text.removesuffix("\n").removesuffix("\r")
        if not text:
            raise UsageError("credentials.passphrase-file", file=file, detail="empty")
        return Passphrase(text)
    if inline:
        return Passphrase(inline)
    raise UsageError("credentials.no-passphrase")


def check_new_passphrase(passphrase: Passphrase) -> None:
    """New keys are encrypted only with a passphrase of `MIN_PASSPHRASE` characters or more."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise UsageError("credentials.weak-passphrase", min=MIN_PASSPHRASE)


def thumbprint(jwk: Mapping[str, Any]) -> str:
    """The RFC 7638 thumbprint (SHA-256, base64url) of a public EC JWK: its key id."""
    return JWK(**{name: jwk[name] for name in JWK_MEMBERS}).thumbprint()


class PublicKey:
    """A P-256 public key, as its JWK (`kty`, `crv`, `x`, `y`) and its key id."""

    def __init__(self, jwk: JWK) -> None:
        self.jwk = jwk

    @classmethod
    def from_jwk(cls, members: Mapping[str, Any]) -> PublicKey:
        """A public key from JWK members; ValueError when they are not a P-256 point."""
        if not isinstance(members, Mapping):
            raise ValueError("a JWK is a JSON object")
        if members.get("kty") != "EC" or members.get("crv") != "P-256":
            raise ValueError("not a P-256 key")
        if "d" in members:
            raise ValueError("a private key where a public key belongs")
        fields = {name: members.get(name) for name in JWK_MEMBERS}
        if not all(isinstance(v, str) for v in fields.values()):
            raise ValueError("a JWK's members are text")
        try:
            return cls(JWK(**fields))  # checks that (x, y) is on the curve
        except (JWException, ValueError, TypeError) as exc:
            raise ValueError("not a P-256 point") from exc

    @cached_property
    def kid(self) -> str:
        return self.jwk.thumbprint()

    def members(self) -> dict[str, str]:
        """The JWK's members, for a list or a file."""
        exported = self.jwk.export_public(as_dict=True)
        return {name: exported[name] for name in ("kty", "crv", "x", "y")}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PublicKey) and other.kid == self.kid

    def __hash__(self) -> int:
        return hash(self.kid)

    def __repr__(self) -> str:
        return f"PublicKey({self.kid})"


class PrivateKey:
    """A P-256 private key. Its `repr` names its key id only."""

    def __init__(self, key: ec.EllipticCurvePrivateKey) -> None:
        if not isinstance(key.curve, ec.SECP256R1):
            raise ValueError("taraz signs with P-256 keys only")
        self._key = key

    @classmethod
    def generate(cls) -> PrivateKey:
        return cls(ec.generate_private_key(ec.SECP256R1()))

    @classmethod
    def from_encrypted_pem(cls, data: bytes, passphrase: Passphrase, *, kid: str) -> PrivateKey:
        """The key of an encrypted PKCS#8 PEM file. `credentials.wrong-passphrase` when the
        passphrase does not open it, `credentials.key-file` when it is not such a file (an
        unencrypted key included: taraz never keeps one)."""
        if b"-----BEGIN ENCRYPTED PRIVATE KEY-----" not in data:
            raise TarazError("credentials.key-file", kid=kid)
        try:
            key = serialization.load_pem_private_key(data, password=passphrase.reveal())
        except ValueError:
            # a wrong passphrase, or a damaged file: cryptography cannot tell them apart
            raise TarazError("credentials.wrong-passphrase", kid=kid) from None
        except (TypeError, UnsupportedAlgorithm):
            raise TarazError("credentials.key-file", kid=kid) from None
        if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(
            key.curve, ec.SECP256R1
        ):
            raise TarazError("credentials.key-file", kid=kid)
        loaded = cls(key)
        if loaded.kid != kid:
            raise TarazError("credentials.key-file", kid=kid)
        return loaded

    def to_encrypted_pem(self, passphrase: Passphrase) -> bytes:
        return self._key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase.reveal()),
        )

    @cached_property
    def jwk(self) -> JWK:
        return JWK.from_pyca(self._key)

    @cached_property
    def public(self) -> PublicKey:
        return PublicKey(JWK.from_pyca(self._key.public_key()))

    @property
    def kid(self) -> str:
        return self.public.kid

    def __repr__(self) -> str:
        return f"PrivateKey({self.kid})"
