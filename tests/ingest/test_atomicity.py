"""A batch lands whole or not at all, and two writers never corrupt the warehouse."""

from __future__ import annotations

import os
import subprocess
import sys

from taraz.ingest import ImportOptions, import_files
from taraz.warehouse import Warehouse
from tests.fixtures import customs_row, write_customs_csv

TABLES = ("batches", "batch_files", "coverage", "lines", "quarantine", "findings")


def snapshot(path):
    with Warehouse.open(path, read_only=True) as wh:
        return {t: wh.con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


def run_cli(*args, env=None, **kw):
    return subprocess.run(
        [sys.executable, "-m", "taraz.cli.main", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        **kw,
    )


# Imports into the warehouse argv[1] the file argv[2]; just before the commit it prints how many
# lines the open transaction holds, then kills itself as `kill -9` would.
KILLED_BEFORE_COMMIT = """
import os, signal, sys
from pathlib import Path
from taraz.ingest import ImportOptions, import_files
from taraz.warehouse import Warehouse

wh = Warehouse.open(sys.argv[1])

def kill():
    print(wh.con.execute("SELECT count(*) FROM lines").fetchall()[0][0], flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

import_files(wh, [Path(sys.argv[2])], ImportOptions(flow="X", before_commit=kill))
"""


def test_a_kill_in_the_middle_of_an_import_leaves_the_warehouse_as_it_was(tmp_path):
    db = tmp_path / "w.duckdb"
    first = write_customs_csv(tmp_path / "first.csv", [customs_row(value="100")])
    with Warehouse.open(db) as wh:
        import_files(wh, [first], ImportOptions(flow="X"))
    before = snapshot(db)
    second = write_customs_csv(
        tmp_path / "second.csv",
        [customs_row(value=str(i), date="1404/04/01") for i in range(1, 500)],
    )
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_BEFORE_COMMIT, str(db), str(second)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert killed.returncode == -9, killed.stderr  # SIGKILL, inside the transaction
    assert killed.stdout.split() == ["500"]  # the first batch's line and the 499 new ones
    assert snapshot(db) == before


def test_a_second_writer_waits_then_says_clearly_that_the_warehouse_is_busy(tmp_path):
    db = tmp_path / "w.duckdb"
    Warehouse.open(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        path = write_customs_csv(tmp_path / "x.csv", [customs_row()])
        result = run_cli(
            "--warehouse",
            str(db),
            "--lang",
            "en",
            "import",
            "--wait",
            "1",
            "--flow",
            "X",
            str(path),
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert "[warehouse.busy]" in result.stderr and "Traceback" not in result.stderr
    assert f"(process {holder.pid}:" in result.stderr  # says which process holds it
    assert snapshot(db)["lines"] == []


def test_a_second_writer_that_waits_long_enough_succeeds(tmp_path):
    db = tmp_path / "w.duckdb"
    Warehouse.open(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('held', flush=True); time.sleep(2)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    path = write_customs_csv(tmp_path / "x.csv", [customs_row()])
    result = run_cli(
        "--warehouse", str(db), "import", "--wait", "60", "--flow", "X", "--json", str(path)
    )
    holder.wait()
    assert result.returncode == 0, result.stderr
    assert '"status": "loaded"' in result.stdout
