"""The bulletin: the figures of `taraz.stats` in words (Persian and English), as text, Markdown,
HTML, PDF (RTL, fonts embedded), XLSX and JSON, with charts. Wording lives in template files
(`templates/<lang>/`); nothing here computes a figure.

Heavy libraries (matplotlib, WeasyPrint, xlsxwriter) load on first use, not on import.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {
    "FORMATS": "taraz.publish.documents",
    "render_document": "taraz.publish.documents",
    "write_document": "taraz.publish.documents",
    "default_filename": "taraz.publish.documents",
    "figures_json": "taraz.publish.documents",
    "html_document": "taraz.publish.documents",
    "statement": "taraz.publish.bulletin",
    "render_text": "taraz.publish.bulletin",
    "bulletin_context": "taraz.publish.bulletin",
    "bulletin_tables": "taraz.publish.tabulation",
    "bulletin_charts": "taraz.publish.charts",
    "pdf_bytes": "taraz.publish.pdf",
    "workbook_bytes": "taraz.publish.workbook",
}

__all__ = list(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'taraz.publish' has no attribute {name!r}")
