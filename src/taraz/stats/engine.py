"""Where the figures are computed: DuckDB (the warehouse file, or a Parquet export) or Spark.

An `Engine` is an Ibis backend plus the warehouse tables bound to it by name. The figures are
built as Ibis expressions over `engine.table(...)` and run on whichever backend holds them, so
DuckDB and Spark answer the same expression.
"""

from __future__ import annotations

import os
import threading
import uuid
import warnings
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from datetime import UTC
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from taraz.errors import TarazError, UsageError
from taraz.stats import bound, sqlcache
from taraz.warehouse import Warehouse, default_warehouse_path

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pyarrow as pa

# The tables a figure may read; every one is in the warehouse file and in a Parquet export.
TABLES = (
    "lines",
    "batches",
    "batch_files",
    "coverage",
    "findings",
    "dim_product",
    "ref_hs",
    "ref_hs_sections",
    "ref_sectors",
    "ref_stages",
    "ref_countries",
    "ref_provinces",
    "ref_customs_offices",
    "trader_sizes",
)
# tables a Parquet export written by an earlier taraz may lack; a figure reads around them
OPTIONAL_TABLES = ("trader_sizes",)
BACKENDS = ("duckdb", "spark")
EXPORT_MARKER = "_taraz_export.json"


class Rows:
    """The rows of one result, by row (`to_pylist`) or by column (`column(name).to_pylist()`),
    as plain Python values: the part of an Arrow table the figures use, without pyarrow."""

    def __init__(self, names: list[str], columns: list[list[Any]], num_rows: int) -> None:
        self.column_names = names
        self._columns = columns
        self.num_rows = num_rows

    def to_pylist(self) -> list[dict[str, Any]]:
        names = self.column_names
        return [dict(zip(names, row, strict=True)) for row in zip(*self._columns, strict=True)]

    def column(self, name: str) -> _Column:
        return _Column(self._columns[self.column_names.index(name)])


class _Column(list):
    def to_pylist(self) -> list[Any]:
        return list(self)


