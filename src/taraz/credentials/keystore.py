"""The keys folder: the root key, the signing keys and the lists they sign, outside the database
and the repository.

    $TARAZ_KEYS_DIR (default $XDG_DATA_HOME/taraz/keys), mode 0700
      keys.json          public metadata of every key: kid, role, status, span, created, JWK
      <kid>.pem          each private key, PKCS#8 PEM encrypted with the passphrase, mode 0600
      trust-list.jws     the trust list, signed by the root
      revocations.jws    the revocation list, signed by the root

Every file is written whole (a temporary file renamed over it) with mode 0600, and a private
key that others may read is refused, as ssh refuses it. Changes hold a lock on the folder, so
two rotations at once cannot both write.
"""

from __future__ import annotations

import fcntl
import json
import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from taraz.credentials.envelope import moment_of, numeric_date
from taraz.credentials.keys import (
    Passphrase,
    PrivateKey,
    PublicKey,
    check_new_passphrase,
)
from taraz.credentials.lists import (
    KeyStatus,
    Revocation,
    RevocationList,
    TrustedKey,
    TrustList,
    load_revocation_list,
    load_trust_list,
    sign_revocation_list,
    sign_trust_list,
)
from taraz.errors import TarazError

KEYS_DIR_ENV = "TARAZ_KEYS_DIR"
METADATA_FILE = "keys.json"
TRUST_LIST_FILE = "trust-list.jws"
REVOCATION_LIST_FILE = "revocations.jws"
LOCK_FILE = ".lock"
ROOT_VALIDITY = timedelta(days=3650)
SIGNING_VALIDITY = timedelta(days=365)


class Role(StrEnum):
    ROOT = "root"  # signs the trust list and the revocation list, nothing else
    SIGNING = "signing"  # signs certificates, for a year


@dataclass(frozen=True)
class KeyInfo:
    """The public metadata of one key, as `keys.json` keeps it."""

    public: PublicKey
    role: Role
    status: KeyStatus
    not_before: datetime
    not_after: datetime
    created: datetime

    @property
    def kid(self) -> str:
        return self.public.kid

    @property
    def file(self) -> str:
        return f"{self.kid}.pem"

    def trusted(self) -> TrustedKey:
        return TrustedKey(self.public, self.not_before, self.not_after, self.status)

    def to_dict(self) -> dict[str, Any]:
        """The metadata without the JWK: what `taraz keys list --json` prints."""
        return {
            "kid": self.kid,
            "role": str(self.role),
            "status": str(self.status),
            "not_before": self.not_before.isoformat(),
            "not_after": self.not_after.isoformat(),
            "created": self.created.isoformat(),
        }

    def to_json(self) -> dict[str, Any]:
        return {**self.to_dict(), "jwk": self.public.members()}

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> KeyInfo:
        public = PublicKey.from_jwk(item["jwk"])
        if public.kid != item["kid"]:
            raise ValueError("a kid that is not its key's thumbprint")
        return cls(
            public=public,
            role=Role(item["role"]),
            status=KeyStatus(item["status"]),
            not_before=_aware(item["not_before"]),
            not_after=_aware(item["not_after"]),
            created=_aware(item["created"]),
        )


def default_keys_dir() -> Path:
    """`$TARAZ_KEYS_DIR`, or `taraz/keys` in `$XDG_DATA_HOME` (`~/.local/share`)."""
    named = os.environ.get(KEYS_DIR_ENV)
    if named:
        return Path(named).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "taraz" / "keys"


