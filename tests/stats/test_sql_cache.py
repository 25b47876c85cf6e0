"""The compiled SQL kept on disk (taraz.stats.sqlcache): a new process runs it without Ibis,
and the figures it gives are those Ibis gives, through revisions, reverts and as-of moments."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta

from taraz.calendar import parse_period
from taraz.stats import Query, open_engine, sqlcache, totals
from taraz.warehouse.batches import revert_batch
from tests.fixtures import REVISED, T0, YAZD, build_warehouse

FARVARDIN = parse_period("1404-01")

# one process: the Yazd Farvardin exports (REVISED: 100.00 first, 150.00 after the revision)
# now and before the revision, and whether Ibis was imported to get them
SCRIPT = """
import json, sys
from datetime import datetime, timedelta, UTC
from taraz.calendar import parse_period
from taraz.stats import Query, open_engine, totals
as_of = datetime.fromisoformat(sys.argv[2])
with open_engine(sys.argv[1]) as engine:
    figures = [
        totals(engine, Query(province="IR-21", period=parse_period("1404-01"), as_of=moment))
        ["exports"]["value_usd"]
        for moment in (None, as_of)
    ]
print(json.dumps({"figures": figures, "ibis": "ibis" in sys.modules}))
"""


def _run(path, cache, as_of):
    env = {**os.environ, "TARAZ_CACHE_DIR": str(cache)}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path), as_of.isoformat()],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_a_new_process_runs_the_kept_sql_without_ibis(tmp_path):
    path = build_warehouse(tmp_path, REVISED)
    before_revision = T0 + timedelta(hours=1)
    first = _run(path, tmp_path / "cache", before_revision)
    second = _run(path, tmp_path / "cache", before_revision)
    without = _run(path, "off", before_revision)
    assert first == {"figures": ["150.00", "100.00"], "ibis": True}
    assert second == {"figures": ["150.00", "100.00"], "ibis": False}
    assert without == {"figures": ["150.00", "100.00"], "ibis": True}


def test_kept_sql_reads_revisions_reverts_and_as_of_afresh(revised, tmp_path, monkeypatch):
    monkeypatch.setenv("TARAZ_CACHE_DIR", str(tmp_path / "cache"))
    now = Query(province=YAZD, period=FARVARDIN)
    then = Query(province=YAZD, period=FARVARDIN, as_of=T0 + timedelta(hours=1))
    with open_engine(revised) as engine:  # compiles with Ibis, keeps the SQL on disk
        assert [totals(engine, q)["exports"]["value_usd"] for q in (now, then)] == [
            "150.00",
            "100.00",
        ]
    assert list((tmp_path / "cache").rglob("*.sql"))

    def figures():
        with open_engine(revised) as engine:  # a new engine: its own memory cache is empty
            got = [totals(engine, q)["exports"]["value_usd"] for q in (now, then)]
            assert engine._backend is None, "the kept SQL ran without building an Ibis backend"
            return got

    assert figures() == ["150.00", "100.00"]
    revert_batch(revised, "B00002")  # the revision goes: the first figure comes back
    assert figures() == ["100.00", "100.00"]


def test_a_key_shown_by_its_address_is_not_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("TARAZ_CACHE_DIR", str(tmp_path))
    key = ("part", object())
    sqlcache.remember(key, "SELECT 1")
    assert sqlcache.lookup(key) is None
    assert not list(tmp_path.rglob("*.sql"))


def test_a_folder_that_cannot_be_written_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TARAZ_CACHE_DIR", str(blocker / "cache"))
    sqlcache.remember(("part", "x"), "SELECT 1")  # nothing raised


def test_an_earlier_version_s_sql_is_dropped_and_the_oldest_past_the_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("TARAZ_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(sqlcache, "MAX_FILES", 3)
    monkeypatch.setattr(sqlcache, "_writes", {})
    earlier = tmp_path / "sql-0123456789abcdef0123"
    earlier.mkdir()
    (earlier / "x.sql").write_text('"k"\nSELECT 1')
    for i in range(5):
        sqlcache.remember(("part", i), f"SELECT {i}")
    assert not earlier.exists()
    for i in range(5):  # written a second apart, oldest first
        os.utime(sqlcache._path(("part", i)), (1_000_000 + i, 1_000_000 + i))
    monkeypatch.setattr(sqlcache, "_writes", {})  # as a new process: prunes at its first write
    sqlcache.remember(("part", 5), "SELECT 5")
    assert len(list(tmp_path.rglob("*.sql"))) == 3
    assert [sqlcache.lookup(("part", i)) for i in range(6)] == [
        None,
        None,
        None,
        "SELECT 3",
        "SELECT 4",
        "SELECT 5",
    ]


def test_sql_that_others_may_write_is_never_run(tmp_path, monkeypatch):
    """The kept files are the owner's alone (0600 in 0700 folders); a file or a folder that
    another user may write is ignored, since its SQL would be run as ours."""
    monkeypatch.setenv("TARAZ_CACHE_DIR", str(tmp_path / "cache"))
    key = ("part", "owner-only")
    sqlcache.remember(key, "SELECT 1")
    [kept] = (tmp_path / "cache").rglob("*.sql")
    assert kept.stat().st_mode & 0o777 == 0o600
    assert kept.parent.stat().st_mode & 0o777 == 0o700
    assert sqlcache.lookup(key) == "SELECT 1"
    kept.chmod(0o622)
    assert sqlcache.lookup(key) is None
    kept.chmod(0o600)
    kept.parent.chmod(0o777)
    assert sqlcache.lookup(key) is None
    kept.parent.chmod(0o700)
    assert sqlcache.lookup(key) == "SELECT 1"
