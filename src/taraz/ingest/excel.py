"""Reading an Excel workbook (python-calamine): the first sheet with a known header, its rows
as text with the row numbers Excel shows. An .xlsx sheet is measured from its XML first
(`workbook.Workbook`), so a sheet over the budget is refused before calamine builds it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from taraz.ingest.limits import ReadBudget
from taraz.ingest.sources import (
    HEADER_SCAN_ROWS,
    IsHeader,
    SourceError,
    SourceTable,
    cell_text,
    fault_columns,
    file_digest,
    find_header,
    is_totals,
    no_header,
    too_large,
)


def read_excel(
    path: Path, kind: str, is_header: IsHeader, sheet: str | None, budget: ReadBudget
) -> SourceTable:
    """Read the first sheet (or `sheet`) whose first rows hold a known header."""
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

    from taraz.ingest.sheet_pieces import read_in_pieces
    from taraz.ingest.workbook import Workbook

    parts = Workbook(path, budget) if kind == "xlsx" else None
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = [m.name for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        if sheet is not None and sheet not in book.sheet_names:
            raise SourceError(
                "source.no-sheet", file=path.name, sheet=sheet, sheets=", ".join(names)
            )
        for name in [sheet] if sheet else names:
            runs = read_in_pieces(parts, name, _piece_run) if parts is not None else None
            if runs is None:
                found = book.get_sheet_by_name(name)
                if found.height * found.width > budget.max_cells:  # an .xls sheet: measured now
                    raise too_large(path, "max_cells", found.height * found.width, budget)
                data = found.to_python(skip_empty_area=False)
                del found  # calamine's own copy of the sheet: not kept while its rows are read
                runs = [_run(data, 0, 0, HEADER_SCAN_ROWS)] if data else []
                del data
            width = max((run.width for run in runs), default=0)
            height = max((run.height for run in runs), default=0)
            head = _head(runs, width, height)
            at = find_header(head, is_header)
            if at is not None:
                break
        else:
            raise no_header(path, "xlsx")
    except SourceError:
        raise
    except CalamineError as exc:
        raise SourceError("source.bad-excel", file=path.name, detail=str(exc)) from exc
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as exc:  # a panic of calamine's Rust reader is a BaseException
        if _out_of_memory(exc):  # a panic while it was failing to allocate: not the file's fault
            raise MemoryError(str(exc)) from exc
        detail = f"{type(exc).__name__}: {exc}"
        raise SourceError("source.bad-excel", file=path.name, detail=detail) from exc
    headers = [cell_text(v) or "" for v in head[at]]
    title = " ".join(cell_text(v) or "" for row in head[:at] for v in row).strip()
    # the rows between the header and the runs' own columns (from HEADER_SCAN_ROWS on)
    runs.insert(0, _run(head[at + 1 :], at + 1, 0, at + 1))
    table = _table(runs, width)
    blank = height - at - 1 - table.num_rows
    totals = None
    last = next((run.last for run in reversed(runs) if run.last is not None), None)
    if last is not None and last[0] > at:  # the last row that is not blank, after the header
        texts = [cell_text(v) for v in last[1]] + [None] * (width - len(last[1]))
        if is_totals(texts):
            totals = {j: v for j, v in enumerate(texts) if v is not None}
            table = table.slice(0, table.num_rows - 1)
    columns = {name: table[name] for name in table.column_names}
    table = fault_columns(table, _long_cells(columns, width, budget))
    return SourceTable(
        path=path,
        format="xlsx",
        sha256=file_digest(path),
        size_bytes=path.stat().st_size,
        headers=headers,
        header_row=at + 1,
        title=title,
        sheet=name,
        arrow=table,
        skipped_blank=blank,
        totals_row=totals,
    )


@dataclass
class _Run:
    """A run of a sheet's rows (a piece read on a thread of its own, or the sheet whole): its
    rows before `HEADER_SCAN_ROWS` as calamine gives them, by index (the header is looked for
    among them); its rows after that which are not blank, as text columns `c<j>` (its own
    columns) and their row numbers (`_row`); its last row that is not blank; how far it
    reaches (rows and columns from A1)."""

    head: dict[int, list[Any]]
    columns: dict[str, pa.Array]
    rows: int
    last: tuple[int, list[Any]] | None
    height: int
    width: int


def _piece_run(start: tuple[int, int], end: tuple[int, int], rows: list[list[Any]]) -> _Run:
    """A piece's rows (from its first cell, `start`) as a run: made text on the thread that read
    it, while the other reads the next."""
    run = _run(rows, start[0], start[1], HEADER_SCAN_ROWS)
    run.height, run.width = end[0] + 1, end[1] + 1
    return run


def _run(rows: list[list[Any]], top: int, left: int, convert_from: int) -> _Run:
    """`rows` from row index `top` and column `left`: those from `convert_from` on that are not
    blank made text columns, those before `HEADER_SCAN_ROWS` kept as they are."""
    split = max(0, min(len(rows), convert_from - top))
    pad = [""] * left
    head = {top + i: pad + rows[i] for i in range(min(len(rows), HEADER_SCAN_ROWS - top))}
    # `any` is a fast test; a row of zeros is falsy too, so check what it holds
    kept = [
        i
        for i in range(split, len(rows))
        if any(rows[i]) or not all(v is None or v == "" for v in rows[i])
    ]
    if kept:
        last = (top + kept[-1], pad + rows[kept[-1]])
    else:
        last = next(
            ((top + i, pad + rows[i]) for i in reversed(range(split)) if not _blank(rows[i])),
            None,
        )
    width = max((len(row) for row in rows), default=0)
    # calamine's rows are as wide as the sheet: put in a numpy matrix of cells, whose columns
    # Arrow reads as it reads lists (a fifth of the time `zip(*rows)` took)
    cells = np.empty((len(kept), width), dtype=object)
    if kept:
        cells[:] = [rows[i] for i in kept]
    columns = {f"c{left + j}": _text_column(cells[:, j]) for j in range(width)}
    columns["_row"] = pa.array([top + i + 1 for i in kept], type=pa.int32())  # as Excel shows
    return _Run(head, columns, len(kept), last, top + len(rows), left + width)


def _blank(row: list[Any]) -> bool:
    return not any(row) and all(v is None or v == "" for v in row)


def _head(runs: list[_Run], width: int, height: int) -> list[list[Any]]:
    """The sheet's first rows (up to `HEADER_SCAN_ROWS`) as calamine gives them whole: rows
    no run has are blank, and each row is as wide as the sheet."""
    head: list[list[Any]] = [[""] * width for _ in range(min(height, HEADER_SCAN_ROWS))]
    for run in runs:
        for i, row in run.head.items():
            head[i] = row + [""] * (width - len(row))
    return head


def _table(runs: list[_Run], width: int) -> pa.Table:
    """The runs' text columns end to end, c0 to c<width - 1> (null where a run has no such
    column), and `_row`."""
    runs = [run for run in runs if run.rows]
    columns = {
        f"c{j}": pa.chunked_array(
            [run.columns.get(f"c{j}", pa.nulls(run.rows, pa.string())) for run in runs],
            pa.string(),
        )
        for j in range(width)
    }
    columns["_row"] = pa.chunked_array([run.columns["_row"] for run in runs], pa.int32())
    return pa.table(columns)


def _out_of_memory(exc: BaseException) -> bool:
    """Whether `exc` comes of memory running out rather than of the file. Under a memory limit
    calamine's Rust reader may fail to make a Python object, and pyo3 then panics with "PyObject
    pointer is null" after printing the MemoryError, which the panic does not carry."""
    seen: set[int] = set()
    found: BaseException | None = exc
    while found is not None and id(found) not in seen:
        if isinstance(found, MemoryError) or "PyObject pointer is null" in str(found):
            return True
        seen.add(id(found))
        found = found.__cause__ or found.__context__
    return False


