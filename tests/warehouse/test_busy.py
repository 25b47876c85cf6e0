"""A warehouse another process holds: said with the process, and a server is not waited for."""

from __future__ import annotations

import subprocess
import sys

import pytest

from taraz.warehouse import Warehouse, WarehouseBusyError
from taraz.warehouse.connection import server_address


def hold(db, *argv: str) -> subprocess.Popen:
    """A process that holds `db` for writing; `argv` is what its command line says after."""
    code = (
        f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('held', flush=True); "
        "time.sleep(60)"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, *argv], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "held"
    return process


def test_a_warehouse_held_by_a_server_is_not_waited_for_and_its_address_is_given(tmp_path):
    db = tmp_path / "w.duckdb"
    Warehouse.open(db).close()
    server = hold(db, "taraz", "serve", "--port", "8765")  # reads like a server's command line
    try:
        with pytest.raises(WarehouseBusyError) as caught:
            Warehouse.open(db, wait=60)
    finally:
        server.kill()
        server.wait()
    error = caught.value
    assert (error.context["pid"], error.context["address"]) == (
        server.pid,
        "http://127.0.0.1:8765/",
    )
    assert error.context["wait"] < 30  # it did not wait the minute it was allowed
    assert "That server answers at http://127.0.0.1:8765/" in error.message("en")


@pytest.mark.parametrize(
    ("command", "address"),
    [
        ("taraz serve", "http://127.0.0.1:8000/"),
        ("taraz serve --host 0.0.0.0 --port 9000", "http://0.0.0.0:9000/"),
        ("taraz serve --port=8080", "http://127.0.0.1:8080/"),
        ("taraz import a.csv", None),
    ],
)
def test_the_address_of_a_server_is_read_from_its_command_line(command, address):
    assert server_address(command) == address
