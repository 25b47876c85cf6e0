"""Who a computation is for: the client address and the start of the request that asked
(None for background work such as prewarming), and what a refused computation answers."""

from __future__ import annotations

import contextvars
import time

from taraz.errors import TarazError
from taraz.web.clients import client_address

_asker: contextvars.ContextVar[str | None] = contextvars.ContextVar("taraz_asker", default=None)
_started: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "taraz_request_started", default=None
)


class Refused(TarazError):
    """A computation not made now, or not waited for: the answer says when to ask again
    (`retry_after`, seconds)."""

    @property
    def retry_after(self) -> int:
        return int(self.fields.get("retry_after") or 1)


def asker() -> str | None:
    """The address the computation is for: the client of the current request; None for
    background work."""
    return _asker.get()


def request_started() -> float | None:
    """When (`time.monotonic()`) the current request started: the computations it waits for
    count from then. None for background work."""
    return _started.get()


class ClientMiddleware:
    """Make the request's client address and start known to the computations it causes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        who = _asker.set(client_address(request) or "-")
        when = _started.set(time.monotonic())
        try:
            return self.get_response(request)
        finally:
            _started.reset(when)
            _asker.reset(who)
