"""Settings: `check --deploy` is clean under production settings, production refuses to start
without its secrets, the embedded server keeps its own key, the service database is chosen by
DATABASE_URL."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SECRET = "k" * 20 + "-Zx9#Qv7!mW2$pL5^rT8&yU1*oI4(eA6)"


def manage(*args, env: dict[str, str], cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "taraz.web.manage", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def production_env(tmp_path, **extra) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TARAZ_", "DJANGO_", "DATABASE_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="taraz.web.settings.production",
        TARAZ_SECRET_KEY=SECRET,
        TARAZ_ALLOWED_HOSTS="trade.example.ir",
        TARAZ_WAREHOUSE=str(tmp_path / "wh.duckdb"),
        HOME=str(tmp_path),
    )
    env.update(extra)
    return env


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path), cwd=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_a_missing_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["TARAZ_SECRET_KEY"]
    result = manage("check", env=env, cwd=tmp_path)
    assert result.returncode != 0
    assert "TARAZ_SECRET_KEY" in result.stderr


def test_production_refuses_missing_hosts(tmp_path):
    env = production_env(tmp_path)
    del env["TARAZ_ALLOWED_HOSTS"]
    result = manage("check", env=env, cwd=tmp_path)
    assert result.returncode != 0
    assert "TARAZ_ALLOWED_HOSTS" in result.stderr


def test_production_settings_are_safe():
    env = {"TARAZ_SECRET_KEY": SECRET, "TARAZ_ALLOWED_HOSTS": "trade.example.ir"}
    code = (
        "import json; from taraz.web.settings import production as s; "
        "print(json.dumps([s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS > 0, s.ALLOWED_HOSTS]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )
    assert out.stdout.strip() == '[false, true, true, true, true, ["trade.example.ir"]]', out.stderr


def test_local_profile_keeps_a_private_secret_key(tmp_path, monkeypatch):
    from taraz.web import paths

    monkeypatch.setenv("TARAZ_WAREHOUSE", str(tmp_path / "w.duckdb"))
    key = paths.local_secret_key()
    assert len(key) >= 50
    assert paths.local_secret_key() == key
    assert (tmp_path / "w-web" / "secret_key").stat().st_mode & 0o077 == 0


def test_service_database_sits_beside_the_warehouse(tmp_path, monkeypatch):
    from taraz.web import paths

    monkeypatch.setenv("TARAZ_WAREHOUSE", str(tmp_path / "trade.duckdb"))
    monkeypatch.delenv("TARAZ_WEB_DIR", raising=False)
    assert paths.service_db_path() == tmp_path / "trade-web" / "service.sqlite3"


@pytest.mark.django_db
def test_service_database_is_the_one_asked_for():
    from django.db import connection

    wanted = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == wanted


@pytest.mark.django_db
def test_createstaff_makes_a_staff_user(monkeypatch):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    monkeypatch.setenv("STAFF_PASSWORD", "another-long-password-1404")
    call_command("createstaff", "analyst", "--password-env", "STAFF_PASSWORD")
    user = get_user_model().objects.get(username="analyst")
    assert user.is_staff and not user.is_superuser
    assert user.check_password("another-long-password-1404")


@pytest.mark.django_db
def test_createstaff_refuses_a_weak_password(monkeypatch):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    monkeypatch.setenv("STAFF_PASSWORD", "1234")
    with pytest.raises(CommandError):
        call_command("createstaff", "analyst", "--password-env", "STAFF_PASSWORD")


def test_no_migration_is_missing(tmp_path):
    env = production_env(tmp_path, DJANGO_SETTINGS_MODULE="taraz.web.settings.local")
    result = manage("makemigrations", "--check", "--dry-run", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
