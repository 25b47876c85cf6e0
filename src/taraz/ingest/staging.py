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


def stage_raw(state: ImportState) -> None:
    """All files' rows as text in `raw`.

    Each file is one part of the view `raw` (their union): a table of its cells, or, for a
    large clean CSV, DuckDB's reader over the file itself, read again by each pass rather
    than copied (reading is cheap; writing 10M lines twice is not). Its row numbers count
    its records in the file's order (one record a line was checked when the file was
    opened).
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
    cells = [_unnumbered(part) for part in state.raw_parts]
    state.con.execute(
        f"CREATE OR REPLACE TEMP VIEW raw_cells ({names}) AS {' UNION ALL '.join(cells)}"
    )


_NUMBERED = "(SELECT *, row_number() OVER () AS _n FROM "


def _unnumbered(part: str) -> str:
    if _NUMBERED not in part:
        return part
    head, _, tail = part.partition(_NUMBERED)
    relation = tail[: tail.rindex(")")]
    head = head.replace("CAST(_n + ", "CAST(NULL + ")
    return f"{head}{relation}"


def is_numbered(state: ImportState) -> bool:
    """Whether `raw` numbers the rows of a large CSV as DuckDB's reader hands them on."""
    return any(src.csv_fast is not None for src in state.sources)


@contextmanager
def in_file_order(state: ImportState) -> Iterator[None]:
    """A statement over `raw` that needs the row numbers of a large CSV runs on one thread:
    the reader then hands the records on in the file's order at no cost, where several
    threads must put them back in order (twice as slow at 10M lines)."""
    if not is_numbered(state):
        yield
        return
    con = state.con
    threads = con.execute("SELECT current_setting('threads')").fetchall()[0][0]
    con.execute("SET threads = 1")
    try:
        yield
    finally:
        con.execute(f"SET threads = {int(threads)}")


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
    src, layout = state.sources[file_no], state.layouts[file_no]
    consts = dict(layout.constants)
    flow = default_flow(state, src, layout)
    if flow and "flow" not in layout.columns:
        consts["flow"] = flow
    if state.options.province and "province" not in layout.columns:
        consts["province"] = state.options.province
    relation, colref, row_sql = _relation(state, src, file_no)
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
        return table, lambda j: f"c{j}", "_row"
    if src.csv_fast is not None:
        # the streaming window numbers the records in the order DuckDB's reader hands them
        # on, the file's order, as long as insertion order is preserved (never unset here)
        return (
            f"{_NUMBERED}{_csv_relation(src)})",
            lambda j: f"c{j}",
            f"_n + {src.header_row}",
        )
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM read_parquet({quote(str(src.path))})"
        )
    except duckdb.OutOfMemoryException:
        raise
    except duckdb.Error as exc:  # a file whose footer read well but whose pages do not
        raise SourceError("source.bad-parquet", file=src.path.name, detail=str(exc)) from exc
    return table, lambda j: ident(src.headers[j]), "rowid + 1"


def _csv_relation(src: SourceTable) -> str:
    """DuckDB's reader over a large clean CSV: every cell as text, in the file's order."""
    fast = src.csv_fast
    names = ", ".join(f"'c{j}': 'VARCHAR'" for j in range(fast["width"]))
    return f"""read_csv({quote(str(src.path))}, header = false,
                 skip = {fast["skip"]}, delim = {quote(fast["delim"])}, quote = '',
                 columns = {{{names}}}, auto_detect = false, null_padding = true)"""


def check_fast_rows(state: ImportState, src: SourceTable, rows: int) -> None:
    """The rows DuckDB counted in a large clean CSV, against the budget (the bytes were
    checked before it was read)."""
    if src.csv_fast is not None and rows > state.budget.max_rows:
        raise too_large(src.path, "max_rows", rows, state.budget)
