"""Computing the page people open first, before they ask: at start-up and after every import or
revert, the dashboard's opening selection (the default province, `TARAZ_DEFAULT_PROVINCE`, else
the whole country, in the default period), in one background thread at a time; and starting the
process that renders bulletin documents. Only the cache is filled; nothing a reader sees
changes. Every other selection is computed when first asked: computing every province ahead,
at each start and import, took the cores from the requests being answered, for selections
most of which nobody asks."""

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
    """Compute the opening selection; returns how many selections were computed."""
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
        opening = Selection(province=settings.TARAZ_DEFAULT_PROVINCE or None, period=period)
        figures.bulletin(opening, version)
        log.info("prewarmed the opening selection for %s", period.label)
        return 1
    except Exception:
        log.exception("prewarming failed")
        return 0
