"""Web tests: Django on SQLite (default) or PostgreSQL (`DATABASE_URL`), the hand-checked TRADE
warehouse (tests/fixtures) built through the real import path, and a client per role."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.fixtures import TRADE
from tests.fixtures.environment import isolate

SETTINGS = "taraz.web.settings.test"


def pytest_configure(config):
    """Set Django up for these tests when pytest-django was not told the settings before it
    started (pyproject's `DJANGO_SETTINGS_MODULE` or `--ds` make this a no-op). The settings are
    read in the tests' clean environment, not from the user's."""
    import django
    from django.apps import apps

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    if not apps.ready:
        root = Path(tempfile.mkdtemp(prefix="taraz-web-settings-"))
        config.add_cleanup(lambda: shutil.rmtree(root, ignore_errors=True))
        with pytest.MonkeyPatch.context() as mp:
            isolate(mp, root, root / "shared")
            django.setup()
        try:  # block database access outside `django_db` tests, as pytest-django does
            from pytest_django.plugin import blocking_manager_key

            config.stash[blocking_manager_key].block()
        except (ImportError, KeyError):  # pragma: no cover - another pytest-django version
            pass


PASSWORD = "a-long-test-password-1404"


@pytest.fixture(scope="session")
def trade_file(dataset_file):
    """The hand-checked warehouse file (built once; tests use copies or read it)."""
    return dataset_file(TRADE)


@pytest.fixture
def warehouse(trade_file, tmp_path, settings):
    """The web process pointed at its own copy of the trade warehouse."""
    from taraz.web.hub import use_warehouse

    copy = tmp_path / "web.duckdb"
    shutil.copy(trade_file, copy)
    settings.TARAZ_UPLOAD_DIR = tmp_path / "uploads"
    use_warehouse(copy)
    yield copy
    from taraz.web.datadesk.runner import runner

    runner().wait_idle(60)
    use_warehouse(None)


@pytest.fixture
def empty_warehouse(tmp_path, settings):
    from taraz.web.hub import use_warehouse

    settings.TARAZ_UPLOAD_DIR = tmp_path / "uploads"
    use_warehouse(tmp_path / "empty.duckdb")
    yield tmp_path / "empty.duckdb"
    use_warehouse(None)


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user("staff", password=PASSWORD, is_staff=True)


@pytest.fixture
def plain_user(django_user_model):
    return django_user_model.objects.create_user("reader", password=PASSWORD, is_staff=False)


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def user_client(client, plain_user):
    client.force_login(plain_user)
    return client


def _flushes_database(item: pytest.Item) -> bool:
    """Whether the test ends by emptying every table (Django's flush), as a test with real
    transactions does (pytest-django's rule)."""
    from pytest_django.fixtures import validate_django_db

    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and any(validate_django_db(marker)[:2])
    names = getattr(item, "fixturenames", ())
    return transactional or "transactional_db" in names or "live_server" in names


def _audit_triggers(item: pytest.Item, change) -> None:
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock(), connection.cursor() as cursor:
        change(connection.vendor, lambda sql: cursor.execute(sql))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """The database refuses to delete audit events, so the flush that ends a test with real
    transactions would fail: the trail's triggers are lifted for it and put back after it."""
    from taraz.web.audit import append_only

    flushes = _flushes_database(item)
    if flushes:
        _audit_triggers(item, append_only.remove)
    try:
        return (yield)
    finally:
        if flushes and nextitem is not None:  # after the last test the database is gone
            _audit_triggers(item, append_only.install)


@pytest.fixture(autouse=True)
def _forget_failed_logins():
    """The log-in throttle counts in Django's cache, which outlives a test: start afresh."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# -- the people of the services: one client per role (tests/web/roles.py) ---------------------


@pytest.fixture
def world(db):
    """Bodies, two firms and a person per role (tests/web/roles.py)."""
    from tests.web.roles import build_world

    return build_world()


def _role_client(world, role):
    return world.client(role)


@pytest.fixture
def exporter_a_client(world):
    return _role_client(world, "exporter_a")


@pytest.fixture
def exporter_b_client(world):
    return _role_client(world, "exporter_b")


@pytest.fixture
def body_routed_client(world):
    return _role_client(world, "body_routed")


@pytest.fixture
def body_other_client(world):
    return _role_client(world, "body_other")


@pytest.fixture
def officer_client(world):
    return _role_client(world, "officer")


@pytest.fixture
def signatory_client(world):
    return _role_client(world, "signatory")


@pytest.fixture
def auditor_client(world):
    return _role_client(world, "auditor")


@pytest.fixture
def administrator_client(world):
    return _role_client(world, "administrator")
