"""An issuer with real keys in a temporary folder, at a fixed moment: tokens, lists and verdicts
with every time given explicitly (no clock, no sleep)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from taraz.credentials import (
    KeyStore,
    Passphrase,
    Revocation,
    RevocationList,
    TrustList,
    Verdict,
    read_revocation_list,
    sign_revocation_list,
    sign_token,
    verify,
)

NOW = datetime(2026, 3, 21, 8, 0, tzinfo=UTC)  # 1 Farvardin 1405, 11:30 in Tehran
PASSPHRASE = "tests only: the seven tiles of Yazd"
NUMBER = "1405/QC/00001"


@dataclass
class Issuer:
    store: KeyStore
    passphrase: Passphrase

    def token(
        self,
        number: str = NUMBER,
        *,
        at: datetime = NOW,
        expires: datetime | None = None,
        not_before: datetime | None = None,
        kid: str | None = None,
        **claims,
    ) -> str:
        """A token signed at `at` by the signing key current then (or key `kid`)."""
        key = (
            self.store.private_key(kid, self.passphrase)
            if kid
            else self.store.signing_key(self.passphrase, now=at)
        )
        return sign_token(
            {"jti": number, "knd": "quality", **claims},
            key,
            now=at,
            expires=expires,
            not_before=not_before,
        )

    def trust_list(self) -> TrustList:
        return self.store.trust_list()

    def revocations(
        self,
        *entries: Revocation,
        at: datetime = NOW,
        next_update: datetime | None = None,
    ) -> RevocationList:
        """A revocation list of `entries` signed by the root at `at` (a week's validity)."""
        root = self.store.private_key(self.store.root().kid, self.passphrase)
        text = sign_revocation_list(root, entries, now=at, next_update=next_update)
        return read_revocation_list(text, trust_list=self.trust_list())

    def verify(
        self, token: str, *, now: datetime = NOW, revocations: RevocationList | None = None
    ) -> Verdict:
        revocations = self.revocations() if revocations is None else revocations
        return verify(token, self.trust_list(), revocations, now=now)


def make_issuer(folder: Path, at: datetime = NOW) -> Issuer:
    passphrase = Passphrase(PASSPHRASE)
    store = KeyStore(folder)
    store.init(passphrase, now=at)
    return Issuer(store, passphrase)


@pytest.fixture
def issuer(tmp_path) -> Issuer:
    return make_issuer(tmp_path / "keys")


@pytest.fixture
def other_issuer(tmp_path) -> Issuer:
    """Another organization: its own root and signing key."""
    return make_issuer(tmp_path / "other-keys")


def days(n: float) -> timedelta:
    return timedelta(days=n)
