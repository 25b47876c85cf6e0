"""API traffic rules: a rate limit per client address (429 with Retry-After), and every API
error in the one shape even when Django or ninja answered it (404 of an unknown address, 405)."""

from __future__ import annotations

import math
import threading
import time

from django.conf import settings

from taraz.web.api.responses import status_error
from taraz.web.clients import client_address


class TokenBuckets:
    """Per-client token buckets: `rate` requests per `window` seconds, refilled smoothly."""

    def __init__(
        self, rate: int, window: float, clock=time.monotonic, max_clients: int = 50_000
    ) -> None:
        self.rate = rate
        self.per_second = rate / window
        self.clock = clock
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """0 when the request may go, else the seconds until it may."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(client, (float(self.rate), now))
            tokens = min(float(self.rate), tokens + (now - last) * self.per_second)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                wait = 0.0
            else:
                self._buckets[client] = (tokens, now)
                wait = (1 - tokens) / self.per_second
            if len(self._buckets) > self.max_clients:
                self._forget(now)
        return wait

    def _forget(self, now: float) -> None:
        full = self.rate / self.per_second
        for key, (_, last) in list(self._buckets.items()):
            if now - last > full:
                del self._buckets[key]


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.buckets: TokenBuckets | None = None
        self._config: tuple[int, int] | None = None

    def _limiter(self) -> TokenBuckets | None:
        config = (settings.TARAZ_API_RATE, settings.TARAZ_API_RATE_WINDOW)
        if config != self._config:  # settings may change (tests)
            self._config = config
            self.buckets = TokenBuckets(*config) if config[0] > 0 else None
        return self.buckets

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        limiter = self._limiter()
        if limiter is not None:
            wait = limiter.take(client_address(request))
            if wait > 0:
                seconds = max(1, math.ceil(wait))
                response = status_error(429, retry_after=seconds)
                response["Retry-After"] = str(seconds)
                return response
        response = self.get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            shaped = status_error(response.status_code)
            for header in ("Allow", "Retry-After"):
                if header in response:
                    shaped[header] = response[header]
            return shaped
        return response
