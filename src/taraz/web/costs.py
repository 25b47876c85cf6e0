"""What a computation costs, and how much each client address may spend.

An answer whose figures are computed costs nothing here (the API's rate limit counts it). A
new computation is charged to the address that asked, from a token bucket of
`TARAZ_COMPUTE_BUDGET` units per `TARAZ_COMPUTE_BUDGET_WINDOW` seconds: a new selection (every
figure of a province and period) costs 1; a bulletin document costs what rendering it costs
beside a selection (a PDF, the costliest, 5; an XLSX 1). Over budget, the address gets 429
with Retry-After for new computations while it still gets everything already computed.
Background work (prewarming) is charged to no one.
"""

from __future__ import annotations

import contextvars
import math
import threading
import time

from django.conf import settings

from taraz.errors import TarazError
from taraz.web.buckets import TokenBuckets
from taraz.web.clients import client_address

# units per kind of computation, after what each takes (1M lines, 2 cores): a new selection
# 0.3-0.6 s, its PDF bulletin 2.0-4.4 s more, its XLSX bulletin 0.15-0.55 s more
COSTS = {"selection": 1, "xlsx": 1, "pdf": 5}

_asker: contextvars.ContextVar[str | None] = contextvars.ContextVar("taraz_asker", default=None)
_started: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "taraz_request_started", default=None
)


class Refused(TarazError):
    """A computation not made now (over budget, or no room to compute): the answer says when
    to ask again (`retry_after`, seconds)."""

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


_budget: TokenBuckets | None = None
_config: tuple[int, int] | None = None
_lock = threading.Lock()


def budget() -> TokenBuckets | None:
    """The buckets of every address, or None when `TARAZ_COMPUTE_BUDGET` is 0 (no limit)."""
    global _budget, _config
    config = (settings.TARAZ_COMPUTE_BUDGET, settings.TARAZ_COMPUTE_BUDGET_WINDOW)
    if config != _config:  # settings may change (tests)
        with _lock:
            if config != _config:
                _budget = TokenBuckets(*config) if config[0] > 0 else None
                _config = config
    return _budget


def charge(kind: str) -> None:
    """Take the cost of `kind` from the asking address's budget; raises Refused (429) when it
    has not enough. Background work is charged to no one."""
    who, buckets = asker(), budget()
    if who is None or buckets is None:
        return
    wait = buckets.take(who, COSTS[kind])
    if wait > 0:
        raise Refused("web.compute-limited", retry_after=max(1, math.ceil(wait)))
