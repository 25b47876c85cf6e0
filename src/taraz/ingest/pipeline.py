"""One import, one batch: read, normalise, validate, check and land whole or not at all.

Every row read ends in exactly one place: loaded, quarantined (with file, row, column, value
and reason) or duplicate. The batch is written in one DuckDB transaction, so a crash or a kill
in the middle leaves the warehouse as it was.
"""

from __future__ import annotations

import getpass
import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa

from taraz.calendar import Period, gregorian_to_jalali, jalali_to_gregorian
from taraz.errors import Kind, TarazError, catalogue, error_dict, message
from taraz.fa import name_key
from taraz.ingest import values
from taraz.ingest.batch_report import BatchReport, FindingSummary
from taraz.ingest.checks import run_checks
from taraz.ingest.layouts import RAW_FIELDS, Layout, detect_layout, is_known_header
from taraz.ingest.mapping import Mapping
from taraz.ingest.sources import SourceError, SourceTable, read_source
from taraz.reference import load_reference
from taraz.warehouse import Warehouse, live_lines_sql

SEP = "\x1f"
NUL_CHAR = "\x00"  # the key of a missing value in the distinct-value maps
NUL = "chr(0)"
DIGITS_FROM = "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"
DIGITS_TO = "01234567890123456789"
Progress = Callable[[str], None]


@dataclass
class ImportOptions:
    flow: str | None = None  # X or M for files that name no flow
    province: str | None = None  # for files that name no province
    period: Period | None = None  # the period the file declares it covers
    source: str | None = None  # the series a revision replaces within; default: the layout
    mapping: Mapping | None = None
    sheet: str | None = None
    user: str | None = None
    now: datetime | None = None


class _Rejected(TarazError):
    pass


