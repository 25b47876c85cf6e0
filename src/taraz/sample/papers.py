"""The demo's papers: a one-page PDF that says it is a synthetic document and what it stands
for (a case's commercial card, invoice, test report...), so that a document opened in the demo
is a real PDF and cannot be taken for a real paper."""

from __future__ import annotations

from collections.abc import Sequence

HEADER = "taraz demo - SYNTHETIC DOCUMENT, not a real paper"


def synthetic_pdf(lines: Sequence[str]) -> bytes:
    """A valid one-page A4 PDF showing `HEADER` and `lines` (Latin text; other characters are
    shown as `?`)."""
    text = [HEADER, "", *lines]
    shown = " ".join(f"({_escape(line)}) Tj 0 -20 Td" for line in text)
    content = f"BT /F1 12 Tf 56 780 Td {shown} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _escape(line: str) -> str:
    ascii_only = line.encode("ascii", "replace").decode("ascii")
    return ascii_only.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
