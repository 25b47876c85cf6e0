"""The background writer: one thread in the server process runs the jobs one after another,
each on its own DuckDB cursor in its own transaction, while request threads keep reading the
last committed state. DuckDB allows one writing process; within it, one writer at a time keeps
imports and reverts from conflicting."""

from __future__ import annotations

import logging
import queue
import threading

from django.db import close_old_connections, connections

from taraz.errors import TarazError
from taraz.web.datadesk import services
from taraz.web.datadesk.models import Job

log = logging.getLogger("taraz.web.datadesk")


class JobRunner:
    def __init__(self) -> None:
        self._queue: queue.Queue[int] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._pending = 0

    def start(self) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._thread = threading.Thread(target=self._loop, name="taraz-jobs", daemon=True)
            self._thread.start()

    def recover(self) -> None:
        """Fail the jobs a stopped server left running; queue again the ones still waiting."""
        _, queued = services.interrupted_jobs()
        for job_id in queued:
            self.submit(job_id)

    def submit(self, job_id: int) -> None:
        with self._lock:
            self._pending += 1
            self._idle.clear()
        self.start()
        self._queue.put(job_id)

    def wait_idle(self, timeout: float = 60) -> bool:
        """Block until every submitted job has run (tests, shutdown)."""
        return self._idle.wait(timeout)

    def _loop(self) -> None:
        while True:
            job_id = self._queue.get()
            try:
                self.run(job_id)
            except Exception:  # the loop must survive anything one job does
                log.exception("job %s crashed the runner loop", job_id)
            finally:
                close_old_connections()
                connections.close_all()
                with self._lock:
                    self._pending -= 1
                    if self._pending <= 0:
                        self._pending = 0
                        self._idle.set()

    def run(self, job_id: int) -> None:
        job = services.start(job_id)
        if job is None:
            return
        try:
            result = self._import(job) if job.kind == Job.Kind.IMPORT else self._revert(job)
        except Exception as exc:
            log.exception("job %s failed", job_id)
            services.fail(job, exc)
        else:
            services.finish(job, result)
        self._after_change()

    def _import(self, job: Job) -> None:
        """Import the job's files, a batch per file (or one for all); each batch's report is
        kept as soon as the batch ends (`services.record_batch`)."""
        from django.conf import settings

        from taraz.calendar import parse_period
        from taraz.ingest import ImportOptions, ReaderLimits, import_files
        from taraz.web.hub import hub

        folder = services.job_dir(job)
        paths = [folder / f["name"] for f in job.files]
        missing = [p.name for p in paths if not p.exists()]
        if missing:
            raise TarazError("datadesk.files-missing", files=", ".join(missing))
        opts = job.options
        options = ImportOptions(
            flow=opts.get("flow"),
            period=parse_period(opts["period"]) if opts.get("period") else None,
            source=opts.get("source"),
            user=job.username,
            confirm_revision=bool(opts.get("confirm_revision")),
            # each file is read in a child process: no upload can take the server down
            isolate=True,
            reader_limits=ReaderLimits(
                settings.TARAZ_READER_MEMORY_MB, settings.TARAZ_READER_SECONDS
            ),
            scratch=folder,
        )
        with hub().writing() as wh:
            for i, names in enumerate(job.groups):
                services.progress(job.pk, "read", i)

                def step(name: str, i: int = i) -> None:
                    services.progress(job.pk, name, i)

                report = import_files(wh, [folder / n for n in names], options, progress=step)
                services.record_batch(job.pk, services.json_ready(report.to_dict()))

    def _revert(self, job: Job) -> list[dict]:
        from taraz.warehouse.batches import revert_batch
        from taraz.web.hub import hub

        with hub().writing() as wh:
            result = revert_batch(wh, job.batch_id, user=job.username)
        return [services.json_ready(result)]

    def _after_change(self) -> None:
        from taraz.web.prewarm import prewarm_soon

        prewarm_soon()


_runner: JobRunner | None = None
_runner_lock = threading.Lock()


def runner() -> JobRunner:
    global _runner
    if _runner is None:
        with _runner_lock:
            if _runner is None:
                _runner = JobRunner()
    return _runner
