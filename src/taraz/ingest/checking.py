"""Checking: the problems that keep a row out (`problems`: one row per row and field), and the
rows that may land (`candidates`). Plausibility warnings come later, on the landed lines
(`checks.run_checks`): they never keep a row out."""

from __future__ import annotations

from taraz.ingest.layouts import RAW_FIELDS
from taraz.ingest.sql import sides_as_written
from taraz.ingest.staging import in_file_order
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


def find_problems(state: ImportState) -> None:
    """`problems` (a temp table) and `candidates` (the staged rows without a problem).

    A pass over the rows in parallel counts those with a problem (none, in most files worth
    loading); only then does a pass in the file's order keep them with their row numbers and
    text, and the problems are read from those alone."""
    con = state.con
    errors = ", ".join(err for _, err in PROBLEM_COLUMNS)
    texts = ", ".join(f"raw_{f}" for f in (*RAW_FIELDS, "_fault_value"))
    where = f"coalesce({errors}) IS NOT NULL"
    with sides_as_written(con):
        any_bad = con.execute(f"SELECT count(*) FROM staged_cells WHERE {where}").fetchall()[0][0]
        with in_file_order(state):
            con.execute(
                f"""CREATE OR REPLACE TEMP TABLE bad AS SELECT _file, _row, {errors}, {texts}
                    FROM staged WHERE {where} {"" if any_bad else "LIMIT 0"}"""
            )
    con.execute(f"CREATE OR REPLACE TEMP TABLE problems AS {_problems_sql()}")
    if not any_bad:
        con.execute("CREATE OR REPLACE TEMP VIEW candidates AS SELECT * FROM staged")
        return
    con.execute(
        """CREATE OR REPLACE TEMP VIEW candidates AS
        SELECT s.* FROM staged s
        ANTI JOIN (SELECT DISTINCT _file, _row FROM bad) p
          ON p._file = s._file AND p._row = s._row"""
    )


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
