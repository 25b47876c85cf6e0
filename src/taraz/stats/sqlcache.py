"""The SQL that Ibis compiled for each query, kept on disk so that a new process (a `taraz
report`, a restarted server) runs it through DuckDB without importing Ibis or compiling again.

The figures stay one Ibis expression each (DuckDB and Spark answer the same expression); this
only remembers what Ibis made of an expression on DuckDB. An entry is keyed by the `repr` of
the caller's key (the query, with its province, period, basis and as-of moment, and what is
asked of it), in a file named after a digest of everything that shapes the SQL: taraz's
version, the source of the packages that build the expressions (`stats`, `calendar`,
`warehouse`, with the warehouse schema), and the versions of Ibis and DuckDB. Any change to
them starts a new file. Only SQL text is kept, never a result: every run reads the data afresh.

The folder is `$TARAZ_CACHE_DIR`, else `$XDG_CACHE_HOME/taraz`, else `~/.cache/taraz`;
`TARAZ_CACHE_DIR=off` keeps nothing on disk. A folder that cannot be written is not an error:
the SQL is then compiled in each process, as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Hashable
from pathlib import Path

MAX_ENTRIES = 4096  # about 2 MB of SQL; the oldest entries leave first
_PACKAGES = ("stats", "calendar", "warehouse")
_lock = threading.Lock()
_stores: dict[Path, dict[str, str]] = {}


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
    path, text = _file(), text_key(key)
    if path is None or text is None:
        return None
    with _lock:
        return _store(path).get(text)


def remember(key: Hashable, sql: str) -> None:
    """Keep `sql` for `key` (written at once, atomically; errors are ignored)."""
    path, text = _file(), text_key(key)
    if path is None or text is None:
        return
    with _lock:
        store = _store(path)
        if store.get(text) == sql:
            return
        store.pop(text, None)
        store[text] = sql
        while len(store) > MAX_ENTRIES:
            del store[next(iter(store))]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_text(json.dumps(store, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass


def _store(path: Path) -> dict[str, str]:
    if path not in _stores:
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        _stores[path] = loaded if isinstance(loaded, dict) else {}
    return _stores[path]


_digest: str | None = None


def _file() -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"sql-{version_digest()}.json"


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