class Engine:
    """An Ibis backend and the warehouse tables on it; `run` computes an expression.

    On DuckDB the SQL that Ibis compiles for an expression is remembered by the caller's key
    (a query and what is asked of it), in memory and on disk (`taraz.stats.sqlcache`), so
    asking again, even in a new process, skips building and compiling the expression. Over a
    warehouse file Ibis is not even imported until an expression must be compiled. Only SQL
    text is kept, never a result: every call reads the data afresh, so a new batch, a revert
    or another as-of moment is always seen.
    """

    SQL_CACHE_SIZE = 256

    def __init__(
        self,
        backend: Any,
        kind: str,
        tables: dict[str, ir.Table] | None,
        owned: bool,
        con: Any = None,
    ) -> None:
        self._backend = backend
        self.kind = kind  # duckdb, duckdb-parquet or spark
        self._tables = tables
        self._owned = owned
        # the DuckDB connection the SQL runs on (the Ibis backend over it is made when needed)
        self._con = con if con is not None or backend is None else getattr(backend, "con", None)
        self._sql: OrderedDict[Hashable, str] = OrderedDict()
        # re-entrant: an expression built under the lock may itself ask the engine (whether
        # declared size classes are loaded, say) on the same thread
        self._lock = threading.RLock()
        self._ibis_lock = threading.Lock()

    @property
    def backend(self) -> Any:
        """The Ibis backend (over a warehouse file, made on first use: Ibis loads then)."""
        if self._backend is None:
            with self._ibis_lock:  # one backend, whichever thread asks first
                if self._backend is None:
                    import ibis

                    self._backend = ibis.duckdb.from_connection(self._con)
        return self._backend

    @property
    def tables(self) -> dict[str, ir.Table]:
        if self._tables is None:
            backend = self.backend
            with self._ibis_lock:
                if self._tables is None:
                    self._tables = _bind_tables(backend)
        return self._tables

    def has_table(self, name: str) -> bool:
        """Whether `name` can be read (a Parquet export may lack an optional table)."""
        if self.kind == "duckdb":
            return name in TABLES  # the warehouse schema has every one
        return name in self.tables

    def table(self, name: str) -> ir.Table:
        return self.tables[name]

    def fetch(self, expr: ir.Table) -> list[dict[str, Any]]:
        """Run `expr` and return its rows as dicts of plain Python values."""
        return self.run(None, lambda: expr).to_pylist()

    def run(
        self,
        key: Hashable | None,
        build: Callable[..., ir.Table],
        params: Mapping[str, Any] | None = None,
    ) -> Rows | pa.Table:
        """Run the expression `build()` makes and return its rows (`Rows` on DuckDB, an Arrow
        table on Spark: both give `to_pylist()`, `column(name).to_pylist()`, `num_rows`);
        `key` names the expression for the compiled-SQL cache (None: no caching).

        With `params` (name -> value: text, int, date, aware datetime, or a list of texts),
        `build(values)` gets each value as an Ibis scalar of its type (`values[name]`) and
        `key` names the query's shape, not its values: the SQL is compiled once with a bound
        parameter in place of each value and reused for any other values (`taraz.stats.bound`).
        A value that changes the shape of the query (None, a province or the whole country)
        belongs in `key`, not in `params`."""
        if params:
            return self._run_bound(key, build, params)
        if self.kind == "spark":
            return build().to_pyarrow()
        with self._lock:
            sql = self._sql_for(key, lambda: self.backend.compile(build()))
            return _rows(self._con.execute(sql))

    def run_sql(self, sql: str, params: dict[str, Any]) -> Rows:
        """Run hand-written SQL on the DuckDB warehouse with its parameters bound (`$name`):
        the text is the same for every value, so nothing is compiled per query."""
        if self.kind != "duckdb":
            raise ValueError(f"hand-written SQL runs on the DuckDB warehouse, not {self.kind}")
        with self._lock:
            return _rows(self._con.execute(sql, params))

    def _run_bound(
        self, key: Hashable | None, build: Callable[..., ir.Table], params: Mapping[str, Any]
    ) -> Rows | pa.Table:
        types = {name: bound.type_of(value) for name, value in params.items()}
        if self.kind == "spark":
            import ibis

            scalars = {name: ibis.param(kind) for name, kind in types.items()}
            values = {scalars[name]: params[name] for name in scalars}
            return build(scalars).to_pyarrow(params=values)
        shape = None if key is None else (key, "bound", tuple(sorted(types.items())))
        with self._lock:
            sql = self._sql_for(shape, lambda: bound.compile_bound(self.backend, build, types))
            return _rows(self._con.execute(sql, bound.values(params)))

    def _sql_for(self, key: Hashable | None, compile_sql: Callable[[], str]) -> str:
        """The SQL kept for `key` in memory or on disk, else `compile_sql()` (then kept);
        called with the engine's lock held."""
        sql = self._sql.get(key) if key is not None else None
        if sql is not None:
            self._sql.move_to_end(key)
            return sql
        on_disk = key is not None and self.kind == "duckdb"
        sql = sqlcache.lookup((self.kind, key)) if on_disk else None
        if sql is None:
            sql = compile_sql()
            if on_disk:
                sqlcache.remember((self.kind, key), sql)
        if key is not None:
            self._sql[key] = sql
            if len(self._sql) > self.SQL_CACHE_SIZE:
                self._sql.popitem(last=False)
        return sql

    def reference_stamp(self) -> str | None:
        """The stamp a warehouse file renews each time it reloads its code lists (every opening
        for writing), or None (a Parquet export, Spark, a warehouse written before stamps)."""
        if self.kind != "duckdb":
            return None
        import duckdb

        with self._lock:
            try:
                rows = self._con.execute(
                    "SELECT value FROM meta WHERE key = 'reference_stamp'"
                ).fetchall()
            except duckdb.Error:
                return None
        return rows[0][0] if rows else None

    @property
    def partitioned(self) -> bool:
        """Whether `lines` carries the Jalali-year partition column of a Parquet export."""
        return "jy" in self.tables["lines"].columns

    def close(self) -> None:
        if self._owned and self.kind != "spark":
            if self._backend is not None:
                self._backend.disconnect()
            else:
                self._con.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_engine(
    source: Warehouse | str | os.PathLike[str] | None = None,
    *,
    backend: str = "duckdb",
    spark: Any = None,
) -> Engine:
    """An engine over `source`.

    - a `Warehouse`: DuckDB on a new cursor of its connection (the writer's own database
      instance, so no second file lock; the cursor has its own session settings);
    - a `.duckdb` file (default: the user's warehouse): DuckDB, read-only;
    - a directory written by `export_parquet`: DuckDB over the Parquet files, or Spark when
      `backend="spark"` (`spark` is a SparkSession; a local one is made when it is None). For
      a cluster, pass its SparkSession and the export's URI as the cluster sees it
      (`hdfs://...`, `s3a://...`); every worker must be able to read it.
    """
    if backend not in BACKENDS:
        raise UsageError("stats.bad-backend", backend=backend, choices=", ".join(BACKENDS))
    if isinstance(source, Warehouse):
        if backend != "duckdb":
            raise _needs_parquet(backend)
        return Engine(None, "duckdb", None, owned=True, con=source.con.cursor())
    if backend == "spark":
        if source is None:
            raise _needs_parquet(backend)
        root = str(source)
        if "://" not in root:  # a local export; a cluster reads hdfs://, s3a://, ... as given
            root = str(Path(root).expanduser().resolve())
            _require_export(Path(root))
        return _spark_engine(root, spark)
    path = Path(source).expanduser() if source is not None else default_warehouse_path()
    if path.is_dir():
        _require_export(path)
        import ibis

        con = ibis.duckdb.connect(**_duckdb_config())
        return Engine(con, "duckdb-parquet", _read_parquet(con, path), owned=True)
    if not path.exists():
        raise TarazError("warehouse.missing", path=path)
    # through Warehouse.open, so that a warehouse held by another process is said clearly
    wh = Warehouse.open(path, read_only=True)
    return Engine(None, "duckdb", None, owned=True, con=wh.con)


