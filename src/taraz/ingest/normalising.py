"""Normalising: each distinct messy value read once (`values`), joined back as typed columns.

`staged` is one narrow row per raw row: the typed value of every field and, beside it, the
problem code that keeps the row out (or NULL).
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pyarrow as pa

from taraz.calendar import gregorian_to_jalali
from taraz.ingest import staging, values
from taraz.ingest.layouts import RAW_FIELDS
from taraz.ingest.sql import (
    NUL,
    NUL_CHAR,
    SEP,
    key,
    latin_digits,
    messy_number,
    plain_number,
    quote,
    sides_as_written,
)
from taraz.ingest.state import ImportState

DATE_KEY = ("date", "date_year", "date_month", "date_day")
# each distinct-value map and the raw key it reads each distinct value of
MAP_KEYS = (
    ("flow", "flow"),
    ("date", key(*DATE_KEY)),
    ("hs", key("hs_code", "hs6")),
    ("partner", "partner"),
    ("consignment", "consignment"),
    ("customs_office", "customs_office"),
    ("province", "province"),
    ("trader_size", "trader_size"),
    ("value", messy_number("value")),
    ("weight", messy_number("weight")),
    ("quantity", messy_number("quantity")),
)


def normalise(state: ImportState) -> None:
    """The distinct-value maps, then the `staged` view over `raw`."""
    _resolve(state, _distinct_keys(state))
    _stage_typed(state)


def _distinct_keys(state: ImportState) -> dict[str, set[str]]:
    """Every distinct key of every map, and the rows of each file, in one pass over each file
    (a large clean CSV is read by DuckDB here for the first time: a line it cannot read as a
    record sends the file to the row-by-row reader, and the pass is made again). A large
    CSV's records, once counted, are numbered in pieces (`staging.number_in_pieces`)."""
    found: dict[str, set[str]] = {name: set() for name, _ in MAP_KEYS}
    for file_no, src in enumerate(state.sources):
        alone = _alone(state, file_no)
        aggregates = ", ".join(
            f"list(DISTINCT coalesce({alone.get(name, (sql,))[0]}, {NUL}))"
            for name, sql in MAP_KEYS
        )
        query = f"SELECT count(*), {aggregates} FROM raw_cells WHERE _file = {file_no}"
        try:
            row = state.con.execute(query).fetchall()[0]
        except duckdb.InvalidInputException:  # DuckDB's word for a CSV it cannot parse
            if src.csv_fast is None:
                raise
            staging.read_part_again(state, file_no)
            row = state.con.execute(query).fetchall()[0]
        staging.check_fast_rows(state, src, row[0])
        staging.number_in_pieces(state, file_no, row[0])
        state.counts.per_file[file_no] = row[0]
        for (name, _), keys in zip(MAP_KEYS, row[1:], strict=True):
            if name in alone and keys is not None:
                keys = [_whole_key(k, *alone[name][1:]) for k in keys]
            found[name].update(keys)
    return found


# the maps whose key joins several raw fields
KEY_FIELDS = {"date": DATE_KEY, "hs": ("hs_code", "hs6")}


def _alone(state: ImportState, file_no: int) -> dict[str, tuple[str, int, int]]:
    """The maps whose key, in this file, has one field that is not always blank (a canonical
    file's date or HS code): that field, its place in the key, and the key's number of
    fields. Its distinct values are read alone and the keys made in Python: the same keys,
    without joining text on every row (13 characters for a date, past what DuckDB keeps
    inline)."""
    layout = state.layouts[file_no]
    alone = {}
    for name, fields in KEY_FIELDS.items():
        present = [f for f in fields if f in layout.columns or f in layout.constants]
        if len(present) == 1:
            alone[name] = (present[0], fields.index(present[0]), len(fields))
    return alone


def _whole_key(value: str, place: int, size: int) -> str:
    """The key `sql.key` makes of the fields when all but the one at `place` are blank."""
    parts = [""] * size
    parts[place] = "" if value == NUL_CHAR else value
    return SEP.join(parts)


def _map(
    state: ImportState,
    name: str,
    keys: set[str],
    reader: Callable[[str | None], tuple[object, str | None]],
    typ: pa.DataType,
    same: Callable[[str, object], bool] = lambda k, v: k == v,
) -> None:
    """Read each distinct value of `key_sql` once and keep the answers in `map_<name>`.

    When every value is already what it should be (a clean canonical file: `IQ` is IQ),
    the map is marked as the identity and the typed staging reads the column directly.
    """
    con = state.con
    keys = sorted(keys)
    vals, errs = [], []
    identity = True
    for k in keys:
        v, e = reader(None if k == NUL_CHAR else k)
        vals.append(v)
        errs.append(e)
        if e is not None or (v is None) != (k == NUL_CHAR) or (v is not None and not same(k, v)):
            identity = False
    state.identity[name] = identity
    table = pa.table(
        {
            "k": pa.array(keys, pa.string()),
            "v": pa.array(vals, typ),
            "e": pa.array(errs, pa.string()),
        }
    )
    con.register(f"map_{name}_arrow", table)
    con.execute(f"CREATE OR REPLACE TEMP TABLE map_{name} AS SELECT * FROM map_{name}_arrow")
    con.unregister(f"map_{name}_arrow")


