"""The files the web keeps with secrets or personal data are readable by their owner only
(0600), in folders only the owner may enter (0700), whatever the umask: the service database
(session keys, password hashes, the audit trail), the secret key, the uploads waiting for
import (traders' lines)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from tests.fixtures import TRADE_ADDENDUM, write_canonical_csv


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    """The usual umask (files 0644, folders 0755), as a server started by hand would have."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_service_database_made_by_migrate_is_private(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TARAZ_", "DJANGO_", "DATABASE_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="taraz.web.settings.local",
        TARAZ_WAREHOUSE=str(tmp_path / "wh.duckdb"),
        HOME=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-m", "taraz.web.manage", "migrate", "-v0"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        umask=0o022,
    )
    assert result.returncode == 0, result.stderr
    web = tmp_path / "wh-web"
    assert mode(web / "service.sqlite3") == 0o600
    assert mode(web / "secret_key") == 0o600
    assert mode(web) == 0o700
    leftovers = [p for p in web.iterdir() if p.name.startswith("service.sqlite3")]
    assert all(mode(p) == 0o600 for p in leftovers), leftovers


def test_an_existing_service_database_becomes_private(tmp_path, open_umask):
    from django.db import connections
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from taraz.web.paths import keep_database_private

    db = tmp_path / "service.sqlite3"
    db.touch(mode=0o644)
    # a SQLite connection, whichever database the suite runs the web on (the second pass of
    # scripts/test runs it on PostgreSQL)
    default = connections.create_connection("default").settings_dict
    conn = DatabaseWrapper({**default, "ENGINE": "django.db.backends.sqlite3", "NAME": str(db)})
    keep_database_private(sender=type(conn), connection=conn)
    assert mode(db) == 0o600


def test_the_secret_key_and_its_folder_are_private(tmp_path, monkeypatch, open_umask):
    from taraz.web import paths

    monkeypatch.setenv("TARAZ_WAREHOUSE", str(tmp_path / "w.duckdb"))
    paths.local_secret_key()
    assert mode(tmp_path / "w-web" / "secret_key") == 0o600
    assert mode(tmp_path / "w-web") == 0o700


def test_web_folders_made_at_start_are_private(tmp_path, settings, open_umask):
    from taraz.web.paths import ensure_folders

    settings.TARAZ_UPLOAD_DIR = tmp_path / "web" / "uploads"
    ensure_folders()
    assert mode(tmp_path / "web" / "uploads") == 0o700
    assert mode(tmp_path / "web") == 0o700


@pytest.mark.django_db  # in the test's transaction the import is never queued: files stay
def test_uploaded_files_are_private(staff_client, warehouse, tmp_path, settings, open_umask):
    from django.core.files.uploadedfile import SimpleUploadedFile

    path = write_canonical_csv(tmp_path / "src.csv", TRADE_ADDENDUM)
    response = staff_client.post(
        "/desk/upload/",
        {"files": [SimpleUploadedFile("extra.csv", path.read_bytes())], "source": "x"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 202, response.content
    folder = settings.TARAZ_UPLOAD_DIR / f"job-{response.json()['job']}"
    assert mode(folder / "extra.csv") == 0o600
    assert mode(folder) == 0o700
    assert mode(settings.TARAZ_UPLOAD_DIR) == 0o700
