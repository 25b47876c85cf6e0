"""Reading a file in a child process of its own, so that no file can take the importer down.

The readers keep to their `ReadBudget` while they read; a child process bounds what the
budget cannot see (a reader's own memory, a parser that loops or crashes). The importer (the
one process that holds the warehouse, e.g. `taraz serve`) starts
`python -m taraz.ingest.reader_process FOLDER` with a request in a private folder (0700, files
0600), waits at most `ReaderLimits.seconds`, and loads the answer, a `SourceTable` as
`read_source` would have returned it, its rows from an Arrow IPC file mapped into memory. The
child cannot open the warehouse while the importer holds it, and does not need to.

A child that is stopped (out of memory, out of time, a signal) makes the file refused with
`source.reader-failed`, saying which limit, before anything is written. Files DuckDB reads
itself (a large clean CSV, Parquet) are only looked at in the child; DuckDB then reads them in
the importer, within its `memory_limit`.

The child runs as the same user with the same rights: it bounds resources, it is not a
sandbox against code that a reader's bug would let a file run.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyarrow as pa

from taraz.errors import Localised, TarazError, UsageError, message
from taraz.ingest.delimited import DELIMITERS
from taraz.ingest.limits import READER_VARIABLES, ReadBudget, ReaderLimits
from taraz.ingest.reader_process import (
    ANSWER,
    ERROR,
    EXIT_MEMORY,
    LOCALISED,
    REQUEST,
    STDERR,
    TABLE,
)
from taraz.ingest.sources import SourceError, SourceTable

log = logging.getLogger("taraz.ingest")

CHILD = "taraz.ingest.reader_process"
# the child's environment: only what Python needs to start and find taraz (no secrets of the
# server's); pyarrow allocates with malloc (its default, mimalloc, reserves a GB of address
# space at once, which RLIMIT_AS counts) and malloc keeps two arenas
CHILD_ENVIRONMENT = ("PATH", "PYTHONPATH", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR")
CHILD_SETTINGS = {"ARROW_DEFAULT_MEMORY_POOL": "system", "MALLOC_ARENA_MAX": "2"}
# what a child that ran out of memory leaves on its standard error (Python, Rust, C++, libc)
MEMORY_MARKS = (
    "MemoryError",
    "memory allocation of",
    "std::bad_alloc",
    "Cannot allocate memory",
    "out of memory",
)
STDERR_TAIL = 8192


def read_apart(
    path: Path,
    mapping: Path | None,
    sheet: str | None,
    budget: ReadBudget,
    limits: ReaderLimits,
    scratch: Path,
    fast: bool = True,
) -> SourceTable:
    """`read_source(path, ...)` in a child process within `limits`; the mapping file (if any)
    travels by its path. Raises the error the file is refused with, as `read_source` would,
    or `source.reader-failed` when the child is stopped."""
    folder = Path(tempfile.mkdtemp(prefix="file-", dir=scratch))  # 0700
    request = {
        "path": str(path),
        "mapping": str(mapping) if mapping else None,
        "sheet": sheet,
        "budget": asdict(budget),
        "fast": fast,
        "memory_mb": limits.memory_mb,
        "seconds": limits.seconds,
    }
    fd = os.open(folder / REQUEST, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(request, fh, ensure_ascii=False)
    code, timed_out = _run(folder, limits)
    if code == 0 and (folder / ERROR).exists():
        raise _refusal(folder / ERROR)
    if code == 0 and (folder / ANSWER).exists():
        try:
            return _answer(folder, path)
        except (OSError, ValueError, KeyError, TypeError, pa.ArrowException) as exc:
            log.warning("the reader's answer for %s could not be read: %s", path.name, exc)
            raise _failed(path, limits, "crash", "an unreadable answer") from exc
    stderr = _tail(folder / STDERR)
    log.warning("the reader of %s stopped (%s): %s", path.name, _exit_text(code), stderr)
    if code == EXIT_MEMORY or any(mark in stderr for mark in MEMORY_MARKS):
        raise _failed(path, limits, "memory")
    if timed_out or code == -signal.SIGXCPU:
        raise _failed(path, limits, "time")
    raise _failed(path, limits, "crash", _exit_text(code))


def _run(folder: Path, limits: ReaderLimits) -> tuple[int, bool]:
    """Run the child on `folder`: its exit code (a signal's as negative), and whether it was
    stopped for taking longer than `limits.seconds`."""
    env = {k: v for k, v in os.environ.items() if k in CHILD_ENVIRONMENT} | CHILD_SETTINGS
    fd = os.open(folder / STDERR, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as err:
        child = subprocess.Popen(
            [sys.executable, "-P", "-m", CHILD, str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env,
            start_new_session=True,  # its own process group, stopped as one
        )
    try:
        return child.wait(timeout=limits.seconds), False
    except subprocess.TimeoutExpired:
        return _stop(child), True
    except BaseException:  # the importer itself is stopped: the child goes too
        _stop(child)
        raise


def _stop(child: subprocess.Popen) -> int:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)
    return child.wait()


def _exit_text(code: int) -> str:
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit status {code}"


def _tail(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            fh.seek(max(0, path.stat().st_size - STDERR_TAIL))
            return fh.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _failed(path: Path, limits: ReaderLimits, reason: str, detail: str = "") -> SourceError:
    """`source.reader-failed`: which limit stopped the reader (memory, time), or how it crashed."""
    if reason == "crash":
        why = _both("source.reader-crashed", detail=detail)
        return SourceError("source.reader-failed", file=path.name, why=why, reason=reason)
    field = "memory_mb" if reason == "memory" else "seconds"
    value = getattr(limits, field)
    value = int(value) if float(value).is_integer() else value
    setting = READER_VARIABLES[field]
    why = _both(f"source.reader-{reason}", limit=value, setting=setting)
    return SourceError(
        "source.reader-failed",
        file=path.name,
        why=why,
        reason=reason,
        limit=value,
        setting=setting,
    )


def _both(code: str, **fields: Any) -> Localised:
    return Localised(message(code, "fa", **fields), message(code, "en", **fields))


def _refusal(path: Path) -> TarazError:
    """The error the child refused the file with, as the importer would have raised it."""
    data = json.loads(path.read_text("utf-8"))
    fields = {name: _value(v) for name, v in data["fields"].items()}
    kind = {"SourceError": SourceError, "UsageError": UsageError}.get(data["type"], SourceError)
    return kind(data["code"], **fields)


def _value(value: Any) -> Any:
    if isinstance(value, dict) and LOCALISED in value:
        fa, en = value[LOCALISED]
        return Localised(fa, en)
    return value


def _answer(folder: Path, path: Path) -> SourceTable:
    """The child's `SourceTable`, its types checked, for the file at `path`."""
    meta = json.loads((folder / ANSWER).read_text("utf-8"))
    headers = [_text(h) for h in meta["headers"]]
    fast = meta["csv_fast"]
    if fast is not None:
        fast = {
            "delim": _choice(fast["delim"], DELIMITERS),
            "skip": _count(fast["skip"]),
            "width": _count(fast["width"]),
            "encoding": _text(fast["encoding"]),
        }
    totals = meta["totals_row"]
    return SourceTable(
        path=path,
        format=_choice(meta["format"], ("xlsx", "csv", "parquet")),
        sha256=_text(meta["sha256"]),
        size_bytes=_count(meta["size_bytes"]),
        headers=headers,
        header_row=_count(meta["header_row"]),
        title=_text(meta["title"]),
        encoding=_optional_text(meta["encoding"]),
        sheet=_optional_text(meta["sheet"]),
        arrow=_rows(folder / TABLE, len(headers)) if meta["arrow"] is True else None,
        csv_fast=fast,
        parquet=meta["parquet"] is True,
        skipped_blank=_count(meta["skipped_blank"]),
        totals_row=None if totals is None else {_count(j): _text(v) for j, v in totals},
        notes=[_text(n) for n in meta["notes"]],
    )


def _rows(path: Path, width: int) -> pa.Table:
    """The rows of the answer, mapped from the Arrow IPC file (the pages stay the file's), with
    the columns a reader makes: c0..cN as text, `_row`, and `_fault`, `_fault_value`."""
    table = pa.ipc.open_file(pa.memory_map(str(path))).read_all()
    expected = [pa.field(f"c{j}", pa.string()) for j in range(width)]
    expected.append(pa.field("_row", pa.int32()))
    if "_fault" in table.column_names:
        expected += [pa.field("_fault", pa.string()), pa.field("_fault_value", pa.string())]
    if not table.schema.equals(pa.schema(expected)):
        raise ValueError(f"unexpected columns {table.schema.names[:8]}")
    table.validate(full=True)
    return table


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"not text: {type(value).__name__}")
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError(f"not a count: {value!r}")
    return value


def _choice(value: Any, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ValueError(f"not one of {choices}: {value!r}")
    return value
