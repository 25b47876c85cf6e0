"""Plausibility checks of a batch: reported as findings, never silently "fixed".

Unit values (USD per kg) are compared on a log scale with a robust rule, median +/- k MAD per
HS subheading (heading for 4-digit data), against the lines already in the warehouse when there
are enough of them, else against the batch itself. A value per kg a thousand times the usual,
as when tonnes are written for kilograms, stands far outside either.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal

from taraz.calendar import Period
from taraz.errors import message
from taraz.fa import parse_number
from taraz.warehouse import live_lines_sql

K_MAD = 5.0  # how many (normal-consistent) MADs from the median is "far"
MIN_FACTOR = 10.0  # never flag less than ten times off the median
MIN_OBSERVATIONS = 20
# the earlier lines a unit value is compared with: all of them up to this many, else about
# this many, each line kept or not by a hash of its identity (batch, file, row): the same
# lines on every run, chosen as the lines are read, in parallel (medians hardly move; memory
# stays bounded at 100M lines). A reservoir sample took 6 s of a month's import over 10M.
REFERENCE_SAMPLE = 2_000_000


def _insert(con, batch_id: str, code: str, select: str, params: list) -> None:
    con.execute(
        f"""INSERT INTO findings
        SELECT ?, q.file_no, f.file_name, q.row_no, q.column_name, q.value, ?, ?, ?
        FROM ({select}) AS q LEFT JOIN batch_files f ON f.batch_id = ? AND f.file_no = q.file_no""",
        [batch_id, code, message(code, "fa"), message(code, "en"), *params, batch_id],
    )


def run_checks(con, batch_id: str, sources, period: Period | None, now: datetime) -> int:
    """Write the findings of batch `batch_id` and return how many there are."""
    # the batch's lines that any check of a single line flags, in one pass over the lines
    con.execute(
        """CREATE OR REPLACE TEMP TABLE flagged AS
        SELECT file_no, source_row, value_usd, weight_kg, date FROM lines
        WHERE batch_id = ? AND (value_usd = 0 OR weight_kg IS NULL OR weight_kg = 0
              OR date > CAST(? AS DATE) OR date < CAST(? AS DATE) OR date > CAST(? AS DATE))""",
        [
            batch_id,
            now.date(),
            period.start if period else date.min,
            period.end if period else date.max,
        ],
    )
    line_cols = "file_no, source_row AS row_no"
    _insert(
        con,
        batch_id,
        "check.zero-value",
        f"SELECT {line_cols}, 'value' AS column_name, '0' AS value FROM flagged WHERE value_usd = 0",
        [],
    )
    _insert(
        con,
        batch_id,
        "check.missing-weight",
        f"SELECT {line_cols}, 'weight' AS column_name, NULL AS value FROM flagged WHERE weight_kg IS NULL",
        [],
    )
    _insert(
        con,
        batch_id,
        "check.zero-weight",
        f"SELECT {line_cols}, 'weight' AS column_name, '0' AS value FROM flagged WHERE weight_kg = 0",
        [],
    )
    _insert(
        con,
        batch_id,
        "check.future-date",
        f"SELECT {line_cols}, 'date' AS column_name, CAST(date AS VARCHAR) AS value FROM flagged WHERE date > CAST(? AS DATE)",
        [now.date()],
    )
    if period is not None:
        _insert(
            con,
            batch_id,
            "check.outside-period",
            f"""SELECT {line_cols}, 'date' AS column_name, CAST(date AS VARCHAR) AS value FROM flagged
                WHERE date < CAST(? AS DATE) OR date > CAST(? AS DATE)""",
            [period.start, period.end],
        )
    _unit_values(con, batch_id)
    _totals(con, batch_id, sources)
    return con.execute("SELECT count(*) FROM findings WHERE batch_id = ?", [batch_id]).fetchall()[
        0
    ][0]


# the batch's unit values and the earlier ones they are compared with, each read once into a
# temp table for both checks (the line-by-line rule and the batch's shift), where each check
# read the earlier lines again. The earlier lines are narrowed to the batch's HS headings by a
# semi join on their distinct list: DuckDB ran `IN (SELECT ...)` as a mark join, 2.5 times the
# cost of the rest of the pass. The earlier lines keep only their key (a heading is its first
# four digits) and unit value: at 10M lines, about 2M of them
REFERENCE_SQL = """
CREATE OR REPLACE TEMP TABLE unit_new AS
SELECT file_no, source_row,
       substr(hs_code, 1, CASE WHEN length(hs_code) >= 6 THEN 6 ELSE 4 END) AS k,
       substr(hs_code, 1, 4) AS k4,
       ln(CAST(value_usd AS DOUBLE) / CAST(weight_kg AS DOUBLE)) AS luv
FROM lines WHERE batch_id = $batch AND weight_kg > 0 AND value_usd > 0;
CREATE OR REPLACE TEMP TABLE unit_old AS
SELECT substr(hs_code, 1, CASE WHEN length(hs_code) >= 6 THEN 6 ELSE 4 END) AS k,
       ln(CAST(value_usd AS DOUBLE) / CAST(weight_kg AS DOUBLE)) AS luv
