"""Recording to the audit trail; the only writer of AuditEvent."""

from __future__ import annotations

from typing import Any

from taraz.web.audit.models import AuditEvent


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
    return list(AuditEvent.objects.select_related(None)[:limit])


def client_ip(request) -> str | None:
    from taraz.web.api.middleware import client_address

    return client_address(request) or None
