"""The site's words in Persian and English, kept as data (`wording.toml`), not in templates.

`say(key, lang)` gives one text; a key missing from the file is a programming error (a test
checks every key a template uses).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from django.utils import translation

WORDING = Path(__file__).with_name("wording.toml")
LANGS = ("fa", "en")


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """key -> {"fa": ..., "en": ...} from the nested TOML tables (keys joined by dots)."""
    data = tomllib.loads(WORDING.read_text("utf-8"))
    out: dict[str, dict[str, str]] = {}

    def walk(prefix: str, node: dict) -> None:
        if set(node) == set(LANGS) and all(isinstance(v, str) for v in node.values()):
            out[prefix] = node
            return
        for k, v in node.items():
            walk(f"{prefix}.{k}" if prefix else k, v)

    walk("", data)
    return out


def current_lang() -> str:
    lang = (translation.get_language() or "fa")[:2]
    return lang if lang in LANGS else "fa"


def say(key: str, lang: str | None = None, **values: object) -> str:
    text = catalogue()[key][lang or current_lang()]
    return text.format(**values) if values else text
