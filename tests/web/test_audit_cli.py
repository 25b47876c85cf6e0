"""`taraz audit verify` exits 0 on an intact chain, or 1 naming the first broken row in the
language asked for; `--json` gives one object. In-process on the tests' service database, and
once as a real command on a database `migrate` made, with no warehouse."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from taraz.cli.main import cli
from taraz.web.audit.services import Action, record
from tests.web.audit_trail import TABLE, tamper


def taraz(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def events(db):
    return [
        record(Action.LOGIN, username="staff", ip="10.0.0.1"),
        record(Action.UPLOAD, username="staff", subject="job:1"),
        record(Action.IMPORT, username="staff", subject="job:1", outcome="ok"),
    ]


def test_an_intact_trail_exits_0_and_says_so(events):
    result = taraz("--lang", "en", "audit", "verify")
    assert result.exit_code == 0
    assert result.output == (
        f"The audit trail is intact: events 1 to 3; the last one's hash: {events[-1].hash}\n"
    )


@pytest.mark.django_db
def test_an_empty_trail_is_intact():
    result = taraz("--lang", "en", "audit", "verify")
    assert (result.exit_code, result.output) == (0, "The audit trail holds no events yet.\n")


def test_verify_json_is_one_object(events):
    result = taraz("audit", "verify", "--json")
    body = json.loads(result.output)
    assert (result.exit_code, body["intact"], body["events"], body["first_broken"]) == (
        0,
        True,
        3,
        None,
    )
    assert body["head"] == {"seq": 3, "hash": events[-1].hash}


def test_a_changed_row_exits_1_naming_it_in_english(events):
    tamper(f"UPDATE {TABLE} SET username = %s WHERE seq = 2", ["eve"])
    result = taraz("--lang", "en", "audit", "verify")
    assert result.exit_code == 1
    assert (
        f"error [audit.broken-hash]: The audit trail is broken at event 2 (id {events[1].pk})"
        in result.stderr
    )


def test_a_changed_row_is_named_in_persian(events):
    tamper(f"UPDATE {TABLE} SET username = %s WHERE seq = 2", ["eve"])
    result = taraz("audit", "verify")
    assert result.exit_code == 1
    assert "[audit.broken-hash]" in result.stderr and "رویداد شمارهٔ ۲" in result.stderr


def test_a_deleted_row_is_named_in_json(events):
    tamper(f"DELETE FROM {TABLE} WHERE seq = 2", [])
    result = taraz("audit", "verify", "--json")
    body = json.loads(result.output)
    assert result.exit_code == 1
    assert (body["intact"], body["events"], body["head"]["seq"]) == (False, 2, 1)
    assert body["first_broken"] == {
        "seq": 3,
        "id": events[2].pk,
        "reason": "seq-gap",
        "expected_seq": 2,
    }
    assert body["error"]["code"] == "audit.broken-gap"


def test_tail_shows_the_latest_events_oldest_first(events):
    result = taraz("audit", "tail", "-n", "2", "--json")
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [(e["seq"], e["action"]) for e in lines] == [(2, "upload"), (3, "import")]
    assert lines[-1]["hash"] == events[-1].hash


# -- as a real command: the server's settings, no warehouse ----------------------------------


def command_env(tmp_path) -> dict[str, str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TARAZ_", "DJANGO_", "DATABASE_URL"))
    }
    return {**clean, "HOME": str(tmp_path), "TARAZ_WAREHOUSE": str(tmp_path / "w.duckdb")}


def run(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "taraz.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_a_service_database_it_says_so_and_makes_none(tmp_path):
    env = command_env(tmp_path)
    result = run(env, "--lang", "en", "audit", "verify")
    assert result.returncode == 1 and "[audit.no-database]" in result.stderr
    assert not (tmp_path / "w-web").exists() and not (tmp_path / "w.duckdb").exists()


@pytest.mark.slow
def test_the_command_names_a_row_changed_in_the_database_file(tmp_path):
    env = command_env(tmp_path)
    manage = [sys.executable, "-m", "taraz.web.manage"]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, timeout=120)
    script = "from taraz.web.audit.services import record\nfor n in range(3): record('login', username=f'u{n}')"
    subprocess.run([*manage, "shell", "-c", script], env=env, check=True, timeout=120)
    assert run(env, "audit", "verify").returncode == 0
    with sqlite3.connect(tmp_path / "w-web" / "service.sqlite3") as con:
        con.execute("DROP TRIGGER taraz_audit_no_update")
        con.execute(f"UPDATE {TABLE} SET username = 'eve' WHERE seq = 2")
    result = run(env, "--lang", "en", "audit", "verify")
    assert result.returncode == 1
    assert "[audit.broken-hash]: The audit trail is broken at event 2 (id 2)" in result.stderr
    assert not (tmp_path / "w.duckdb").exists()