def _long_cells(columns: dict[str, pa.Array], width: int, budget: ReadBudget) -> dict:
    """Rows (by index) with a cell longer than the budget's cell: set aside, with its text."""
    faults: dict[int, tuple[str, str]] = {}
    for j in range(width):
        col = columns[f"c{j}"]
        lengths = pc.utf8_length(col)
        if len(col) and (pc.max(lengths).as_py() or 0) > budget.max_cell_chars:
            too_long = pc.greater(lengths, budget.max_cell_chars).to_pylist()
            for i, long in enumerate(too_long):
                if long and i not in faults:
                    faults[i] = ("ingest.cell-too-long", col[i].as_py())
    return faults


def _text_column(values: np.ndarray) -> pa.Array:
    """One Excel column (a column of a matrix of cells) as text, the same as `cell_text` cell
    by cell, but a whole column of one type (all text, all numbers) is converted by Arrow at
    once."""
    try:
        arr = pa.array(values)  # most columns: all text, or all numbers without blanks
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        values = [None if v == "" else v for v in values]
        try:
            arr = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            arr = None
    numeric = arr is not None and (pa.types.is_floating(arr.type) or pa.types.is_integer(arr.type))
    if numeric and bool in set(map(type, values)):  # Arrow reads False after 0.5 as 0.0
        arr = None  # written cell by cell
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
            return _float_text(arr, values)
    return pa.array([cell_text(v) for v in values], pa.string())


def _float_text(arr: pa.Array, values: np.ndarray) -> pa.Array:
    """A column of numbers as `cell_text` writes them: Arrow writes the same text as Python's
    `repr` (and `str(int(v))` for whole numbers) from 1e-4 up to 1e10; the few cells outside
    that range are written by Python."""
    magnitude = pc.abs(arr)
    outside = pc.fill_null(
        pc.invert(pc.and_(pc.greater_equal(magnitude, 1e-4), pc.less(magnitude, 1e10))), False
    )
    text = pc.cast(arr, pa.string())
    if not pc.any(outside).as_py():
        return text
    where = pc.indices_nonzero(outside).to_pylist()
    return pc.replace_with_mask(
        text, outside, pa.array([_number_text(values[i]) for i in where], pa.string())
    )


def _number_text(value: float | int | None) -> str | None:
    """`cell_text` of a cell of a column of numbers (and blanks)."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    return str(value)