def _resolve(state: ImportState, keys: dict[str, set[str]]) -> None:
    ref = state.reference
    mapping = state.options.mapping
    cw = mapping.crosswalks if mapping else {}
    calendar = state.layouts[0].calendar
    fmt = mapping.date_format if mapping else None

    def split(k: str | None, size: int) -> list[str | None] | None:
        """The fields of a key of `size` fields (`sql.key`), or None when a field itself
        holds the separator (chr(31)): not a date or code a person wrote."""
        if k is None:
            return [None] * size
        parts = [p or None for p in k.split(SEP)]
        return parts if len(parts) == size else None

    def read_date(k: str | None) -> tuple[object, str | None]:
        parts = split(k, len(DATE_KEY))
        if parts is None:
            return None, "ingest.bad-date"
        return values.read_date(*parts, calendar=calendar, fmt=fmt)

    def read_hs(k: str | None) -> tuple[object, str | None]:
        parts = split(k, 2)
        if parts is None:
            return None, "ingest.bad-hs"
        return values.read_hs(*parts, ref)

    _map(state, "flow", keys["flow"], values.read_flow, pa.string())
    _map(
        state,
        "date",
        keys["date"],
        read_date,
        pa.date32(),
        same=lambda k, v: k == f"{v.isoformat()}{SEP * 3}",
    )
    _map(
        state,
        "hs",
        keys["hs"],
        read_hs,
        pa.string(),
        same=lambda k, v: k == f"{v}{SEP}",  # a clean code and no separate HS6 column
    )
    for fld, kind in (
        ("partner", "country"),
        ("consignment", "country"),
        ("customs_office", "customs_office"),
        ("province", "province"),
    ):
        walk = cw.get(fld, {})
        _map(
            state,
            fld,
            keys[fld],
            lambda k, kind=kind, walk=walk: values.read_code(k, kind, ref, walk),
            pa.string(),
        )
    _map(state, "trader_size", keys["trader_size"], values.read_trader_size, pa.string())
    for fld, required in (("value", True), ("weight", False), ("quantity", False)):
        _map(
            state,
            fld,
            keys[fld],
            lambda k, required=required: values.read_number(k, required=required),
            pa.decimal128(38, 6),
        )
        # identity here means: no number DuckDB cannot read by itself
        state.identity[fld] = not keys[fld] - {NUL_CHAR}
    _map_rates(state)


def _map_rates(state: ImportState) -> None:
    """`map_rate`: the USD rate of each (currency, day) of a mapping with rates."""
    mapping = state.options.mapping
    con = state.con
    if not mapping or not mapping.rates:
        state.rate_sql = "1"
        state.rate_join = ""
        return
    currency = quote(mapping.currency or "USD")
    con.execute("DROP TABLE IF EXISTS map_rate")
    with sides_as_written(con):
        pairs = con.execute(
            f"""SELECT DISTINCT coalesce(r.currency, {currency}), d.v
                FROM raw_cells r LEFT JOIN map_date d
                  ON d.k = coalesce({key(*DATE_KEY, prefix="r.")}, {NUL})
                WHERE d.v IS NOT NULL"""
        ).fetchall()
    gregorian_rates = any(int(m[:4]) >= 1700 for _, m in mapping.rates)
    rows = []
    for cur, day in pairs:
        cur_u = (cur or "USD").strip().upper()
        if cur_u == "USD":
            rate = 1
        else:
            if gregorian_rates:
                month = f"{day.year:04d}-{day.month:02d}"
            else:
                jy, jm, _ = gregorian_to_jalali(day)
                month = f"{jy:04d}-{jm:02d}"
            rate = mapping.rates.get((cur_u, month))
        rows.append((cur, day, rate))
    table = pa.table(
        {
            "currency": pa.array([r[0] for r in rows], pa.string()),
            "day": pa.array([r[1] for r in rows], pa.date32()),
            "rate": pa.array([r[2] for r in rows], pa.decimal128(38, 12)),
        }
    )
    con.register("map_rate_arrow", table)
    con.execute("CREATE TEMP TABLE map_rate AS SELECT * FROM map_rate_arrow")
    con.unregister("map_rate_arrow")
    state.rate_sql = "mr.rate"
    state.rate_join = f"""LEFT JOIN map_rate mr
        ON mr.currency = coalesce(r.currency, {currency}) AND mr.day = md.v"""