class KeyStore:
    """The keys folder at `path` (`KeyStore.default()`: `default_keys_dir()`)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path).expanduser()

    @classmethod
    def default(cls) -> KeyStore:
        return cls(default_keys_dir())

    @property
    def trust_list_path(self) -> Path:
        return self.path / TRUST_LIST_FILE

    @property
    def revocation_list_path(self) -> Path:
        return self.path / REVOCATION_LIST_FILE

    def exists(self) -> bool:
        """True when the folder holds keys (or their metadata)."""
        return (self.path / METADATA_FILE).exists() or any(self.path.glob("*.pem"))

    # -- reading -------------------------------------------------------------------------------

    def all_keys(self) -> list[KeyInfo]:
        """Every key, root first, then the signing keys in the order they were made."""
        try:
            data = json.loads((self.path / METADATA_FILE).read_text("utf-8"))
        except FileNotFoundError:
            raise TarazError("credentials.no-keys", folder=str(self.path)) from None
        except (OSError, ValueError):
            raise TarazError("credentials.keys-file", file=str(self.path / METADATA_FILE)) from None
        try:
            keys = [KeyInfo.from_json(item) for item in data["keys"]]
        except (ValueError, KeyError, TypeError):
            raise TarazError("credentials.keys-file", file=str(self.path / METADATA_FILE)) from None
        if [k.role for k in keys].count(Role.ROOT) != 1:
            raise TarazError("credentials.keys-file", file=str(self.path / METADATA_FILE))
        return sorted(keys, key=lambda k: k.role is not Role.ROOT)  # then as made: stable

    def root(self) -> KeyInfo:
        return next(k for k in self.all_keys() if k.role is Role.ROOT)

    def signing_keys(self) -> list[KeyInfo]:
        return [k for k in self.all_keys() if k.role is Role.SIGNING]

    def find(self, kid: str) -> KeyInfo:
        found = next((k for k in self.all_keys() if k.kid == kid), None)
        if found is None:
            raise TarazError("credentials.unknown-kid", kid=kid, folder=str(self.path))
        return found

    def current_signing_key(self, *, now: datetime) -> KeyInfo:
        """The active signing key whose span holds `now`."""
        for key in reversed(self.signing_keys()):
            if key.status is KeyStatus.ACTIVE and key.not_before <= now <= key.not_after:
                return key
        raise TarazError("credentials.no-signing-key", folder=str(self.path))

    def private_key(self, kid: str, passphrase: Passphrase) -> PrivateKey:
        """The private key `kid`, decrypted with `passphrase`."""
        path = self.path / self.find(kid).file
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            raise TarazError("credentials.key-file-missing", kid=kid, file=str(path)) from None
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise TarazError(
                "credentials.unsafe-permissions", file=str(path), mode=oct(stat.S_IMODE(mode))
            )
        return PrivateKey.from_encrypted_pem(path.read_bytes(), passphrase, kid=kid)

    def signing_key(self, passphrase: Passphrase, *, now: datetime) -> PrivateKey:
        """The current signing key, decrypted: what `issue` signs with."""
        return self.private_key(self.current_signing_key(now=now).kid, passphrase)

    def trust_list(self) -> TrustList:
        """The folder's trust list, checked against the folder's root."""
        return load_trust_list(self.trust_list_path, root_kid=self.root().kid)

    def revocation_list(self, trust_list: TrustList | None = None) -> RevocationList:
        """The folder's revocation list, checked against the root of the trust list."""
        trust_list = self.trust_list() if trust_list is None else trust_list
        return load_revocation_list(self.revocation_list_path, trust_list=trust_list)

    # -- changing ------------------------------------------------------------------------------

    def init(
        self,
        passphrase: Passphrase,
        *,
        now: datetime,
        root_validity: timedelta = ROOT_VALIDITY,
        signing_validity: timedelta = SIGNING_VALIDITY,
    ) -> tuple[KeyInfo, KeyInfo]:
        """A new root and a first signing key, the trust list naming it and an empty revocation
        list; refused (`credentials.keys-exist`) when the folder holds keys already."""
        check_new_passphrase(passphrase)
        now = _whole_second(now)
        self._make_folder()
        with self._locked():
            if self.exists():
                raise TarazError("credentials.keys-exist", folder=str(self.path))
            root_key, signing_key = PrivateKey.generate(), PrivateKey.generate()
            root = self._new_key(root_key, Role.ROOT, now, root_validity, passphrase)
            signing = self._new_key(signing_key, Role.SIGNING, now, signing_validity, passphrase)
            self._write_keys([root, signing])
            self._publish_trust_list(root_key, [signing], now)
            self._write(
                self.revocation_list_path, sign_revocation_list(root_key, [], now=now).encode()
            )
        return root, signing

    def rotate(
        self,
        passphrase: Passphrase,
        *,
        now: datetime,
        signing_validity: timedelta = SIGNING_VALIDITY,
    ) -> tuple[KeyInfo, list[KeyInfo]]:
        """A new signing key from `now`; the active ones retire, their span cut at `now`: what
        they signed until then still verifies. Returns the new key and the retired ones."""
        now = _whole_second(now)
        with self._locked():
            keys = self.all_keys()
            root_key = self.private_key(self._root_of(keys).kid, passphrase)
            retired, kept = [], []
            for key in keys:
                if key.role is Role.SIGNING and key.status is KeyStatus.ACTIVE:
                    key = replace(key, status=KeyStatus.RETIRED, not_after=min(key.not_after, now))
                    retired.append(key)
                kept.append(key)
            new = self._new_key(
                PrivateKey.generate(), Role.SIGNING, now, signing_validity, passphrase
            )
            kept.append(new)
            self._write_keys(kept)
            self._publish_trust_list(root_key, [k for k in kept if k.role is Role.SIGNING], now)
        return new, retired

    def compromise(self, kid: str, passphrase: Passphrase, *, now: datetime) -> KeyInfo:
        """Mark signing key `kid` compromised and publish the trust list that says so: nothing
        it signed verifies any more (`key-not-valid`), whenever it says it was signed."""
        now = _whole_second(now)
        with self._locked():
            keys = self.all_keys()
            target = next((k for k in keys if k.kid == kid), None)
            if target is None:
                raise TarazError("credentials.unknown-kid", kid=kid, folder=str(self.path))
            if target.role is Role.ROOT:
                raise TarazError("credentials.root-compromise", kid=kid)
            if target.status is KeyStatus.COMPROMISED:
                raise TarazError("credentials.already-compromised", kid=kid)
            root_key = self.private_key(self._root_of(keys).kid, passphrase)
            marked = replace(target, status=KeyStatus.COMPROMISED)
            keys = [marked if k.kid == kid else k for k in keys]
            self._write_keys(keys)
            self._publish_trust_list(root_key, [k for k in keys if k.role is Role.SIGNING], now)
        return marked

    def publish_revocations(
        self,
        entries: Iterable[Revocation],
        passphrase: Passphrase,
        *,
        now: datetime,
        next_update: datetime | None = None,
    ) -> RevocationList:
        """Sign and write the revocation list of `entries` (all of them: it replaces the last)."""
        with self._locked():
            root = self.root()
            text = sign_revocation_list(
                self.private_key(root.kid, passphrase), entries, now=now, next_update=next_update
            )
            self._write(self.revocation_list_path, text.encode())
        return self.revocation_list()

    # -- the folder ----------------------------------------------------------------------------

    @staticmethod
    def _root_of(keys: list[KeyInfo]) -> KeyInfo:
        return next(k for k in keys if k.role is Role.ROOT)

    def _new_key(
        self,
        key: PrivateKey,
        role: Role,
        now: datetime,
        validity: timedelta,
        passphrase: Passphrase,
    ) -> KeyInfo:
        info = KeyInfo(key.public, role, KeyStatus.ACTIVE, now, now + validity, now)
        self._write(self.path / info.file, key.to_encrypted_pem(passphrase), exclusive=True)
        return info

    def _write_keys(self, keys: list[KeyInfo]) -> None:
        data = {"version": 1, "keys": [k.to_json() for k in keys]}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        self._write(self.path / METADATA_FILE, text.encode("utf-8"))

    def _publish_trust_list(
        self, root_key: PrivateKey, signing: list[KeyInfo], now: datetime
    ) -> None:
        text = sign_trust_list(root_key, [k.trusted() for k in signing], now=now)
        self._write(self.trust_list_path, text.encode())

    def _make_folder(self) -> None:
        try:
            self.path.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(self.path, 0o700)
        except OSError as exc:
            raise TarazError(
                "credentials.folder", folder=str(self.path), detail=exc.strerror or str(exc)
            ) from None

    @contextmanager
    def _locked(self) -> Iterator[None]:
        if not self.path.is_dir():
            raise TarazError("credentials.no-keys", folder=str(self.path))
        fd = os.open(self.path / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _write(self, path: Path, data: bytes, *, exclusive: bool = False) -> None:
        """`data` in `path` whole, mode 0600: written beside it, then renamed over it
        (`exclusive`: a new file only, never one that is there)."""
        target = path if exclusive else path.with_name(f".{path.name}.{os.getpid()}.tmp")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        try:
            with os.fdopen(os.open(target, flags, 0o600), "wb") as out:
                os.fchmod(out.fileno(), 0o600)
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            if not exclusive:
                os.replace(target, path)
        except OSError as exc:
            if not exclusive:
                target.unlink(missing_ok=True)
            raise TarazError(
                "credentials.folder", folder=str(self.path), detail=exc.strerror or str(exc)
            ) from None


def _whole_second(now: datetime) -> datetime:
    """`now` without its fraction, as the lists keep moments (NumericDate)."""
    return moment_of(numeric_date(now))


def _aware(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("a moment without its timezone")
    return moment
