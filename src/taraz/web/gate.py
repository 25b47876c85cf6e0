"""The computation gate: new computations (the figures of a selection not computed yet, a
bulletin document) run in a bounded pool, so that answers already computed (pages and API
answers kept for the data version, `/api/v1/status`, the code lists) never wait behind them.

- At most `slots` computations run at once (`TARAZ_COMPUTE_SLOTS`), each in a thread of the
  gate's own, never in a request thread; at most `queue` more wait for a slot
  (`TARAZ_COMPUTE_QUEUE`). Bulletin documents take at most half the slots (at least one).
- A computation is made once however many ask for it at the same time (single flight): the
  requests that ask while it runs wait for the same result. Its result is kept (by the figure
  cache) even when no one waits for it any more.
- A request waits for its computations at most `wait` seconds from its start
  (`TARAZ_COMPUTE_WAIT`); then it answers 503 with Retry-After (`web.computing`) while the
  computation goes on, and the same request asked again finds the result kept. At most
  slots + queue request threads wait at once; with no room to queue or to wait, a request is
  answered 503 with Retry-After at once (`web.computing-busy`), and is not charged.
- A new computation is charged to the address that asked (`taraz.web.costs`) when it is
  queued. Background work (prewarming) is charged to no one and waits as long as it takes.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from taraz.web import costs
from taraz.web.costs import Refused

# kinds of computation that render a document: pure Python for seconds, so at most half the
# slots (at least one) render documents at once and new selections always find a slot
DOCUMENTS = ("pdf", "xlsx")


@dataclass
class _Computation:
    kind: str
    future: Future = field(default_factory=Future)
    started: float | None = None
    waiting: int = 0  # request threads waiting for it now


class ComputeGate:
    def __init__(self, slots: int, queue: int, wait: float, clock=time.monotonic) -> None:
        self.slots = max(1, slots)
        self.queue = max(0, queue)
        self.wait = wait
        self.clock = clock
        self._pool = ThreadPoolExecutor(max_workers=self.slots, thread_name_prefix="taraz-compute")
        self._lock = threading.Lock()
        self._flights: dict[Hashable, _Computation] = {}
        self.running = 0
        self.queued = 0
        self.waiting = 0  # request threads waiting for a computation
        self._seconds: dict[str, float] = {}  # a running mean of each kind's duration
        self.document_slots = max(1, self.slots // 2)

    # -- asking -------------------------------------------------------------------------------

    def run(
        self,
        key: Hashable,
        kind: str,
        compute: Callable[[], Any],
        keep: Callable[[Any], None],
        kept: Callable[[], tuple[bool, Any]],
    ) -> Any:
        """The result of `key`: `kept()` if it is kept, else that of the computation of `key`
        under way, else of a new one (`compute()` in a slot, its result given to `keep`). A
        request waits until `wait` seconds after it started, background work until the end.
        Raises Refused (503, 429) as the module says."""
        started = costs.request_started()
        request = started is not None
        deadline = None if started is None else started + self.wait
        with self._lock:
            found, value = kept()
            if found:
                return value
            flight = self._flights.get(key)
            if request and self.waiting >= self.slots + self.queue:
                raise self._refused("web.computing-busy", flight)
            if flight is None:
                if request and (
                    self.running + self.queued >= self.slots + self.queue
                    or (kind in DOCUMENTS and self._documents() >= self.document_slots)
                ):
                    raise self._refused("web.computing-busy", None, kind)
                costs.charge(kind)  # Refused (429) when the address has spent its budget
                flight = self._flights[key] = _Computation(kind)
                self.queued += 1
                self._pool.submit(self._compute, key, flight, compute, keep)
            if request:
                self.waiting += 1
                flight.waiting += 1
        try:
            timeout = None if deadline is None else max(0.0, deadline - self.clock())
            return flight.future.result(timeout=timeout)
        except FutureTimeout:
            with self._lock:
                raise self._refused("web.computing", flight) from None
        finally:
            if request:
                with self._lock:
                    self.waiting -= 1
                    flight.waiting -= 1

    def _documents(self) -> int:
        return sum(1 for f in self._flights.values() if f.kind in DOCUMENTS)

    def _compute(
        self,
        key: Hashable,
        flight: _Computation,
        compute: Callable[[], Any],
        keep: Callable[[Any], None],
    ) -> None:
        with self._lock:
            self.queued -= 1
            self.running += 1
            flight.started = self.clock()
        try:
            value = compute()
        except BaseException as exc:
            with self._lock:
                self._done(key, flight)
            flight.future.set_exception(exc)
            return
        with self._lock:
            keep(value)  # kept before the flight ends: whoever asks next finds it
            self._done(key, flight)
        flight.future.set_result(value)

    def _done(self, key: Hashable, flight: _Computation) -> None:
        self.running -= 1
        del self._flights[key]
        took = self.clock() - (flight.started or self.clock())
        mean = self._seconds.get(flight.kind, took)
        self._seconds[flight.kind] = 0.7 * mean + 0.3 * took

    # -- what to say --------------------------------------------------------------------------

    def _refused(self, code: str, flight: _Computation | None, kind: str = "selection") -> Refused:
        """Refused with the seconds after which asking again is likely to find a slot, or the
        awaited result kept."""
        mean = self._seconds.get(flight.kind if flight else kind, 1.0)
        if flight is not None and flight.started is not None:
            seconds = mean - (self.clock() - flight.started)
        else:
            seconds = mean * (1 + self.queued / self.slots)
        return Refused(code, retry_after=max(1, min(60, math.ceil(seconds))))

    def waiting_for(self, key: Hashable) -> int:
        """How many requests wait now for the computation of `key` (0 when none is under way)."""
        with self._lock:
            flight = self._flights.get(key)
            return flight.waiting if flight is not None else 0

    def close(self) -> None:
        self._pool.shutdown(wait=False)


_gate: ComputeGate | None = None
_config: tuple[int, int, float] | None = None
_lock = threading.Lock()


def gate() -> ComputeGate:
    """The process's gate, as the settings size it."""
    global _gate, _config
    config = (
        settings.TARAZ_COMPUTE_SLOTS,
        settings.TARAZ_COMPUTE_QUEUE,
        settings.TARAZ_COMPUTE_WAIT,
    )
    if config != _config:  # settings may change (tests); computations under way go on
        with _lock:
            if config != _config:
                if _gate is not None:
                    _gate.close()
                _gate = ComputeGate(*config)
                _config = config
    assert _gate is not None
    return _gate
