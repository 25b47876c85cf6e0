"""Opening the warehouse file: one writer at a time, the others wait or are told clearly."""

from __future__ import annotations

import os
import re
import time
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from taraz.errors import TarazError

if TYPE_CHECKING:
    import duckdb

SCHEMA_VERSION = "3"  # 2: dim_product.stage and ref_stages (the value chain); 3: trader_sizes
LOCK_MARKERS = ("Could not set lock", "Conflicting lock", "lock on file")


class WarehouseBusyError(TarazError):
    """Another process holds the warehouse for writing."""


class WarehouseMissingError(TarazError):
    """A read of a warehouse that does not exist yet."""


_PID = re.compile(r"PID (\d+)")


def lock_holder(message: str) -> dict[str, object]:
    """The process DuckDB names in a lock error (`... (PID 1234)`) and its command line, as
    far as this machine lets us read it."""
    found = _PID.search(message)
    if not found:
        return {}
    pid = int(found.group(1))
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        command = " ".join(p.decode("utf-8", "replace") for p in raw.split(b"\0") if p)
    except OSError:
        command = ""
    return {"pid": pid, "command": _short_command(command) or "?"}


def _held_by_server(message: str) -> bool:
    """A server holds the file until it stops: waiting for it is pointless."""
    command = str(lock_holder(message).get("command", ""))
    return "taraz serve" in command or "gunicorn" in command


def server_address(command: str) -> str | None:
    """`http://host:port/` of a `taraz serve` command line (its defaults where not given)."""
    words = command.split()
    if "serve" not in words:
        return None
    host, port = "127.0.0.1", "8000"
    for i, word in enumerate(words[:-1]):
        if word == "--host":
            host = words[i + 1]
        elif word == "--port":
            port = words[i + 1]
    for word in words:
        if word.startswith("--host="):
            host = word.split("=", 1)[1]
        elif word.startswith("--port="):
            port = word.split("=", 1)[1]
    return f"http://{host}:{port}/"


def _short_command(command: str) -> str:
    """`/x/.venv/bin/python /x/.venv/bin/taraz serve --port 8000` -> `taraz serve --port 8000`."""
    words = command.split()
    for i, word in enumerate(words):
        if Path(word).name == "taraz" or word.endswith("gunicorn"):
            return " ".join([Path(word).name, *words[i + 1 :]])[:120]
    return command[:120]


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
        self.memory_limit: str | None = None  # DuckDB's memory_limit as opened with, if known

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
            raise WarehouseMissingError("warehouse.missing", path=target)
        import duckdb  # here, so that a command that fails before this answers at once

        target.parent.mkdir(parents=True, exist_ok=True)
        config = {"memory_limit": memory_limit or os.environ.get("TARAZ_MEMORY_LIMIT", "1GB")}
        started = time.monotonic()
        deadline = started + wait
        while True:
            try:
                con = duckdb.connect(str(target), read_only=read_only, config=config)
                break
            except duckdb.IOException as exc:
                if not any(m in str(exc) for m in LOCK_MARKERS):
                    raise TarazError("warehouse.unreadable", path=target, detail=str(exc)) from exc
                if time.monotonic() >= deadline or _held_by_server(str(exc)):
                    waited = round(time.monotonic() - started, 1)
                    raise busy_error(target, waited, str(exc)) from exc
                time.sleep(0.2)
        con.execute("SET enable_progress_bar = false")  # rich draws ours; DuckDB's would mix in
        wh = cls(con, target, read_only)
        wh.memory_limit = config["memory_limit"]
        if not read_only:
            wh.ensure_schema()
        elif (version := wh.schema_version()) is None:
            wh.close()
            raise TarazError("warehouse.unreadable", path=target, detail="no taraz schema")
        elif version != SCHEMA_VERSION:
            # made by an earlier taraz: bring its derived tables up to date once, then read
            wh.close()
            cls.open(target, wait=wait, memory_limit=memory_limit).close()
            return cls.open(target, read_only=True, wait=wait, memory_limit=memory_limit)
        return wh

    def schema_version(self) -> str | None:
        """The schema version the file was last written with (None: not a taraz warehouse)."""
        import duckdb

        try:
            rows = self.con.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchall()
        except duckdb.Error:
            return None
        return rows[0][0] if rows else None

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


def busy_error(target: Path, wait: float, message: str) -> WarehouseBusyError:
    """`warehouse.busy`, naming the process that holds the file when DuckDB says which."""
    holder = lock_holder(message)
    address = server_address(str(holder.get("command", "")))
    return WarehouseBusyError(
        "warehouse.busy",
        path=target,
        wait=wait,
        holder=_Holder(holder),
        server=_Server(address),
        address=address,
        **holder,
    )


class _Server:
    """The «That server answers at http://…» sentence, when the holder is `taraz serve`."""

    in_context = False  # a sentence, not a fact: `address` is the fact

    def __init__(self, address: str | None) -> None:
        self.address = address

    def in_lang(self, lang: str) -> str:
        if not self.address:
            return ""
        from taraz.errors import render

        return render("warehouse.busy-server", lang, {"address": self.address})

    def __str__(self) -> str:
        return self.in_lang("en")


class _Holder:
    """The « (process 1234: taraz serve)» part of the busy message, empty when unknown."""

    in_context = False  # `pid` and `command` are the facts

    def __init__(self, holder: dict[str, object]) -> None:
        self.holder = holder

    def in_lang(self, lang: str) -> str:
        if not self.holder:
            return ""
        from taraz.errors import render

        return render("warehouse.busy-holder", lang, self.holder)

    def __str__(self) -> str:
        return self.in_lang("en")
