"""An .xlsx workbook looked at before python-calamine reads it: its parts inflated within the
byte budget (whatever sizes the zip declares), which part holds which sheet, and how far each
sheet's cells reach.

python-calamine builds a sheet as one dense rows x columns rectangle when the sheet is opened:
a 1.5 KB workbook with one cell at A1 and one at XFD1048576 asks for 512 GiB and aborts the
process. So the reach of a sheet is read from its XML first (every cell's reference, not the
`<dimension>` element, which may be missing or wrong), and a sheet over the budget is refused.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pyarrow as pa

from taraz.ingest.limits import ReadBudget
from taraz.ingest.sources import SourceError, too_large

CHUNK = 1 << 20
# of a sheet's XML, read as a sheet of its own on a thread of its own; at least this many times
# the parts each piece's workbook repeats (the shared strings, which calamine reads again for
# each): on the bench's sheet 2 MB pieces read in 1.4-2.1 s, 4 MB 1.5-2.7 s, 16 MB 2.0-2.8 s
PIECE_BYTES = 4 << 20
PIECE_SHARE = 4
_ROW_LIMIT = 4 * CHUNK  # a row longer than this: the sheet is read whole
_HEAD_LIMIT = CHUNK  # the sheet's head (up to `<sheetData>`) is looked for in this much
_ROOT_RELS = "_rels/.rels"
_GZIP_HEAD = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no name, no time
# the root element and `<sheetData>` with its namespace prefix (`x:`), as a sheet writes them
_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)[\s/>]")
_SHEET_DATA = re.compile(rb"<((?:[A-Za-z_][\w.\-]*:)?)sheetData(?:\s[^<>]*)?/?>")
_DECLARATION = re.compile(rb"(?:\xef\xbb\xbf)?\s*<\?xml[^<>]*\?>")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_BOOK_RELS = "xl/_rels/workbook.xml.rels"

_TAG_END = b">"
_ROW_DIGITS = 9  # a row number longer than this is past any budget (16 bytes look-ahead)
_PAST_LAST_COLUMN = 16385  # XFD is the last column Excel has


class NotAsDeclared(Exception):
    """A part whose size or CRC is not what the zip declares, or whose deflated bytes end
    early: Arrow's inflater found out at its end."""


class _Framed(io.RawIOBase):
    """`size` bytes of `fh` from where it stands, between `head` and `tail`."""

    def __init__(self, fh: BinaryIO, size: int, head: bytes, tail: bytes) -> None:
        super().__init__()
        self.fh, self.left, self.head, self.tail = fh, size, head, tail

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = len(buffer)
        if self.head:
            out, self.head = self.head[:n], self.head[n:]
        elif self.left > 0:
            out = self.fh.read(min(n, self.left))
            self.left = self.left - len(out) if out else 0
        else:
            out, self.tail = self.tail[:n], self.tail[n:]
        buffer[: len(out)] = out
        return len(out)


@dataclass(frozen=True)
class Extent:
    """How far a sheet's cells reach: rows and columns from A1 (calamine's rectangle is no
    larger)."""

    rows: int
    columns: int
    in_pieces: bool = False  # every piece of it was handed on (`Workbook.extent`)


