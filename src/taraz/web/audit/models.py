"""One row per thing a person did that changed data or access."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        UPLOAD = "upload", "upload"
        IMPORT = "import", "import"
        REVERT_REQUEST = "revert_request", "revert requested"
        REVERT = "revert", "revert"
        CONFIRM_REVISION = "confirm_revision", "revision confirmed"
        DISMISS_REVISION = "dismiss_revision", "revision dismissed"
        LOGIN = "login", "log-in"
        LOGIN_FAILED = "login_failed", "failed log-in"
        LOGOUT = "logout", "log-out"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(
        max_length=150, help_text="The user name when it happened (kept if the user is deleted)."
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    outcome = models.CharField(
        max_length=20, blank=True, help_text="ok, failed, rejected, duplicate ..."
    )
    subject = models.CharField(
        max_length=64, blank=True, help_text="What it was about: job:12, B00007."
    )
    detail = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=["action", "at"]),)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.subject}"
