"""Opening the warehouse file: one writer at a time, the others wait or are told clearly."""

from __future__ import annotations

import os
import time
from importlib import resources
from pathlib import Path

import duckdb

from taraz.errors import TarazError

SCHEMA_VERSION = "1"
LOCK_MARKERS = ("Could not set lock", "Conflicting lock", "lock on file")


class WarehouseBusyError(TarazError):
    """Another process holds the warehouse for writing."""


class WarehouseMissingError(TarazError):
    """A read of a warehouse that does not exist yet."""


def default_warehouse_path() -> Path:
    """`$TARAZ_WAREHOUSE`, else the per-user data directory (XDG)."""
    env = os.environ.get("TARAZ_WAREHOUSE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "taraz" / "warehouse.duckdb"


class Warehouse:
    """A DuckDB warehouse file; `Warehouse.open` waits for another writer to finish."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        read_only: bool = False,
        wait: float = 30.0,
        memory_limit: str | None = None,
    ) -> Warehouse:
        target = Path(path).expanduser() if path is not None else default_warehouse_path()
        if read_only and not target.exists():
            raise WarehouseMissingError(
                "warehouse.missing",
                f"انبار داده در «{target}» وجود ندارد؛ نخست با «taraz import» یا «taraz demo» داده بارگذاری کنید.",
                f"There is no warehouse at {target}; load data first with `taraz import` or `taraz demo`.",
                {"path": str(target)},
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        config = {"memory_limit": memory_limit or os.environ.get("TARAZ_MEMORY_LIMIT", "1GB")}
        deadline = time.monotonic() + wait
        while True:
            try:
                con = duckdb.connect(str(target), read_only=read_only, config=config)
                break
            except duckdb.IOException as exc:
                if not any(m in str(exc) for m in LOCK_MARKERS):
                    raise TarazError(
                        "warehouse.unreadable",
                        f"فایل «{target}» انبار داده taraz نیست یا خوانده نمی‌شود: {exc}",
                        f"{target} is not a taraz warehouse or cannot be read: {exc}",
                        {"path": str(target)},
                    ) from exc
                if time.monotonic() >= deadline:
                    raise WarehouseBusyError(
                        "warehouse.busy",
                        f"انبار داده «{target}» در دست فرایند دیگری است (بارگذاری یا سرور)؛ "
                        f"پس از {wait:g} ثانیه انتظار کنار کشیدیم. چیزی تغییر نکرد؛ بعداً دوباره بکوشید.",
                        f"The warehouse {target} is in use by another process (an import or the "
                        f"server); gave up after waiting {wait:g} s. Nothing was changed; try again later.",
                        {"path": str(target)},
                    ) from exc
                time.sleep(0.2)
        con.execute("SET enable_progress_bar = false")  # rich draws ours; DuckDB's would mix in
        wh = cls(con, target, read_only)
        if not read_only:
            wh.ensure_schema()
        return wh

    def ensure_schema(self) -> None:
        """Create the tables if missing and refresh the code lists and the date dimension."""
        from taraz.warehouse.dimensions import refresh_dimensions

        sql = resources.files("taraz.warehouse").joinpath("schema.sql").read_text("utf-8")
        self.con.execute(sql)
        self.con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION]
        )
        refresh_dimensions(self.con)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
