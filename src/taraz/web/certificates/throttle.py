"""The public checker's rate limit: token buckets per client address and one for everyone
(`TARAZ_VERIFY_RATE` per `TARAZ_VERIFY_RATE_WINDOW` seconds per address, and
`TARAZ_VERIFY_RATE_TOTAL` in the same window overall; 0 turns a limit off), kept as the API's
rate limit is (`taraz.web.buckets`)."""

from __future__ import annotations

import math
import threading

from django.conf import settings

from taraz.web.buckets import TokenBuckets
from taraz.web.clients import client_address

EVERYONE = "*"
_lock = threading.Lock()
_state: dict[str, object] = {"config": None, "each": None, "all": None}


def _limiters() -> tuple[TokenBuckets | None, TokenBuckets | None]:
    config = (
        settings.TARAZ_VERIFY_RATE,
        settings.TARAZ_VERIFY_RATE_TOTAL,
        settings.TARAZ_VERIFY_RATE_WINDOW,
    )
    with _lock:
        if config != _state["config"]:  # settings may change (tests)
            each, total, window = config
            _state["config"] = config
            _state["each"] = TokenBuckets(each, window) if each > 0 else None
            _state["all"] = TokenBuckets(total, window) if total > 0 else None
        return _state["each"], _state["all"]  # type: ignore[return-value]


def wait_for(request) -> int:
    """0 when this check may go (it is counted), else the whole seconds to wait."""
    each, everyone = _limiters()
    wait = 0.0
    if each is not None:
        wait = each.take(client_address(request))
    if wait == 0 and everyone is not None:
        wait = everyone.take(EVERYONE)
    return max(1, math.ceil(wait)) if wait > 0 else 0