def import_files(
    wh: Warehouse,
    paths: Sequence[Path],
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> BatchReport:
    """Import `paths` as one batch into `wh` and say what happened."""
    options = options or ImportOptions()
    progress = progress or (lambda _step: None)
    names = [p.name for p in paths]
    try:
        return _Import(wh, list(paths), options, progress).run()
    except (SourceError, _Rejected) as exc:
        return BatchReport(
            status="rejected",
            files=names,
            message_fa=exc.message_fa,
            message_en=exc.message_en,
            error=error_dict(exc),
        )


class _Import:
    def __init__(
        self, wh: Warehouse, paths: list[Path], options: ImportOptions, progress: Progress
    ):
        self.wh = wh
        self.con = wh.con
        self.paths = paths
        self.opt = options
        self.progress = progress
        self.ref = load_reference()
        self.now = options.now or datetime.now(UTC)
        self.sources: list[SourceTable] = []
        self.identity: dict[str, bool] = {}
        self.layouts: list[Layout] = []

    # -- reading ---------------------------------------------------------------------------

    def run(self) -> BatchReport:
        self.progress("read")
        is_header = self.opt.mapping.is_header if self.opt.mapping else is_known_header
        for path in self.paths:
            src = read_source(
                path, is_header, self.opt.sheet or (self.opt.mapping and self.opt.mapping.sheet)
            )
            layout = (
                self.opt.mapping.layout(src.headers)
                if self.opt.mapping
                else detect_layout(src.headers)
            )
            if layout is None:  # pragma: no cover - read_source already required a known header
                raise SourceError("source.no-header", file=path.name, rows=0, format=src.format)
            self.sources.append(src)
            self.layouts.append(layout)
        dup = self._already_loaded()
        if dup:
            return dup
        self.layout_name = self.layouts[0].name
        self.source = self.opt.source or self.layout_name
        self._stage_raw()
        self.progress("normalise")
        self._resolve()
        self._stage_typed()
        self.progress("validate")
        return self._land()

    def _already_loaded(self) -> BatchReport | None:
        """The same file in an active batch: importing it again changes nothing."""
        digests = [s.sha256 for s in self.sources]
        rows = self.con.execute(
            """SELECT f.sha256, f.batch_id, b.rows_read FROM batch_files f
               JOIN batches b USING (batch_id) WHERE b.reverted_at IS NULL AND f.sha256 IN ?""",
            [digests],
        ).fetchall()
        if not rows:
            return None
        found = {sha: (bid, n) for sha, bid, n in rows}
        if len(found) < len(set(digests)):
            raise _Rejected("ingest.partly-loaded")
        batch_id = next(iter(found.values()))[0]
        rows_read = sum(n for _, n in found.values())
        fa = message("ingest.already-loaded", "fa", batch_id=batch_id)
        en = message("ingest.already-loaded", "en", batch_id=batch_id)
        if self.con.execute(
            "SELECT rows_quarantined FROM batches WHERE batch_id = ?", [batch_id]
        ).fetchall()[0][0]:
            fa += message("ingest.revert-to-reload", "fa", batch_id=batch_id)
            en += message("ingest.revert-to-reload", "en", batch_id=batch_id)
        return BatchReport(
            status="duplicate",
            files=[p.name for p in self.paths],
            batch_id=batch_id,
            rows_read=rows_read,
            rows_duplicate=rows_read,
            message_fa=fa,
            message_en=en,
        )

    def _default_flow(self, src: SourceTable, layout: Layout) -> str | None:
        if self.opt.flow:
            return self.opt.flow
        if "flow" in layout.constants:
            return layout.constants["flow"]
        if layout.flow_hint:
            return layout.flow_hint
        if "flow" in layout.columns:
            return None
        text = name_key(f"{src.title} {src.path.stem}")
        is_x = any(w in text for w in ("صادرات", "export"))
        is_m = any(w in text for w in ("واردات", "import"))
        if is_x != is_m:
            return "X" if is_x else "M"
        raise _Rejected("ingest.no-flow", file=src.path.name)

    def _stage_raw(self) -> None:
        """All files' rows as text in `raw` (_file, _row, one column a field).

        Each file becomes a temp table; `raw` is their union. A large clean CSV is read by
        DuckDB itself, and its row numbers come from the table's rowid, which follows the
        file's order (one record a line was checked when the file was opened).
        """
        parts = []
        for file_no, (src, layout) in enumerate(zip(self.sources, self.layouts, strict=True)):
            consts = dict(layout.constants)
            flow = self._default_flow(src, layout)
            if flow and "flow" not in layout.columns:
                consts["flow"] = flow
            if self.opt.province and "province" not in layout.columns:
                consts["province"] = self.opt.province
            relation, colref, row_sql = self._relation(src, file_no)
            exprs = []
            for fld in RAW_FIELDS:
                if fld in layout.columns:
                    exprs.append(f"CAST({colref(layout.columns[fld])} AS VARCHAR) AS {fld}")
                elif fld in consts:
                    exprs.append(f"{_quote(consts[fld])} AS {fld}")
                else:
                    exprs.append(f"CAST(NULL AS VARCHAR) AS {fld}")
            parts.append(
                f"SELECT {file_no} AS _file, CAST({row_sql} AS INTEGER) AS _row, "
                f"{', '.join(exprs)} FROM {relation}"
            )
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW raw AS {' UNION ALL '.join(parts)}")

    def _relation(self, src: SourceTable, file_no: int) -> tuple[str, Callable[[int], str], str]:
        """A temp table of the file's cells; how to name column j; the row number of a row."""
        table = f"src_{file_no}"
        if src.arrow is not None:
            self.con.register(f"{table}_arrow", src.arrow)
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM {table}_arrow")
            self.con.unregister(f"{table}_arrow")
            return table, lambda j: f"c{j}", "_row"
        if src.csv_fast is not None:
            fast = src.csv_fast
            names = ", ".join(f"'c{j}': 'VARCHAR'" for j in range(fast["width"]))
            self.con.execute(
                f"""CREATE OR REPLACE TEMP TABLE {table} AS
                SELECT * FROM read_csv({_quote(str(src.path))}, header = false,
                     skip = {fast["skip"]}, delim = {_quote(fast["delim"])}, quote = '',
                     columns = {{{names}}}, auto_detect = false, null_padding = true)"""
            )
            return table, lambda j: f"c{j}", f"rowid + {src.header_row + 1}"
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM read_parquet({_quote(str(src.path))})"
        )
        return table, lambda j: _ident(src.headers[j]), "rowid + 1"

    # -- normalising -----------------------------------------------------------------------

    def _map(
        self,
        name: str,
        key_sql: str,
        reader: Callable[[str | None], tuple[object, str | None]],
        typ: pa.DataType,
        same: Callable[[str, object], bool] = lambda k, v: k == v,
    ) -> None:
        """Read each distinct value of `key_sql` once and keep the answers in `map_<name>`.

        When every value is already what it should be (a clean canonical file: `IQ` is IQ),
        the map is marked as the identity and the typed staging reads the column directly.
        """
        keys = [r[0] for r in self.con.execute(f"SELECT DISTINCT {key_sql} FROM raw").fetchall()]
        vals, errs = [], []
        keys = [NUL_CHAR if k is None else k for k in keys]
        identity = True
        for k in keys:
            v, e = reader(None if k == NUL_CHAR else k)
            vals.append(v)
            errs.append(e)
            if (
                e is not None
                or (v is None) != (k == NUL_CHAR)
                or (v is not None and not same(k, v))
            ):
                identity = False
        self.identity[name] = identity
        table = pa.table(
            {
                "k": pa.array(keys, pa.string()),
                "v": pa.array(vals, typ),
                "e": pa.array(errs, pa.string()),
            }
        )
        self.con.register(f"map_{name}_arrow", table)
        self.con.execute(
            f"CREATE OR REPLACE TEMP TABLE map_{name} AS SELECT * FROM map_{name}_arrow"
        )
        self.con.unregister(f"map_{name}_arrow")

    def _resolve(self) -> None:
        ref = self.ref
        mapping = self.opt.mapping
        cw = mapping.crosswalks if mapping else {}
        calendar = self.layouts[0].calendar
        fmt = mapping.date_format if mapping else None

        def split(k: str | None) -> list[str | None]:
            return [p or None for p in (k or "").split(SEP)]

        self._map("flow", "flow", values.read_flow, pa.string())
        self._map(
            "date",
            _key("date", "date_year", "date_month", "date_day"),
            lambda k: values.read_date(*split(k), calendar=calendar, fmt=fmt),
            pa.date32(),
            same=lambda k, v: k == f"{v.isoformat()}{SEP * 3}",
        )
        self._map(
            "hs", _key("hs_code", "hs6"), lambda k: values.read_hs(*split(k), ref), pa.string()
        )
        for fld, kind in (
            ("partner", "country"),
            ("consignment", "country"),
            ("customs_office", "customs_office"),
            ("province", "province"),
        ):
            walk = cw.get(fld, {})
            self._map(
                fld,
                fld,
                lambda k, kind=kind, walk=walk: values.read_code(k, kind, ref, walk),
                pa.string(),
            )
        self._map("trader_size", "trader_size", values.read_trader_size, pa.string())
        for fld, required in (("value", True), ("weight", False), ("quantity", False)):
            self._map(
                fld,
                _messy_number(fld),
                lambda k, required=required: values.read_number(k, required=required),
                pa.decimal128(38, 6),
            )
            # identity here means: no number DuckDB cannot read by itself
            self.identity[fld] = not self.con.execute(
                f"SELECT count(*) FROM map_{fld} WHERE k <> {NUL}"
            ).fetchall()[0][0]
        self._map_rates()

    def _map_rates(self) -> None:
        mapping = self.opt.mapping
        if not mapping or not mapping.rates:
            self.rate_sql = "1"
            self.rate_join = ""
            return
        self.con.execute("DROP TABLE IF EXISTS map_rate")
        pairs = self.con.execute(
            f"""SELECT DISTINCT coalesce(r.currency, {_quote(mapping.currency or "USD")}), d.v
                FROM raw r LEFT JOIN map_date d ON d.k = coalesce({_key("date", "date_year", "date_month", "date_day", prefix="r.")}, {NUL})
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
        self.con.register("map_rate_arrow", table)
        self.con.execute("CREATE TEMP TABLE map_rate AS SELECT * FROM map_rate_arrow")
        self.con.unregister("map_rate_arrow")
        self.rate_sql = "mr.rate"
        self.rate_join = f"""LEFT JOIN map_rate mr
            ON mr.currency = coalesce(r.currency, {_quote(mapping.currency or "USD")}) AND mr.day = md.v"""

    def _stage_typed(self) -> None:
        """`staged`: one narrow row per raw row with typed values and problem codes."""
        mapping = self.opt.mapping
        scale = mapping.value_scale if mapping else 1
        wfactor = mapping.weight_factor if mapping else 1
        date_key = _key("date", "date_year", "date_month", "date_day", prefix="r.")
        joins: list[str] = []
        val: dict[str, str] = {}
        err: dict[str, str] = {}
        direct = {"date": "TRY_CAST(r.date AS DATE)", "hs": "r.hs_code"}
        for f, alias, key in (
            ("date", "md", date_key),
            ("flow", "m_flow", "r.flow"),
            ("hs", "m_hs", _key("hs_code", "hs6", prefix="r.")),
            ("partner", "m_partner", "r.partner"),
            ("consignment", "m_consignment", "r.consignment"),
            ("customs_office", "m_customs_office", "r.customs_office"),
            ("province", "m_province", "r.province"),
            ("trader_size", "m_trader_size", "r.trader_size"),
        ):
            if self.identity.get(f):
                val[f], err[f] = direct.get(f, f"r.{f}"), "CAST(NULL AS VARCHAR)"
            else:
                joins.append(f"LEFT JOIN map_{f} {alias} ON {alias}.k = coalesce({key}, {NUL})")
                val[f], err[f] = f"{alias}.v", f"{alias}.e"
        for f in ("value", "weight", "quantity"):
            if self.identity.get(f):  # no messy numbers at all: DuckDB reads every one
                val[f], err[f] = "CAST(NULL AS DECIMAL(38, 6))", "CAST(NULL AS VARCHAR)"
            else:
                joins.append(f"LEFT JOIN map_{f} m_{f} ON m_{f}.k = {_messy_number(f'r.{f}')}")
                val[f], err[f] = f"m_{f}.v", f"m_{f}.e"
        self.date_sql = val["date"]
        if self.rate_join:
            joins.append(self.rate_join.replace("md.v", val["date"]))

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
            wide = f"coalesce({_plain_number(f'r.{fld}')}, {val[fld]})"
            return f"TRY_CAST(round({wide} * {factor}, {places}) AS {target})"

        value_factor = " * ".join(f for f in (str(scale), self.rate_sql) if f != "1") or "1"

        self.con.execute(
            f"""CREATE OR REPLACE TEMP VIEW staged AS
            SELECT r._file, r._row,
                nullif(trim({_latin_digits("r.declaration_id")}), '') AS declaration_id_n,
                TRY_CAST(trim({_latin_digits("r.line_no")}) AS INTEGER) AS line_no_n,
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
                nullif(trim(r.trader_id), '') AS trader_id_n,
                nullif(trim(r.unit), '') AS unit_n,
                {num("value", 2, value_factor)} AS value_n,
                {num("weight", 3, str(wfactor))} AS weight_n,
                {num("quantity", 3)} AS quantity_n,
                CASE
                    WHEN r.value IS NULL THEN 'ingest.missing-value'
                    WHEN {err["value"]} IS NOT NULL THEN {err["value"]}
                    WHEN {self.rate_sql} IS NULL THEN 'ingest.no-rate'
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
            FROM raw r
            {chr(10).join(joins)}"""
        )

    # -- landing ---------------------------------------------------------------------------

    def _problems_sql(self) -> str:
        """One row per (row, field) problem that keeps a row out of the warehouse."""
        parts = [
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
        ]
        errors = ", ".join(err for _, err in parts)
        self.con.execute(
            f"""CREATE OR REPLACE TEMP TABLE bad AS SELECT _file, _row, {errors}
                FROM staged WHERE coalesce({errors}) IS NOT NULL"""
        )
        selects = " UNION ALL ".join(
            f"SELECT _file, _row, '{fld}' AS field, {err} AS code FROM bad WHERE {err} IS NOT NULL"
            for fld, err in parts
        )
        texts = {
            "date": "coalesce(r.date, concat_ws('-', r.date_year, r.date_month, r.date_day))",
            "hs_code": "coalesce(r.hs_code, r.hs6)",
        }
        value = (
            "CASE p.field "
            + " ".join(f"WHEN '{fld}' THEN {texts.get(fld, 'r.' + fld)}" for fld, _ in parts)
            + " END"
        )
        return f"""SELECT p._file, p._row, p.field, {value} AS value, p.code
            FROM ({selects}) AS p JOIN raw r ON r._file = p._file AND r._row = p._row"""

    def _land(self) -> BatchReport:
        """Write the batch in one transaction: lines, then what turned out duplicate is taken
        out again, then the batch record, its files, coverage, quarantine and findings."""
        con = self.con
        con.execute(f"CREATE OR REPLACE TEMP TABLE problems AS {self._problems_sql()}")
        con.execute(
            """CREATE OR REPLACE TEMP VIEW candidates AS
            SELECT s.* FROM staged s
            ANTI JOIN (SELECT DISTINCT _file, _row FROM problems) p
              ON p._file = s._file AND p._row = s._row"""
        )
        batch_id, seq = self._next_batch_id()
        self.progress("write")
        con.execute("BEGIN TRANSACTION")
        try:
            self._insert_lines(batch_id)
            span = self._coverage_span(batch_id)
            con.execute(
                "CREATE OR REPLACE TEMP TABLE new_coverage AS "
                "SELECT DISTINCT ? AS batch_id, ? AS source, flow, province, "
                "CAST(? AS DATE) AS date_from, CAST(? AS DATE) AS date_to "
                "FROM lines WHERE batch_id = ?",
                [batch_id, self.source, span[0], span[1], batch_id],
            )
            rows_duplicate = self._remove_duplicates(batch_id)
            replaces = self._replaced_batches()
            rows_read = con.execute("SELECT count(*) FROM raw").fetchall()[0][0]
            rows_quarantined = con.execute(
                "SELECT count(*) FROM (SELECT DISTINCT _file, _row FROM problems)"
            ).fetchall()[0][0]
            rows_loaded = rows_read - rows_quarantined - rows_duplicate
            skipped = sum(s.skipped_blank + (1 if s.totals_row else 0) for s in self.sources)
            self._write(
                batch_id,
                seq,
                span,
                (rows_read, rows_loaded, rows_quarantined, rows_duplicate, skipped),
            )
            findings = run_checks(con, batch_id, self.sources, self.opt.period, self.now)
            con.execute("UPDATE batches SET warnings = ? WHERE batch_id = ?", [findings, batch_id])
            if os.environ.get("TARAZ_FAULT") == "kill-before-commit":
                os.kill(os.getpid(), signal.SIGKILL)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        from taraz.warehouse.dimensions import refresh_products

        refresh_products(con)
        return self._report(batch_id, replaces)

    def _insert_lines(self, batch_id: str) -> None:
        # each line carries its file and row, so the table need not keep the files' order,
        # and DuckDB may write in parallel
        self.con.execute("SET preserve_insertion_order = false")
        try:
            self._insert_lines_in_any_order(batch_id)
        finally:
            self.con.execute("RESET preserve_insertion_order")

    def _insert_lines_in_any_order(self, batch_id: str) -> None:
        self.con.execute(
            """INSERT INTO lines
            SELECT declaration_id_n, line_no_n, flow_n, date_n, hs_n, partner_n, consignment_n,
                   office_n, province_n, trader_id_n, size_n,
                   value_n, weight_n, quantity_n, unit_n,
                   ?, _file, _row
            FROM candidates""",
            [batch_id],
        )

    def _remove_duplicates(self, batch_id: str) -> int:
        """Take out of the new lines those whose declaration line is already there: earlier in
        the same batch, or live in another batch that this one does not replace."""
        live = live_lines_sql(
            None, "l.declaration_id, l.line_no, l.flow, l.province, l.date, l.batch_id"
        )
        self.con.execute(
            f"""CREATE OR REPLACE TEMP TABLE doubled AS
            WITH new AS (
                SELECT declaration_id, line_no, file_no, source_row FROM lines
                WHERE batch_id = $batch AND declaration_id IS NOT NULL AND line_no IS NOT NULL),
            repeated AS (
                SELECT declaration_id, line_no FROM new GROUP BY ALL HAVING count(*) > 1),
            ranked AS (
                SELECT n.file_no, n.source_row, row_number() OVER (
                    PARTITION BY n.declaration_id, n.line_no ORDER BY n.file_no, n.source_row) AS dup_rank
                FROM new n SEMI JOIN repeated USING (declaration_id, line_no)),
            elsewhere AS (
                SELECT l.declaration_id, l.line_no FROM {live} AS l
                JOIN batches b ON b.batch_id = l.batch_id
                SEMI JOIN new USING (declaration_id, line_no)
                WHERE NOT EXISTS (
                    SELECT 1 FROM new_coverage c
                    WHERE c.source = b.source AND c.flow = l.flow AND c.province = l.province
                      AND l.date BETWEEN c.date_from AND c.date_to))
            SELECT file_no, source_row FROM ranked WHERE dup_rank > 1
            UNION
            SELECT n.file_no, n.source_row FROM new n SEMI JOIN elsewhere USING (declaration_id, line_no)""",
            {"batch": batch_id},
        )
        n = self.con.execute("SELECT count(*) FROM doubled").fetchall()[0][0]
        if n:
            self.con.execute(
                """DELETE FROM lines WHERE batch_id = ? AND (file_no, source_row) IN
                   (SELECT (file_no, source_row) FROM doubled)""",
                [batch_id],
            )
        return n

    def _next_batch_id(self) -> tuple[str, int]:
        seq = self.con.execute("SELECT coalesce(max(seq), 0) + 1 FROM batches").fetchall()[0][0]
        return f"B{seq:05d}", seq

    def _coverage_span(self, batch_id: str) -> tuple[date | None, date | None]:
        """The declared period, else the whole months (Jalali unless the source is
        Gregorian) from the first to the last date loaded."""
        if self.opt.period:
            return self.opt.period.start, self.opt.period.end
        lo, hi = self.con.execute(
            "SELECT min(date), max(date) FROM lines WHERE batch_id = ?", [batch_id]
        ).fetchall()[0]
        if lo is None:
            return None, None
        if self.layouts[0].calendar == "gregorian":
            start = lo.replace(day=1)
            nxt = date(hi.year + (hi.month == 12), hi.month % 12 + 1, 1)
            return start, date.fromordinal(nxt.toordinal() - 1)
        ly, lm, _ = gregorian_to_jalali(lo)
        hy, hm, _ = gregorian_to_jalali(hi)
        start = jalali_to_gregorian(ly, lm, 1)
        nxt = jalali_to_gregorian(hy + (hm == 12), hm % 12 + 1, 1)
        return start, date.fromordinal(nxt.toordinal() - 1)

    def _replaced_batches(self) -> list[dict]:
        rows = self.con.execute(
            """SELECT DISTINCT c.batch_id, c.flow, c.province, greatest(c.date_from, n.date_from),
                      least(c.date_to, n.date_to)
               FROM coverage c JOIN batches b ON b.batch_id = c.batch_id AND b.reverted_at IS NULL
               JOIN new_coverage n ON n.source = c.source AND n.flow = c.flow AND n.province = c.province
                AND n.date_from <= c.date_to AND n.date_to >= c.date_from
               ORDER BY 1, 2, 3"""
        ).fetchall()
        return [
            {"batch_id": b, "flow": f, "province": p, "date_from": str(d0), "date_to": str(d1)}
            for b, f, p, d0, d1 in rows
        ]

    def _write(self, batch_id: str, seq: int, span, counts) -> None:
        con = self.con
        rows_read, rows_loaded, rows_quarantined, rows_duplicate, skipped = counts
        period = self.opt.period
        totals = con.execute(
            """SELECT min(date), max(date), min(length(hs_code)), max(length(hs_code)),
                      sum(value_usd), sum(weight_kg)
               FROM lines WHERE batch_id = ?""",
            [batch_id],
        ).fetchall()[0]
        con.execute(
            "INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
            [
                batch_id,
                seq,
                self.source,
                self.layout_name,
                self.now,
                self.opt.user or _current_user(),
                period.label if period else None,
                period.start if period else None,
                period.end if period else None,
                *totals[:4],
                rows_read,
                rows_loaded,
                rows_quarantined,
                rows_duplicate,
                skipped,
                totals[4],
                totals[5],
            ],
        )
        for file_no, src in enumerate(self.sources):
            n = con.execute("SELECT count(*) FROM raw WHERE _file = ?", [file_no]).fetchall()[0][0]
            con.execute(
                "INSERT INTO batch_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    batch_id,
                    file_no,
                    src.path.name,
                    src.sha256,
                    src.size_bytes,
                    src.format,
                    src.encoding,
                    src.sheet,
                    src.header_row,
                    n,
                ],
            )
        if span[0] is not None:
            con.execute("INSERT INTO coverage SELECT * FROM new_coverage")
        self._write_quarantine(batch_id)

    def _write_quarantine(self, batch_id: str) -> None:
        reasons = [e.code for e in catalogue().values() if e.kind is Kind.QUARANTINE]
        codes = pa.table(
            {
                "code": reasons,
                "fa": [message(c, "fa") for c in reasons],
                "en": [message(c, "en") for c in reasons],
            }
        )
        columns = []
        for file_no, (src, layout) in enumerate(zip(self.sources, self.layouts, strict=True)):
            for fld in RAW_FIELDS:
                col = layout.columns.get(fld)
                if fld == "date" and col is None:
                    col = layout.columns.get("date_year")
                if col is not None:
                    label = src.headers[col]
                elif fld == "flow":
                    label = "flow (--flow)"
                elif fld == "province":
                    label = "province (--province)"
                else:
                    label = fld
                columns.append((file_no, fld, label, src.path.name))
        labels = pa.table(
            {
                "file_no": [c[0] for c in columns],
                "field": [c[1] for c in columns],
                "label": [c[2] for c in columns],
                "file_name": [c[3] for c in columns],
            }
        )
        self.con.register("q_codes", codes)
        self.con.register("q_labels", labels)
        self.con.execute(
            """INSERT INTO quarantine
            SELECT ?, p._file, l.file_name, p._row, l.label, p.value, p.code, c.fa, c.en
            FROM problems p
            JOIN q_codes c ON c.code = p.code
            LEFT JOIN q_labels l ON l.file_no = p._file AND l.field = p.field
            ORDER BY p._file, p._row""",
            [batch_id],
        )
        self.con.unregister("q_codes")
        self.con.unregister("q_labels")

    def _report(self, batch_id: str, replaces: list[dict]) -> BatchReport:
        b = self.con.execute(
            """SELECT rows_read, rows_loaded, rows_quarantined, rows_duplicate, rows_skipped, warnings,
                      value_usd, weight_kg, date_min, date_max, hs_digits_min
               FROM batches WHERE batch_id = ?""",
            [batch_id],
        ).fetchall()[0]
        report = BatchReport(
            status="loaded",
            files=[p.name for p in self.paths],
            batch_id=batch_id,
            source=self.source,
            layout=self.layout_name,
            rows_read=b[0],
            rows_loaded=b[1],
            rows_quarantined=b[2],
            rows_duplicate=b[3],
            rows_skipped=b[4],
            warnings=b[5],
            value_usd=str(b[6]) if b[6] is not None else None,
            weight_kg=str(b[7]) if b[7] is not None else None,
            date_min=str(b[8]) if b[8] else None,
            date_max=str(b[9]) if b[9] else None,
            hs_digits=b[10],
            replaces=replaces,
        )
        report.findings = summarise(self.con, "findings", batch_id)
        report.quarantine = summarise(self.con, "quarantine", batch_id)
        return report


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


def _current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _latin_digits(col: str) -> str:
    """Persian and Arabic-Indic digits to Latin; ASCII text (most of it) is left alone cheaply."""
    return f"CASE WHEN strlen({col}) = length({col}) THEN {col} ELSE translate({col}, '{DIGITS_FROM}', '{DIGITS_TO}') END"


def _plain_number(col: str) -> str:
    """A number DuckDB reads by itself (Latin digits, a dot): most cells of most files."""
    return f"TRY_CAST({col} AS DECIMAL(38, 6))"


def _messy_number(col: str) -> str:
    """The text of a number DuckDB cannot read by itself, for `taraz.fa.parse_number`."""
    return f"CASE WHEN {_plain_number(col)} IS NULL THEN {col} END"


def _key(*fields: str, prefix: str = "") -> str:
    """A text key of several raw fields (blank-safe) for the distinct-value maps."""
    if len(fields) == 1:
        return f"{prefix}{fields[0]}"
    parts = ", ".join(f"coalesce({prefix}{f}, '')" for f in fields)
    return f"concat_ws(chr(31), {parts})"
