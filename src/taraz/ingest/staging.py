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

    Each file becomes a temp table; `raw` is their union. A large clean CSV is read by
    DuckDB itself, and its row numbers come from the table's rowid, which follows the
    file's order (one record a line was checked when the file was opened).
    """
    parts = []
    for file_no, (src, layout) in enumerate(zip(state.sources, state.layouts, strict=True)):
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
        parts.append(
            f"SELECT {file_no} AS _file, CAST({row_sql} AS INTEGER) AS _row, "
            f"{', '.join(exprs)}, {fault} FROM {relation}"
        )
    names = ", ".join(("_file", "_row", *RAW_FIELDS, "_fault", "_fault_value"))
    state.con.execute(f"CREATE OR REPLACE TEMP VIEW raw ({names}) AS {' UNION ALL '.join(parts)}")


def _relation(
    state: ImportState, src: SourceTable, file_no: int
) -> tuple[str, Callable[[int], str], str]:
    """A temp table of the file's cells; how to name column j; the row number of a row."""
    con = state.con
    table = f"src_{file_no}"
    if src.csv_fast is not None and not _read_fast(state, src, table):
        read_rows_again(state, src)  # not as clean as it looked
    if src.arrow is not None:
        con.register(f"{table}_arrow", src.arrow)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {table}_arrow")
        con.unregister(f"{table}_arrow")
        return table, lambda j: f"c{j}", "_row"
    if src.csv_fast is not None:
        return table, lambda j: f"c{j}", f"rowid + {src.header_row + 1}"
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM read_parquet({quote(str(src.path))})"
        )
    except duckdb.OutOfMemoryException:
        raise
    except duckdb.Error as exc:  # a file whose footer read well but whose pages do not
        raise SourceError("source.bad-parquet", file=src.path.name, detail=str(exc)) from exc
    return table, lambda j: ident(src.headers[j]), "rowid + 1"


def _read_fast(state: ImportState, src: SourceTable, table: str) -> bool:
    """A large clean CSV read by DuckDB into `table`; False when DuckDB finds a line it cannot
    read as a record (too many fields, bytes that are not UTF-8). DuckDB streams the file into
    a temp table that spills to disk, within the byte budget checked before: its rows are
    counted against the budget as soon as they are there, and cells held in memory do not
    apply."""
    fast = src.csv_fast
    budget = state.budget
    names = ", ".join(f"'c{j}': 'VARCHAR'" for j in range(fast["width"]))
    try:
        state.con.execute(
            f"""CREATE OR REPLACE TEMP TABLE {table} AS
            SELECT * FROM read_csv({quote(str(src.path))}, header = false,
                 skip = {fast["skip"]}, delim = {quote(fast["delim"])}, quote = '',
                 columns = {{{names}}}, auto_detect = false, null_padding = true)"""
        )
    except duckdb.InvalidInputException:  # DuckDB's word for a CSV it cannot parse
        return False
    rows = state.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    if rows > budget.max_rows:
        raise too_large(src.path, "max_rows", rows, budget)
    return True
