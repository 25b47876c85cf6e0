"""The PDF bulletin: the HTML bulletin laid out by WeasyPrint, fonts embedded, right to left
for Persian (Pango shapes the Persian text; the packaged Vazirmatn font is used and embedded)."""

from __future__ import annotations

from typing import Any

from taraz.publish.documents import html_document
from taraz.publish.typeface import FONT_DIR


def pdf_bytes(figures: dict[str, Any], lang: str = "fa") -> bytes:
    """The bulletin as PDF bytes (A4). Needs no network: fonts and charts are local."""
    from weasyprint import HTML

    html = html_document(figures, lang, embed_fonts=False)
    document = HTML(string=html, base_url=str(FONT_DIR)).render()
    # The title comes from the HTML <title>; WeasyPrint takes no `metadata` option to write_pdf.
    document.metadata.generator = "taraz"
    return document.write_pdf(uncompressed_pdf=False)
