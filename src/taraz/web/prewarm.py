"""Computing the figures people open first, before they ask: at start-up and after every
import or revert, the default period for the whole country and for each province, in one
background thread at a time; and starting the process that renders bulletin documents. Only
the cache is filled; nothing a reader sees changes."""

from __future__ import annotations

import logging
import threading

from django.conf import settings

log = logging.getLogger("taraz.web.prewarm")
_running = threading.Lock()
_again = threading.Event()


def prewarm_soon() -> None:
    if not settings.TARAZ_PREWARM:
        return
    _again.set()
    if _running.acquire(blocking=False):
        threading.Thread(target=_loop, name="taraz-prewarm", daemon=True).start()


def _loop() -> None:
    try:
        while _again.is_set():
            _again.clear()
            prewarm()
    finally:
        _running.release()


def prewarm() -> int:
    """Compute the default selections; returns how many were computed."""
    from taraz.reference import load_reference
    from taraz.web import figures
    from taraz.web.hub import hub
    from taraz.web.selection import Selection, default_period

    try:
        if figures.bulletin_formats():
            from taraz.web.documents import warm

            warm()
        version = figures.data_version()
        if version.batches == 0:
            return 0
        period = default_period(hub().span().last)
        first = settings.TARAZ_DEFAULT_PROVINCE or None
        provinces = [first, None, *sorted(load_reference().provinces)]
        done = 0
        for code in dict.fromkeys(provinces):
            if _again.is_set():  # the data changed again: start over on the new version
                break
            figures.bulletin(Selection(province=code, period=period), version)
            done += 1
        log.info("prewarmed %d selections for %s", done, period.label)
        return done
    except Exception:
        log.exception("prewarming failed")
        return 0
