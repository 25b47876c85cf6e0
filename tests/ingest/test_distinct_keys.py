"""The distinct-value pass reads a key of one filled field alone; the keys are the same."""

from __future__ import annotations

import duckdb
import pytest

from taraz.ingest.normalising import _whole_key
from taraz.ingest.sql import NUL, NUL_CHAR, key


@pytest.mark.parametrize("place", [0, 1, 3])
@pytest.mark.parametrize("value", ["2025-06-05", "۱۴۰۴/۰۳/۱۵", "", None])
def test_a_key_made_from_one_field_is_the_key_sql_makes(place, value):
    fields = ["a", "b", "c", "d"]
    cells = ", ".join(
        "CAST($v AS VARCHAR)" if i == place else "CAST(NULL AS VARCHAR)" for i in range(4)
    )
    con = duckdb.connect()
    whole, alone = con.execute(
        f"SELECT coalesce({key(*fields)}, {NUL}), coalesce({fields[place]}, {NUL}) "
        f"FROM (SELECT {cells}) AS t({', '.join(fields)})",
        {"v": value},
    ).fetchall()[0]
    assert _whole_key(alone, place, 4) == whole
    assert (alone == NUL_CHAR) == (value is None)
