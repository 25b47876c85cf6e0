"""Reading a source file into rows of text: Excel, CSV in any of the usual encodings, Parquet.

Readers know nothing of layouts: they find the header row (title rows above it are skipped),
keep the row number a person sees in Excel or a text editor, set aside blank rows and a trailing
totals row, and hand the rest to DuckDB as text. The format is told by content, not by name.
Every reader works within a `ReadBudget`, checked while it reads: a file over it is refused
with `source.too-large`, and a row it cannot read as a row is set aside with its reason.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import pyarrow as pa

from taraz.errors import Localised, TarazError, message
from taraz.fa import name_key
from taraz.ingest.limits import BUDGET_VARIABLES, ReadBudget

HEADER_SCAN_ROWS = 40
TOTAL_MARKERS = frozenset({"جمعکل", "جمع", "جمعکلی", "مجموع", "total", "grandtotal", "sum"})
FAULT_TEXT_CHARS = 200  # of a row set aside whole, the quarantine keeps this much of its text

IsHeader = Callable[[Sequence[str]], bool]


class SourceError(TarazError):
    """A file that cannot be read as a table at all."""


def too_large(path: Path, limit: str, found: int, budget: ReadBudget) -> SourceError:
    """`source.too-large` for `limit` (bytes, rows, columns or cells) of `budget`."""
    name = limit.removeprefix("max_")
    return SourceError(
        "source.too-large",
        file=path.name,
        what=Localised(
            message(f"source.budget-{name}", "fa"), message(f"source.budget-{name}", "en")
        ),
        found=found,
        limit=getattr(budget, limit),
        setting=BUDGET_VARIABLES[limit],
    )


def header_key(text: object) -> str:
    """The key a header cell is matched by: `name_key` without punctuation."""
    if text is None:
        return ""
    return re.sub(r"[\W_]+", "", name_key(str(text)))


@dataclass
class SourceTable:
    """The text rows of one file, ready for a layout to name its columns."""

    path: Path
    format: str  # xlsx, csv, parquet
    sha256: str
    size_bytes: int
    headers: list[str]
    header_row: int  # 1-based row of the header as a person sees it (0 for Parquet)
    title: str = ""  # text above the header row, e.g. «آمار صادرات استان یزد ۱۴۰۴»
    encoding: str | None = None
    sheet: str | None = None
    # columns c0..cN as text, plus _row; and _fault, _fault_value when a row could not be
    # read as a row (its reason, and its text for the quarantine)
    arrow: pa.Table | None = None
    csv_fast: dict | None = None  # or: arguments for DuckDB's read_csv (large clean CSV)
    parquet: bool = False
    skipped_blank: int = 0
    totals_row: dict[int, str] | None = None  # column index -> text of a «جمع کل» row
    notes: list[str] = field(default_factory=list)


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sniff_format(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.startswith(b"PAR1"):
        return "parquet"
    return "text"


def read_source(
    path: Path,
    is_header: IsHeader,
    sheet: str | None = None,
    budget: ReadBudget | None = None,
    fast: bool = True,
) -> SourceTable:
    """Read `path`; `is_header(keys)` tells the header row among the first rows. With `fast`,
    a large clean CSV is left for DuckDB to read (`csv_fast`); without, it is read row by row."""
    from taraz.ingest.delimited import read_csv
    from taraz.ingest.excel import read_excel

    budget = budget or ReadBudget.from_environment()
    if path.is_dir():
        raise SourceError("source.is-directory", file=path)
    if not path.is_file():
        raise SourceError("source.not-found", file=path)
    try:
        if path.stat().st_size == 0:
            raise SourceError("source.empty", file=path.name)
        kind = sniff_format(path)
        if kind in ("xlsx", "xls"):
            return read_excel(path, kind, is_header, sheet, budget)
        if kind == "parquet":
            return _read_parquet(path, budget)
        return read_csv(path, is_header, budget, fast)
    except OSError as exc:
        raise SourceError("source.unreadable", file=path, detail=exc.strerror or str(exc)) from exc


# -- cells ---------------------------------------------------------------------------------


def cell_text(value: object) -> str | None:
    """A cell as text: integers without `.0`, dates as ISO, blanks as None."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return None
    return str(value)


def is_totals(row: Sequence[str | None]) -> bool:
    """A row with a cell that says «جمع کل» (or Total) and nothing else in words."""
    return any(header_key(v) in TOTAL_MARKERS for v in row if v)


def find_header(rows: Iterable[Sequence[object]], is_header: IsHeader) -> int | None:
    for i, row in enumerate(rows):
        if i >= HEADER_SCAN_ROWS:
            break
        if is_header([header_key(cell_text(v)) for v in row]):
            return i
    return None


def no_header(path: Path, fmt: str) -> SourceError:
    return SourceError("source.no-header", file=path.name, rows=HEADER_SCAN_ROWS, format=fmt)


def fault_columns(table: pa.Table, faults: dict[int, tuple[str, str]]) -> pa.Table:
    """`table` with `_fault` and `_fault_value` for the rows (by index) that are set aside."""
    if not faults:
        return table
    n = table.num_rows
    codes: list[str | None] = [None] * n
    texts: list[str | None] = [None] * n
    for i, (code, text) in faults.items():
        codes[i], texts[i] = code, text[:FAULT_TEXT_CHARS]
    return table.append_column("_fault", pa.array(codes, pa.string())).append_column(
        "_fault_value", pa.array(texts, pa.string())
    )


# -- Parquet --------------------------------------------------------------------------------


def _read_parquet(path: Path, budget: ReadBudget) -> SourceTable:
    """A Parquet file's columns, after its metadata says it fits the budget (DuckDB reads it)."""
    import pyarrow.parquet as pq

    try:
        meta = pq.read_metadata(path)
        schema = meta.schema.to_arrow_schema()
        inflated = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    except (pa.ArrowException, OSError, ValueError, IndexError) as exc:
        raise SourceError("source.bad-parquet", file=path.name, detail=str(exc)) from exc
    for limit, found in (
        ("max_columns", meta.num_columns),
        ("max_rows", meta.num_rows),
        ("max_bytes", inflated),
    ):
        if found > getattr(budget, limit):
            raise too_large(path, limit, found, budget)
    return SourceTable(
        path=path,
        format="parquet",
        sha256=file_digest(path),
        size_bytes=path.stat().st_size,
        headers=list(schema.names),
        header_row=0,
        parquet=True,
    )
