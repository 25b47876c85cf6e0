"""An upload is imported while the public site is read: every page and API call answers, and
the figures change only once, when the batch commits (DuckDB's snapshot isolation within the
one server process)."""

from __future__ import annotations

import json
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

PERIOD = "1404"


def exports(client) -> str:
    response = client.get("/api/v1/totals", {"period": PERIOD})
    assert response.status_code == 200, response.content[:300]
    return json.loads(response.content)["totals"]["exports"]["value_usd"]


def test_site_answers_and_figures_change_once_during_an_import(staff_client, warehouse, tmp_path):
    from taraz.sample import write_canonical_csv
    from taraz.web.datadesk.models import Job
    from taraz.web.datadesk.runner import runner

    big = write_canonical_csv(tmp_path / "big.csv", 300_000, seed=7)
    before = exports(Client())
    seen: list[tuple[str, str, int]] = []  # (job status when the read began, exports, page status)
    stop = threading.Event()
    errors: list[BaseException] = []

    def read() -> None:
        client = Client()
        try:
            while not stop.is_set():
                status = Job.objects.values_list("status", flat=True).first() or "none"
                value = exports(client)
                page = client.get("/", {"period": PERIOD})
                seen.append((status, value, page.status_code))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()  # this thread's own database connection

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    response = staff_client.post(
        "/desk/upload/",
        {"files": [SimpleUploadedFile("big.csv", big.read_bytes())], "source": "bulk"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 202
    assert runner().wait_idle(180)
    time.sleep(0.5)  # a few reads after the commit
    stop.set()
    for t in readers:
        t.join(60)

    assert not errors, errors
    after = exports(Client())
    assert after != before
    assert all(code == 200 for _, _, code in seen)
    assert {value for _, value, _ in seen} <= {before, after}  # never a half-loaded batch
    during = [value for status, value, _ in seen if status in ("queued", "running")]
    assert during and during[0] == before  # the site answered while the import ran
    assert Job.objects.get().status == "done"
