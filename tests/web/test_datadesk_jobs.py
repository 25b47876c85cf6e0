"""Uploads and reverts run in the background, one at a time, and are audited."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.fixtures import TRADE_ADDENDUM, YAZD, Line, write_canonical_csv, write_canonical_xlsx
from tests.fixtures import TRADE_PERIOD as PERIOD

pytestmark = pytest.mark.django_db(transaction=True)


# a Yazd import of Ordibehesht 1404, for a second file
IMPORT_D13 = Line(
    "D13",
    flow="M",
    date="2025-05-16",
    hs_code="84713000",
    partner="CN",
    trader_id="T3",
    value_usd="10.00",
    weight_kg="1.000",
)


def csv_file(tmp_path, name="extra.csv", lines=TRADE_ADDENDUM):
    path = write_canonical_csv(tmp_path / "src.csv", lines)
    return SimpleUploadedFile(name, path.read_bytes(), content_type="text/csv")


def upload(client, *files, **fields):
    """Post files as the page's script does; a source of their own, so that they add to the
    fixture's lines instead of replacing its months (a revision of the same source would)."""
    fields.setdefault("source", "addendum")
    return client.post(
        "/desk/upload/", {"files": list(files), **fields}, HTTP_ACCEPT="application/json"
    )


def finished_job(client, response):
    from taraz.web.datadesk.runner import runner

    assert response.status_code == 202, response.content
    assert runner().wait_idle(60)
    return json.loads(client.get(response.json()["status_url"]).content)


def exports(client):
    body = json.loads(client.get("/api/v1/totals", {"province": YAZD, "period": PERIOD}).content)
    return body["totals"]["exports"]["value_usd"]


def test_upload_is_imported_in_the_background(staff_client, warehouse, tmp_path):
    job = finished_job(staff_client, upload(staff_client, csv_file(tmp_path)))
    assert (job["status"], job["progress_pct"]) == ("done", 100)
    [report] = job["result"]
    assert (report["status"], report["rows_read"], report["rows_loaded"]) == ("loaded", 1, 1)
    assert exports(staff_client) == "5250.00"


def test_upload_and_import_are_audited_with_who(staff_client, warehouse, tmp_path):
    from taraz.web.audit.models import AuditEvent

    job = finished_job(staff_client, upload(staff_client, csv_file(tmp_path)))
    events = list(AuditEvent.objects.filter(subject=f"job:{job['id']}").order_by("at", "id"))
    assert [(e.action, e.username, e.outcome) for e in events] == [
        ("upload", "staff", "ok"),
        ("job_start", "staff", "ok"),
        ("import", "staff", "ok"),
    ]
    assert events[2].detail["batches"][0]["batch_id"] == job["result"][0]["batch_id"]


def test_the_upload_record_keeps_each_files_sha256(staff_client, warehouse, tmp_path):
    import hashlib

    from taraz.web.audit.models import AuditEvent

    sent = csv_file(tmp_path)
    content = sent.read()
    sent.seek(0)
    job = finished_job(staff_client, upload(staff_client, sent))
    [kept] = AuditEvent.objects.get(subject=f"job:{job['id']}", action="upload").detail["files"]
    assert (kept["name"], kept["sha256"]) == ("extra.csv", hashlib.sha256(content).hexdigest())


def test_the_warehouse_records_the_uploader(staff_client, warehouse, tmp_path):
    from taraz.warehouse.batches import list_batches
    from taraz.web.hub import hub

    finished_job(staff_client, upload(staff_client, csv_file(tmp_path)))
    assert list_batches(hub().reader())[-1]["loaded_by"] == "staff"


def test_files_are_one_batch_each_unless_asked(staff_client, warehouse, tmp_path):
    a = csv_file(tmp_path, "a.csv", TRADE_ADDENDUM)
    b = csv_file(tmp_path, "b.csv", [IMPORT_D13])
    job = finished_job(staff_client, upload(staff_client, a, b))
    assert [r["status"] for r in job["result"]] == ["loaded", "loaded"]
    assert len({r["batch_id"] for r in job["result"]}) == 2


