"""Reading a source file into rows of text: Excel, CSV in any of the usual encodings, Parquet.

Readers know nothing of layouts: they find the header row (title rows above it are skipped),
keep the row number a person sees in Excel or a text editor, set aside blank rows and a trailing
totals row, and hand the rest to DuckDB as text. The format is told by content, not by name.
"""

from __future__ import annotations

import csv
import hashlib
import io
import mmap
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from taraz.errors import TarazError
from taraz.fa import name_key

HEADER_SCAN_ROWS = 40
FAST_CSV_BYTES = 16 * 1024 * 1024
TOTAL_MARKERS = frozenset({"جمعکل", "جمع", "جمعکلی", "مجموع", "total", "grandtotal", "sum"})


class SourceError(TarazError):
    """A file that cannot be read as a table at all."""


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
    arrow: pa.Table | None = None  # columns c0..cN as text, plus _row
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
    path: Path, is_header: Callable[[Sequence[str]], bool], sheet: str | None = None
) -> SourceTable:
    """Read `path`; `is_header(keys)` tells the header row among the first rows."""
    if path.is_dir():
        raise SourceError("source.is-directory", file=path)
    if not path.is_file():
        raise SourceError("source.not-found", file=path)
    if path.stat().st_size == 0:
        raise SourceError("source.empty", file=path.name)
    kind = sniff_format(path)
    if kind in ("xlsx", "xls"):
        return _read_excel(path, is_header, sheet)
    if kind == "parquet":
        return _read_parquet(path)
    return _read_csv(path, is_header)


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


def _is_blank(row: Sequence[object]) -> bool:
    return all(cell_text(v) is None for v in row)


def _is_totals(row: Sequence[str | None]) -> bool:
    """A row with a cell that says «جمع کل» (or Total) and nothing else in words."""
    return any(header_key(v) in TOTAL_MARKERS for v in row if v)


def _find_header(rows: Iterable[Sequence[object]], is_header) -> int | None:
    for i, row in enumerate(rows):
        if i >= HEADER_SCAN_ROWS:
            break
        if is_header([header_key(cell_text(v)) for v in row]):
            return i
    return None


def _no_header(path: Path, fmt: str) -> SourceError:
    return SourceError("source.no-header", file=path.name, rows=HEADER_SCAN_ROWS, format=fmt)


def _columns_to_arrow(rows: list[tuple[int, Sequence[str | None]]], width: int) -> pa.Table:
    cols = {f"c{j}": [] for j in range(width)}
    nums = []
    for num, row in rows:
        nums.append(num)
        for j in range(width):
            cols[f"c{j}"].append(row[j] if j < len(row) else None)
    arrays = {name: pa.array(values, type=pa.string()) for name, values in cols.items()}
    arrays["_row"] = pa.array(nums, type=pa.int32())
    return pa.table(arrays)


def _split_body(
    body: Iterable[tuple[int, Sequence[str | None]]],
) -> tuple[list[tuple[int, Sequence[str | None]]], int, dict[int, str] | None]:
    """Data rows, the count of blank rows, and a trailing totals row if there is one."""
    rows: list[tuple[int, Sequence[str | None]]] = []
    blank = 0
    for num, row in body:
        if all(v is None for v in row):
            blank += 1
        else:
            rows.append((num, row))
    totals = None
    if rows and _is_totals(rows[-1][1]):
        totals = {j: v for j, v in enumerate(rows[-1][1]) if v is not None}
        rows.pop()
    return rows, blank, totals


# -- Excel ----------------------------------------------------------------------------------


def _read_excel(path: Path, is_header, sheet: str | None) -> SourceTable:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = [sheet] if sheet else book.sheet_names
        for name in names:
            data = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            at = _find_header(data, is_header)
            if at is not None:
                break
        else:
            raise _no_header(path, "xlsx")
    except CalamineError as exc:
        raise SourceError("source.bad-excel", file=path.name, detail=str(exc)) from exc
    except (KeyError, ValueError) as exc:  # unknown sheet name
        raise SourceError(
            "source.no-sheet", file=path.name, sheet=sheet, sheets=", ".join(book.sheet_names)
        ) from exc
    headers = [cell_text(v) or "" for v in data[at]]
    title = " ".join(cell_text(v) or "" for row in data[:at] for v in row).strip()
    rows, nums, blank = [], [], 0
    for i in range(at + 1, len(data)):
        row = data[i]
        # `any` is a fast test; a row of zeros is falsy too, so check what it holds
        if not any(row) and all(v is None or v == "" for v in row):
            blank += 1
            continue
        rows.append(row)
        nums.append(i + 1)  # the row number Excel shows
    totals = None
    if rows:
        last = [cell_text(v) for v in rows[-1]]
        if _is_totals(last):
            totals = {j: v for j, v in enumerate(last) if v is not None}
            rows.pop()
            nums.pop()
    columns = {
        f"c{j}": _text_column([r[j] if j < len(r) else None for r in rows])
        for j in range(len(headers))
    }
    columns["_row"] = pa.array(nums, type=pa.int32())
    return SourceTable(
        path=path,
        format="xlsx",
        sha256=file_digest(path),
        size_bytes=path.stat().st_size,
        headers=headers,
        header_row=at + 1,
        title=title,
        sheet=name,
        arrow=pa.table(columns),
        skipped_blank=blank,
        totals_row=totals,
    )