def local_spark_session(cores: int = 2, app_name: str = "taraz") -> Any:
    """A small local SparkSession (no UI, few shuffle partitions, UTC) for tests and one machine."""
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", str(2 * cores))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "2g")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )


def _duckdb_config() -> dict[str, str]:
    """`TARAZ_MEMORY_LIMIT` caps DuckDB's memory as for the warehouse; unset, DuckDB's default."""
    limit = os.environ.get("TARAZ_MEMORY_LIMIT")
    return {"memory_limit": limit} if limit else {}


def _rows(cursor: Any) -> Rows:
    """A DuckDB result as `Rows`, each value as Arrow's `to_pylist` gives it: a HUGEINT (what
    DuckDB sums integers to) as a Decimal, a TIMESTAMPTZ in UTC."""
    description = cursor.description or []
    rows = cursor.fetchall()
    names = [d[0] for d in description]
    columns = [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in names]
    for i, d in enumerate(description):
        kind = str(d[1])
        if kind == "HUGEINT":
            columns[i] = [v if v is None else Decimal(v) for v in columns[i]]
        elif kind == "TIMESTAMP WITH TIME ZONE":
            columns[i] = [v if v is None else v.astimezone(UTC) for v in columns[i]]
    return Rows(names, columns, len(rows))


def _bind_tables(con: Any) -> dict[str, ir.Table]:
    with warnings.catch_warnings():
        # Ibis 12 reads schemas with a DuckDB call that DuckDB 2.0 deprecates
        warnings.simplefilter("ignore", DeprecationWarning)
        return {name: con.table(name) for name in TABLES}


def _read_parquet(con: Any, root: Path) -> dict[str, ir.Table]:
    tables = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # as in _bind_tables
        for name in TABLES:
            if name == "lines":
                pattern = str(root / "lines" / "**" / "*.parquet")
                tables[name] = con.read_parquet(pattern, table_name=name, hive_partitioning=True)
            elif (root / f"{name}.parquet").exists() or name not in OPTIONAL_TABLES:
                tables[name] = con.read_parquet(root / f"{name}.parquet", table_name=name)
    return tables


def _spark_engine(root: str, spark: Any) -> Engine:
    try:
        session = spark or local_spark_session()
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise TarazError("stats.no-spark") from exc
    session.conf.set("spark.sql.session.timeZone", "UTC")
    import ibis

    con = ibis.pyspark.connect(session)
    tables = {}
    tag = uuid.uuid4().hex[:8]  # views are per session: one set of names per engine
    for name in TABLES:
        target = (
            f"{root.rstrip('/')}/lines" if name == "lines" else f"{root.rstrip('/')}/{name}.parquet"
        )
        try:
            tables[name] = con.read_parquet(target, table_name=f"taraz_{tag}_{name}")
        except Exception:  # an export written before an optional table existed
            if name not in OPTIONAL_TABLES:
                raise
    return Engine(con, "spark", tables, owned=spark is None)


def _require_export(path: Path) -> None:
    if not (path / EXPORT_MARKER).exists():
        raise TarazError("stats.not-an-export", path=path)


def _needs_parquet(backend: str) -> UsageError:
    return UsageError("stats.spark-needs-parquet", backend=backend)