class Workbook:
    """The zip of an .xlsx file, its sheets' parts, and a byte budget spent as parts are read."""

    def __init__(self, path: Path, budget: ReadBudget) -> None:
        self.path = path
        self.budget = budget
        self.spent = 0
        self.kept: dict[str, bytes] = {}  # the small parts calamine reads on opening, inflated
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
                self.kept[name] = self.read(name)

    def inflate(self, name: str, quick: bool = False) -> Iterator[bytes]:
        """The part `name`, inflated chunk by chunk from its compressed bytes (not trusting the
        size the zip declares); the bytes count against the budget as they come. `quick`: by
        Arrow's inflater, which checks the size and CRC the zip declares at the end (raises
        `NotAsDeclared` when they are not the part's)."""
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
            if quick and info.compress_type == zipfile.ZIP_DEFLATED:
                yield from self._inflate_quickly(fh, info)
                return
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

    def _inflate_quickly(self, fh: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """The deflated part at `fh` inflated by Arrow's gzip reader (its zlib inflates the
        bench's 104 MB sheet in 0.12 s of processor time, Python's in 0.30 s): the part's bytes
        framed as a gzip member, whose trailer is the CRC and size the zip declares."""
        trailer = struct.pack("<LL", info.CRC, info.file_size & 0xFFFFFFFF)
        framed = _Framed(fh, info.compress_size, _GZIP_HEAD, trailer)
        stream = pa.CompressedInputStream(pa.PythonFile(framed, mode="r"), "gzip")
        while True:
            try:
                out = stream.read(CHUNK)
            except (OSError, pa.ArrowException) as exc:
                raise NotAsDeclared(str(exc)) from exc
            if not out:
                return
            yield from self._spend(out)

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
        for name in ("xl/workbook.xml", _BOOK_RELS):
            if name in self.entries:
                self.kept[name] = self.read(name)
        try:
            book = ET.fromstring(self.kept["xl/workbook.xml"])
            rels = (
                ET.fromstring(self.kept[_BOOK_RELS])
                if _BOOK_RELS in self.kept
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

    def extent(self, sheet: str, hand: Hand | None = None) -> Extent:
        """How far `sheet`'s cells reach, refused when over the budget's rows, columns or cells.

        With `hand`, the sheet is also handed on while it is being measured, as pieces of whole
        rows (`Pieces`) that python-calamine can read each as a sheet of its own, on other
        threads: a piece is handed on only once it is measured, the sheet so far is within the
        budget and its rows follow the rows before. `Extent.in_pieces` says whether every piece
        was handed on; when not, the pieces are worth nothing and calamine reads the sheet whole.
        """
        part = self.parts.get(sheet)
        if part not in self.entries:  # calamine could not read it either: never unmeasured
            detail = f"sheet {sheet!r} has no part {part!r}"
            raise SourceError("source.bad-excel", file=self.path.name, detail=detail)
        budget = self.budget
        repeated = sum(len(data) for data in self.kept.values())
        pieces = Pieces(budget, hand, max(PIECE_BYTES, PIECE_SHARE * repeated))
        spent = self.spent
        try:
            found = _scan(self.inflate(part, quick=True), pieces)
        except NotAsDeclared:  # a part unlike what the zip says of it: measured by zlib again
            self.spent = spent
            pieces.off()
            found = _scan(self.inflate(part), Pieces(budget, None))
        if found is None:  # cells without references: place them as calamine would
            found = _walk(self.inflate(part), budget)
        if found.columns > budget.max_columns:
            raise too_large(self.path, "max_columns", found.columns, budget)
        if found.rows > budget.max_rows:
            raise too_large(self.path, "max_rows", found.rows, budget)
        if found.rows * found.columns > budget.max_cells:
            raise too_large(self.path, "max_cells", found.rows * found.columns, budget)
        return Extent(found.rows, found.columns, pieces.whole)

    def book_parts(self) -> dict[str, bytes]:
        """The parts calamine reads when it opens the workbook, for a workbook of one piece of a
        sheet: the package's relationships (measured here), the workbook, its relationships,
        shared strings and styles."""
        if _ROOT_RELS in self.entries and _ROOT_RELS not in self.kept:
            self.kept[_ROOT_RELS] = self.read(_ROOT_RELS)
        return dict(self.kept)


Hand = Callable[[list[bytes]], None]


@dataclass
class _Part:
    """What the scan found in a run of whole tags: the furthest row and column, the cell
    references and cell tags, the rows of the first and last reference, whether the
    references' rows never go back, whether it has markup that is not elements (`<!`,
    `<?`: comments, CDATA, instructions), in which a row's end tag could hide, and how often
    it names `sheetData` (calamine stops at the first end tag: rows after it are not read)."""

    rows: int = 0
    columns: int = 0
    refs: int = 0
    tags: int = 0
    first: int = 0
    last: int = 0
    ordered: bool = True
    other: bool = False
    marks: int = 0  # `sheetData` written in it (a sheet has its start tag and its end tag)


class Pieces:
    """The parts of a sheet's XML gathered into pieces of whole rows of about `size` bytes,
    each made a sheet of its own (the sheet's head before it, its closing tags after) and handed
    on when it is measured and may be read: its cells have references, their rows never go
    back and come after the rows of the pieces before, and the sheet so far is within the
    budget. A sheet of one piece is not handed on: calamine reads it whole."""

    def __init__(self, budget: ReadBudget, hand: Hand | None, size: int = 0) -> None:
        self.budget = budget
        self.hand = hand
        self.piece_bytes = size or PIECE_BYTES
        self.on = hand is not None
        self.handed = 0
        self.parts: list[bytes] = []
        self.size = 0
        self.head = self.close = b""
        self.row_end: bytes | None = None  # `</row>`, as the sheet writes it
        self.last = 0  # the row of the last reference of the pieces before
        self.marks = 0  # `sheetData` written so far: its start tag only, until the last part
        self.started = False  # the piece gathered has a reference

    @property
    def whole(self) -> bool:
        """Whether every piece of the sheet was handed on."""
        return self.on and self.handed > 0

    def start(self, data: bytes) -> bool:
        """The sheet's head (up to `<sheetData>`) and closing tags, from its first bytes;
        False while `data` is too short to hold the head."""
        found = _SHEET_DATA.search(data, 0, _HEAD_LIMIT)
        if found is None and len(data) < _HEAD_LIMIT:
            return False
        root = _ROOT.search(data, 0, _HEAD_LIMIT)
        if (
            found is None
            or root is None
            or found.group(0).endswith(b"/>")
            or b"<!" in data[: found.start()]
        ):
            self.off()
            return True
        prefix = found.group(1)
        self.head = data[: found.end()]
        self.close = b"</" + prefix + b"sheetData></" + root.group(1) + b">"
        self.row_end = b"</" + prefix + b"row>"
        return True

    def add(self, part: bytes, found: _Part, reach: _Part) -> None:
        """`part` scanned (`found`), `reach` the sheet's so far; a piece is handed on when the
        next part comes after it."""
        if not self.on:
            return
        if self.size >= self.piece_bytes:
            if not self._fits(reach) or self.marks != 1:
                self.off()
                return
            self._hand([*self.parts, self.close])
        self.marks += found.marks
        if found.other or found.tags != found.refs or not found.ordered:
            self.off()
            return
        if found.refs:
            # rows never go back within a piece, and a piece starts past the row before it
            if found.first < self.last or (not self.started and found.first == self.last > 0):
                self.off()
                return
            self.last, self.started = found.last, True
        self.parts.append(part)
        self.size += len(part)

    def off(self) -> None:
        """The sheet is read whole after all: what was gathered is let go."""
        self.on = False
        self.parts, self.size = [], 0

    def finish(self, reach: _Part) -> None:
        """The last piece (the sheet's own closing tags end it), when pieces were handed on."""
        if self.on and self.handed and self._fits(reach) and self.marks == 2:
            self._hand(self.parts)
        else:
            self.off()

    def _fits(self, reach: _Part) -> bool:
        budget = self.budget
        return (
            reach.rows <= budget.max_rows
            and reach.columns <= budget.max_columns
            and reach.rows * reach.columns <= budget.max_cells
        )

    def _hand(self, parts: list[bytes]) -> None:
        if self.handed:
            parts = [self.head, *parts]
        self.parts, self.size, self.started = [], 0, False
        self.handed += 1
        assert self.hand is not None
        self.hand(parts)


def _parts(chunks: Iterator[bytes], pieces: Pieces) -> Iterator[bytes]:
    """The chunks, each cut after its last `>` so that no tag is split between two; while the
    sheet may be read in pieces, after its last row's end tag instead (a row longer than a
    chunk is waited for, up to `_ROW_LIMIT`)."""
    tail = b""
    for chunk in chunks:
        data = tail + chunk
        if pieces.on and pieces.row_end is None and not pieces.start(data):
            tail = data  # the head is not all read yet
            continue
        if pieces.on and pieces.row_end:
            at = data.rfind(pieces.row_end)
            if at >= 0:
                tail = data[at + len(pieces.row_end) :]
                yield data[: at + len(pieces.row_end)]
                continue
            if len(data) <= _ROW_LIMIT:
                tail = data
                continue
            pieces.off()  # a row of megabytes: not cut into pieces
        cut = data.rfind(_TAG_END) + 1
        tail = data[cut:]
        if cut:
            yield data[:cut]
        if len(tail) > CHUNK:  # a tag a megabyte long: not a sheet calamine reads
            yield tail
            tail = b""
    if tail:
        yield tail


def _scan(chunks: Iterator[bytes], pieces: Pieces) -> Extent | None:
    """The reach of a sheet whose every cell has a reference (all writers we know write one),
    from the references themselves, read with numpy a part (about a megabyte) at a time; each
    part is also offered to `pieces`. None when some cell has no reference."""
    reach = _Part()
    for part in _parts(chunks, pieces):
        found = _scan_part(part)
        reach.rows, reach.columns = max(reach.rows, found.rows), max(reach.columns, found.columns)
        reach.refs, reach.tags = reach.refs + found.refs, reach.tags + found.tags
        pieces.add(part, found, reach)
    pieces.finish(reach)
    if reach.tags > reach.refs:
        return None
    return Extent(reach.rows, reach.columns)


def _scan_part(part: bytes) -> _Part:
    """What the references of `part` (whole tags) reach (`_Part`)."""
    b = np.frombuffer(part + bytes(16), np.uint8)  # zeros past the end: safe to look ahead
    n = len(part)
    # cell start tags: `<c ` or `<c>`, or with a namespace prefix, `<x:c `
    at = np.flatnonzero(b[1:n] == 99) + 1
    after = b[at + 1]
    tags = int(
        np.count_nonzero(((b[at - 1] == 60) | (b[at - 1] == 58)) & ((after <= 32) | (after == 62)))
    )
    declaration = _DECLARATION.match(part)
    other = _other_markup(part, declaration.end() if declaration else 0)
    # ` r="` and a reference that starts with a letter (a row's number does not)
    at = np.flatnonzero(b[2:n] == 61) + 2
    at = at[(b[at - 1] == 114) & (b[at - 2] <= 32) & (b[at + 1] == 34) & _upper(b[at + 2])]
    pos = at + 2
    marks = part.count(b"sheetData")
    if not len(pos):
        return _Part(tags=tags, other=other, marks=marks)
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
    return _Part(
        rows=int(row.max()),
        columns=int(col.max()),
        refs=len(pos),
        tags=tags,
        first=int(row[0]),
        last=int(row[-1]),
        ordered=bool((row[1:] >= row[:-1]).all()),
        other=other,
        marks=marks,
    )


def _other_markup(part: bytes, start: int) -> bool:
    """Whether `part` has markup that is not elements (`<!`, `<?`) from `start`. `!` and `?`
    are rare in a sheet and found at memchr's pace; `<`, in every tag, is not."""
    for mark in (b"!", b"?"):
        at = part.find(mark, start)
        while at >= 0:
            if at and part[at - 1] == 60:  # `<`
                return True
            at = part.find(mark, at + 1)
    return False


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
