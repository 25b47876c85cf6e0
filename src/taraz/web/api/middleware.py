"""API traffic rules: a rate limit per client address (429 with Retry-After), and every API
error in the one shape even when Django or ninja answered it (404 of an unknown address, 405)."""

from __future__ import annotations

import math

from django.conf import settings

from taraz.web.api.responses import status_error
from taraz.web.buckets import TokenBuckets
from taraz.web.clients import client_address


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
