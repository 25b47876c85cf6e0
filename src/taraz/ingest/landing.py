"""Landing: the batch written in one transaction, whole or not at all.

Lines first (each carries its file and row), then what turned out duplicate is taken out
again, then the batch's record, files, coverage, quarantine and findings. A crash or a kill
before the commit leaves the warehouse as it was.
"""

from __future__ import annotations

from taraz.ingest.checking import collect_problems
from taraz.ingest.checks import run_checks
from taraz.ingest.duplicates import remove_duplicates
from taraz.ingest.quarantine import write_quarantine
from taraz.ingest.revisions import coverage_spans, held_cells, stage_coverage
from taraz.ingest.sql import quote, sides_as_written
from taraz.ingest.staging import in_pieces
from taraz.ingest.state import ImportState
from taraz.warehouse.batches import (
    BatchRecord,
    FileRecord,
    next_batch_id,
    record_batch,
    record_files,
    set_warnings,
)
from taraz.warehouse.coverage import record_coverage, replaced_batches
from taraz.warehouse.dimensions import refresh_products


def land(state: ImportState) -> None:
    """Write the batch, or nothing: on a fault, or when it is held (`state.held`) because it
    would take away most of what a cell of its source had."""
    con = state.con
    state.batch_id, state.seq = next_batch_id(con)
    state.progress("write")
    con.execute("BEGIN TRANSACTION")
    try:
        collect_problems(state, _insert_lines(state))
        state.spans = coverage_spans(state)
        stage_coverage(state)
        duplicate = remove_duplicates(state)
        state.replaces = replaced_batches(con, state.source, state.spans)
        _count(state, duplicate)
        state.held = held_cells(state)
        if state.held:
            con.execute("ROLLBACK")
            return
        _record(state)
        set_warnings(
            con,
            state.batch_id,
            run_checks(con, state.batch_id, state.sources, state.options.period, state.now),
        )
        if state.options.before_commit is not None:
            state.options.before_commit()
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    refresh_products(con, state.reference)


def _insert_lines(state: ImportState) -> int:
    """The rows without a problem written as lines; how many."""
    # a large CSV's pieces are numbered each on a thread of its own (`taraz.ingest.staging`).
    # Without filter pushdown the test of the problem codes (`candidates`) stays above the
    # typed values: pushed beneath them, it cast each amount again (the value three times:
    # missing, too large, negative) besides the cast of the value written
    with sides_as_written(state.con, "filter_pushdown"), in_pieces(state):
        return _insert_candidates(state)


# the columns of `candidates` written as lines, in the order of the table `lines`
LINE_COLUMNS = (
    "declaration_id_n",
    "line_no_n",
    "flow_n",
    "date_n",
    "hs_n",
    "partner_n",
    "consignment_n",
    "office_n",
    "province_n",
    "trader_id_n",
    "size_n",
    "value_n",
    "weight_n",
    "quantity_n",
    "unit_n",
)
# the columns whose values are those of a distinct-value map (`normalising`), and the map
CODED_COLUMNS = {
    "flow_n": "flow",
    "hs_n": "hs",
    "partner_n": "partner",
    "consignment_n": "consignment",
    "office_n": "customs_office",
    "province_n": "province",
    "size_n": "trader_size",
}


def _insert_candidates(state: ImportState) -> int:
    # a batch's lines are stored in (province, date) order: a province's lines of a period
    # then sit in few row groups, whose zone maps let a query of one province skip the rest
    # (a tenth of the scan for Yazd); the row numbers are the lines' own, not their places.
    # The sort moves every column of every line; a column of few values goes through it as
    # an ENUM of its map's values (a byte or two where the text takes sixteen), and is text
    # again as it is written: a fifth less processor time for the insert at 2M lines
    coded = _enum_types(state)
    inner = ", ".join(
        f"CAST({col} AS {coded[col]}) AS {col}" if col in coded else col for col in LINE_COLUMNS
    )
    outer = ", ".join(f"CAST({col} AS VARCHAR)" if col in coded else col for col in LINE_COLUMNS)
    return state.con.execute(
        f"""INSERT INTO lines
        SELECT {outer}, ?, _file, _row
        FROM (SELECT {inner}, _file, _row FROM candidates ORDER BY province_n, date_n)""",
        [state.batch_id],
    ).fetchall()[0][0]


def _enum_types(state: ImportState) -> dict[str, str]:
    """Each coded column's ENUM: the values of its map, in their order as text (so that an
    ENUM sorts as its text does)."""
    types = {}
    for col, name in CODED_COLUMNS.items():
        values = state.con.execute(
            f"SELECT DISTINCT v FROM map_{name} WHERE v IS NOT NULL"
        ).fetchall()
        if values:
            types[col] = f"ENUM({', '.join(quote(v) for v in sorted(v for (v,) in values))})"
    return types


def _count(state: ImportState, duplicate: int) -> None:
    con = state.con
    counts = state.counts
    # counted in the pass that read each file's distinct values (`normalising`)
    counts.read = sum(counts.per_file.values())
    counts.quarantined = con.execute(
        "SELECT count(*) FROM (SELECT DISTINCT _file, _row FROM bad)"
    ).fetchall()[0][0]
    counts.duplicate = duplicate
    counts.loaded = counts.read - counts.quarantined - counts.duplicate
    counts.skipped = sum(s.skipped_blank + (1 if s.totals_row else 0) for s in state.sources)


def _record(state: ImportState) -> None:
    """The batch's rows in the warehouse's bookkeeping: batch, files, coverage; its quarantine."""
    con = state.con
    period = state.options.period
    counts = state.counts
    record_batch(
        con,
        BatchRecord(
            batch_id=state.batch_id,
            seq=state.seq,
            source=state.source,
            layout=state.layout_name,
            loaded_at=state.now,
            loaded_by=state.options.user,
            period_label=period.label if period else None,
            period_from=period.start if period else None,
            period_to=period.end if period else None,
            rows_read=counts.read,
            rows_loaded=counts.loaded,
            rows_quarantined=counts.quarantined,
            rows_duplicate=counts.duplicate,
            rows_skipped=counts.skipped,
        ),
    )
    record_files(
        con,
        state.batch_id,
        [
            FileRecord(
                file_no=file_no,
                file_name=src.path.name,
                sha256=src.sha256,
                size_bytes=src.size_bytes,
                format=src.format,
                encoding=src.encoding,
                sheet=src.sheet,
                header_row=src.header_row,
                rows_read=counts.per_file.get(file_no, 0),
            )
            for file_no, src in enumerate(state.sources)
        ],
    )
    record_coverage(con, state.batch_id, state.source, state.spans)
    write_quarantine(state)
