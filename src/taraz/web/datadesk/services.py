"""The data desk's operations. Only these functions change a job's status (guard, lock the row,
write, audit, in one transaction); the views call them and the runner runs the jobs."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from taraz.calendar import PeriodError, parse_period
from taraz.errors import TarazError, error_dict
from taraz.web.audit.services import Action, record
from taraz.web.datadesk.models import Job
from taraz.web.datadesk.uploads import check_upload, safe_name
from taraz.web.paths import private_file, private_folder

Status = Job.Status
# what a batch report found again in the warehouse after a restart says of its batch
BATCH_COUNTS = (
    "source",
    "layout",
    "rows_read",
    "rows_loaded",
    "rows_quarantined",
    "rows_duplicate",
    "rows_skipped",
    "warnings",
    "value_usd",
    "weight_kg",
    "date_min",
    "date_max",
)


def job_dir(job: Job) -> Path:
    return Path(settings.TARAZ_UPLOAD_DIR) / f"job-{job.pk}"


def check_options(flow: str, period: str, source: str) -> dict[str, Any]:
    """The import options of the form, checked; raises a usage TarazError."""
    out: dict[str, Any] = {}
    if flow:
        if flow.upper() not in ("X", "M"):
            raise TarazError("query.bad-flow", parameter="flow", value=flow)
        out["flow"] = flow.upper()
    if period:
        try:
            out["period"] = parse_period(period).label
        except PeriodError as exc:
            exc.fields["parameter"] = "period"
            raise
    if source:
        out["source"] = source.strip()[:64]
    return out


def submit_upload(
    user,
    files: Sequence[UploadedFile],
    options: dict[str, Any],
    one_batch: bool,
    ip: str | None = None,
) -> Job:
    """Check the files by content, keep them, queue their import and record the upload."""
    if not files:
        raise TarazError("datadesk.no-files")
    if len(files) > settings.DATA_UPLOAD_MAX_NUMBER_FILES:
        n = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        raise TarazError("datadesk.too-many-files", n=n)
    described = []
    names: set[str] = set()
    for f in files:
        name = safe_name(f.name or "upload")
        if name in names:
            raise TarazError("datadesk.same-name", file=name)
        names.add(name)
        kind = check_upload(name, f.file, f.size, settings.TARAZ_UPLOAD_MAX_BYTES)
        described.append({"name": name, "size": f.size, "kind": kind})
    groups = 1 if one_batch else len(files)
    with transaction.atomic():
        job = Job.objects.create(
            kind=Job.Kind.IMPORT,
            created_by=user,
            username=user.get_username(),
            files=described,
            options={**options, "one_batch": one_batch},
            total_groups=groups,
        )
        folder = private_folder(job_dir(job))
        kept = []
        for f, d in zip(files, described, strict=True):
            digest = hashlib.sha256()
            with private_file(folder / d["name"]) as out:
                for chunk in f.chunks():
                    digest.update(chunk)
                    out.write(chunk)
            kept.append({**d, "sha256": digest.hexdigest()})
        record(
            Action.UPLOAD,
            user,
            subject=f"job:{job.pk}",
            ip=ip,
            files=kept,
            options=job.options,
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def submit_revert(user, batch_id: str, ip: str | None = None) -> Job:
    """Queue the revert of an active batch and record the request."""
    from taraz.web.hub import hub

    batch_id = batch_id.strip().upper()
    rows = (
        hub()
        .reader()
        .con.execute("SELECT reverted_at FROM batches WHERE batch_id = ?", [batch_id])
        .fetchall()
    )
    refused = None
    if not rows:
        refused = TarazError("batch.unknown", batch_id=batch_id)
    elif rows[0][0] is not None:
        refused = TarazError("batch.already-reverted", batch_id=batch_id)
    if refused is not None:
        record(
            Action.REVERT_REQUEST,
            user,
            outcome="refused",
            subject=batch_id,
            ip=ip,
            code=refused.code,
        )
        raise refused
    with transaction.atomic():
        job = Job.objects.create(
            kind=Job.Kind.REVERT,
            created_by=user,
            username=user.get_username(),
            batch_id=batch_id,
            total_groups=1,
        )
        record(Action.REVERT_REQUEST, user, subject=batch_id, ip=ip, job=job.pk)
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def upload_refused(
    user, error: TarazError, files: Sequence[str] = (), ip: str | None = None, **detail: Any
) -> None:
    """Record an upload that was refused before anything was kept (its type, size, number or
    options): the trail shows what was tried, by whom, and why it was refused."""
    record(
        Action.UPLOAD,
        user,
        outcome="refused",
        ip=ip,
        code=error.code,
        files=[safe_name(name or "upload") for name in files],
        **detail,
    )


def confirm_revision(user, job_id: int, ip: str | None = None) -> Job:
    """held -> confirmed: queue a new import of the held batches' kept files that lands them
    even though they take most of a cell (`confirm_revision`), and record who and when."""
    with transaction.atomic():
        job = _held(job_id)
        names = job.held_files
        folder = job_dir(job)
        missing = [n for n in names if not (folder / n).is_file()]
        if missing:
            raise TarazError("datadesk.files-missing", files=", ".join(missing))
        files = [f for f in job.files if f["name"] in names]
        one_batch = bool(job.options.get("one_batch"))
        follow_up = Job.objects.create(
            kind=Job.Kind.IMPORT,
            created_by=user,
            username=user.get_username(),
            files=files,
            options={**job.options, "confirm_revision": True, "confirms": job.pk},
            total_groups=1 if one_batch else len(files),
        )
        target = private_folder(job_dir(follow_up))
        for name in names:
            _keep(folder / name, target / name)
        event = record(
            Action.CONFIRM_REVISION,
            user,
            subject=f"job:{job.pk}",
            ip=ip,
            job=follow_up.pk,
            files=names,
            cells=len(job.held_cells),
        )
        _decide(job, Status.CONFIRMED, event, follow_up)
        transaction.on_commit(lambda: (remove_files(job), _enqueue(follow_up.pk)))
    return follow_up


def dismiss_revision(user, job_id: int, ip: str | None = None) -> Job:
    """held -> dismissed: the kept files are removed and nothing changes; who and when are
    recorded."""
    with transaction.atomic():
        job = _held(job_id)
        event = record(
            Action.DISMISS_REVISION,
            user,
            subject=f"job:{job.pk}",
            ip=ip,
            files=job.held_files,
            cells=len(job.held_cells),
        )
        _decide(job, Status.DISMISSED, event)
        transaction.on_commit(lambda: remove_files(job))
    return job


def _keep(path: Path, target: Path) -> None:
    """`path` also at `target`: the same file (a hard link, so removing the held job's folder
    keeps it), or a private copy where the file system has no links."""
    try:
        os.link(path, target)
    except OSError:
        with path.open("rb") as src, private_file(target) as out:
            shutil.copyfileobj(src, out)


def _held(job_id: int) -> Job:
    """The job, locked, if its revision is still held (guard of both decisions)."""
    job = Job.objects.select_for_update().get(pk=job_id)
    if job.status != Status.HELD:
        raise TarazError("datadesk.not-held", job=job.pk, status=job.status)
    return job


def _decide(job: Job, status: str, event, follow_up: Job | None = None) -> None:
    """The decision on the job, by whom and when its audit event says."""
    job.status = status
    job.decided_by = event.username
    job.decided_at = event.at
    job.follow_up = follow_up
    job.save(update_fields=["status", "decided_by", "decided_at", "follow_up"])


def recover_jobs() -> None:
    """Take up the jobs a stopped server left behind (the server calls this once it is ready)."""
    from taraz.web.datadesk.runner import runner

    runner().recover()


def _enqueue(job_id: int) -> None:
    from taraz.web.datadesk.runner import runner

    runner().submit(job_id)


# -- transitions (the runner calls these) ----------------------------------------------------


def start(job_id: int) -> Job | None:
    """queued -> running, audited; None when the job is not queued any more."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.status != Status.QUEUED:
            return None
        job.status = Status.RUNNING
        job.started_at = timezone.now()
        job.save(update_fields=["status", "started_at"])
        record(
            Action.JOB_START,
            job.created_by,
            username=job.username,
            subject=f"job:{job.pk}" if job.kind == Job.Kind.IMPORT else job.batch_id,
            job=job.pk,
            kind=job.kind,
        )
    return job


