"""The SQL that Ibis compiled for each query, kept on disk so that a new process (a `taraz
report`, a restarted server) runs it through DuckDB without importing Ibis or compiling again.

The figures stay one Ibis expression each (DuckDB and Spark answer the same expression); this
only remembers what Ibis made of an expression on DuckDB. Each entry is a file named after a
digest of the `repr` of the caller's key (the query, with its province, period, basis and
as-of moment, and what is asked of it), which its first line repeats, in a folder named after
a digest of everything that shapes the SQL: taraz's version, the source of the packages that
build the expressions (`stats`, `calendar`, `warehouse`, with the warehouse schema), and the
versions of Ibis, sqlglot and DuckDB. Any change to them starts a new folder (the old one is
removed). Only SQL text is kept, never a result: every run reads the data afresh.

The folder is `$TARAZ_CACHE_DIR`, else `$XDG_CACHE_HOME/taraz`, else `~/.cache/taraz`;
`TARAZ_CACHE_DIR=off` keeps nothing on disk. A folder that cannot be written is not an error:
the SQL is then compiled in each process, as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from collections.abc import Hashable
from pathlib import Path

MAX_FILES = 2048  # one file per query (a bulletin's facts query is about 20 KB); oldest go first
_PACKAGES = ("stats", "calendar", "warehouse")
_lock = threading.Lock()
_writes: dict[Path, int] = {}
PRUNE_EVERY = 256  # writes of one process between two prunings (and its first)


def cache_dir() -> Path | None:
    """The folder of the SQL cache, or None when it is turned off."""
    configured = os.environ.get("TARAZ_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "taraz"


def text_key(key: Hashable) -> str | None:
    """The `repr` of `key`, or None when it would not be the same in another process (an
    object shown by its address)."""
    text = repr(key)
    return None if " at 0x" in text else text


def lookup(key: Hashable) -> str | None:
    """The SQL kept for `key`, if any."""
    path = _path(key)
    if path is None:
        return None
    try:
        if not _ours(path):
            return None  # SQL another user could have written is never run
        kept_key, sql = path.read_text(encoding="utf-8").split("\n", 1)
    except (OSError, ValueError):
        return None
    return sql if kept_key == json.dumps(text_key(key)) else None  # a digest collision: none


def remember(key: Hashable, sql: str) -> None:
    """Keep `sql` for `key`: its own file (the key on the first line, as JSON), written
    atomically; errors are ignored."""
    path = _path(key)
    if path is None:
        return
    try:
        path.parent.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.parent.mkdir(mode=0o700, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(json.dumps(text_key(key)) + "\n" + sql)
        os.replace(tmp, path)
        _prune(path.parent)
    except OSError:
        pass


def _ours(path: Path) -> bool:
    """The file and its folder belong to this user and nobody else may write them."""
    for item in (path, path.parent):
        st = item.stat()
        if (hasattr(os, "getuid") and st.st_uid != os.getuid()) or st.st_mode & 0o022:
            return False
    return True


def _path(key: Hashable) -> Path | None:
    folder, text = cache_dir(), text_key(key)
    if folder is None or text is None:
        return None
    name = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    return folder / f"sql-{version_digest()}" / f"{name}.sql"


def _prune(folder: Path) -> None:
    """At a process's first write and every PRUNE_EVERY writes: drop the folders of other
    versions, and the oldest files past MAX_FILES."""
    with _lock:
        count = _writes.get(folder, 0)
        _writes[folder] = count + 1
        if count % PRUNE_EVERY:
            return
    for other in folder.parent.glob("sql-*"):
        if other != folder and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)
    files = sorted(folder.glob("*.sql"), key=_mtime)
    for old in files[: max(0, len(files) - MAX_FILES)]:
        old.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


_digest: str | None = None


def version_digest() -> str:
    """A digest of what shapes the compiled SQL (see the module's text)."""
    global _digest
    if _digest is None:
        from importlib.metadata import PackageNotFoundError, version

        import taraz

        h = hashlib.sha256(taraz.__version__.encode())
        for dist in ("ibis-framework", "duckdb", "sqlglot"):
            try:
                h.update(f"{dist}={version(dist)};".encode())
            except PackageNotFoundError:
                h.update(f"{dist}=?;".encode())
        root = Path(taraz.__file__).parent
        for package in _PACKAGES:
            for source in sorted((root / package).glob("*.py")) + sorted(
                (root / package).glob("*.sql")
            ):
                h.update(source.name.encode())
                h.update(source.read_bytes())
        _digest = h.hexdigest()[:20]
    return _digest