def _text_column(values: list) -> pa.Array:
    """One Excel column as text, the same as `cell_text` cell by cell, but a whole column of
    one type (all text, all numbers) is converted by Arrow at once."""
    values = [None if v == "" else v for v in values]
    try:
        arr = pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        arr = None
    if arr is not None:
        kind = arr.type
        if pa.types.is_null(kind):
            return pa.nulls(len(values), pa.string())
        if pa.types.is_string(kind):
            arr = pc.utf8_trim_whitespace(arr)
            return pc.if_else(pc.equal(arr, ""), pa.scalar(None, pa.string()), arr)
        if pa.types.is_integer(kind):
            return pc.cast(arr, pa.string())
        if pa.types.is_floating(kind):
            finite = arr.drop_null()
            if len(finite) == 0:
                return pa.nulls(len(values), pa.string())
            integral = pc.all(pc.equal(pc.floor(finite), finite)).as_py()
            if integral and pc.max(pc.abs(finite)).as_py() < 1e15:
                return pc.cast(pc.cast(arr, pa.int64()), pa.string())
    return pa.array([cell_text(v) for v in values], pa.string())


# -- CSV ------------------------------------------------------------------------------------


def sniff_encoding(path: Path) -> str:
    """UTF-8 with or without BOM, else Windows-1256 (Arabic Windows, common in Iran)."""
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            return "cp1256"
    return "utf-8"


def _sniff_dialect(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _read_csv(path: Path, is_header) -> SourceTable:
    encoding = sniff_encoding(path)
    with path.open("r", encoding=encoding, newline="") as fh:
        sample = fh.read(1 << 16)
    if "\x00" in sample:
        raise SourceError("source.not-a-table", file=path.name)
    delim = _sniff_dialect(sample)
    head_rows = list(csv.reader(io.StringIO(sample), delimiter=delim))[:HEADER_SCAN_ROWS]
    at = _find_header(head_rows, is_header)
    if at is None:
        raise _no_header(path, "csv")
    size = path.stat().st_size
    table = SourceTable(
        path=path,
        format="csv",
        sha256=file_digest(path),
        size_bytes=size,
        headers=[h.strip() for h in head_rows[at]],
        header_row=0,
        encoding=encoding,
    )
    # the physical line of the header (title rows may span lines); csv.reader counts lines
    reader = csv.reader(io.StringIO(sample), delimiter=delim)
    for _ in range(at + 1):
        next(reader)
    table.header_row = reader.line_num
    table.title = " ".join(" ".join(r) for r in head_rows[:at]).strip()
    if encoding != "cp1256" and size > FAST_CSV_BYTES and _one_record_per_line(path):
        table.csv_fast = {
            "delim": delim,
            "skip": table.header_row,
            "width": len(table.headers),
            "encoding": encoding,
        }
        return table
    with path.open("r", encoding=encoding, newline="", errors="strict") as fh:
        reader = csv.reader(fh, delimiter=delim)
        for _ in range(table.header_row):
            next(reader, None)
        # csv.reader's line_num skips forward past the header's physical lines
        body = ((reader.line_num, [(v.strip() or None) for v in row]) for row in reader)
        rows, blank, totals = _split_body((num, row) if row else (num, [None]) for num, row in body)
    table.arrow = _columns_to_arrow(rows, len(table.headers))
    table.skipped_blank = blank
    table.totals_row = totals
    return table


def _one_record_per_line(path: Path) -> bool:
    """True when the file has no blank lines and no quoted line breaks.

    Then a record's row number is its position after the header, and DuckDB's own CSV reader
    (which skips blank lines) can be used without losing the row numbers people see.
    """
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        if mm.find(b"\n\n") != -1 or mm.find(b"\n\r\n") != -1 or mm.find(b'"') != -1:
            return False
    return True


# -- Parquet --------------------------------------------------------------------------------


def _read_parquet(path: Path) -> SourceTable:
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise SourceError("source.bad-parquet", file=path.name, detail=str(exc)) from exc
    return SourceTable(
        path=path,
        format="parquet",
        sha256=file_digest(path),
        size_bytes=path.stat().st_size,
        headers=list(schema.names),
        header_row=0,
        parquet=True,
    )