def test_one_batch_for_all_files(staff_client, warehouse, tmp_path):
    a = csv_file(tmp_path, "a.csv", TRADE_ADDENDUM)
    b = csv_file(tmp_path, "b.csv", [IMPORT_D13])
    job = finished_job(staff_client, upload(staff_client, a, b, one_batch="on"))
    assert len(job["result"]) == 1


def test_a_file_of_the_same_source_revises_its_months(staff_client, warehouse, tmp_path):
    # Ordibehesht's D2 (2000.00) and D3 (1500.00) again, with D12 (250.00) beside them
    ordibehesht = (
        Line("D2", 1, "X", "2025-04-25", "57019010", "DE", "IR23-IMAMAIRPORT", YAZD, "T2", "large", "2000.00", "100.000"),
        Line("D3", 1, "X", "2025-05-10", "25151200", "AF", "IR21-YAZD", YAZD, "T1", "sme", "1500.00", "15000.000"),
        *TRADE_ADDENDUM,
    )  # fmt: skip
    revised = csv_file(tmp_path, lines=ordibehesht)
    job = finished_job(staff_client, upload(staff_client, revised, source="canonical"))
    assert job["result"][0]["replaces"]
    assert exports(staff_client) == "5250.00"  # Farvardin's 1500.00 and Ordibehesht's 3750.00


def test_a_revision_that_takes_most_of_a_month_is_held_and_changes_nothing(
    staff_client, warehouse, tmp_path
):
    # D12 alone would replace Ordibehesht's D2 and D3: 3500.00 USD in 2 lines -> 250.00 in 1
    job = finished_job(staff_client, upload(staff_client, csv_file(tmp_path), source="canonical"))
    [report] = job["result"]
    assert (job["status"], report["status"], report["error"]["code"]) == (
        "held",
        "held",
        "ingest.revision-held",
    )
    assert exports(staff_client) == "5000.00"


def test_job_page_shows_a_held_revision_and_why(staff_client, warehouse, tmp_path):
    job = finished_job(staff_client, upload(staff_client, csv_file(tmp_path), source="canonical"))
    html = staff_client.get(f"/desk/jobs/{job['id']}/").content.decode()
    assert "در انتظار تأیید بازنگری" in html and "--confirm-revision" in html


def test_same_file_again_is_a_duplicate(staff_client, warehouse, tmp_path):
    finished_job(staff_client, upload(staff_client, csv_file(tmp_path)))
    job = finished_job(staff_client, upload(staff_client, csv_file(tmp_path)))
    assert job["result"][0]["status"] == "duplicate"
    assert exports(staff_client) == "5250.00"


def test_rejected_file_is_reported_in_both_languages(staff_client, warehouse, tmp_path):
    bad = SimpleUploadedFile("notes.csv", "نام,توضیح\nعلی,سلام\n".encode(), content_type="text/csv")
    job = finished_job(staff_client, upload(staff_client, bad))
    [report] = job["result"]
    assert report["status"] == "rejected"
    assert report["message_fa"] and report["message_en"]


def test_an_upload_that_stops_its_reader_is_refused_and_the_server_answers(
    staff_client, warehouse, tmp_path, settings
):
    from tests.fixtures.workbooks import cell, sheet_xml, write_workbook

    # 1.5 KB reaching T1000000: 20 million cells within the read budget, which python-calamine
    # builds as one block of 640 MB, more than the reader's 600 MB
    settings.TARAZ_READER_MEMORY_MB = 600
    corner = f'<row r="1">{cell("A1", "x")}</row><row r="1000000">{cell("T1000000", "y")}</row>'
    path = write_workbook(tmp_path / "wide.xlsx", {"S": sheet_xml(corner)})
    wide = SimpleUploadedFile("wide.xlsx", path.read_bytes())
    job = finished_job(staff_client, upload(staff_client, wide))
    [report] = job["result"]
    assert (report["status"], report["error"]["code"], report["error"]["context"]["reason"]) == (
        "rejected",
        "source.reader-failed",
        "memory",
    )
    assert exports(staff_client) == "5000.00"  # the server answers; nothing changed
    html = staff_client.get(f"/desk/jobs/{job['id']}/").content.decode()
    assert "۶۰۰ مگابایت" in html and "TARAZ_READER_MEMORY_MB" in html


