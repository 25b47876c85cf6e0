"""The dimensions of the star: the Jalali/Gregorian date dimension and the code lists."""

from __future__ import annotations

import duckdb

from taraz.calendar import date_dimension
from taraz.reference import load_reference

FIRST_JALALI_YEAR = 1380
LAST_JALALI_YEAR = 1430

PRODUCT_SQL = """
CREATE OR REPLACE TABLE dim_product AS
WITH codes AS (SELECT DISTINCT hs_code FROM lines),
rules AS (SELECT hs_prefix, sector FROM ref_sector_rules)
SELECT c.hs_code,
       length(c.hs_code) AS hs_digits,
       substr(c.hs_code, 1, 2) AS hs2,
       substr(c.hs_code, 1, 4) AS hs4,
       CASE WHEN length(c.hs_code) >= 6 THEN substr(c.hs_code, 1, 6) END AS hs6,
       ch.section AS section,
       arg_max(r.sector, length(r.hs_prefix)) AS sector
FROM codes AS c
LEFT JOIN ref_hs AS ch ON ch.code = substr(c.hs_code, 1, 2)
JOIN rules AS r ON starts_with(c.hs_code, r.hs_prefix)
GROUP BY ALL
"""


def refresh_dimensions(con: duckdb.DuckDBPyConnection) -> None:
    """Reload the code lists (packaged plus the user's files) and rebuild `dim_product`.

    Code lists are data files a user may edit, so they are refreshed on every write; the date
    dimension never changes and is built once.
    """
    has_dates = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'dim_date'"
    ).fetchall()[0][0]
    if not has_dates:
        con.register("dim_date_arrow", date_dimension(FIRST_JALALI_YEAR, LAST_JALALI_YEAR))
        con.execute("CREATE TABLE dim_date AS SELECT * FROM dim_date_arrow ORDER BY date")
        con.unregister("dim_date_arrow")
    for name, table in load_reference().tables().items():
        con.register(f"{name}_arrow", table)
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM {name}_arrow")
        con.unregister(f"{name}_arrow")
    con.execute(PRODUCT_SQL)
