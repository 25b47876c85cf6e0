"""A job: an upload waiting to be imported, or a revert, run one at a time in the background."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Job(models.Model):
    class Kind(models.TextChoices):
        IMPORT = "import", "import"
        REVERT = "revert", "revert"

    class Status(models.TextChoices):
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"
        # an import that ended with a revision held for confirmation, its files kept; then a
        # person confirms it (a new job lands the same files) or dismisses it (files removed)
        HELD = "held", "held"
        CONFIRMED = "confirmed", "revision confirmed"
        DISMISSED = "dismissed", "revision dismissed"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150)
    files = models.JSONField(default=list, blank=True, help_text="[{name, size, kind}] as uploaded")
    options = models.JSONField(
        default=dict,
        blank=True,
        help_text="flow, period, source, one_batch; confirm_revision and confirms (the held job)",
    )
    batch_id = models.CharField(max_length=32, blank=True, help_text="The batch to revert")
    step = models.CharField(max_length=32, blank=True)
    done_groups = models.PositiveIntegerField(default=0)
    total_groups = models.PositiveIntegerField(default=0)
    # an import's batch reports in file order, each kept as its batch ends; or the revert
    result = models.JSONField(default=list, blank=True, help_text="Batch reports, or the revert")
    error = models.JSONField(default=dict, blank=True, help_text="{code, message_fa, message_en}")
    # a held revision's decision: who confirmed or dismissed it, when, and the job that lands it
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    follow_up = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"job {self.pk} {self.kind} {self.status}"

    @property
    def finished(self) -> bool:
        """The runner is done with it (a held revision waits for a person, not the runner)."""
        return self.status not in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def progress_pct(self) -> int:
        if self.finished and self.status != self.Status.FAILED:
            return 100
        if not self.total_groups:
            return 0
        steps = ("read", "normalise", "validate", "check", "write")
        part = (steps.index(self.step) + 1) / (len(steps) + 1) if self.step in steps else 0
        return int(100 * (self.done_groups + part) / self.total_groups)

    @property
    def groups(self) -> list[list[str]]:
        """The file names of each batch of an import, in the order they are imported."""
        names = [f["name"] for f in self.files]
        if not names:
            return []
        return [names] if self.options.get("one_batch") else [[n] for n in names]

    @property
    def committed(self) -> list[dict]:
        """The reports of the batches of this job that landed in the warehouse."""
        return [r for r in self.result if r.get("status") == "loaded" and r.get("batch_id")]

    @property
    def files_not_imported(self) -> list[str]:
        """The files no batch of this job has reached yet (or ever will, once it ended)."""
        seen = {name for r in self.result for name in r.get("files", [])}
        return [f["name"] for f in self.files if f["name"] not in seen]

    @property
    def file_outcomes(self) -> list[dict]:
        """Each uploaded file with what became of it: loaded, duplicate or rejected (with the
        batch), not_loaded once the job ended without reaching it, else waiting."""
        by_name = {name: r for r in self.result for name in r.get("files", [])}
        out = []
        for f in self.files:
            report = by_name.get(f["name"])
            if report is not None:
                outcome, batch_id = report.get("status"), report.get("batch_id")
            else:
                outcome, batch_id = ("not_loaded" if self.finished else "waiting"), None
            out.append({"name": f["name"], "outcome": outcome, "batch_id": batch_id})
        return out

    @property
    def held_files(self) -> list[str]:
        """The files of the batches held for confirmation, in upload order."""
        held = {name for r in self.result if r.get("status") == "held" for name in r["files"]}
        return [f["name"] for f in self.files if f["name"] in held]

    @property
    def held_cells(self) -> list[dict]:
        """Each cell a held batch would take most of, with its batch's source and files."""
        return [
            {"source": r.get("source"), "files": r.get("files", []), **cell}
            for r in self.result
            if r.get("status") == "held"
            for cell in r.get("held", [])
        ]
