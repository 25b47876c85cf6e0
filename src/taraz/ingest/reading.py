"""Reading: each file as text rows with its layout, and the files already loaded.

A file is read in the importer, or, when the options say `isolate`, in a child process of its
own within `ReaderLimits` (`taraz.ingest.isolation`), which hands back the same `SourceTable`.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from taraz.errors import message
from taraz.fa import name_key
from taraz.ingest.batch_report import BatchReport
from taraz.ingest.delimited import read_rows
from taraz.ingest.layouts import Layout, detect_layout, is_known_header
from taraz.ingest.limits import ReaderLimits
from taraz.ingest.sources import SourceError, SourceTable, read_source
from taraz.ingest.state import BatchRejected, ImportState
from taraz.reference import Flow
from taraz.warehouse.batches import active_files


def read_files(state: ImportState) -> None:
    """Read every file and name its columns; the batch's source is the first file's layout
    unless the options name one."""
    mapping = state.options.mapping
    for path in state.paths:
        src = _read(state, path)
        layout = mapping.layout(src.headers) if mapping else detect_layout(src.headers)
        if layout is None:  # pragma: no cover - read_source already required a known header
            raise SourceError("source.no-header", file=path.name, rows=0, format=src.format)
        state.sources.append(src)
        state.layouts.append(layout)
    state.layout_name = state.layouts[0].name
    state.source = state.options.source or state.layout_name


def read_rows_again(state: ImportState, src: SourceTable) -> None:
    """A CSV left for DuckDB that DuckDB found less clean than it looked: read row by row
    instead (apart, when isolated)."""
    if state.options.isolate:
        again = _read(state, src.path, fast=False)
        src.arrow, src.skipped_blank, src.totals_row = (
            again.arrow,
            again.skipped_blank,
            again.totals_row,
        )
    else:
        read_rows(src, src.csv_fast["delim"], state.budget)
    src.csv_fast = None


def _read(state: ImportState, path: Path, fast: bool = True) -> SourceTable:
    mapping = state.options.mapping
    sheet = state.options.sheet or (mapping.sheet if mapping else None)
    if not state.options.isolate:
        is_header = mapping.is_header if mapping else is_known_header
        return read_source(path, is_header, sheet, state.budget, fast)
    from taraz.ingest.isolation import read_apart

    if state.scratch is None:
        state.scratch = Path(tempfile.mkdtemp(prefix="taraz-read-", dir=state.options.scratch))
    limits = state.options.reader_limits or ReaderLimits.from_environment()
    return read_apart(
        path, mapping.path if mapping else None, sheet, state.budget, limits, state.scratch, fast
    )


def remove_scratch(state: ImportState) -> None:
    """The reader children's answers, once the batch has landed or not."""
    if state.scratch is not None:
        shutil.rmtree(state.scratch, ignore_errors=True)
        state.scratch = None


def already_loaded(state: ImportState) -> BatchReport | None:
    """The same files in an active batch: importing them again changes nothing."""
    digests = [s.sha256 for s in state.sources]
    found = active_files(state.con, digests)
    if not found:
        return None
    if len(found) < len(set(digests)):
        raise BatchRejected("ingest.partly-loaded")
    batches = {batch_id: (read, quarantined) for batch_id, read, quarantined in found.values()}
    batch_id = next(iter(found.values()))[0]
    rows_read = sum(read for read, _ in batches.values())
    fa = message("ingest.already-loaded", "fa", batch_id=batch_id)
    en = message("ingest.already-loaded", "en", batch_id=batch_id)
    if batches[batch_id][1]:
        fa += message("ingest.revert-to-reload", "fa", batch_id=batch_id)
        en += message("ingest.revert-to-reload", "en", batch_id=batch_id)
    return BatchReport(
        status="duplicate",
        files=state.files,
        batch_id=batch_id,
        rows_read=rows_read,
        rows_duplicate=rows_read,
        message_fa=fa,
        message_en=en,
    )


def default_flow(state: ImportState, src: SourceTable, layout: Layout) -> str | None:
    """The flow of a file without a flow column: the option, the layout or mapping, the partner
    header, else the words of its title or name (`صادرات`, export)."""
    if state.options.flow:
        return state.options.flow
    if "flow" in layout.constants:
        return layout.constants["flow"]
    if layout.flow_hint:
        return layout.flow_hint
    if "flow" in layout.columns:
        return None
    text = name_key(f"{src.title} {src.path.stem}")
    named = {flow for flow in Flow if any(w in text for w in (flow.name_fa, flow.key[:-1]))}
    if len(named) == 1:
        return named.pop().value
    raise BatchRejected("ingest.no-flow", file=src.path.name)
