"""Certificates issued from approved cases: the signed token and the claims it holds, the
number and check code printed on the paper, and the certificate's standing with its history.

Only `services` writes these rows. A status changes only through `services` (issued ⇄
suspended → revoked; superseded when reissued), which appends a `CertificateEvent` and
republishes the signed revocation list in the same transaction.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Kind(models.TextChoices):
    QUALITY = "quality", "quality"


class Status(models.TextChoices):
    ISSUED = "issued", "issued"
    SUSPENDED = "suspended", "suspended"
    REVOKED = "revoked", "revoked"
    SUPERSEDED = "superseded", "superseded"


class Reason(models.TextChoices):
    """Why a certificate was suspended, revoked or reissued (the revocation list says it)."""

    NONCONFORMITY = "nonconformity", "the product no longer conforms"
    FALSE_DOCUMENTS = "false-documents", "documents found false"
    ISSUED_IN_ERROR = "issued-in-error", "issued in error"
    UNDER_REVIEW = "under-review", "under review"
    FIRM_REQUEST = "firm-request", "the firm asked"
    KEY_COMPROMISE = "key-compromise", "signing key compromised"
    CORRECTION = "correction", "corrected content"


class Certificate(models.Model):
    number = models.CharField(max_length=20, unique=True, help_text="YZ- and 10 random letters")
    check_code = models.CharField(max_length=8, help_text="Printed on the paper; random")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.QUALITY)
    # by name: the certificates app never imports the cases' or exporters' models
    case = models.ForeignKey(
        "taraz_cases.Case", on_delete=models.PROTECT, related_name="certificates"
    )
    exporter = models.ForeignKey(
        "taraz_exporters.Exporter", on_delete=models.PROTECT, related_name="certificates"
    )
    claims = models.JSONField(help_text="What the token signs, as signed.")
    token = models.TextField(help_text="The compact JWS (docs/credentials.md).")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ISSUED)
    reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(default=timezone.now)
    expires_on = models.DateField()

    class Meta:
        ordering = ("-issued_at", "-id")
        indexes = (models.Index(fields=["exporter", "status"]),)

    def __str__(self) -> str:
        return self.number

    @property
    def audit_subject(self) -> str:
        return f"certificate:{self.pk}"

    @property
    def live(self) -> bool:
        return self.status in (Status.ISSUED, Status.SUSPENDED)


class CertificateEvent(models.Model):
    """One change of a certificate's standing, in order; never changed."""

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=12)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    reason = models.CharField(max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150)

    class Meta:
        ordering = ("certificate", "at", "id")
