"""Left-to-right text inside Persian: a bidirectional isolate keeps its punctuation in place."""

import re

FSI = "\u2068"  # first strong isolate
PDI = "\u2069"  # pop directional isolate
LRI = "\u2066"  # left-to-right isolate

_LATIN = re.compile(r"[A-Za-z0-9]")


def has_latin(text: str) -> bool:
    """True when the text holds a Latin letter or digit (it needs an isolate in Persian)."""
    return bool(_LATIN.search(text))


def isolate(text: str) -> str:
    """`text` in a first-strong isolate (U+2068 ... U+2069), so that a Latin name, a code or a
    command keeps its own direction inside a Persian sentence; text with nothing Latin in it is
    returned as it is."""
    if not text or not has_latin(text) or (text.startswith(FSI) and text.endswith(PDI)):
        return text
    return f"{FSI}{text}{PDI}"


def strip_isolates(text: str) -> str:
    """The text without bidi isolate marks (for comparisons and plain-ASCII output)."""
    return text.replace(FSI, "").replace(PDI, "").replace(LRI, "")
