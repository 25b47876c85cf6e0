"""Reading a CSV (any delimiter; UTF-8, UTF-8 with BOM or Windows-1256), line by line as an
editor numbers them.

Every physical line after the header ends in one place: a record (a row read, numbered by its
first line), a blank or totals line (set aside), or a line set aside whole with its reason
(`_fault`): a quote that never closes, malformed quotes, more filled cells than the header
has columns, a NUL, bytes that are not text in the file's encoding, a cell or a line over the
budget. A fault never swallows the lines after it: they are read again on their own.

A large clean file (one record a line, no quotes, no NUL) is read by DuckDB itself; if DuckDB
finds it is not that clean after all, it is read here instead (`read_rows`).
"""

from __future__ import annotations

import csv
import io
import re
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa

from taraz.ingest.limits import ReadBudget
from taraz.ingest.sources import (
    HEADER_SCAN_ROWS,
    IsHeader,
    SourceError,
    SourceTable,
    fault_columns,
    file_digest,
    find_header,
    is_totals,
    no_header,
    too_large,
)

FAST_CSV_BYTES = 16 * 1024 * 1024
CHECK_CHUNK_BYTES = 8 * 1024 * 1024
RECORD_LINES = 32  # a quoted cell may hold line breaks, but a record spans at most this many
DELIMITERS = (",", ";", "\t", "|")
_SURROGATES = re.compile("[\udc80-\udcff]")  # bytes `surrogateescape` could not decode
_BLANK_LINE = re.compile(rb"\n\r?\n")


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


def _find_header(
    sample: str, is_header: IsHeader
) -> tuple[str, list[tuple[list[str], int]], int] | None:
    """The delimiter under which the sample's first rows hold a known header (the widest, if
    more than one does), those rows, and the header's index among them.

    In linear time: `csv.Sniffer` takes close to a minute over 64 KB of quotes and commas.
    """
    found = None
    for delim in DELIMITERS:
        rows = list(_sample_rows(sample, delim))
        at = find_header([row for row, _ in rows], is_header)
        if at is not None and (found is None or len(rows[at][0]) > len(found[1][found[2]][0])):
            found = (delim, rows, at)
    return found


def read_csv(path: Path, is_header: IsHeader, budget: ReadBudget, fast: bool = True) -> SourceTable:
    size = path.stat().st_size
    if size > budget.max_bytes:
        raise too_large(path, "max_bytes", size, budget)
    encoding = sniff_encoding(path)
    with path.open("r", encoding=encoding, errors="surrogateescape", newline="") as fh:
        sample = fh.read(1 << 16)
    if "\x00" in sample:
        raise SourceError("source.not-a-table", file=path.name)
    found = _find_header(sample, is_header)
    if found is None:
        raise no_header(path, "csv")
    delim, head_rows, at = found
    headers = [h.strip() for h in head_rows[at][0]]
    if len(headers) > budget.max_columns:
        raise too_large(path, "max_columns", len(headers), budget)
    sha256, clean = _digest_and_check(path, fast and encoding != "cp1256" and size > FAST_CSV_BYTES)
    table = SourceTable(
        path=path,
        format="csv",
        sha256=sha256,
        size_bytes=size,
        headers=headers,
        header_row=head_rows[at][1],  # the header's last physical line
        encoding=encoding,
    )
    table.title = " ".join(" ".join(r) for r, _ in head_rows[:at]).strip()
    if clean:
        table.csv_fast = {
            "delim": delim,
            "skip": table.header_row,
            "width": len(table.headers),
            "encoding": encoding,
        }
        return table
    read_rows(table, delim, budget)
    return table


def _digest_and_check(path: Path, check: bool) -> tuple[str, bool]:
    """The file's digest and, if `check`, whether DuckDB's reader may read it
    (`_one_record_per_line`). The digest is taken on another thread (hashlib lets go of the
    GIL) while the file is checked: two reads of a large file at once, not one after the
    other; one after the other when no thread is to be had (a reader child within its
    address space)."""
    try:
        pool = ThreadPoolExecutor(max_workers=1)
        digest = pool.submit(file_digest, path)
    except RuntimeError:  # can't start new thread
        return file_digest(path), check and _one_record_per_line(path)
    with pool:
        clean = check and _one_record_per_line(path)
        return digest.result(), clean


