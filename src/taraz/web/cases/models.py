"""Procedures (loaded from data files, each version kept), cases under them, one review per body
a case is routed to, the questions asked of the applicant, the documents, the case's events and
the notifications waiting to be sent.

Only `services` writes these rows. A case's status changes only through
`services.transition`, which appends a `CaseEvent` in the same transaction: every duration is
computed from the events when it is read (`taraz.stats.casework`), never kept as a counter.
Events are never changed or deleted (`save` and `delete` refuse it).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from taraz.errors import TarazError


class State(models.TextChoices):
    DRAFT = "draft", "draft"
    SUBMITTED = "submitted", "submitted"
    SCREENING = "screening", "screening"
    RETURNED = "returned", "returned to the applicant"
    IN_REVIEW = "in_review", "in review"
    DECISION = "decision", "awaiting decision"
    APPROVED = "approved", "approved"
    REFUSED = "refused", "refused"
    WITHDRAWN = "withdrawn", "withdrawn"
    LAPSED = "lapsed", "lapsed"


OPEN_STATES = frozenset(
    {
        State.DRAFT,
        State.SUBMITTED,
        State.SCREENING,
        State.RETURNED,
        State.IN_REVIEW,
        State.DECISION,
    }
)
CLOSED_STATES = frozenset({State.APPROVED, State.REFUSED, State.WITHDRAWN, State.LAPSED})


class Advice(models.TextChoices):
    NO_OBJECTION = "no_objection", "no objection"
    CONDITIONS = "conditions", "no objection, with conditions"
    OBJECTION = "objection", "objection"


class Procedure(models.Model):
    """One version of a procedure, as its data file said when it was loaded. A version that
    cases use is never changed: a change is a new version (a new file)."""

    code = models.SlugField(max_length=60)
    version = models.PositiveIntegerField()
    abbrev = models.CharField(max_length=4)
    valid_from = models.DateField()
    name_fa = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)
    definition = models.JSONField(help_text="The data file's content, as loaded.")
    sha256 = models.CharField(max_length=64, help_text="Of the data file's bytes.")
    loaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("code", "-version")
        constraints = (
            models.UniqueConstraint(fields=["code", "version"], name="procedure_version"),
        )

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    def name(self, lang: str) -> str:
        return self.name_fa if lang == "fa" else self.name_en


class ReferenceCounter(models.Model):
    """The last number given to a case of one procedure abbreviation in one Jalali year."""

    year = models.PositiveIntegerField()
    abbrev = models.CharField(max_length=4)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["year", "abbrev"], name="reference_counter"),
        )


class Case(models.Model):
    reference = models.CharField(max_length=20, unique=True, help_text="1404/QT/00042")
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="cases")
    # by name: the cases app never imports the exporters' or accounts' models
    exporter = models.ForeignKey(
        "taraz_exporters.Exporter", on_delete=models.PROTECT, related_name="cases"
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    subject = models.CharField(
        max_length=300, help_text="What the application is about, in the applicant's words."
    )
    hs_code = models.CharField(max_length=10, blank=True)
    destination = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")
    quantity = models.CharField(max_length=60, blank=True)
    national_reference = models.CharField(
        max_length=60, blank=True, help_text="The reference of the national system, if any."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    screener = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The officer who screened it: never the one who decides.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (
            models.Index(fields=["state", "submitted_at"]),
            models.Index(fields=["exporter", "state"]),
        )

    def __str__(self) -> str:
        return self.reference

    @property
    def audit_subject(self) -> str:
        return f"case:{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class Review(models.Model):
    """One body's part of a case: routed with its due date, advised with reasons, and
    countersigned by the body's head where the procedure asks. A change of advice ends the
    countersign."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="reviews")
    body = models.ForeignKey(
        "taraz_accounts.Body", on_delete=models.PROTECT, related_name="reviews"
    )
    target_days = models.PositiveIntegerField()
    countersign_required = models.BooleanField(default=False)
    routed_at = models.DateTimeField(default=timezone.now)
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(help_text="target_days working days after the day it was routed")
    advice = models.CharField(max_length=14, choices=Advice.choices, blank=True)
    reasons = models.TextField(blank=True)
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    advised_at = models.DateTimeField(null=True, blank=True)
    countersigner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    countersigned_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("case", "body")
        constraints = (models.UniqueConstraint(fields=["case", "body"], name="review_per_body"),)
        indexes = (models.Index(fields=["body", "due_on"]),)

    def __str__(self) -> str:
        return f"review:{self.pk} {self.case_id}@{self.body_id}"

    @property
    def complete(self) -> bool:
        return bool(self.advice) and (not self.countersign_required or self.countersigned_at)

    @property
    def overdue(self) -> bool:
        return not self.complete and self.due_on < timezone.localdate()


class InfoRequest(models.Model):
    """A question to the applicant, from a body (its clock stops until the answer) or from the
    organization. The time until the answer is the applicant's."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="questions")
    body = models.ForeignKey(
        "taraz_accounts.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    question = models.TextField()
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("case", "asked_at", "id")

    @property
    def is_open(self) -> bool:
        return self.answered_at is None


class CaseDocument(models.Model):
    """A file given with a case: kept outside the database, its SHA-256 recorded (and in the
    audit trail), served only to those who may see the case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=60, help_text="The procedure's document code, or other")
    name = models.CharField(max_length=200, help_text="The file's name as uploaded")
    content_type = models.CharField(max_length=60)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    stored_as = models.CharField(max_length=200, help_text="Under TARAZ_CASE_FILES")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    body = models.ForeignKey(
        "taraz_accounts.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The body that gave it (a test report), or none: the applicant.",
    )

    class Meta:
        ordering = ("case", "uploaded_at", "id")


class CaseEvent(models.Model):
    """One thing that happened to a case, in order: the status before and after, who did it,
    for which body, and who holds the case afterwards. Never changed or deleted."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField(help_text="1, 2, 3 ... within the case")
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=20)
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150)
    body = models.ForeignKey(
        "taraz_accounts.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("case", "seq")
        constraints = (models.UniqueConstraint(fields=["case", "seq"], name="case_event_seq"),)
        indexes = (models.Index(fields=["at"]),)

    def __str__(self) -> str:
        return f"{self.case_id}#{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TarazError("cases.events-append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TarazError("cases.events-append-only")


class Notification(models.Model):
    """A message waiting to be sent (the outbox): written in the transaction of the change it
    tells about, sent after it commits, retried until it goes."""

    class Channel(models.TextChoices):
        EMAIL = "email", "e-mail"
        SMS = "sms", "SMS"

    channel = models.CharField(max_length=5, choices=Channel.choices)
    to = models.CharField(max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="notifications"
    )
    subject = models.CharField(max_length=200)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ("created_at", "id")
        indexes = (models.Index(fields=["sent_at", "created_at"]),)
        constraints = (models.CheckConstraint(condition=~Q(to=""), name="notification_to"),)


class ClosureDay(models.Model):
    """A day the organization is closed (heat, power saving, mourning): not a working day for
    any case's clock. Added and removed by administrators, each in the audit trail; a removed
    day is kept, marked removed, so that what the clock counted on any date can be told."""

    day = models.DateField()
    reason_fa = models.CharField(max_length=200)
    reason_en = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-day", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["day"], condition=Q(removed_at=None), name="one_closure_a_day"
            ),
        )

    @property
    def audit_subject(self) -> str:
        return f"closure:{self.pk}"
