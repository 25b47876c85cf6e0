"""Staging: every file's rows as text in one view `raw` (_file, _row, one column a field)."""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from taraz.ingest.layouts import RAW_FIELDS
from taraz.ingest.reading import default_flow, read_rows_again
from taraz.ingest.sources import SourceError, SourceTable, too_large
from taraz.ingest.sql import ident, quote
from taraz.ingest.state import ImportState


def stage_raw(state: ImportState) -> None:
    """All files' rows as text in `raw`.

    Each file is one part of the view `raw` (their union), a temp table of its cells: for a
    large clean CSV, DuckDB's reader copies the file into it on both threads, in the file's
    order, and a row's number follows from its place in that table (one record a line was
    checked when the file was opened). Every later pass reads the table, on both threads,
    not the file.
    """
    state.raw_parts = [_part(state, file_no) for file_no in range(len(state.sources))]
    names = ", ".join(("_file", "_row", *RAW_FIELDS, "_fault", "_fault_value"))
    state.con.execute(
        f"CREATE OR REPLACE TEMP VIEW raw ({names}) AS {' UNION ALL '.join(state.raw_parts)}"
    )


def drop_staged(state: ImportState) -> None:
    """The files' temp tables, once the batch has landed or not: a large CSV's cells spill to
    disk past the memory limit and would otherwise stay there until the next import."""
    for file_no in range(len(state.raw_parts)):
        state.con.execute(f"DROP TABLE IF EXISTS src_{file_no}")


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
        if _copy_csv(state, src, table):
            # the table's rows are the file's records in the file's order: row `rowid` is
            # the file's line `rowid + 1` after the header
            return table, lambda j: f"c{j}", f"rowid + {1 + src.header_row}"
        return _relation(state, src, file_no)  # read row by row instead (`src.arrow`)
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


def _copy_csv(state: ImportState, src: SourceTable, table: str) -> bool:
    """A large clean CSV copied by DuckDB's reader into `table`, on every thread DuckDB has, in
    the file's order (insertion order preserved: a fresh table's `rowid` is then the record's
    place in the file). False, with the file read row by row instead, when DuckDB finds it
    less clean than it looked (a line it cannot read as a record: too many fields, bytes that
    are not UTF-8)."""
    con = state.con
    order = con.execute("SELECT current_setting('preserve_insertion_order')").fetchall()[0][0]
    con.execute("SET preserve_insertion_order = true")
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {_csv_relation(src)}")
    except duckdb.InvalidInputException:  # DuckDB's word for a CSV it cannot parse
        con.execute(f"DROP TABLE IF EXISTS {table}")
        read_rows_again(state, src)
        return False
    finally:
        con.execute(f"SET preserve_insertion_order = {'true' if order else 'false'}")
    return True


def check_fast_rows(state: ImportState, src: SourceTable, rows: int) -> None:
    """The rows DuckDB counted in a large clean CSV, against the budget (the bytes were
    checked before it was read)."""
    if src.csv_fast is not None and rows > state.budget.max_rows:
        raise too_large(src.path, "max_rows", rows, state.budget)
