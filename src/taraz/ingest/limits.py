"""The limits an import works within, from the environment: what a reader may take in of one
file (`ReadBudget`), what the process that reads a file apart from the importer may use
(`ReaderLimits`), and the share of a cell's value or lines a revision may take away before it
is held for confirmation."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from taraz.errors import UsageError

# of the warehouse's memory limit (TARAZ_MEMORY_LIMIT), what DuckDB may hold while a batch is
# imported: the rest is the importer's own (Python, the code lists, a file's rows read)
IMPORT_MEMORY_SHARE = 0.6
_SIZE = re.compile(r"([0-9.]+)\s*([KMGT]?i?B|bytes)", re.IGNORECASE)
_UNITS = {"": 1, "K": 1000, "M": 1000**2, "G": 1000**3, "T": 1000**4}


@contextmanager
def import_memory(wh) -> Iterator[None]:
    """DuckDB's memory limit lowered to `IMPORT_MEMORY_SHARE` of the warehouse's while a batch
    is imported (DuckDB spills to disk past it), so that the importer as a whole stays within
    the warehouse's limit: at 10M lines, 0.82 GB at most instead of 1.06 GB, no slower. Put
    back as the warehouse was opened with."""
    limit = getattr(wh, "memory_limit", None)
    found = _SIZE.fullmatch(limit.strip()) if limit else None
    if found is None:  # not known, or a form not foreseen: left as it is
        yield
        return
    number, unit = found.groups()
    unit = unit.upper()
    scale = _UNITS[unit[0] if unit[0] in "KMGT" else ""]
    if "I" in unit:  # KiB, MiB...: powers of 1024
        scale = 1024 ** (1 + "KMGT".index(unit[0]))
    share = int(float(number) * scale * IMPORT_MEMORY_SHARE)
    wh.con.execute(f"SET memory_limit = '{share}B'")
    try:
        yield
    finally:
        wh.con.execute(f"SET memory_limit = '{limit}'")


HOLD_SHARE_VARIABLE = "TARAZ_REVISION_HOLD"
DEFAULT_HOLD_SHARE = 0.5


def revision_hold_share() -> float:
    """`$TARAZ_REVISION_HOLD` (a share from 0 to 1), else one half."""
    text = os.environ.get("TARAZ_REVISION_HOLD", "").strip()
    if not text:
        return DEFAULT_HOLD_SHARE
    try:
        share = float(text)
    except ValueError:
        share = -1.0
    if not 0 <= share <= 1:
        raise UsageError("ingest.bad-hold-share", name=HOLD_SHARE_VARIABLE, value=text)
    return share


@dataclass(frozen=True)
class ReadBudget:
    """How much one file may make a reader take in. Each limit is enforced while the file is
    read, before memory is spent on what lies past it; a file over one is refused
    (`source.too-large`, naming the limit and its variable). A cell over `max_cell_chars` sets
    its row aside instead (`ingest.cell-too-long`)."""

    max_bytes: int = 4 * 1024**3  # bytes read: a CSV's size, a workbook's inflated parts
    max_rows: int = 50_000_000
    max_columns: int = 1_000
    max_cells: int = 20_000_000  # rows x columns a reader holds in memory (Excel, small CSV)
    max_cell_chars: int = 32_767  # Excel's own limit of a cell

    @classmethod
    def from_environment(cls) -> ReadBudget:
        """The defaults, each replaced by its variable (`BUDGET_VARIABLES`) when that is set."""
        values = {}
        for limit, name in BUDGET_VARIABLES.items():
            text = os.environ.get(name, "").strip()
            if text:
                values[limit] = _positive(name, text)
        return cls(**values)


BUDGET_VARIABLES = {
    "max_bytes": "TARAZ_READ_MAX_BYTES",
    "max_rows": "TARAZ_READ_MAX_ROWS",
    "max_columns": "TARAZ_READ_MAX_COLUMNS",
    "max_cells": "TARAZ_READ_MAX_CELLS",
    "max_cell_chars": "TARAZ_READ_MAX_CELL_CHARS",
}


def _positive(name: str, text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise UsageError("ingest.bad-budget", name=name, value=text)
    return value


READER_VARIABLES = {"memory_mb": "TARAZ_READER_MEMORY_MB", "seconds": "TARAZ_READER_SECONDS"}


@dataclass(frozen=True)
class ReaderLimits:
    """What the child process that reads one file apart from the importer may use
    (`taraz.ingest.isolation`): its address space in MB (`RLIMIT_AS`), and seconds, both of the
    clock (the importer stops it then) and of the processor (`RLIMIT_CPU`, in case the importer
    itself is gone)."""

    memory_mb: int = 2048
    seconds: float = 600

    @classmethod
    def from_environment(cls) -> ReaderLimits:
        """The defaults, each replaced by its variable (`READER_VARIABLES`) when that is set."""
        values = {}
        for limit, name in READER_VARIABLES.items():
            text = os.environ.get(name, "").strip()
            if text:
                values[limit] = _positive(name, text)
        return cls(**values)