def test_quarantined_rows_download_as_xlsx(staff_client, warehouse, tmp_path):
    from python_calamine import CalamineWorkbook

    lines = [
        *TRADE_ADDENDUM,
        Line("D14", date="2025-05-15", hs_code="25151200", value_usd="lots", weight_kg="1.000"),
    ]
    job = finished_job(staff_client, upload(staff_client, csv_file(tmp_path, lines=lines)))
    report = job["result"][0]
    assert report["rows_quarantined"] == 1
    response = staff_client.get(f"/desk/batches/{report['batch_id']}/quarantine.xlsx")
    assert response["Content-Disposition"].startswith("attachment")
    path = tmp_path / "q.xlsx"
    path.write_bytes(response.content)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert len(rows) == 2 and "lots" in [str(v) for v in rows[1]]


def test_revert_runs_in_the_background_and_is_audited(staff_client, warehouse):
    from taraz.web.audit.models import AuditEvent
    from taraz.web.datadesk.runner import runner

    response = staff_client.post("/desk/batches/B00002/revert/")
    assert response.status_code == 302
    assert runner().wait_idle(60)
    totals = staff_client.get("/api/v1/totals", {"province": YAZD, "period": PERIOD})
    assert totals.json()["error"]["code"] == "stats.not-loaded"  # its lines left the figures
    actions = list(
        AuditEvent.objects.filter(subject="B00002")
        .order_by("at", "id")
        .values_list("action", "username", "outcome")
    )
    assert actions == [
        ("revert_request", "staff", "ok"),
        ("job_start", "staff", "ok"),
        ("revert", "staff", "ok"),
    ]


def test_revert_of_a_reverted_batch_is_refused(staff_client, warehouse):
    from taraz.web.datadesk.runner import runner

    staff_client.post("/desk/batches/B00002/revert/")
    runner().wait_idle(60)
    response = staff_client.post("/desk/batches/B00002/revert/", follow=True)
    assert "پیش‌تر برگردانده شده است" in response.content.decode()


def test_a_refused_revert_is_audited(staff_client, warehouse):
    from taraz.web.audit.models import AuditEvent
    from taraz.web.datadesk.runner import runner

    staff_client.post("/desk/batches/B00002/revert/")
    runner().wait_idle(60)
    staff_client.post("/desk/batches/B00002/revert/")
    event = AuditEvent.objects.filter(subject="B00002").latest("seq")
    assert (event.action, event.outcome, event.detail["code"]) == (
        "revert_request",
        "refused",
        "batch.already-reverted",
    )


def test_job_page_shows_the_batch_report(staff_client, warehouse, tmp_path):
    job = finished_job(staff_client, upload(staff_client, csv_file(tmp_path)))
    html = staff_client.get(f"/desk/jobs/{job['id']}/").content.decode()
    assert 'data-count="rows_loaded">۱<' in html


def test_interrupted_job_fails_and_queued_job_runs_on_restart(
    staff_client, staff_user, warehouse, tmp_path
):
    from taraz.web.datadesk.models import Job
    from taraz.web.datadesk.runner import runner

    stuck = Job.objects.create(
        kind=Job.Kind.REVERT,
        status=Job.Status.RUNNING,
        created_by=staff_user,
        username="staff",
        batch_id="B00001",
    )
    waiting = Job.objects.create(
        kind=Job.Kind.REVERT,
        status=Job.Status.QUEUED,
        created_by=staff_user,
        username="staff",
        batch_id="B00002",
    )
    runner().recover()
    runner().wait_idle(60)
    stuck.refresh_from_db()
    waiting.refresh_from_db()
    assert (stuck.status, stuck.error["code"]) == ("failed", "datadesk.interrupted")
    assert waiting.status == "done"


