"""Reporting: what one import did, as the batch report every surface renders."""

from __future__ import annotations

from typing import Any

from taraz.calendar import make_period, months_spanning
from taraz.errors import Localised, TarazError, error_dict, message
from taraz.ingest.batch_report import BatchReport, FindingSummary
from taraz.ingest.limits import revision_hold_share
from taraz.ingest.revisions import RevisionCell
from taraz.ingest.state import ImportState
from taraz.reference import Flow


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


def held(state: ImportState) -> BatchReport:
    """The report of a revision held for confirmation: what it would load, and each cell it
    would take more than the hold share of away. Nothing was written."""
    share = state.options.hold_share
    share = revision_hold_share() if share is None else share
    percent = round(share * 100, 1)
    exc = TarazError(
        "ingest.revision-held",
        n=len(state.held),
        share=int(percent) if percent == int(percent) else percent,
        files=", ".join(state.files),
    )
    counts = state.counts
    return BatchReport(
        status="held",
        files=state.files,
        source=state.source,
        layout=state.layout_name,
        rows_read=counts.read,
        rows_loaded=counts.loaded,
        rows_quarantined=counts.quarantined,
        rows_duplicate=counts.duplicate,
        rows_skipped=counts.skipped,
        replaces=state.replaces,
        held=[_cell(state, cell) for cell in state.held],
        message_fa=exc.message_fa,
        message_en=exc.message_en,
        error=error_dict(exc),
    )


def _cell(state: ImportState, cell: RevisionCell) -> dict[str, Any]:
    province = state.reference.provinces.get(cell.province)
    period = months_spanning(cell.date_from, cell.date_to, state.calendar)
    if (period.start, period.end) != (cell.date_from, cell.date_to):  # part of a month
        period = make_period(state.calendar, "range", cell.date_from, cell.date_to)
    flow = Flow(cell.flow)
    province_fa = province.name_fa if province else cell.province
    province_en = province.name_en if province else cell.province
    fields = {
        "flow": flow,
        "province": Localised(province_fa, province_en),
        "month": Localised(period.label_fa(), period.label_en()),
        "value_before": cell.value_before,
        "value_after": cell.value_after,
        "lines_before": cell.lines_before,
        "lines_after": cell.lines_after,
        "batches": ", ".join(cell.batches),
    }
    return {
        "flow": cell.flow,
        "province": cell.province,
        "date_from": cell.date_from.isoformat(),
        "date_to": cell.date_to.isoformat(),
        "lines_before": cell.lines_before,
        "lines_after": cell.lines_after,
        "value_usd_before": str(cell.value_before),
        "value_usd_after": str(cell.value_after),
        "lost_share": round(cell.lost_share, 4),
        "batches": list(cell.batches),
        # the cell's words, for a page that lays the cells out as a table
        "flow_fa": flow.name_fa,
        "flow_en": flow.name_en,
        "province_fa": province_fa,
        "province_en": province_en,
        "month_fa": period.label_fa(),
        "month_en": period.label_en(),
        "message_fa": message("ingest.revision-held-cell", "fa", **fields),
        "message_en": message("ingest.revision-held-cell", "en", **fields),
    }


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
