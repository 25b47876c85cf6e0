"""The dimensions of the star: the Jalali/Gregorian date dimension and the code lists."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from taraz.calendar import date_dimension
from taraz.reference import load_reference

if TYPE_CHECKING:
    from taraz.reference import Reference

FIRST_JALALI_YEAR = 1380
LAST_JALALI_YEAR = 1430

# the sector and the stage of processing come in as `product_sectors` (hs_code, sector, stage),
# worked out by the one rule of each (`Reference.sector_of`, `Reference.stage_of`); the rest of
# a product's columns are cuts of its code
PRODUCT_SQL = """
CREATE OR REPLACE TABLE dim_product AS
SELECT c.hs_code,
       length(c.hs_code) AS hs_digits,
       substr(c.hs_code, 1, 2) AS hs2,
       substr(c.hs_code, 1, 4) AS hs4,
       CASE WHEN length(c.hs_code) >= 6 THEN substr(c.hs_code, 1, 6) END AS hs6,
       ch.section AS section,
       c.sector AS sector,
       c.stage AS stage
FROM product_sectors AS c
LEFT JOIN ref_hs AS ch ON ch.code = substr(c.hs_code, 1, 2)
"""


def refresh_dimensions(con: duckdb.DuckDBPyConnection) -> None:
    """Reload the code lists (packaged plus the user's files) and rebuild `dim_product`.

    Code lists are data files a user may edit, so they are refreshed on every write (and
    `meta`'s `reference_stamp` renewed); the date dimension never changes and is built once.
    """
    has_dates = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'dim_date'"
    ).fetchall()[0][0]
    if not has_dates:
        con.register("dim_date_arrow", date_dimension(FIRST_JALALI_YEAR, LAST_JALALI_YEAR))
        con.execute("CREATE TABLE dim_date AS SELECT * FROM dim_date_arrow ORDER BY date")
        con.unregister("dim_date_arrow")
    ref = load_reference()
    for name, table in ref.tables().items():
        con.register(f"{name}_arrow", table)
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM {name}_arrow")
        con.unregister(f"{name}_arrow")
    # a new stamp with every reload: whoever keeps names read from the code lists
    # (`taraz.stats.code_names`) knows they may have changed
    con.execute("INSERT OR REPLACE INTO meta VALUES ('reference_stamp', ?)", [uuid.uuid4().hex])
    refresh_products(con, ref)


def refresh_products(con: duckdb.DuckDBPyConnection, ref: Reference | None = None) -> None:
    """Rebuild `dim_product`: one row per tariff code of `lines`, with its HS levels, section,
    sector and stage of processing.

    The sector is `ref.sector_of(code)` (the longest matching prefix of the sector rules), the
    rule's one definition, so the figures by sector and every other use of the rule agree.
    """
    ref = ref or load_reference()
    codes = [code for (code,) in con.execute("SELECT DISTINCT hs_code FROM lines").fetchall()]
    sectors = pa.table(
        {
            "hs_code": pa.array(codes, pa.string()),
            "sector": pa.array([ref.sector_of(code) for code in codes], pa.string()),
            "stage": pa.array([ref.stage_of(code) for code in codes], pa.string()),
        }
    )
    con.register("product_sectors", sectors)
    try:
        con.execute(PRODUCT_SQL)
    finally:
        con.unregister("product_sectors")