# -- what an upload may be --------------------------------------------------------------------


def test_file_type_is_told_by_content_not_name(staff_client, warehouse, tmp_path):
    disguised = csv_file(tmp_path, "looks-like-a-workbook.xlsx")
    job = finished_job(staff_client, upload(staff_client, disguised))
    assert job["result"][0]["status"] == "loaded"


@pytest.mark.parametrize(
    ("name", "content", "status", "code"),
    [
        ("picture.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, 422, "datadesk.bad-type"),
        ("archive.xlsx", _zip := b"PK\x03\x04" + b"\x00" * 64, 422, "datadesk.bad-type"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, 422, "datadesk.old-excel"),
        ("empty.csv", b"", 400, "datadesk.no-files"),  # Django's form drops an empty file
        ("script.csv", b"#!/bin/sh\nrm -rf /\n", 422, "datadesk.bad-type"),
    ],
)
def test_files_that_are_not_tables_are_refused(
    staff_client, warehouse, name, content, status, code
):
    from taraz.web.datadesk.models import Job

    response = upload(staff_client, SimpleUploadedFile(name, content))
    assert response.status_code == status  # 422: a usable request with unusable content
    assert response.json()["error"]["code"] == code
    assert not Job.objects.exists()


def test_a_refused_upload_is_audited_with_its_reason(staff_client, warehouse):
    from taraz.web.audit.models import AuditEvent

    upload(staff_client, SimpleUploadedFile("script.csv", b"#!/bin/sh\nrm -rf /\n"))
    event = AuditEvent.objects.filter(action="upload").latest("seq")
    assert (event.username, event.outcome, event.detail["code"], event.detail["files"]) == (
        "staff",
        "refused",
        "datadesk.bad-type",
        ["script.csv"],
    )


def test_real_xlsx_is_accepted(staff_client, warehouse, tmp_path):
    buf = io.BytesIO()
    line = Line(
        "D20", date="2025-05-15", hs_code="25151200", value_usd="100.00", weight_kg="10.000"
    )
    write_canonical_xlsx(buf, [line])
    job = finished_job(
        staff_client, upload(staff_client, SimpleUploadedFile("book.bin", buf.getvalue()))
    )
    assert job["result"][0]["status"] == "loaded"


def test_upload_size_is_limited(staff_client, warehouse, tmp_path, settings):
    settings.TARAZ_UPLOAD_MAX_BYTES = 100
    big = SimpleUploadedFile("big.csv", b"a,b\n" + b"1,2\n" * 100)
    response = upload(staff_client, big)
    assert (response.status_code, response.json()["error"]["code"]) == (
        413,
        "datadesk.file-too-large",
    )


def test_an_upload_over_the_request_limit_is_audited_unread(staff_client, warehouse, settings):
    from taraz.web.audit.models import AuditEvent

    settings.TARAZ_UPLOAD_MAX_BYTES = 0  # every body is over the limit, and is never read
    upload(staff_client, SimpleUploadedFile("big.csv", b"a,b\n" + b"1,2\n" * 400_000))
    event = AuditEvent.objects.filter(action="upload").latest("seq")
    assert (event.outcome, event.detail["code"], event.detail["files"]) == (
        "refused",
        "datadesk.too-large",
        [],
    )
    assert int(event.detail["bytes"]) > 1024 * 1024


def test_upload_needs_csrf(warehouse, staff_user, tmp_path):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff_user)
    response = strict.post("/desk/upload/", {"files": [csv_file(tmp_path)]})
    assert response.status_code == 403


def test_upload_without_javascript_redirects_to_the_job(staff_client, warehouse, tmp_path):
    from taraz.web.datadesk.runner import runner

    response = staff_client.post(
        "/desk/upload/", {"files": [csv_file(tmp_path)], "source": "addendum"}
    )
    assert response.status_code == 302 and "/desk/jobs/" in response["Location"]
    runner().wait_idle(60)


