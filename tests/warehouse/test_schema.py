"""A warehouse written by an earlier taraz is brought up to date when it is next opened, even
for reading; a DuckDB file that is not a taraz warehouse is refused, never written."""

from __future__ import annotations

import duckdb
import pytest

from taraz.errors import TarazError
from taraz.warehouse import Warehouse
from taraz.warehouse.connection import SCHEMA_VERSION


def test_an_earlier_schema_is_upgraded_when_opened_for_reading(tmp_path):
    db = tmp_path / "w.duckdb"
    Warehouse.open(db).close()
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.execute("DROP TABLE ref_stages")  # a table the earlier schema did not have
    con.close()
    with Warehouse.open(db, read_only=True) as wh:
        assert wh.schema_version() == SCHEMA_VERSION
        assert wh.con.execute("SELECT count(*) FROM ref_stages").fetchall()[0][0] > 0


def test_a_duckdb_file_that_is_not_a_warehouse_is_refused_for_reading(tmp_path):
    db = tmp_path / "other.duckdb"
    duckdb.connect(str(db)).execute("CREATE TABLE t AS SELECT 1 AS x").close()
    with pytest.raises(TarazError) as caught:
        Warehouse.open(db, read_only=True)
    assert caught.value.code == "warehouse.unreadable"
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SHOW TABLES").fetchall() == [("t",)]  # nothing was written
