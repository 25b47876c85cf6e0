"""Staging: every file's rows as text in one view `raw` (_file, _row, one column a field)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import duckdb

from taraz.ingest.layouts import RAW_FIELDS
from taraz.ingest.reading import default_flow, read_rows_again
from taraz.ingest.sources import SourceError, SourceTable, too_large
from taraz.ingest.sql import ident, quote
from taraz.ingest.state import ImportState

# the fewest records worth a thread of their own: a piece's reader first skips the lines
# before it, quickly but not for nothing
MIN_PIECE_ROWS = 100_000


def stage_raw(state: ImportState) -> None:
    """All files' rows as text in `raw`.

    Each file is one part of the view `raw` (their union): a table of its cells, or, for a
    large clean CSV, DuckDB's reader over the file itself, read again by each pass rather
    than copied (reading is cheap; writing 10M lines twice is not). Its row numbers count
    its records in the file's order (one record a line was checked when the file was
    opened), at first on one thread (`number_in_pieces` shares them out once they are
    counted).
    """
    state.raw_parts = [_part(state, file_no) for file_no in range(len(state.sources))]
    create_raw_view(state)


def create_raw_view(state: ImportState) -> None:
    """`raw`: the union of the files' parts; `raw_cells` the same without the row numbers of
    a large CSV (NULL there), for the passes that need none: they read the file in
    parallel."""
    names = ", ".join(("_file", "_row", *RAW_FIELDS, "_fault", "_fault_value"))
    state.con.execute(
        f"CREATE OR REPLACE TEMP VIEW raw ({names}) AS {' UNION ALL '.join(state.raw_parts)}"
    )
    cells = [
        _select(state, file_no, _csv_relation(src), _cell, "NULL")
        if src.csv_fast is not None
        else state.raw_parts[file_no]
        for file_no, src in enumerate(state.sources)
    ]
    state.con.execute(
        f"CREATE OR REPLACE TEMP VIEW raw_cells ({names}) AS {' UNION ALL '.join(cells)}"
    )


def number_in_pieces(state: ImportState, file_no: int, rows: int) -> None:
    """A large CSV's `rows` records numbered in as many pieces as DuckDB has threads, each
    piece read on a thread of its own.

    DuckDB's reader gives no line numbers, and a `row_number()` over it runs on one thread
    (it needs the records in the file's order). A piece starts after the lines before it,
    which the reader skips without reading them as records (one record a line, checked when
    the file was opened), and stops after its share of the records: its k-th record is on
    the line after those it skipped, plus k. The lines are then written on every thread.
    """
    src = state.sources[file_no]
    if src.csv_fast is None:
        return
    threads = state.con.execute("SELECT current_setting('threads')").fetchall()[0][0]
    count = max(1, min(int(threads), rows // MIN_PIECE_ROWS))
    starts = [rows * k // count for k in range(count + 1)]
    pieces = [
        (src.header_row + first, None if k == count - 1 else starts[k + 1] - first)
        for k, first in enumerate(starts[:-1])
    ]
    state.raw_parts[file_no] = _select(state, file_no, _pieces(src, pieces), _cell, "_n")
    create_raw_view(state)


def is_numbered(state: ImportState) -> bool:
    """Whether `raw` numbers the rows of a large CSV as DuckDB's reader hands them on."""
    return any(src.csv_fast is not None for src in state.sources)


@contextmanager
def in_pieces(state: ImportState) -> Iterator[None]:
    """A statement over `raw` that needs the row numbers of a large CSV keeps no insertion
    order: each piece of the file is numbered on a thread of its own in the file's order
    (DuckDB keeps a streaming `row_number()` on one thread), and the pieces run at once,
    where DuckDB would otherwise run them one after the other to keep their rows in order
    (a line's number is its own, not its place in the table)."""
    if not is_numbered(state):
        yield
        return
    con = state.con
    order = con.execute("SELECT current_setting('preserve_insertion_order')").fetchall()[0][0]
    con.execute("SET preserve_insertion_order = false")
    try:
        yield
    finally:
        con.execute(f"SET preserve_insertion_order = {'true' if order else 'false'}")


def read_part_again(state: ImportState, file_no: int) -> None:
    """A CSV left for DuckDB that DuckDB found less clean than it looked (a line it cannot
    read as a record: too many fields, bytes that are not UTF-8): read row by row instead,
    and `raw` made again."""
    src = state.sources[file_no]
    read_rows_again(state, src)
    state.raw_parts[file_no] = _part(state, file_no)
    create_raw_view(state)


def _part(state: ImportState, file_no: int) -> str:
    """The SELECT of one file's rows as raw fields."""
    return _select(state, file_no, *_relation(state, state.sources[file_no], file_no))


def _cell(j: int) -> str:
    """Column j of a table of cells (a file read row by row, or DuckDB's CSV reader)."""
    return f"c{j}"


def _select(
    state: ImportState, file_no: int, relation: str, colref: Callable[[int], str], row_sql: str
) -> str:
    """The SELECT of one file's rows from `relation` as raw fields, `row_sql` their number."""
    src, layout = state.sources[file_no], state.layouts[file_no]
    consts = dict(layout.constants)
    flow = default_flow(state, src, layout)
    if flow and "flow" not in layout.columns:
        consts["flow"] = flow
    if state.options.province and "province" not in layout.columns:
        consts["province"] = state.options.province
    faults = src.arrow is not None and "_fault" in src.arrow.column_names
    exprs = []
    for fld in RAW_FIELDS:
        if fld in layout.columns:
            exprs.append(f"CAST({colref(layout.columns[fld])} AS VARCHAR) AS {fld}")
        elif fld in consts:
            exprs.append(f"{quote(consts[fld])} AS {fld}")
        else:
            exprs.append(f"CAST(NULL AS VARCHAR) AS {fld}")
    fault = "_fault, _fault_value" if faults else "CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR)"
    return (
        f"SELECT {file_no} AS _file, CAST({row_sql} AS INTEGER) AS _row, "
        f"{', '.join(exprs)}, {fault} FROM {relation}"
    )


def _relation(
    state: ImportState, src: SourceTable, file_no: int
) -> tuple[str, Callable[[int], str], str]:
    """A temp table of the file's cells; how to name column j; the row number of a row."""
    con = state.con
    table = f"src_{file_no}"
    if src.arrow is not None:
        con.register(f"{table}_arrow", src.arrow)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {table}_arrow")
        con.unregister(f"{table}_arrow")
        return table, _cell, "_row"
    if src.csv_fast is not None:
        return _pieces(src, [(src.header_row, None)]), _cell, "_n"
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM read_parquet({quote(str(src.path))})"
        )
    except duckdb.OutOfMemoryException:
        raise
    except duckdb.Error as exc:  # a file whose footer read well but whose pages do not
        raise SourceError("source.bad-parquet", file=src.path.name, detail=str(exc)) from exc
    return table, lambda j: ident(src.headers[j]), "rowid + 1"


