"""Who is asking: the client's address, as the last trusted proxy saw it
(`TARAZ_TRUSTED_PROXIES`), for the API's rate limit, the log-in throttle and the audit trail."""

from __future__ import annotations

from django.conf import settings


def client_address(request) -> str:
    proxies = settings.TARAZ_TRUSTED_PROXIES
    if proxies:
        forwarded = [
            a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",") if a.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_ip(request) -> str | None:
    """The client's address, or None when the request carries none."""
    return client_address(request) or None