def _stage_typed(state: ImportState) -> None:
    """`staged`: one narrow row per raw row with typed values and problem codes."""
    mapping = state.options.mapping
    scale = mapping.value_scale if mapping else 1
    wfactor = mapping.weight_factor if mapping else 1
    joins: list[str] = []
    val: dict[str, str] = {}
    err: dict[str, str] = {}
    direct = {"date": "TRY_CAST(r.date AS DATE)", "hs": "r.hs_code"}
    for f, alias, key_sql in (
        ("date", "md", key(*DATE_KEY, prefix="r.")),
        ("flow", "m_flow", "r.flow"),
        ("hs", "m_hs", key("hs_code", "hs6", prefix="r.")),
        ("partner", "m_partner", "r.partner"),
        ("consignment", "m_consignment", "r.consignment"),
        ("customs_office", "m_customs_office", "r.customs_office"),
        ("province", "m_province", "r.province"),
        ("trader_size", "m_trader_size", "r.trader_size"),
    ):
        if state.identity.get(f):
            val[f], err[f] = direct.get(f, f"r.{f}"), "CAST(NULL AS VARCHAR)"
        else:
            joins.append(f"LEFT JOIN map_{f} {alias} ON {alias}.k = coalesce({key_sql}, {NUL})")
            val[f], err[f] = f"{alias}.v", f"{alias}.e"
    for f in ("value", "weight", "quantity"):
        if state.identity.get(f):  # no messy numbers at all: DuckDB reads every one
            val[f], err[f] = "CAST(NULL AS DECIMAL(38, 6))", "CAST(NULL AS VARCHAR)"
        else:
            joins.append(f"LEFT JOIN map_{f} m_{f} ON m_{f}.k = {messy_number(f'r.{f}')}")
            val[f], err[f] = f"m_{f}.v", f"m_{f}.e"
    if state.rate_join:
        joins.append(state.rate_join.replace("md.v", val["date"]))

    def num(fld: str, places: int, factor: str = "1") -> str:
        """The amount as DECIMAL(18, places), rounded half away from zero; NULL when it
        does not fit. Without a factor DuckDB casts the text straight to the stored type
        (the common case, and much cheaper than 128-bit arithmetic)."""
        target = f"DECIMAL(18, {places})"
        if factor == "1":
            return (
                f"coalesce(TRY_CAST(r.{fld} AS {target}), "
                f"TRY_CAST(round({val[fld]}, {places}) AS {target}))"
            )
        wide = f"coalesce({plain_number(f'r.{fld}')}, {val[fld]})"
        return f"TRY_CAST(round({wide} * {factor}, {places}) AS {target})"

    # the text as read, for the quarantine (`raw_<field>`)
    raw_texts = ", ".join(f"r.{f} AS raw_{f}" for f in (*RAW_FIELDS, "_fault_value"))
    value_factor = " * ".join(f for f in (str(scale), state.rate_sql) if f != "1") or "1"

    select = f"""SELECT r._file, r._row, r._fault AS fault_e, {raw_texts},
            nullif(trim({latin_digits("r.declaration_id")}), '') AS declaration_id_n,
            TRY_CAST(trim({latin_digits("r.line_no")}) AS INTEGER) AS line_no_n,
            CASE WHEN r.line_no IS NOT NULL AND line_no_n IS NULL THEN 'ingest.bad-line-no' END AS line_no_e,
            {val["flow"]} AS flow_n, {err["flow"]} AS flow_e,
            {val["date"]} AS date_n, {err["date"]} AS date_e,
            {val["hs"]} AS hs_n, {err["hs"]} AS hs_e,
            {val["partner"]} AS partner_n, {err["partner"]} AS partner_e,
            {val["consignment"]} AS consignment_n, {err["consignment"]} AS consignment_e,
            {val["customs_office"]} AS office_n, {err["customs_office"]} AS office_e,
            {val["province"]} AS province_n,
            CASE WHEN r.province IS NULL THEN 'ingest.missing-province' ELSE {err["province"]} END AS province_e,
            {val["trader_size"]} AS size_n, {err["trader_size"]} AS size_e,
            nullif(trim({latin_digits("r.trader_id")}), '') AS trader_id_n,
            nullif(trim(r.unit), '') AS unit_n,
            {num("value", 2, value_factor)} AS value_n,
            {num("weight", 3, str(wfactor))} AS weight_n,
            {num("quantity", 3)} AS quantity_n,
            CASE
                WHEN r.value IS NULL THEN 'ingest.missing-value'
                WHEN {err["value"]} IS NOT NULL THEN {err["value"]}
                WHEN {state.rate_sql} IS NULL THEN 'ingest.no-rate'
                WHEN value_n IS NULL THEN 'ingest.too-large'
                WHEN value_n < 0 THEN 'ingest.negative'
            END AS value_e,
            CASE
                WHEN {err["weight"]} IS NOT NULL THEN {err["weight"]}
                WHEN r.weight IS NOT NULL AND weight_n IS NULL THEN 'ingest.too-large'
                WHEN weight_n < 0 THEN 'ingest.negative'
            END AS weight_e,
            CASE
                WHEN {err["quantity"]} IS NOT NULL THEN {err["quantity"]}
                WHEN r.quantity IS NOT NULL AND quantity_n IS NULL THEN 'ingest.too-large'
                WHEN quantity_n < 0 THEN 'ingest.negative'
            END AS quantity_e
        FROM {{relation}} r
        {chr(10).join(joins)}"""
    # `staged_cells`: the same without the row numbers of a large CSV, read in parallel
    for view, relation in (("staged", "raw"), ("staged_cells", "raw_cells")):
        state.con.execute(
            f"CREATE OR REPLACE TEMP VIEW {view} AS {select.replace('{relation}', relation)}"
        )
