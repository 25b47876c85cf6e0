"""Reporting: what one import did, as the batch report every surface renders."""

from __future__ import annotations

from taraz.errors import TarazError, error_dict
from taraz.ingest.report import BatchReport, FindingSummary
from taraz.ingest.state import ImportState


def loaded(state: ImportState) -> BatchReport:
    """The report of a batch that landed."""
    con = state.con
    b = con.execute(
        """SELECT warnings, value_usd, weight_kg, date_min, date_max, hs_digits_min
           FROM batches WHERE batch_id = ?""",
        [state.batch_id],
    ).fetchall()[0]
    counts = state.counts
    return BatchReport(
        status="loaded",
        files=state.files,
        batch_id=state.batch_id,
        source=state.source,
        layout=state.layout_name,
        rows_read=counts.read,
        rows_loaded=counts.loaded,
        rows_quarantined=counts.quarantined,
        rows_duplicate=counts.duplicate,
        rows_skipped=counts.skipped,
        warnings=b[0],
        value_usd=str(b[1]) if b[1] is not None else None,
        weight_kg=str(b[2]) if b[2] is not None else None,
        date_min=str(b[3]) if b[3] else None,
        date_max=str(b[4]) if b[4] else None,
        hs_digits=b[5],
        replaces=state.replaces,
        findings=summarise(con, "findings", state.batch_id),
        quarantine=summarise(con, "quarantine", state.batch_id),
    )


def rejected(files: list[str], exc: TarazError) -> BatchReport:
    """The report of a batch refused as a whole: nothing was written."""
    return BatchReport(
        status="rejected",
        files=files,
        message_fa=exc.message_fa,
        message_en=exc.message_en,
        error=error_dict(exc),
    )


def summarise(con, table: str, batch_id: str, examples: int = 3) -> list[FindingSummary]:
    """Counts by problem code with the first few rows of each, for a batch report."""
    fa, en = ("message_fa", "message_en") if table == "findings" else ("reason_fa", "reason_en")
    rows = con.execute(
        f"""SELECT code, count(*), any_value({fa}), any_value({en}),
                   list({{'file': file_name, 'row': row_no, 'column': column_name, 'value': value}}
                        ORDER BY file_no, row_no)[1:{examples}]
            FROM {table} WHERE batch_id = ? GROUP BY code ORDER BY count(*) DESC, code""",
        [batch_id],
    ).fetchall()
    return [FindingSummary(c, n, mfa, men, list(ex)) for c, n, mfa, men, ex in rows]