def progress(job_id: int, step: str, done_groups: int) -> None:
    Job.objects.filter(pk=job_id, status=Status.RUNNING).update(step=step, done_groups=done_groups)


def record_batch(job_id: int, report: dict[str, Any]) -> None:
    """Keep the report of one batch of a running import as soon as the batch has ended, so
    that a restart knows what landed even if the server dies before the job ends."""
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job_id)
        if locked.status != Status.RUNNING:
            return
        locked.result = [*locked.result, report]
        locked.done_groups = len(locked.result)
        locked.save(update_fields=["result", "done_groups"])


def finish(job: Job, result: list[dict[str, Any]] | None = None) -> None:
    """running -> done, audited, its files removed; or running -> held when a batch is a
    revision held for confirmation, whose files are kept until a person confirms or dismisses
    it. An import's batch reports are those kept by `record_batch`; a revert gives its
    `result`."""
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.status != Status.RUNNING:
            return
        if result is not None:
            locked.result = result
        locked.status = Status.HELD if locked.held_files else Status.DONE
        locked.finished_at = timezone.now()
        locked.done_groups = locked.total_groups
        locked.step = ""
        locked.save(update_fields=["status", "finished_at", "done_groups", "step", "result"])
        _audit_outcome(locked, "ok")
        keep = locked.held_files
        transaction.on_commit(lambda: remove_files(locked, keep=keep))


