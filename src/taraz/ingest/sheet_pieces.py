"""An .xlsx sheet read by python-calamine in pieces, on two threads, while it is still being
inflated and measured (`workbook.Workbook.extent`).

calamine reads a sheet on one thread (it lets go of the interpreter's lock while it parses):
about 1.5 s of the 1.8 s its bare read of a 200,000-row sheet takes. A piece is a run of whole
rows of the sheet's XML (`workbook.Pieces`), made a workbook of its own in memory (the parts
calamine opens, and the piece as the sheet, stored: nothing to inflate again) and read as
soon as it is measured, so the second core reads one piece while the first inflates the next.
The pieces' rows are then put where calamine would have put them reading the sheet whole: a
cell's place is its reference, and a piece's first row comes after the rows before it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from itertools import pairwise
from typing import Any, TypeVar

from taraz.ingest.workbook import Workbook

PIECES_AHEAD = 3  # pieces being read or waiting: what is held of the sheet's XML at once

Rows = list[list[Any]]
Cell = tuple[int, int]
T = TypeVar("T")


def as_read(start: Cell, end: Cell, rows: Rows) -> tuple[Cell, Cell, Rows]:
    """A piece as calamine read it: where its cells start and end, and its rows from there."""
    return start, end, rows


def read_in_pieces(
    parts: Workbook, sheet: str, convert: Callable[[Cell, Cell, Rows], T] = as_read
) -> list[T] | None:
    """Each piece of `sheet` with cells, in order, as `convert(start, end, rows)` makes it on
    the thread that read it (`start` and `end` are where the piece's cells start and end, row
    and column from 0; `rows` calamine's `to_python()` of it, from `start`), read while the
    sheet is measured; None when it is to be read whole (a sheet of one piece, or one that
    cannot be cut: see `workbook.Pieces`), or when calamine did not read a piece. Refusals of
    the budget are raised as `extent` raises them, before a piece past the budget is read."""
    book = parts.book_parts()
    name = parts.parts[sheet]
    running: list[Future] = []

    def hand(xml: list[bytes]) -> None:
        busy = [f for f in running if not f.done()]
        if len(busy) >= PIECES_AHEAD:  # the memory held: wait for one to be read
            wait(busy, return_when=FIRST_COMPLETED)
        running.append(pool.submit(_read_piece, book, name, sheet, xml, convert))

    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="taraz-piece") as pool:
        try:
            extent = parts.extent(sheet, hand)
        except BaseException:
            for future in running:
                future.cancel()
            raise
        if not extent.in_pieces:
            for future in running:
                future.cancel()
            return None
        try:
            pieces = [future.result() for future in running]
        except (KeyboardInterrupt, SystemExit, MemoryError):
            raise
        except BaseException:  # a piece calamine did not read (a panic is a BaseException):
            return None  # the sheet read whole says why, or reads it after all
    found = [(start, end, made) for start, end, made in pieces if start is not None]
    for (_, end, _), (start, _, _) in pairwise(found):
        if start[0] <= end[0]:  # `workbook.Pieces` hands on pieces whose rows follow: never
            return None
    return [made for _, _, made in found]


def _read_piece(
    book: dict[str, bytes],
    name: str,
    sheet: str,
    xml: list[bytes],
    convert: Callable[[Cell, Cell, Rows], T],
) -> tuple[Cell | None, Cell | None, T | None]:
    """One piece read by calamine: where its cells start and end, and what `convert` makes of
    its rows (None for a piece without cells)."""
    from python_calamine import CalamineWorkbook

    data = stored_zip({**book, name: xml})
    found = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(sheet)
    del data
    start, end = found.start, found.end
    if start is None or end is None:
        return None, None, None
    rows = found.to_python(skip_empty_area=True)
    del found
    return start, end, convert(start, end, rows)


def assemble(pieces: list[tuple[Cell, Cell, Rows]]) -> Rows:
    """Pieces as read (`as_read`) put together as calamine gives a whole sheet from A1: rows
    and columns before the first cell blank, each row as wide as the widest."""
    if not pieces:
        return []
    width = max(end[1] for _, end, _ in pieces) + 1
    data: Rows = []
    for start, end, rows in pieces:
        data.extend([""] * width for _ in range(start[0] - len(data)))
        left, right = start[1], width - 1 - end[1]
        data.extend([[""] * left + row + [""] * right for row in rows] if left or right else rows)
    return data


def stored_zip(entries: dict[str, bytes | list[bytes]]) -> bytes:
    """A zip of `entries` (name -> its bytes, or its bytes in parts), stored, not deflated:
    nothing for calamine to inflate again."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        for name, content in entries.items():
            with zf.open(name, "w") as part:
                for chunk in content if isinstance(content, list) else [content]:
                    part.write(chunk)
    return buffer.getvalue()
