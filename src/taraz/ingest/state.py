"""What one import is asked to do (`ImportOptions`) and what it carries from stage to stage
(`ImportState`): reading, staging, normalising, checking, landing, reporting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from taraz.calendar import JALALI, Period
from taraz.errors import TarazError
from taraz.ingest.layouts import Layout
from taraz.ingest.limits import ReadBudget, ReaderLimits
from taraz.ingest.mapping import Mapping
from taraz.ingest.sources import SourceTable
from taraz.reference import Reference
from taraz.warehouse import Warehouse
from taraz.warehouse.coverage import Span

if TYPE_CHECKING:
    from taraz.ingest.revisions import RevisionCell

Progress = Callable[[str], None]


class BatchRejected(TarazError):
    """A batch refused as a whole (no flow, files partly loaded already): nothing is written."""


@dataclass
class ImportOptions:
    flow: str | None = None  # X or M for files that name no flow
    province: str | None = None  # for files that name no province
    period: Period | None = None  # the period the file declares it covers
    source: str | None = None  # the series a revision replaces within; default: the layout
    mapping: Mapping | None = None
    sheet: str | None = None
    user: str | None = None
    now: datetime | None = None
    # land a revision even when it takes away more than the hold share of a cell
    confirm_revision: bool = False
    hold_share: float | None = None  # None: $TARAZ_REVISION_HOLD, else one half
    budget: ReadBudget | None = None  # what a reader may take in; None: from the environment
    # read each file in a child process of its own (`taraz.ingest.isolation`), within limits
    isolate: bool = False
    reader_limits: ReaderLimits | None = None  # None: from the environment
    scratch: Path | None = None  # where the child's private folder is made; None: $TMPDIR
    # run inside the batch's transaction just before it commits (tests kill the process there)
    before_commit: Callable[[], None] | None = None


@dataclass
class Counts:
    """Every data row read ends in one place: loaded, quarantined or duplicate."""

    read: int = 0
    loaded: int = 0
    quarantined: int = 0
    duplicate: int = 0
    skipped: int = 0  # blank rows and totals rows: not data
    per_file: dict[int, int] = field(default_factory=dict)  # rows read, by file number


@dataclass
class ImportState:
    """One import on its way through the stages; each stage reads and fills its part."""

    wh: Warehouse
    paths: list[Path]
    options: ImportOptions
    progress: Progress
    reference: Reference
    now: datetime
    budget: ReadBudget
    # reading
    sources: list[SourceTable] = field(default_factory=list)
    scratch: Path | None = None  # the private folder of the reader children's answers
    layouts: list[Layout] = field(default_factory=list)
    source: str = ""  # the series a revision replaces within
    layout_name: str = ""
    # staging: each file's rows as raw fields, the parts of the view `raw`
    raw_parts: list[str] = field(default_factory=list)
    # normalising: fields whose every value is already canonical (read straight, no map)
    identity: dict[str, bool] = field(default_factory=dict)
    rate_sql: str = "1"  # the USD rate of a line's currency and month, as SQL
    rate_join: str = ""
    # landing
    batch_id: str | None = None
    seq: int = 0
    spans: list[Span] = field(default_factory=list)  # coverage: one per (flow, province)
    replaces: list[dict] = field(default_factory=list)
    held: list[RevisionCell] = field(default_factory=list)  # non-empty: held, not landed
    counts: Counts = field(default_factory=Counts)

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        return self.wh.con

    @property
    def files(self) -> list[str]:
        return [p.name for p in self.paths]

    @property
    def calendar(self) -> str:
        """The calendar of the batch's months: the layout's, else Jalali."""
        return (self.layouts[0].calendar if self.layouts else None) or JALALI