FROM {live} AS l SEMI JOIN (SELECT DISTINCT k4 FROM unit_new) AS n ON n.k4 = substr(l.hs_code, 1, 4)
WHERE l.batch_id <> $batch AND weight_kg > 0 AND value_usd > 0 AND {sample};
"""

UNIT_VALUE_SQL = """
WITH new AS (SELECT * FROM unit_new),
old AS (SELECT k, luv FROM unit_old SEMI JOIN (SELECT DISTINCT k FROM unit_new) USING (k)),
old_stats AS (SELECT k, median(luv) AS med, count(*) AS n FROM old GROUP BY k HAVING count(*) >= $min_n),
old_mad AS (SELECT o.k, s.med, median(abs(o.luv - s.med)) AS mad FROM old o JOIN old_stats s USING (k) GROUP BY o.k, s.med),
new_stats AS (SELECT k, median(luv) AS med, count(*) AS n FROM new GROUP BY k HAVING count(*) >= $min_n),
new_mad AS (SELECT o.k, s.med, median(abs(o.luv - s.med)) AS mad FROM new o JOIN new_stats s USING (k) GROUP BY o.k, s.med),
rule AS (
    SELECT k, med, mad FROM old_mad
    UNION ALL
    SELECT k, med, mad FROM new_mad WHERE k NOT IN (SELECT k FROM old_mad))
SELECT n.file_no, n.source_row AS row_no, 'value/weight' AS column_name,
       printf('%.4f USD/kg (usual %.4f)', exp(n.luv), exp(r.med)) AS value
FROM new n JOIN rule r USING (k)
WHERE abs(n.luv - r.med) > greatest($k * 1.4826 * r.mad, ln($min_factor))
"""

BATCH_SHIFT_SQL = """
WITH new AS (SELECT k4 AS k, median(luv) AS med FROM unit_new GROUP BY 1),
old AS (
    SELECT substr(k, 1, 4) AS k, median(luv) AS med, count(*) AS n FROM unit_old
    GROUP BY 1 HAVING count(*) >= 5)
SELECT median(new.med - old.med), count(*) FROM new JOIN old USING (k)
"""


def _unit_values(con, batch_id: str) -> None:
    params = {
        "batch": batch_id,
        "min_n": MIN_OBSERVATIONS,
        "k": K_MAD,
        "min_factor": MIN_FACTOR,
    }
    reference = REFERENCE_SQL.format(live=live_lines_sql(None), sample=_sample_sql(con, batch_id))
    con.execute(_bind(reference, {"batch": batch_id}))
    _insert(con, batch_id, "check.unit-value", _bind(UNIT_VALUE_SQL, params), [])
    shift, n = con.execute(BATCH_SHIFT_SQL).fetchall()[0]
    con.execute("DROP TABLE unit_new; DROP TABLE unit_old")
    if n and shift is not None and abs(shift) > math.log(MIN_FACTOR):
        factor = math.exp(shift)
        _insert(
            con,
            batch_id,
            "check.batch-unit-value",
            "SELECT NULL AS file_no, NULL AS row_no, 'value/weight' AS column_name, ? AS value",
            [f"x{factor:.4g} of the usual USD/kg over {n} HS headings"],
        )


def _sample_sql(con, batch_id: str) -> str:
    """The condition that keeps about `REFERENCE_SAMPLE` of the earlier lines (`l`): every one
    when there are no more than that."""
    earlier = con.execute("SELECT count(*) FROM lines WHERE batch_id <> ?", [batch_id]).fetchall()[
        0
    ][0]
    if earlier <= REFERENCE_SAMPLE:
        return "true"
    below = int(REFERENCE_SAMPLE / earlier * 2**64)
    return f"hash(l.batch_id, l.file_no, l.source_row) < CAST({below} AS UBIGINT)"


def _totals(con, batch_id: str, sources) -> None:
    """Compare a file's own «جمع کل» row with the sum of its rows (loaded or not)."""
    for file_no, src in enumerate(sources):
        if not src.totals_row:
            continue
        stated = {fld: _stated_total(src, fld) for fld in ("value", "weight")}
        if all(v is None for v in stated.values()):
            continue
        sums = con.execute(
            "SELECT sum(coalesce(value_n, 0)), sum(coalesce(weight_n, 0)) FROM staged WHERE _file = ?",
            [file_no],
        ).fetchall()[0]
        for (fld, want), got in zip(stated.items(), sums, strict=True):
            got = Decimal(got or 0)
            # the totals row is rounded as the file shows it: half a unit, or a billionth
            if want is not None and abs(got - want) > Decimal("0.5") * max(
                Decimal(1), want / 10**9
            ):
                _insert(
                    con,
                    batch_id,
                    "check.totals-mismatch",
                    "SELECT ? AS file_no, NULL AS row_no, ? AS column_name, ? AS value",
                    [file_no, fld, f"{want} stated, {got} in rows"],
                )


def _stated_total(src, fld: str) -> Decimal | None:
    from taraz.ingest.layouts import detect_layout

    layout = detect_layout(src.headers)
    if layout is None or fld not in layout.columns:
        return None
    text = src.totals_row.get(layout.columns[fld])
    try:
        return parse_number(text)
    except ValueError:
        return None


def _bind(sql: str, params: dict) -> str:
    for name, value in sorted(params.items(), key=lambda kv: -len(kv[0])):
        literal = f"'{value}'" if isinstance(value, str) else repr(value)
        sql = sql.replace(f"${name}", literal)
    return sql
