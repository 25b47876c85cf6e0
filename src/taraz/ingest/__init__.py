"""Ingest: read customs, canonical and mapped files into the warehouse, one batch at a time.

The names below load with their modules when first used, so that a process that only reads
files (`taraz.ingest.reader_process`) does not load DuckDB and the warehouse.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from taraz.ingest.batch_report import BatchReport
    from taraz.ingest.limits import ReadBudget, ReaderLimits
    from taraz.ingest.mapping import Mapping, load_mapping
    from taraz.ingest.pipeline import ImportOptions, import_files

_MODULES = {
    "BatchReport": "taraz.ingest.batch_report",
    "ImportOptions": "taraz.ingest.pipeline",
    "Mapping": "taraz.ingest.mapping",
    "ReadBudget": "taraz.ingest.limits",
    "ReaderLimits": "taraz.ingest.limits",
    "import_files": "taraz.ingest.pipeline",
    "load_mapping": "taraz.ingest.mapping",
}

__all__ = [
    "BatchReport",
    "ImportOptions",
    "Mapping",
    "ReadBudget",
    "ReaderLimits",
    "import_files",
    "load_mapping",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULES[name]), name)
    globals()[name] = value
    return value
