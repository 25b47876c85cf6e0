"""Bulletin documents (PDF, XLSX) rendered in a child process.

Rendering is seconds of pure Python (WeasyPrint, matplotlib): in the server process it would
hold the one interpreter lock and slow every other answer, and be slowed by them. A child
process (spawned, so it inherits no warehouse connection) gets the figures and gives back
the bytes; the gate (`taraz.web.gate`) bounds how many documents are asked of it at once.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from django.conf import settings

from taraz.errors import TarazError

# what the child loads before the first document (matplotlib builds its font list on import)
WARM = (
    "weasyprint",
    "matplotlib.figure",
    "matplotlib.font_manager",
    "taraz.publish.pdf",
    "taraz.publish.charts",
    "taraz.publish.workbook",
)
_pool: ProcessPoolExecutor | None = None
_lock = threading.Lock()


def _renderer() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=max(1, settings.TARAZ_COMPUTE_SLOTS // 2),
                mp_context=multiprocessing.get_context("spawn"),
            )
        return _pool


def render(figures: dict[str, Any], fmt: str, lang: str) -> bytes:
    """`taraz.publish.documents.render_document(figures, fmt, lang)`, made in the child."""
    from taraz.publish.documents import render_document

    global _pool
    pool = _renderer()
    try:
        return pool.submit(render_document, figures, fmt, lang).result()
    except BrokenProcessPool as exc:  # the child died (out of memory, killed): a new one next
        with _lock:
            if _pool is pool:
                _pool = None
        raise TarazError("web.server-error") from exc


def warm() -> None:
    """Start the child and load what rendering needs (fonts, WeasyPrint, matplotlib), so that
    the first document asked does not pay for it. Returns at once."""
    import importlib

    for module in WARM:
        _renderer().submit(importlib.import_module, module)
