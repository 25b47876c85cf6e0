"""Pieces of SQL text the import stages share: literals, identifiers and value keys."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from taraz.fa import ARABIC_DIGITS, PERSIAN_DIGITS

SEP = "\x1f"  # joins several raw fields into one key of a distinct-value map
NUL_CHAR = "\x00"  # the key of a missing value in the distinct-value maps
NUL = "chr(0)"
_LATIN = "0123456789"


def quote(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def ident(name: str) -> str:
    """A SQL identifier (a Parquet column name as the file spells it)."""
    return '"' + name.replace('"', '""') + '"'


def latin_digits(col: str) -> str:
    """Persian and Arabic-Indic digits to Latin; ASCII text (most of it) is left alone cheaply."""
    return (
        f"CASE WHEN strlen({col}) = length({col}) THEN {col} "
        f"ELSE translate({col}, '{PERSIAN_DIGITS}{ARABIC_DIGITS}', '{_LATIN * 2}') END"
    )


def plain_number(col: str) -> str:
    """A number DuckDB reads by itself (Latin digits, a dot): most cells of most files."""
    return f"TRY_CAST({col} AS DECIMAL(38, 6))"


def messy_number(col: str) -> str:
    """The text of a number DuckDB cannot read by itself, for `taraz.fa.parse_number`."""
    return f"CASE WHEN {plain_number(col)} IS NULL THEN {col} END"


def key(*fields: str, prefix: str = "") -> str:
    """A text key of several raw fields (blank-safe) for the distinct-value maps."""
    if len(fields) == 1:
        return f"{prefix}{fields[0]}"
    parts = ", ".join(f"coalesce({prefix}{f}, '')" for f in fields)
    return f"concat_ws(chr(31), {parts})"


@contextmanager
def sides_as_written(con, *also: str) -> Iterator[None]:
    """Joins build their hash tables from the right-hand side, as written, not from the side
    DuckDB estimates smaller. Statements over `raw` join its rows to small tables (the
    distinct-value maps, the rows with a problem): DuckDB cannot tell how many rows its CSV
    reader will give and would otherwise build from millions of rows (a hundredfold slower at
    10M lines, and far past the memory limit). `also`: other optimizers to leave out."""
    disabled = ",".join(("build_side_probe_side", *also))
    con.execute(f"SET disabled_optimizers = '{disabled}'")
    try:
        yield
    finally:
        con.execute("RESET disabled_optimizers")
