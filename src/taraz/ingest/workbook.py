"""An .xlsx workbook looked at before python-calamine reads it: its parts inflated within the
byte budget (whatever sizes the zip declares), which part holds which sheet, and how far each
sheet's cells reach.

python-calamine builds a sheet as one dense rows x columns rectangle when the sheet is opened:
a 1.5 KB workbook with one cell at A1 and one at XFD1048576 asks for 512 GiB and aborts the
process. So the reach of a sheet is read from its XML first (every cell's reference, not the
`<dimension>` element, which may be missing or wrong), and a sheet over the budget is refused.
"""

from __future__ import annotations

import posixpath
import re
import struct
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from taraz.ingest.limits import ReadBudget
from taraz.ingest.sources import SourceError, too_large

CHUNK = 1 << 20
_SCANS_AHEAD = 4  # parts inflated and waiting for a scan thread
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_BOOK_RELS = "xl/_rels/workbook.xml.rels"

_TAG_END = b">"
_ROW_DIGITS = 9  # a row number longer than this is past any budget (16 bytes look-ahead)
_PAST_LAST_COLUMN = 16385  # XFD is the last column Excel has


@dataclass(frozen=True)
class Extent:
    """How far a sheet's cells reach: rows and columns from A1 (calamine's rectangle is no
    larger)."""

    rows: int
    columns: int


class Workbook:
    """The zip of an .xlsx file, its sheets' parts, and a byte budget spent as parts are read."""

    def __init__(self, path: Path, budget: ReadBudget) -> None:
        self.path = path
        self.budget = budget
        self.spent = 0
        try:
            with zipfile.ZipFile(path) as zf:
                self.entries = {i.filename: i for i in zf.infolist()}
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise SourceError("source.bad-excel", file=path.name, detail=str(exc)) from exc
        if "xl/workbook.xml" not in self.entries:
            raise SourceError("source.not-a-workbook", file=path.name)
        self.parts, opened = self._parts()
        for name in opened:  # what calamine reads when it opens the workbook: measured first
            if name in self.entries:
                for _ in self.inflate(name):
                    pass

    def inflate(self, name: str) -> Iterator[bytes]:
        """The part `name`, inflated chunk by chunk from its compressed bytes (not trusting the
        size the zip declares); the bytes count against the budget as they come."""
        info = self.entries[name]
        if info.flag_bits & 0x1:
            raise SourceError("source.bad-excel", file=self.path.name, detail="encrypted part")
        with self.path.open("rb") as fh:
            fh.seek(info.header_offset)
            head = fh.read(30)
            if len(head) < 30 or head[:4] != b"PK\x03\x04":
                raise SourceError(
                    "source.bad-excel", file=self.path.name, detail=f"bad entry {name}"
                )
            name_len, extra_len = struct.unpack("<HH", head[26:30])
            fh.seek(info.header_offset + 30 + name_len + extra_len)
            left = info.compress_size
            if info.compress_type == zipfile.ZIP_STORED:
                inflater = None
            elif info.compress_type == zipfile.ZIP_DEFLATED:
                inflater = zlib.decompressobj(-15)
            else:
                raise SourceError(
                    "source.bad-excel",
                    file=self.path.name,
                    detail=f"compression {info.compress_type}",
                )
            while left > 0 or (inflater is not None and inflater.unconsumed_tail):
                raw = b""
                if inflater is None or not inflater.unconsumed_tail:
                    raw = fh.read(min(CHUNK, left))
                    if not raw:
                        break
                    left -= len(raw)
                try:
                    out = (
                        raw
                        if inflater is None
                        else inflater.decompress(inflater.unconsumed_tail + raw, CHUNK)
                    )
                except zlib.error as exc:
                    raise SourceError(
                        "source.bad-excel", file=self.path.name, detail=str(exc)
                    ) from exc
                yield from self._spend(out)
            if inflater is not None:
                yield from self._spend(inflater.flush())

    def _spend(self, out: bytes) -> Iterator[bytes]:
        self.spent += len(out)
        if self.spent > self.budget.max_bytes:
            raise too_large(self.path, "max_bytes", self.spent, self.budget)
        if out:
            yield out

    def read(self, name: str) -> bytes:
        return b"".join(self.inflate(name))

    def _parts(self) -> tuple[dict[str, str], set[str]]:
        """Sheet name -> the zip entry of its XML; and the entries of the shared strings and
        styles, which calamine reads when it opens the workbook."""
        try:
            book = ET.fromstring(self.read("xl/workbook.xml"))
            rels = (
                ET.fromstring(self.read(_BOOK_RELS))
                if _BOOK_RELS in self.entries
                else ET.Element("none")
            )
        except ET.ParseError as exc:
            raise SourceError("source.bad-excel", file=self.path.name, detail=str(exc)) from exc
        targets, opened = {}, {"xl/sharedStrings.xml", "xl/styles.xml"}
        for rel in rels.iter(f"{_PKG_REL}Relationship"):
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            targets[rel.get("Id")] = posixpath.normpath(part)
            if rel.get("Type", "").endswith(("/sharedStrings", "/styles")):
                opened.add(targets[rel.get("Id")])
        parts = {
            sheet.get("name", ""): targets.get(sheet.get(f"{_REL}id"), "")
            for sheet in book.iter(f"{_MAIN}sheet")
        }
        return parts, opened

    def extent(self, sheet: str) -> Extent:
        """How far `sheet`'s cells reach, refused when over the budget's rows, columns or cells."""
        part = self.parts.get(sheet)
        if part not in self.entries:  # calamine could not read it either: never unmeasured
            detail = f"sheet {sheet!r} has no part {part!r}"
            raise SourceError("source.bad-excel", file=self.path.name, detail=detail)
        budget = self.budget
        found = _scan(self.inflate(part))
        if found is None:  # cells without references: place them as calamine would
            found = _walk(self.inflate(part), budget)
        if found.columns > budget.max_columns:
            raise too_large(self.path, "max_columns", found.columns, budget)
        if found.rows > budget.max_rows:
            raise too_large(self.path, "max_rows", found.rows, budget)
        if found.rows * found.columns > budget.max_cells:
            raise too_large(self.path, "max_cells", found.rows * found.columns, budget)
        return found


