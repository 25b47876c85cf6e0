"""`taraz serve` runs gunicorn (one process, threads) with whitenoise static files."""

from __future__ import annotations

import gzip
import json
import urllib.request

import pytest

from tests.fixtures import TRADE_PERIOD as PERIOD
from tests.fixtures import YAZD
from tests.web.server import Server


@pytest.fixture(scope="module")
def served(trade_file, tmp_path_factory):
    server = Server(trade_file, tmp_path_factory.mktemp("serve")).start()
    yield server
    server.stop()


def fetch(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as r:
        return r.status, dict(r.headers), r.read()


@pytest.mark.parametrize(
    "args", [["--port", "0"], ["--port", "70000"], ["--threads", "0"], ["--port", "http"]]
)
def test_serve_refuses_bad_options(args):
    from click.testing import CliRunner

    from taraz.cli.serve import serve

    result = CliRunner().invoke(serve, args)
    assert result.exit_code == 2
    assert "Invalid value" in result.output


def test_serve_names_the_warehouse_and_local_hosts(tmp_path, monkeypatch):
    import os

    from taraz.cli.serve import _prepare

    for name in (
        "TARAZ_WAREHOUSE",
        "TARAZ_ALLOWED_HOSTS",
        "DJANGO_SETTINGS_MODULE",
        "TARAZ_DJANGO_SETTINGS",
        "TARAZ_THREADS",
    ):
        monkeypatch.delenv(name, raising=False)
    _prepare(tmp_path / "w.duckdb", production=False, host="192.168.1.5", threads=12)
    assert os.environ["TARAZ_WAREHOUSE"] == str(tmp_path / "w.duckdb")
    assert os.environ["TARAZ_THREADS"] == "12"  # the computation gate is sized from it
    assert os.environ["DJANGO_SETTINGS_MODULE"] == "taraz.web.settings.local"
    assert "192.168.1.5" in os.environ["TARAZ_ALLOWED_HOSTS"].split(",")


@pytest.mark.slow
def test_serves_the_api(served):
    status, _, body = fetch(f"{served.url}/api/v1/totals?province={YAZD}&period={PERIOD}")
    assert status == 200
    assert json.loads(body)["totals"]["exports"]["value_usd"] == "5000.00"


@pytest.mark.slow
def test_serves_the_persian_dashboard(served):
    status, _, body = fetch(f"{served.url}/?province={YAZD}&period={PERIOD}")
    assert status == 200
    assert '<html lang="fa" dir="rtl">' in body.decode()


@pytest.mark.slow
def test_is_gunicorn_not_the_development_server(served):
    _, headers, _ = fetch(f"{served.url}/api/v1/status")
    assert "gunicorn" in headers.get("Server", "").lower()


@pytest.mark.slow
def test_plotly_comes_from_the_wheel_compressed_and_cached(served):
    _, _, page = fetch(f"{served.url}/?province={YAZD}&period={PERIOD}")
    src = page.decode().split('src="/static/vendor/plotly.min.', 1)[1].split('"', 1)[0]
    status, headers, body = fetch(
        f"{served.url}/static/vendor/plotly.min.{src}", **{"Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers.get("Content-Encoding") == "gzip"
    assert "immutable" in headers.get("Cache-Control", "")
    assert b"plotly" in gzip.decompress(body)[:2000].lower()


@pytest.mark.slow
def test_unknown_page_is_the_bilingual_404(served):
    try:
        fetch(f"{served.url}/nothing/")
    except urllib.error.HTTPError as exc:
        assert exc.code == 404
        assert "Page not found" in exc.read().decode()
    else:
        raise AssertionError("expected 404")