def fail(job: Job, exc: BaseException) -> None:
    """running (or queued) -> failed, with the error in both languages, audited, its files
    removed. When some batches of the job had already landed, the error says which, and
    which files were not loaded."""
    known = exc if isinstance(exc, TarazError) else TarazError("datadesk.job-failed")
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.finished:
            return
        if locked.committed:
            code = (
                "datadesk.interrupted-partly"
                if known.code == "datadesk.interrupted"
                else "datadesk.job-failed-partly"
            )
            known = TarazError(code, cause=known.code, **_landed_and_not(locked))
        locked.status = Status.FAILED
        locked.finished_at = timezone.now()
        locked.error = error_dict(known)
        locked.save(update_fields=["status", "finished_at", "error"])
        _audit_outcome(locked, "failed")
        transaction.on_commit(lambda: remove_files(locked))


def _landed_and_not(job: Job) -> dict[str, str]:
    batches = ", ".join(f"{r['batch_id']} ({', '.join(r['files'])})" for r in job.committed)
    return {"batches": batches, "files": ", ".join(job.files_not_imported) or "-"}


def _audit_outcome(job: Job, outcome: str) -> None:
    if job.kind == Job.Kind.IMPORT:
        batches = [
            {
                "batch_id": r.get("batch_id"),
                "status": r.get("status"),
                "rows_loaded": r.get("rows_loaded"),
            }
            for r in job.result
        ]
        statuses = {b["status"] for b in batches}
        if outcome == "ok" and "held" in statuses:
            outcome = "held"
        elif outcome == "ok" and statuses and statuses <= {"rejected"}:
            outcome = "rejected"
        record(
            Action.IMPORT,
            job.created_by,
            username=job.username,
            outcome=outcome,
            subject=f"job:{job.pk}",
            batches=batches,
            error=job.error or None,
        )
    else:
        record(
            Action.REVERT,
            job.created_by,
            username=job.username,
            outcome=outcome,
            subject=job.batch_id,
            job=job.pk,
            error=job.error or None,
        )


