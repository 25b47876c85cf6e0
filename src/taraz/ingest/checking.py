"""Checking: the problems that keep a row out (`problems`: one row per row and field), and the
rows that may land (`candidates`). Plausibility warnings come later, on the landed lines
(`checks.run_checks`): they never keep a row out."""

from __future__ import annotations

from taraz.ingest.layouts import RAW_FIELDS
from taraz.ingest.sql import sides_as_written
from taraz.ingest.staging import in_pieces
from taraz.ingest.state import ImportState

# field of the declaration line -> the column of `staged` with its problem code; `row` is a
# row a reader could not read as a row (its cells are not looked at)
PROBLEM_COLUMNS = (
    ("row", "fault_e"),
    ("flow", "flow_e"),
    ("date", "date_e"),
    ("hs_code", "hs_e"),
    ("partner", "partner_e"),
    ("consignment", "consignment_e"),
    ("customs_office", "office_e"),
    ("province", "province_e"),
    ("trader_size", "size_e"),
    ("value", "value_e"),
    ("weight", "weight_e"),
    ("quantity", "quantity_e"),
    ("line_no", "line_no_e"),
)
# the text a person wrote, shown as the quarantined value
_TEXTS = {
    "date": "coalesce(r.raw_date, concat_ws('-', r.raw_date_year, r.raw_date_month, r.raw_date_day))",
    "hs_code": "coalesce(r.raw_hs_code, r.raw_hs6)",
    "row": "r.raw__fault_value",
}


def _where_bad() -> str:
    return f"coalesce({', '.join(err for _, err in PROBLEM_COLUMNS)}) IS NOT NULL"


def find_problems(state: ImportState) -> None:
    """`candidates`: the staged rows without a problem. The rows with one are kept out as the
    lines are written, in the same pass; `collect_problems` then finds them, if any."""
    state.con.execute(
        f"CREATE OR REPLACE TEMP VIEW candidates AS SELECT * FROM staged WHERE NOT ({_where_bad()})"
    )


def collect_problems(state: ImportState, landed: int) -> None:
    """`bad` (the rows with a problem, their row numbers and text) and `problems` (one row per
    row and field). Only when fewer rows landed than were read does a pass over the rows,
    numbered in pieces of the file, keep them (none, in most files worth loading); the
    problems are read from those alone."""
    con = state.con
    errors = ", ".join(err for _, err in PROBLEM_COLUMNS)
    texts = ", ".join(f"raw_{f}" for f in (*RAW_FIELDS, "_fault_value"))
    any_bad = landed < sum(state.counts.per_file.values())
    with sides_as_written(con), in_pieces(state):
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE bad AS SELECT _file, _row, {errors}, {texts}
                FROM staged WHERE {_where_bad()} {"" if any_bad else "LIMIT 0"}"""
        )
    con.execute(f"CREATE OR REPLACE TEMP TABLE problems AS {_problems_sql()}")


def _problems_sql() -> str:
    selects = " UNION ALL ".join(
        f"SELECT *, '{fld}' AS field, {err} AS code FROM bad WHERE {err} IS NOT NULL"
        + ("" if fld == "row" else " AND fault_e IS NULL")
        for fld, err in PROBLEM_COLUMNS
    )
    value = (
        "CASE r.field "
        + " ".join(
            f"WHEN '{fld}' THEN {_TEXTS.get(fld, 'r.raw_' + fld)}" for fld, _ in PROBLEM_COLUMNS
        )
        + " END"
    )
    return f"SELECT r._file, r._row, r.field, {value} AS value, r.code FROM ({selects}) AS r"
