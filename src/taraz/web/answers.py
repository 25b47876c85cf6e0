"""Finished answers kept by data version: the bytes of an API answer or a public page, so
that asking again costs no JSON encoding or template rendering; and finished parts of a page
(`text`: an officer's queue table), kept under the very data they show. Bounded by total
size; a new batch or a revert changes the version and so every key."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.conf import settings
from django.http import HttpResponse

KEPT_HEADERS = ("Content-Type", "Content-Disposition", "X-Total-Count", "Content-Language", "Vary")


class AnswerCache:
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, tuple[int, bytes, dict[str, str]]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> HttpResponse | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
        status, body, headers = item
        response = HttpResponse(body, status=status)
        for name, value in headers.items():
            response[name] = value
        return response

    def put(self, key: Hashable, response: HttpResponse) -> None:
        if (
            response.status_code != 200
            or response.streaming
            or len(response.content) > self.max_bytes // 8
        ):
            return
        headers = {h: response[h] for h in KEPT_HEADERS if h in response}
        self._keep(key, (response.status_code, response.content, headers))

    def _keep(self, key: Hashable, item: tuple[int, bytes, dict[str, str]]) -> None:
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old[1])
            self._items[key] = item
            self._size += len(item[1])
            while self._size > self.max_bytes and self._items:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped[1])

    def answer(self, key: Hashable, build: Callable[[], HttpResponse]) -> HttpResponse:
        cached = self.get(key)
        if cached is not None:
            return cached
        response = build()
        self.put(key, response)
        return response

    def text(self, key: Hashable, build: Callable[[], str]) -> str:
        """A finished part of a page: kept under `key`, which must hold everything the part
        is made from (so that a change of any of it is a new key, never a stale part)."""
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
        if item is not None:
            return item[1].decode()
        made = build()
        encoded = made.encode()
        if len(encoded) <= self.max_bytes // 8:
            self._keep(key, (0, encoded, {}))
        return made

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0


_cache: AnswerCache | None = None


def answers() -> AnswerCache:
    global _cache
    if _cache is None:
        _cache = AnswerCache(settings.TARAZ_ANSWER_CACHE_MB * 1024 * 1024)
    return _cache
