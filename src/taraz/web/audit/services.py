"""The audit trail: recording what a person did (the only writer of AuditEvent) and reading it
back. Other apps use the trail only through this module."""

from __future__ import annotations

from typing import Any

from taraz.web.audit.models import AuditEvent

Action = AuditEvent.Action


def record(
    action: str,
    user=None,
    *,
    username: str | None = None,
    outcome: str = "ok",
    subject: str = "",
    ip: str | None = None,
    **detail: Any,
) -> AuditEvent:
    name = username or (user.get_username() if user is not None and user.is_authenticated else "")
    return AuditEvent.objects.create(
        action=action,
        user=user if user is not None and user.is_authenticated else None,
        username=name or "anonymous",
        outcome=outcome,
        subject=subject,
        ip=ip or None,
        detail=detail,
    )


def recent(limit: int = 50) -> list[AuditEvent]:
    """The latest events, newest first."""
    return list(AuditEvent.objects.select_related(None)[:limit])


def about(subject: str, limit: int = 20) -> list[AuditEvent]:
    """The latest events about one subject (a batch, a job), newest first."""
    return list(AuditEvent.objects.filter(subject=subject)[:limit])