def test_stored_upload_is_removed_after_import(staff_client, warehouse, tmp_path, settings):
    finished_job(staff_client, upload(staff_client, csv_file(tmp_path)))
    assert not any(settings.TARAZ_UPLOAD_DIR.glob("job-*/*"))


# -- a job cut short: what landed, and its files ----------------------------------------------


class Killed(BaseException):
    """Stands for the server process dying: nothing after it runs, not even `except Exception`."""


def import_job(staff_user, settings, tmp_path, files, one_batch=False):
    """An import job whose files wait on disk, queued but not handed to the runner."""
    from taraz.web.datadesk.models import Job
    from taraz.web.datadesk.services import job_dir

    described = []
    for name, lines in files:
        path = write_canonical_csv(tmp_path / f"src-{name}", lines)
        described.append({"name": name, "size": path.stat().st_size, "kind": "csv"})
    job = Job.objects.create(
        kind=Job.Kind.IMPORT,
        created_by=staff_user,
        username="staff",
        files=described,
        options={"source": "addendum", "one_batch": one_batch},
        total_groups=1 if one_batch else len(files),
    )
    folder = job_dir(job)
    folder.mkdir(parents=True)
    for name, _ in files:
        (folder / name).write_bytes((tmp_path / f"src-{name}").read_bytes())
    return job


def die_on_import(monkeypatch, call, after=False):
    """The server dies during the `call`-th batch of a job (1 is the first): before it
    commits, or just `after` it committed."""
    import taraz.ingest

    real = taraz.ingest.import_files
    calls = []

    def import_files(*args, **kwargs):
        calls.append(1)
        if len(calls) == call and not after:
            raise Killed
        report = real(*args, **kwargs)
        if len(calls) == call:
            raise Killed
        return report

    monkeypatch.setattr(taraz.ingest, "import_files", import_files)


def run_until_killed(job):
    from taraz.web.datadesk.runner import runner

    with pytest.raises(Killed):
        runner().run(job.pk)


def restart():
    from taraz.web.datadesk.runner import runner

    runner().recover()
    assert runner().wait_idle(60)


def test_interrupted_job_says_which_batches_were_committed(
    staff_client, staff_user, warehouse, tmp_path, settings, monkeypatch
):
    job = import_job(
        staff_user, settings, tmp_path, [("a.csv", TRADE_ADDENDUM), ("b.csv", [IMPORT_D13])]
    )
    die_on_import(monkeypatch, call=2)
    run_until_killed(job)
    monkeypatch.undo()
    restart()
    job.refresh_from_db()
    [committed] = job.result
    assert (job.status, job.error["code"]) == ("failed", "datadesk.interrupted-partly")
    assert (committed["status"], committed["files"]) == ("loaded", ["a.csv"])
    assert committed["batch_id"] in job.error["message_en"] and "b.csv" in job.error["message_en"]
    assert exports(staff_client) == "5250.00"  # a.csv is in the figures


def test_batch_committed_just_before_the_server_died_is_found_on_restart(
    staff_client, staff_user, warehouse, tmp_path, settings, monkeypatch
):
    job = import_job(
        staff_user, settings, tmp_path, [("a.csv", TRADE_ADDENDUM), ("b.csv", [IMPORT_D13])]
    )
    die_on_import(monkeypatch, call=1, after=True)
    run_until_killed(job)
    monkeypatch.undo()
    restart()
    job.refresh_from_db()
    assert job.error["code"] == "datadesk.interrupted-partly"
    assert [(r["status"], r["files"], r["rows_loaded"]) for r in job.result] == [
        ("loaded", ["a.csv"], 1)
    ]


def test_job_whose_every_batch_committed_before_the_server_died_is_done(
    staff_client, staff_user, warehouse, tmp_path, settings, monkeypatch
):
    job = import_job(staff_user, settings, tmp_path, [("a.csv", TRADE_ADDENDUM)])
    die_on_import(monkeypatch, call=1, after=True)
    run_until_killed(job)
    monkeypatch.undo()
    restart()
    job.refresh_from_db()
    assert (job.status, [r["status"] for r in job.result]) == ("done", ["loaded"])


