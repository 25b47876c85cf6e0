"""One row per thing a person did that changed data or access, chained by hashes
(`taraz.web.audit.chain`): each row carries its sequence number, the hash of the row before
and its own. Rows are only ever added (`services.record`); the database refuses to change or
delete them (`taraz.web.audit.append_only`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        UPLOAD = "upload", "upload"
        IMPORT = "import", "import"
        JOB_START = "job_start", "job started"
        REVERT_REQUEST = "revert_request", "revert requested"
        REVERT = "revert", "revert"
        CONFIRM_REVISION = "confirm_revision", "revision confirmed"
        DISMISS_REVISION = "dismiss_revision", "revision dismissed"
        LOGIN = "login", "log-in"
        LOGIN_FAILED = "login_failed", "failed log-in"
        LOGOUT = "logout", "log-out"
        USER_CREATE = "user_create", "account created"
        USER_DELETE = "user_delete", "account deleted"
        ACCESS_CHANGE = "access_change", "access changed"
        PASSWORD_CHANGE = "password_change", "password changed"
        # accounts: bodies, memberships, invitations, two-factor sign-in
        BODY_CHANGE = "body_change", "body changed"
        MEMBERSHIP_START = "membership_start", "membership started"
        MEMBERSHIP_END = "membership_end", "membership ended"
        MEMBERSHIP_EDIT = "membership_edit", "membership edit refused"
        INVITE = "invite", "invitation made"
        INVITE_ACCEPT = "invite_accept", "invitation accepted"
        INVITE_REVOKE = "invite_revoke", "invitation revoked"
        OTP_ENROL = "otp_enrol", "two-factor enrolled"
        OTP_VERIFY = "otp_verify", "two-factor check"
        # exporters: the registry and each firm's profile
        EXPORTER_CREATE = "exporter_create", "exporter registered"
        EXPORTER_CHANGE = "exporter_change", "exporter changed"
        EXPORTER_VERIFY = "exporter_verify", "exporter verified"
        EXPORTER_LOAD = "exporter_load", "exporters loaded"
        SIZE_DECLARE = "size_declare", "employees declared"
        HS_LINE_CHANGE = "hs_line_change", "HS lines changed"
        MARKET_CHANGE = "market_change", "export market changed"
        # cases: procedures, applications, their steps and files
        PROCEDURE_LOAD = "procedure_load", "procedure loaded"
        CASE_CREATE = "case_create", "case opened"
        CASE_STEP = "case_step", "case step"
        CASE_DOCUMENT = "case_document", "case document"
        CASE_DOCUMENT_READ = "case_document_read", "case document read"
        CLOSURE_ADD = "closure_add", "closure added"
        CLOSURE_REMOVE = "closure_remove", "closure removed"
        # certificates: issued, suspended, reinstated, revoked, reissued
        CERTIFICATE_ISSUE = "certificate_issue", "certificate issued"
        CERTIFICATE_STATUS = "certificate_status", "certificate status changed"
        # workshops: events and sessions, registrations, attendance
        WORKSHOP_CHANGE = "workshop_change", "workshop changed"
        WORKSHOP_BOOKING = "workshop_booking", "workshop registration"
        WORKSHOP_ATTENDANCE = "workshop_attend", "workshop attendance"

    seq = models.PositiveBigIntegerField(
        unique=True, help_text="1, 2, 3, ... in the order the events were recorded, no gaps."
    )
    prev_hash = models.CharField(
        max_length=64, help_text="The previous event's hash (64 zeros before the first)."
    )
    hash = models.CharField(
        max_length=64,
        help_text="SHA-256 over prev_hash and the row's canonical JSON (taraz.web.audit.chain).",
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # PROTECT, not SET_NULL: setting the column to null would be an UPDATE, which the database
    # refuses, and would change what the hash covers. An account that appears in the trail is
    # deactivated, never deleted, so the trail always names an account that exists.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    username = models.CharField(max_length=150, help_text="The user name when it happened.")
    action = models.CharField(max_length=20, choices=Action.choices)
    outcome = models.CharField(
        max_length=20, blank=True, help_text="ok, failed, rejected, duplicate ..."
    )
    subject = models.CharField(
        max_length=64, blank=True, help_text="What it was about: job:12, B00007, user:3."
    )
    detail = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ("-seq",)
        indexes = (models.Index(fields=["action", "at"]),)

    def __str__(self) -> str:
        return f"#{self.seq} {self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.subject}"