def _csv_relation(src: SourceTable, skip: int | None = None) -> str:
    """DuckDB's reader over a large clean CSV: every cell as text, in the file's order, after
    the header or after the first `skip` lines."""
    fast = src.csv_fast
    names = ", ".join(f"'c{j}': 'VARCHAR'" for j in range(fast["width"]))
    return f"""read_csv({quote(str(src.path))}, header = false,
                 skip = {fast["skip"] if skip is None else skip}, delim = {quote(fast["delim"])},
                 quote = '', columns = {{{names}}}, auto_detect = false, null_padding = true)"""


def _pieces(src: SourceTable, pieces: list[tuple[int, int | None]]) -> str:
    """A large CSV's records with their line numbers (`_n`), read in `pieces`: each the
    records after the first `skip` lines, at most `limit` of them (None: to the end), numbered
    by a streaming `row_number()` (on one thread, in the file's order) from the line after
    those skipped."""
    union = " UNION ALL ".join(
        f"""(SELECT *, row_number() OVER () + {skip} AS _n FROM {_csv_relation(src, skip)}
             {"" if limit is None else f"LIMIT {limit}"})"""
        for skip, limit in pieces
    )
    return f"({union})"


def check_fast_rows(state: ImportState, src: SourceTable, rows: int) -> None:
    """The rows DuckDB counted in a large clean CSV, against the budget (the bytes were
    checked before it was read)."""
    if src.csv_fast is not None and rows > state.budget.max_rows:
        raise too_large(src.path, "max_rows", rows, state.budget)