def _tags(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The chunks, each cut after its last `>`, so no tag is split between two."""
    tail = b""
    for chunk in chunks:
        data = tail + chunk
        cut = data.rfind(_TAG_END) + 1
        tail = data[cut:]
        if cut:
            yield data[:cut]
        if len(tail) > CHUNK:  # a tag a megabyte long: not a sheet calamine reads
            yield tail
            tail = b""
    if tail:
        yield tail


def _scan(chunks: Iterator[bytes]) -> Extent | None:
    """The reach of a sheet whose every cell has a reference (all writers we know write one),
    from the references themselves, read with numpy a megabyte at a time. None when some cell
    has no reference.

    The parts are scanned on two threads while the sheet is still being inflated (zlib and
    numpy let go of the interpreter's lock): the scan took as long again as calamine's parse of
    the sheet otherwise. At most `_SCANS_AHEAD` parts wait, so the memory stays bounded."""
    rows = columns = refs = tags = 0
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="taraz-scan") as pool:
        waiting: deque[Future] = deque()
        for part in _tags(chunks):
            waiting.append(pool.submit(_scan_part, part))
            while len(waiting) > _SCANS_AHEAD or (waiting and waiting[0].done()):
                found = waiting.popleft().result()
                rows, columns = max(rows, found[0]), max(columns, found[1])
                refs, tags = refs + found[2], tags + found[3]
        for future in waiting:
            found = future.result()
            rows, columns = max(rows, found[0]), max(columns, found[1])
            refs, tags = refs + found[2], tags + found[3]
    if tags > refs:
        return None
    return Extent(rows, columns)


def _scan_part(part: bytes) -> tuple[int, int, int, int]:
    """The furthest row and column that the references of `part` (whole tags) reach, how many
    references it has, and how many cell tags."""
    b = np.frombuffer(part + bytes(16), np.uint8)  # zeros past the end: safe to look ahead
    n = len(part)
    # cell start tags: `<c ` or `<c>`, or with a namespace prefix, `<x:c `
    at = np.flatnonzero(b[1:n] == 99) + 1
    after = b[at + 1]
    tags = int(
        np.count_nonzero(((b[at - 1] == 60) | (b[at - 1] == 58)) & ((after <= 32) | (after == 62)))
    )
    # ` r="` and a reference that starts with a letter (a row's number does not)
    at = np.flatnonzero(b[2:n] == 61) + 2
    at = at[(b[at - 1] == 114) & (b[at - 2] <= 32) & (b[at + 1] == 34) & _upper(b[at + 2])]
    pos = at + 2
    if not len(pos):
        return 0, 0, 0, tags
    # int32 is enough: three letters reach 18278, nine digits 999,999,999
    col = b[pos].astype(np.int32) - 64
    two = _upper(b[pos + 1])
    three = two & _upper(b[pos + 2])
    col = np.where(two, col * 26 + b[pos + 1] - 64, col)
    col = np.where(three, col * 26 + b[pos + 2] - 64, col)
    if (three & _upper(b[pos + 3])).any():  # four letters: past XFD
        col = np.maximum(col, _PAST_LAST_COLUMN)
    start = pos + 1 + two + three
    row = np.zeros(len(pos), np.int32)
    alive = np.ones(len(pos), bool)
    for k in range(_ROW_DIGITS):
        d = b[start + k]
        alive &= (d >= 48) & (d <= 57)
        if not alive.any():
            break
        row = np.where(alive, row * 10 + d - 48, row)
    else:  # more digits than any sheet has rows
        if alive.any():
            row = np.maximum(row, 10**_ROW_DIGITS)
    return int(row.max()), int(col.max()), len(pos), tags


def _upper(x: np.ndarray) -> np.ndarray:
    return (x >= 65) & (x <= 90)


def _walk(chunks: Iterator[bytes], budget: ReadBudget) -> Extent:
    """The reach of a sheet read element by element, placing a cell without a reference after
    the one before it and a row without a number after the row before (as calamine does).
    Stops as soon as the reach is over the budget."""
    parser = ET.XMLPullParser(events=("start",))
    data = None
    row = col = rows = columns = 0
    for chunk in chunks:
        try:
            parser.feed(chunk)
            events = list(parser.read_events())
        except ET.ParseError:
            break
        for _, element in events:
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "sheetData":
                data = element
            elif tag == "row":
                r = element.get("r")
                row = int(r) if r and r.isdigit() else row + 1
                col = 0
                if data is not None:
                    del data[:-1]  # rows read before: not kept
            elif tag == "c":
                m = re.fullmatch(r"([A-Z]+)([0-9]+)", element.get("r") or "")
                if m:
                    col, row = _column_number(m.group(1).encode()), int(m.group(2))
                else:
                    col += 1
                rows, columns = max(rows, row), max(columns, col)
        if (
            rows > budget.max_rows
            or columns > budget.max_columns
            or rows * columns > budget.max_cells
        ):
            break
    return Extent(rows, columns)


def _column_number(letters: bytes) -> int:
    """A1-style column letters as a number: A is 1, Z 26, AA 27, XFD 16384."""
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n