def interrupted_jobs() -> tuple[list[int], list[int]]:
    """After a restart: a running job's transaction of the moment never committed, but batches
    it had finished may have. Each running job ends done (every batch landed), or failed
    saying which batches landed and which files were not loaded; queued jobs are to run
    again; uploaded files of jobs that will not run are removed. Returns (failed ids, queued
    ids). Called once at start, before requests are answered."""
    failed = []
    for job in Job.objects.filter(status=Status.RUNNING):
        if job.kind == Job.Kind.IMPORT:
            for report in _landed_unrecorded(job):
                record_batch(job.pk, report)
            job.refresh_from_db()
            if job.groups and not job.files_not_imported:
                finish(job)
                continue
        fail(job, TarazError("datadesk.interrupted"))
        failed.append(job.pk)
    queued = list(
        Job.objects.filter(status=Status.QUEUED)
        .order_by("created_at", "id")
        .values_list("pk", flat=True)
    )
    held = list(Job.objects.filter(status=Status.HELD).values_list("pk", flat=True))
    remove_stray_uploads(keep=[*queued, *held])
    return failed, queued


def _landed_unrecorded(job: Job) -> list[dict[str, Any]]:
    """Reports of this job's batches that landed in the warehouse after the last one its
    record knows of: the server died between the batch's commit and the job's record. A batch
    is the job's when its files have the same contents (SHA-256) and it was loaded after the
    job started."""
    import hashlib

    from taraz.warehouse.batches import list_batches
    from taraz.web.hub import hub

    recorded = {name for r in job.result for name in r.get("files", [])}
    waiting = [g for g in job.groups if not set(g) & recorded]
    folder = job_dir(job)
    digests: dict[str, str] = {}
    for name in (n for g in waiting for n in g):
        path = folder / name
        if path.is_file():
            with path.open("rb") as fh:
                digests[name] = hashlib.file_digest(fh, "sha256").hexdigest()
    if not digests:
        return []
    since = job.started_at or job.created_at
    try:
        reader = hub().reader()
        rows = reader.con.execute(
            """SELECT f.batch_id, list(f.sha256 ORDER BY f.file_no)
               FROM batch_files f JOIN batches b USING (batch_id)
               WHERE b.loaded_at >= ? GROUP BY f.batch_id""",
            [since],
        ).fetchall()
        batches = {b["batch_id"]: b for b in list_batches(reader)} if rows else {}
    except TarazError:  # the warehouse is busy: only the job's own record can tell
        return []
    by_contents = {tuple(sorted(shas)): batch_id for batch_id, shas in rows}
    out = []
    for group in waiting:
        if not all(n in digests for n in group):
            continue
        batch_id = by_contents.get(tuple(sorted(digests[n] for n in group)))
        if batch_id is None:
            continue
        report = {"status": "loaded", "files": group, "batch_id": batch_id}
        counts = {k: batches[batch_id][k] for k in BATCH_COUNTS}
        out.append(json_ready({**report, **counts}))
    return out


def json_ready(data: Any) -> Any:
    """Data as it will be stored in a JSON field: decimals and dates as text."""
    import json

    from taraz.web.json_text import to_json

    return json.loads(to_json(data))


def remove_files(job: Job, keep: Sequence[str] = ()) -> None:
    """The job's uploaded files, but those named in `keep` (a held revision's)."""
    folder = job_dir(job)
    if not keep:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for path in folder.iterdir() if folder.is_dir() else ():
        if path.name not in keep:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def remove_stray_uploads(keep: Sequence[int] = ()) -> None:
    """Remove every job's upload folder but those of the jobs in `keep` (still to run)."""
    root = Path(settings.TARAZ_UPLOAD_DIR)
    if not root.is_dir():
        return
    kept = {f"job-{pk}" for pk in keep}
    for folder in root.glob("job-*"):
        if folder.name not in kept:
            shutil.rmtree(folder, ignore_errors=True)
