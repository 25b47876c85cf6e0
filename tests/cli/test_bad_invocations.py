"""Bad invocations, tried as a new user would: every one ends with a catalogued code, a message
in the language asked for (Persian letters in Persian, none in English), the code's exit status,
and never a traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from taraz.cli.main import cli
from taraz.errors import catalogue
from tests.fixtures import MILLIONS, build_warehouse, customs_row, write_customs_csv

PERSIAN = re.compile("[\u0600-\u06ff]")
CODE = re.compile(r"\[([a-z]+\.[a-z0-9-]+)\]")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """A warehouse with the MILLIONS dataset (Yazd, 1403 and 1404 Q1)."""
    return build_warehouse(tmp_path_factory.mktemp("bad"), MILLIONS)


def places(tmp_path, loaded):
    """The paths the invocations name, made for each test."""
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    binary = tmp_path / "picture.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    not_a_book = tmp_path / "book.xlsx"
    not_a_book.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    good = write_customs_csv(tmp_path / "good.csv", [customs_row()])
    return {
        "db": str(loaded),
        "missing_db": str(tmp_path / "nowhere" / "w.duckdb"),
        "empty": str(empty),
        "binary": str(binary),
        "not_a_book": str(not_a_book),
        "good": str(good),
        "dir": str(tmp_path),
        "no_dir": str(tmp_path / "no" / "such"),
        "mapping": str(tmp_path / "missing.toml"),
    }


# (arguments with {placeholders}, the code expected)
INVOCATIONS = [
    ("report", "cli.missing-argument"),
    ("report --period soon", "calendar.unknown-form"),
    ("report --period 1404-H3", "calendar.bad-half"),
    ("report --period 1404-13", "calendar.bad-month"),
    ("report --period 0001", "calendar.bad-year"),
    ("report --period 9999-Q1", "calendar.bad-year"),
    ("report --period 1404-05..1404-02", "calendar.reversed-range"),
    ("report --period 1404 --as-of yesterday", "calendar.bad-moment"),
    ("report --period 1404 --as-of 9999-12-31", "calendar.bad-moment"),
    ("report --period 1404 --province Atlantis", "query.unknown-province"),
    ("report --period 1404 --basis harbour", "cli.bad-choice"),
    ("report --period 1404 --format doc", "cli.bad-choice"),
    ("report --period 1404 --top 0", "cli.out-of-range"),
    ("report --period 1404 --top many", "cli.not-a-number"),
    ("report --period 1404 --spark local[2]", "stats.spark-needs-parquet"),
    ("report --period 1406 --province yazd", "stats.future-period"),
    ("report --period 1390 --province yazd", "stats.not-loaded"),
    ("report --period 1404-Q1 --province fars", "stats.not-loaded"),
    ("report --period 1404-Q1 --province yazd --out {no_dir}/x.pdf", "output.no-folder"),
    ("report --period 1404-Q1 --province yazd --out {dir}", "output.is-directory"),
    ("report --period 1404-Q1 --province yazd --out /proc/taraz.txt", "output.cannot-write"),
    ("report --period 1404-Q1 --parquet {no_dir}", "stats.not-an-export"),
    ("report --period 1404 --nonsense", "cli.unknown-option"),
    ("reprot --period 1404", "cli.unknown-command"),
    ("import", "cli.missing-argument"),
    ("import {dir}", "source.is-directory"),
    ("import {no_dir}/x.csv", "source.not-found"),
    ("import {empty}", "source.empty"),
    ("import {binary}", "source.not-a-table"),
    ("import {not_a_book}", "source.bad-excel"),
    ("import --flow Z {good}", "cli.bad-choice"),
    ("import --period 1404-Q9 {good}", "calendar.bad-quarter"),
    ("import --mapping {mapping} {good}", "mapping.not-found"),
    ("import --wait soon {good}", "cli.not-a-number"),
    ("revert B99999", "batch.unknown"),
    ("quarantine --export {no_dir}/q.xlsx", "output.no-folder"),
    ("quarantine --export {dir}/q.pdf", "quarantine.bad-format"),
    ("summary --as-of later", "calendar.bad-moment"),
    ("export-parquet {dir}", "stats.export-exists"),
    ("--warehouse {missing_db} report --period 1404", "warehouse.missing"),
    ("--warehouse {missing_db} batches", "warehouse.missing"),
    ("--warehouse {missing_db} summary", "warehouse.missing"),
]


def _run(args: list[str], lang: str, db: str):
    has_warehouse = "--warehouse" in args
    argv = ["--lang", lang, *([] if has_warehouse else ["--warehouse", db]), *args]
    return CliRunner().invoke(cli, argv, catch_exceptions=True)


@pytest.mark.parametrize(("line", "code"), INVOCATIONS, ids=[i[0] for i in INVOCATIONS])
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_bad_invocation_says_what_is_wrong_with_its_code(tmp_path, loaded, line, code, lang):
    where = places(tmp_path, loaded)
    args = [word.format(**where) for word in line.split()]
    result = _run(args, lang, where["db"])
    said = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), said
    assert "Traceback" not in said
    assert CODE.findall(said)[-1:] == [code], said
    assert result.exit_code == catalogue()[code].exit_code, said
    message = said.split(f"[{code}]", 1)[1]
    if lang == "fa":
        assert PERSIAN.search(message), said
    else:
        assert not PERSIAN.search(message), said


JSON_INVOCATIONS = [
    ("report --format json --period soon", "calendar.unknown-form"),
    ("report --format json --period 1406 --province yazd", "stats.future-period"),
    ("summary --json --as-of later", "calendar.bad-moment"),
    ("revert --json B99999", "batch.unknown"),
    ("quarantine --json --export {no_dir}/q.xlsx", "output.no-folder"),
    ("--warehouse {missing_db} batches --json", "warehouse.missing"),
    ("import --json --flow Z {good}", "cli.bad-choice"),
]


@pytest.mark.parametrize(("line", "code"), JSON_INVOCATIONS, ids=[i[0] for i in JSON_INVOCATIONS])
def test_json_gives_the_one_error_shape(tmp_path, loaded, line, code):
    where = places(tmp_path, loaded)
    args = [word.format(**where) for word in line.split()]
    result = _run(args, "en", where["db"])
    body = json.loads(result.output.strip().splitlines()[-1])
    assert set(body) == {"status", "code", "kind", "message_fa", "message_en", "context"}
    assert (body["status"], body["code"]) == ("error", code)
    assert PERSIAN.search(body["message_fa"]) and not PERSIAN.search(body["message_en"])


def test_a_busy_warehouse_names_the_process_that_holds_it(tmp_path, loaded):
    """Through the real command line, while another process holds the file for writing."""
    db = tmp_path / "held.duckdb"
    db.write_bytes(loaded.read_bytes())
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('held', flush=True); "
            "time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        said = {}
        taraz = [sys.executable, "-m", "taraz.cli.main", "--warehouse", str(db), "--lang", "en"]
        for command in (["report", "--period", "1404-Q1"], ["batches"], ["summary"]):
            result = subprocess.run(
                [*taraz, "--wait", "0.5", *command],
                capture_output=True,
                text=True,
                timeout=120,
            )
            said[command[0]] = (result.returncode, result.stderr)
    finally:
        holder.kill()
        holder.wait()
    for returncode, stderr in said.values():
        assert returncode == 1 and "Traceback" not in stderr
        assert "[warehouse.busy]" in stderr and f"process {holder.pid}" in stderr


def test_a_missing_warehouse_is_told_before_the_engines_are_loaded(tmp_path):
    """`taraz report` on a warehouse that does not exist answers without importing DuckDB, Ibis,
    pyarrow or the whole code lists: what makes it answer at once, checked by what was imported
    rather than by a timing."""
    script = (
        "import sys\n"
        "from taraz.cli.main import cli\n"
        "try:\n"
        "    cli.main(sys.argv[1:])\n"
        "except SystemExit as exit:\n"
        "    heavy = sorted(m for m in ('duckdb', 'ibis', 'pyarrow', 'numpy', 'taraz.stats')\n"
        "                   if m in sys.modules)\n"
        "    print(exit.code, heavy, file=sys.stderr)\n"
    )
    missing = tmp_path / "nowhere.duckdb"
    args = ["--warehouse", str(missing), "report", "--province", "yazd", "--period", "1404-H1"]
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=120
    )
    assert "[warehouse.missing]" in done.stderr
    assert (
        done.stderr.strip().splitlines()[-1] == f"{catalogue()['warehouse.missing'].exit_code} []"
    )