def test_interrupted_job_that_committed_nothing_says_so(
    staff_client, staff_user, warehouse, tmp_path, settings, monkeypatch
):
    job = import_job(
        staff_user, settings, tmp_path, [("a.csv", TRADE_ADDENDUM), ("b.csv", [IMPORT_D13])]
    )
    die_on_import(monkeypatch, call=1)
    run_until_killed(job)
    monkeypatch.undo()
    restart()
    job.refresh_from_db()
    assert (job.status, job.error["code"], job.result) == ("failed", "datadesk.interrupted", [])


def test_job_page_shows_each_files_outcome(
    staff_client, staff_user, warehouse, tmp_path, settings, monkeypatch
):
    job = import_job(
        staff_user, settings, tmp_path, [("a.csv", TRADE_ADDENDUM), ("b.csv", [IMPORT_D13])]
    )
    die_on_import(monkeypatch, call=2)
    run_until_killed(job)
    monkeypatch.undo()
    restart()
    html = staff_client.get(f"/desk/jobs/{job.pk}/").content.decode()
    assert 'data-file="a.csv" data-outcome="loaded"' in html
    assert 'data-file="b.csv" data-outcome="not_loaded"' in html


def test_interrupted_jobs_files_are_removed_on_restart(staff_user, warehouse, tmp_path, settings):
    from taraz.web.datadesk.models import Job

    job = import_job(
        staff_user, settings, tmp_path, [("a.csv", TRADE_ADDENDUM), ("b.csv", [IMPORT_D13])]
    )
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)  # as a killed server left it
    restart()
    job.refresh_from_db()
    assert (job.status, any(settings.TARAZ_UPLOAD_DIR.glob("job-*"))) == ("failed", False)


def test_files_left_by_a_job_that_ended_are_removed_on_restart(
    staff_user, warehouse, tmp_path, settings
):
    from taraz.web.datadesk.models import Job

    job = import_job(staff_user, settings, tmp_path, [("a.csv", TRADE_ADDENDUM)])
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED)
    restart()
    assert not any(settings.TARAZ_UPLOAD_DIR.glob("job-*"))


def test_failed_import_removes_its_files(staff_user, warehouse, tmp_path, settings, monkeypatch):
    import taraz.ingest

    job = import_job(staff_user, settings, tmp_path, [("a.csv", TRADE_ADDENDUM)])

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(taraz.ingest, "import_files", broken)
    from taraz.web.datadesk.runner import runner

    runner().run(job.pk)
    job.refresh_from_db()
    assert (job.status, any(settings.TARAZ_UPLOAD_DIR.glob("job-*/*"))) == ("failed", False)


def test_job_that_fails_after_a_committed_batch_does_not_say_nothing_changed(
    staff_user, warehouse, tmp_path, settings, monkeypatch
):
    import taraz.ingest

    job = import_job(
        staff_user, settings, tmp_path, [("a.csv", TRADE_ADDENDUM), ("b.csv", [IMPORT_D13])]
    )
    real = taraz.ingest.import_files
    calls = []

    def second_breaks(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return real(*args, **kwargs)

    monkeypatch.setattr(taraz.ingest, "import_files", second_breaks)
    from taraz.web.datadesk.runner import runner

    runner().run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.error["code"]) == ("failed", "datadesk.job-failed-partly")
    assert [r["files"] for r in job.result] == [["a.csv"]]


def test_the_desks_records_are_links_of_one_chain(staff_client, warehouse, tmp_path):
    from taraz.web.audit.services import verify
    from taraz.web.datadesk.runner import runner

    finished_job(staff_client, upload(staff_client, csv_file(tmp_path)))
    staff_client.post("/desk/batches/B00002/revert/")
    assert runner().wait_idle(60)
    assert verify() is None
