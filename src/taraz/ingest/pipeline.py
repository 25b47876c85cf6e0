"""One import, one batch: read, stage, normalise, check and land whole or not at all.

Every row read ends in exactly one place: loaded, quarantined (with file, row, column, value
and reason) or duplicate. Each stage is a module named after it; they pass one `ImportState`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from taraz.ingest import checking, landing, normalising, reading, reporting, staging
from taraz.ingest.batch_report import BatchReport
from taraz.ingest.limits import ReadBudget, import_memory
from taraz.ingest.sources import SourceError
from taraz.ingest.state import BatchRejected, ImportOptions, ImportState, Progress
from taraz.reference import load_reference
from taraz.warehouse import Warehouse

__all__ = ["ImportOptions", "import_files"]


def import_files(
    wh: Warehouse,
    paths: Sequence[Path],
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> BatchReport:
    """Import `paths` as one batch into `wh` and say what happened."""
    options = options or ImportOptions()
    state = ImportState(
        wh=wh,
        paths=list(paths),
        options=options,
        progress=progress or _quiet,
        reference=load_reference(),
        now=options.now or datetime.now(UTC),
        budget=options.budget or ReadBudget.from_environment(),
    )
    with import_memory(wh):
        return _import(state)


def _import(state: ImportState) -> BatchReport:
    try:
        state.progress("read")
        reading.read_files(state)
        duplicate = reading.already_loaded(state)
        if duplicate is not None:
            return duplicate
        staging.stage_raw(state)
        state.progress("normalise")
        normalising.normalise(state)
        state.progress("validate")
        checking.find_problems(state)
        landing.land(state)
    except (SourceError, BatchRejected) as exc:
        return reporting.rejected(state.files, exc)
    finally:
        reading.remove_scratch(state)
    if state.held:
        return reporting.held(state)
    return reporting.loaded(state)


def _quiet(_step: str) -> None:
    pass
