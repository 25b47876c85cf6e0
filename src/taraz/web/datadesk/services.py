"""The data desk's operations. Only these functions change a job's status (guard, lock the row,
write, audit, in one transaction); the views call them and the runner runs the jobs."""

from __future__ import annotations

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
from taraz.web.audit.models import AuditEvent
from taraz.web.audit.services import record
from taraz.web.datadesk.models import Job
from taraz.web.datadesk.uploads import check_upload, safe_name

Status = Job.Status


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
        folder = job_dir(job)
        folder.mkdir(parents=True, exist_ok=True)
        for f, d in zip(files, described, strict=True):
            with (folder / d["name"]).open("wb") as out:
                for chunk in f.chunks():
                    out.write(chunk)
        record(
            AuditEvent.Action.UPLOAD,
            user,
            subject=f"job:{job.pk}",
            ip=ip,
            files=described,
            options=job.options,
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def submit_revert(user, batch_id: str, ip: str | None = None) -> Job:
    """Queue the revert of an active batch and record the request."""
    from taraz.web.warehouse import hub

    batch_id = batch_id.strip().upper()
    rows = (
        hub()
        .reader()
        .con.execute("SELECT reverted_at FROM batches WHERE batch_id = ?", [batch_id])
        .fetchall()
    )
    if not rows:
        raise TarazError("batch.unknown", batch_id=batch_id)
    if rows[0][0] is not None:
        raise TarazError("batch.already-reverted", batch_id=batch_id)
    with transaction.atomic():
        job = Job.objects.create(
            kind=Job.Kind.REVERT,
            created_by=user,
            username=user.get_username(),
            batch_id=batch_id,
            total_groups=1,
        )
        record(AuditEvent.Action.REVERT_REQUEST, user, subject=batch_id, ip=ip, job=job.pk)
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from taraz.web.datadesk.runner import runner

    runner().submit(job_id)


# -- transitions (the runner calls these) ----------------------------------------------------


def start(job_id: int) -> Job | None:
    """queued -> running; None when the job is not queued any more."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.status != Status.QUEUED:
            return None
        job.status = Status.RUNNING
        job.started_at = timezone.now()
        job.save(update_fields=["status", "started_at"])
    return job


def progress(job_id: int, step: str, done_groups: int) -> None:
    Job.objects.filter(pk=job_id, status=Status.RUNNING).update(step=step, done_groups=done_groups)


def finish(job: Job, result: list[dict[str, Any]]) -> None:
    """running -> done, with the batch reports (or the revert), audited."""
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.status != Status.RUNNING:
            return
        locked.status = Status.DONE
        locked.finished_at = timezone.now()
        locked.done_groups = locked.total_groups
        locked.step = ""
        locked.result = result
        locked.save(update_fields=["status", "finished_at", "done_groups", "step", "result"])
        _audit_outcome(locked, "ok")


def fail(job: Job, exc: BaseException) -> None:
    """running (or queued) -> failed, with the error in both languages, audited."""
    known = exc if isinstance(exc, TarazError) else TarazError("datadesk.job-failed")
    error = error_dict(known)
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.finished:
            return
        locked.status = Status.FAILED
        locked.finished_at = timezone.now()
        locked.error = error
        locked.save(update_fields=["status", "finished_at", "error"])
        _audit_outcome(locked, "failed")


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
        if outcome == "ok" and statuses and statuses <= {"rejected", "held"}:
            outcome = "rejected"
        record(
            AuditEvent.Action.IMPORT,
            job.created_by,
            username=job.username,
            outcome=outcome,
            subject=f"job:{job.pk}",
            batches=batches,
            error=job.error or None,
        )
    else:
        record(
            AuditEvent.Action.REVERT,
            job.created_by,
            username=job.username,
            outcome=outcome,
            subject=job.batch_id,
            job=job.pk,
            error=job.error or None,
        )


def interrupted_jobs() -> tuple[list[int], list[int]]:
    """After a restart: running jobs failed (their transaction never committed), queued jobs
    to run again. Returns (failed ids, queued ids)."""
    failed = []
    for job in Job.objects.filter(status=Status.RUNNING):
        fail(job, TarazError("datadesk.interrupted"))
        failed.append(job.pk)
    queued = list(
        Job.objects.filter(status=Status.QUEUED)
        .order_by("created_at", "id")
        .values_list("pk", flat=True)
    )
    return failed, queued


def remove_files(job: Job) -> None:
    shutil.rmtree(job_dir(job), ignore_errors=True)
