"""The Vazirmatn font (SIL OFL 1.1, see OFL.txt) shipped inside the package, for charts and PDFs."""

from __future__ import annotations

import base64
from pathlib import Path

FONT_DIR = Path(__file__).parent / "fonts"
FAMILY = "Vazirmatn"
REGULAR = FONT_DIR / "Vazirmatn-Regular.ttf"
BOLD = FONT_DIR / "Vazirmatn-Bold.ttf"
LICENSE = FONT_DIR / "OFL.txt"

_registered = False


def register_matplotlib() -> str:
    """Make the packaged font known to matplotlib (once per process); returns its family name."""
    global _registered
    if not _registered:
        from matplotlib import font_manager

        for path in (REGULAR, BOLD):
            font_manager.fontManager.addfont(str(path))
        _registered = True
    return FAMILY


def font_face_css(embed: bool = False) -> str:
    """`@font-face` rules for the packaged files: file URLs (for WeasyPrint), or with `embed`
    the fonts themselves as data URIs (a self-contained HTML file)."""
    rules = []
    for path, weight in ((REGULAR, 400), (BOLD, 700)):
        if embed:
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            url = f"data:font/ttf;base64,{data}"
        else:
            url = path.as_uri()
        rules.append(
            f"@font-face {{ font-family: '{FAMILY}'; font-weight: {weight}; "
            f"src: url('{url}') format('truetype'); }}"
        )
    return "\n".join(rules)
