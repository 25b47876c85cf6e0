"""The server process's warehouse: opened once, read-write, shared by every request thread.

DuckDB lets one process write a database file, so the server is one process with many threads
(`taraz serve`). Each thread reads through its own cursor (its own DuckDB connection to the same
database instance) and sees the last committed state: an import running in the background
thread, in its own transaction on its own cursor, changes nothing a reader sees until it
commits.

Because no other process can write the file while the server holds it, every change goes
through `WarehouseHub.writing()`; the data version (what the figure cache and ETags hang on) is
read once and again only after a write.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

from taraz.warehouse import Warehouse

if TYPE_CHECKING:
    from taraz.stats import DataSpan
    from taraz.stats.engine import Engine


@dataclass(frozen=True)
class DataVersion:
    """What changes whenever the figures may change: a batch loaded or reverted."""

    batches: int
    reverts: int
    changed_at: datetime | None

    @property
    def tag(self) -> str:
        stamp = self.changed_at.isoformat() if self.changed_at else "-"
        return f"{self.batches}.{self.reverts}.{stamp}"


class WarehouseHub:
    """The one read-write connection of this process, and a cursor (and stats engine) per thread."""

    def __init__(self, path: Path, wait: float) -> None:
        self.path = Path(path)
        self.wait = wait
        self._root: Warehouse | None = None
        self._lock = threading.Lock()
        self._local = threading.local()
        self._generation = 0  # bumped on close, so threads drop cursors of a closed connection
        self._version: DataVersion | None = None
        self._span: tuple[DataVersion, DataSpan] | None = None
        self._tried = False

    def root(self) -> Warehouse:
        """The shared read-write connection. The first attempt waits `wait` seconds for another
        writer (an import run from the command line) to finish; later attempts, made by
        requests, wait at most a second, so a page says "busy" (503) instead of hanging."""
        if self._root is None:
            with self._lock:
                if self._root is None:
                    wait = self.wait if not self._tried else min(self.wait, 1.0)
                    self._tried = True
                    self._root = Warehouse.open(self.path, wait=wait)
        return self._root

    def _thread_state(self) -> threading.local:
        local = self._local
        if getattr(local, "generation", None) != self._generation:
            local.generation = self._generation
            local.reader = None
            local.engine = None
        return local

    def reader(self) -> Warehouse:
        """This thread's own view of the warehouse (a cursor of the shared connection)."""
        local = self._thread_state()
        if local.reader is None:
            root = self.root()
            local.reader = Warehouse(root.con.cursor(), root.path, read_only=False)
        return local.reader

    @contextmanager
    def writing(self) -> Iterator[Warehouse]:
        """A new cursor for one write (an import or a revert); the data version is read afresh
        afterwards, whether the write committed or not."""
        root = self.root()
        wh = Warehouse(root.con.cursor(), root.path, read_only=False)
        try:
            yield wh
        finally:
            wh.con.close()
            self._version = None

    def engine(self) -> Engine:
        """This thread's statistics engine over its own cursor."""
        local = self._thread_state()
        if local.engine is None:
            from taraz.stats import open_engine

            local.engine = open_engine(self.root())
        return local.engine

    def version(self) -> DataVersion:
        """The data version: batches loaded and reverted, and when the last of them happened."""
        current = self._version
        if current is None:
            current = self._version = self._read_version()
        return current

    def _read_version(self) -> DataVersion:
        row = (
            self.reader()
            .con.execute(
                "SELECT count(*), count(reverted_at), "
                "greatest(max(loaded_at), max(reverted_at)) FROM batches"
            )
            .fetchall()[0]
        )
        return DataVersion(int(row[0]), int(row[1]), row[2])

    def span(self) -> DataSpan:
        """The first and last day of the data (`taraz.stats.data_span`), kept for the data
        version it was read at."""
        from taraz.stats import data_span

        version = self.version()
        kept = self._span
        if kept is None or kept[0] != version:
            kept = self._span = (version, data_span(self.engine()))
        return kept[1]

    def close(self) -> None:
        with self._lock:
            if self._root is not None:
                self._root.close()
                self._root = None
            self._generation += 1
            self._version = None
            self._span = None


_hub: WarehouseHub | None = None
_hub_lock = threading.Lock()


def hub() -> WarehouseHub:
    """The process's warehouse hub, on `settings.TARAZ_WAREHOUSE`."""
    global _hub
    if _hub is None:
        with _hub_lock:
            if _hub is None:
                _hub = WarehouseHub(settings.TARAZ_WAREHOUSE, settings.TARAZ_WAREHOUSE_WAIT)
    return _hub


def use_warehouse(path: Path | str | None) -> WarehouseHub | None:
    """Point the process at another warehouse file (tests); None closes and forgets it."""
    global _hub
    with _hub_lock:
        if _hub is not None:
            _hub.close()
        _hub = None if path is None else WarehouseHub(Path(path), settings.TARAZ_WAREHOUSE_WAIT)
    from taraz.web.answers import answers
    from taraz.web.figures import cache

    cache().clear()
    answers().clear()
    return _hub
