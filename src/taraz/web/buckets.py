"""Token buckets per client: `rate` units per `window` seconds, refilled smoothly, a request
taking as many units as it costs. The API's rate limit (every request costs one) and the
budget of computations per address (`taraz.web.costs`) are both kept this way."""

from __future__ import annotations

import threading
import time


class TokenBuckets:
    """One bucket per client key, full at first; `take` answers how long to wait, 0 to go."""

    def __init__(
        self, rate: int, window: float, clock=time.monotonic, max_clients: int = 50_000
    ) -> None:
        self.rate = rate
        self.per_second = rate / window
        self.clock = clock
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str, cost: float = 1) -> float:
        """0 when the request may go (its cost is taken), else the seconds until it may. A cost
        above the bucket's size counts as the whole bucket."""
        cost = min(float(cost), float(self.rate))
        now = self.clock()
        with self._lock:
            tokens = self._level(client, now)
            if tokens >= cost:
                self._buckets[client] = (tokens - cost, now)
                wait = 0.0
            else:
                self._buckets[client] = (tokens, now)
                wait = (cost - tokens) / self.per_second
            if len(self._buckets) > self.max_clients:
                self._forget(now)
        return wait

    def _level(self, client: str, now: float) -> float:
        tokens, last = self._buckets.get(client, (float(self.rate), now))
        return min(float(self.rate), tokens + (now - last) * self.per_second)

    def _forget(self, now: float) -> None:
        full = self.rate / self.per_second
        for key, (_, last) in list(self._buckets.items()):
            if now - last > full:
                del self._buckets[key]