def _sample_rows(sample: str, delim: str) -> Iterator[tuple[list[str], int]]:
    """The first rows of the sample and the physical line each ends on (lines as the file
    reader splits them: at \\n, \\r\\n or \\r)."""
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delim)
    try:
        for i, row in enumerate(reader):
            if i >= HEADER_SCAN_ROWS:
                return
            yield [_text(v) for v in row], reader.line_num
    except csv.Error:
        return


def _text(value: str) -> str:
    """Undecodable bytes in a header or title: shown as the replacement character."""
    return _SURROGATES.sub("\ufffd", value)


def read_rows(table: SourceTable, delim: str, budget: ReadBudget) -> None:
    """The records after the header into `table.arrow`, blank lines and a totals row set aside,
    faulty lines kept with their reason."""
    width = len(table.headers)
    most = min(budget.max_rows, budget.max_cells // max(width, 1))
    rows: list[tuple[int, list[str | None]]] = []
    faults: dict[int, tuple[str, str]] = {}
    blank = 0
    with table.path.open("r", encoding=table.encoding, errors="surrogateescape", newline="") as fh:
        for _ in range(table.header_row):
            fh.readline()
        lines = _Lines(
            fh,
            table.header_row + 1,
            budget.max_cell_chars * (width + 1),
            check=table.encoding != "cp1256",
        )
        for number, cells, fault in _records(lines, delim, width, budget.max_cell_chars):
            if fault is not None:
                faults[len(rows)] = fault
                rows.append((number, [None]))
            elif not cells or all(not v.strip() for v in cells):
                blank += 1
                continue
            else:
                rows.append((number, [v.strip() or None for v in cells]))
            if len(rows) > most:
                limit = "max_rows" if most == budget.max_rows else "max_cells"
                found = len(rows) if limit == "max_rows" else len(rows) * width
                raise too_large(table.path, limit, found, budget)
    totals = None
    if rows and len(rows) - 1 not in faults and is_totals(rows[-1][1]):
        totals = {j: v for j, v in enumerate(rows[-1][1]) if v is not None}
        rows.pop()
    table.arrow = fault_columns(_columns_to_arrow(rows, width), faults)
    table.skipped_blank = blank
    table.totals_row = totals


def _columns_to_arrow(rows: list[tuple[int, list[str | None]]], width: int) -> pa.Table:
    cols: list[list[str | None]] = [[] for _ in range(width)]
    nums = []
    for num, row in rows:
        nums.append(num)
        for j in range(width):
            cols[j].append(row[j] if j < len(row) else None)
    arrays = {f"c{j}": pa.array(values, type=pa.string()) for j, values in enumerate(cols)}
    arrays["_row"] = pa.array(nums, type=pa.int32())
    return pa.table(arrays)


class _Fault(Exception):
    """A physical line that cannot be part of a record (`code`), or a record that ran on."""

    def __init__(self, number: int, code: str) -> None:
        super().__init__(code)
        self.number = number
        self.code = code


class _Lines:
    """The physical lines after the header, numbered as an editor numbers them, for
    `csv.reader`; the lines of the record being read are kept, to be read again on their own
    when the record turns out to be broken."""

    def __init__(self, fh: io.TextIOBase, first: int, max_chars: int, check: bool) -> None:
        self.fh = fh
        self.number = first - 1
        self.max_chars = max_chars
        self.check = check  # whether undecodable bytes may be there (UTF-8)
        self.pending: deque[tuple[int, str, str | None]] = deque()
        self.taken: list[tuple[int, str, str | None]] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if len(self.taken) >= RECORD_LINES:
            raise _Fault(self.taken[0][0], "ingest.unclosed-quote")
        item = self.pending.popleft() if self.pending else self._read()
        self.taken.append(item)
        if item[2] is not None:
            raise _Fault(item[0], item[2])
        return item[1]

    def _read(self) -> tuple[int, str, str | None]:
        text = self.fh.readline(self.max_chars + 1)
        if not text:
            raise StopIteration
        self.number += 1
        fault = None
        if len(text) > self.max_chars and text[-1] not in "\r\n":
            while (more := self.fh.readline(1 << 20)) and more[-1] not in "\r\n":
                pass  # the rest of an endless line: not kept
            fault = "ingest.line-too-long"
        elif "\x00" in text:
            fault = "ingest.nul-byte"
        elif self.check and _SURROGATES.search(text):
            fault = "ingest.bad-encoding"
        return self.number, text, fault

    def hand_back(self, items: list[tuple[int, str, str | None]]) -> None:
        self.pending.extendleft(reversed(items))


def _records(
    lines: _Lines, delim: str, width: int, max_cell: int
) -> Iterator[tuple[int, list[str], tuple[str, str] | None]]:
    """(first line, cells, None) for each record, or (line, [], (reason, text)) for a line set
    aside; after a broken record the lines it took are read again on their own."""
    while True:
        reader = csv.reader(lines, delimiter=delim, strict=True)
        while True:
            lines.taken = []
            try:
                cells = next(reader)
            except StopIteration:
                return
            except (csv.Error, _Fault) as exc:
                taken = lines.taken
                first = taken[0] if taken else (lines.number, "", None)
                yield first[0], [], (_reason(exc, first), _excerpt(first[1]))
                lines.hand_back(taken[1:])
                break  # a fresh reader: the broken one may be mid-record
            first_line, first_text = lines.taken[0][:2]
            code = _check(cells, lines.taken, delim, width, max_cell)
            if code is None:
                yield first_line, cells, None
                continue
            yield first_line, [], (code, _excerpt(first_text))
            if code == "ingest.unclosed-quote":
                lines.hand_back(lines.taken[1:])
                break


def _reason(exc: Exception, first: tuple[int, str, str | None]) -> str:
    if isinstance(exc, _Fault):
        return exc.code if exc.number == first[0] else "ingest.unclosed-quote"
    text = str(exc)
    if "field larger than field limit" in text:
        return "ingest.cell-too-long"
    if "unexpected end of data" in text:
        return "ingest.unclosed-quote"
    return "ingest.bad-quotes"


def _check(cells: list[str], taken: list, delim: str, width: int, max_cell: int) -> str | None:
    """The reason a parsed record is set aside, if any."""
    if len(taken) > 1:
        # a quoted cell that holds line breaks and whole records' worth of delimiters has
        # swallowed the lines after an unclosed quote
        for v in cells:
            if ("\n" in v or "\r" in v) and any(
                part.count(delim) >= max(width - 1, 1) for part in v.splitlines()
            ):
                return "ingest.unclosed-quote"
    if len(cells) > width and any(v.strip() for v in cells[width:]):
        return "ingest.extra-fields"
    if cells and max(map(len, cells)) > max_cell:
        return "ingest.cell-too-long"
    return None


def _excerpt(text: str) -> str:
    return _SURROGATES.sub("\ufffd", text.rstrip("\r\n")).replace("\x00", "\ufffd")


def _one_record_per_line(path: Path) -> bool:
    """True when the file has no blank lines, no quotes and no NUL.

    Then a record's row number is its position after the header, and DuckDB's own CSV reader
    (which skips blank lines) can be used without losing the row numbers people see. Read in
    chunks, not mapped whole: a mapped file's pages count against the importer's memory.
    """
    tail = b""
    with path.open("rb") as fh:
        while chunk := fh.read(CHECK_CHUNK_BYTES):
            if b'"' in chunk or b"\x00" in chunk:
                return False
            # one regular expression finds a blank line three times faster than two `find`s;
            # the last two bytes read before catch one that spans the boundary
            if _BLANK_LINE.search(tail + chunk[:2]) or _BLANK_LINE.search(chunk):
                return False
            tail = (tail + chunk)[-2:]
    return True
