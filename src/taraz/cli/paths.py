"""Where a command writes: checked before any work is done, so that a missing folder or a
read-only place is said in both languages (`output.*`) instead of ending in a traceback."""

from __future__ import annotations

import os
from pathlib import Path

from taraz.errors import UsageError


def output_file(path: Path) -> Path:
    """`path` if a file can be written there; else a usage error that says why."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise UsageError("output.is-directory", file=path)
    folder = path.parent
    if not folder.is_dir():
        raise UsageError("output.no-folder", folder=folder, file=path.name)
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UsageError("output.cannot-write", file=path, detail=_denied())
    return path


def write_bytes(path: Path, content: bytes) -> None:
    try:
        Path(path).write_bytes(content)
    except OSError as exc:
        raise UsageError("output.cannot-write", file=path, detail=exc.strerror or str(exc)) from exc


def write_text(path: Path, content: str) -> None:
    write_bytes(path, content.encode("utf-8"))


def _denied() -> str:
    return os.strerror(13)  # Permission denied
