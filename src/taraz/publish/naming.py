"""Names of coded items (products, sectors, partners) as the documents print them.

Persian documents print the Persian name (the code lists have one for every HS heading and
subheading) with its Latin runs isolated; a product's code goes beside its name: a column of its
own in tables, «نام (۶۹۰۷۲۱)» in prose and charts. A long name is shortened at a word boundary
with an ellipsis at its logical end, never cut inside a word; the documents give the full name
where they can (a tooltip, a footnote, the workbook).
"""

from __future__ import annotations

from typing import Any

from taraz.fa import isolate_latin, to_persian_digits

ELLIPSIS = "\u2026"
# Printed tables: a name of up to about two lines of its column.
PRINT_LIMIT = {"fa": 75, "en": 90}
CHART_LIMIT = 42
# Words a shortened name should not end on (it would read as cut mid-phrase).
_DANGLING = {
    "و",
    "یا",
    "با",
    "از",
    "به",
    "در",
    "بر",
    "که",
    "برای",
    "بدون",
    "جز",
    "غیر",
    "and",
    "or",
    "of",
    "the",
    "a",
    "an",
    "with",
    "without",
    "for",
    "in",
    "on",
    "to",
    "by",
    "not",
    "other",
    "than",
    "whether",
    "but",
}
_TRAILING = " \u00a0\u200c،,;:؛-–—/("


def name(item: dict[str, Any], lang: str) -> str:
    """The item's name in `lang`; in Persian, Latin runs isolated and bare numbers in Persian
    digits."""
    if lang == "fa":
        return isolate_latin(item["name_fa"])
    return item["name_en"]


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, with «…» at its logical
    end; trailing punctuation, an opening bracket left open and a dangling «و» / "and" go
    before the ellipsis. Text within the limit is returned as it is."""
    if len(text) <= limit:
        return text
    words = text[:limit].split(" ")
    if len(text) > limit and text[limit] != " ":
        words = words[:-1]  # the last word was cut: drop it
    while words:
        last = words[-1].rstrip(_TRAILING)
        if not last or last.casefold() in _DANGLING:
            words.pop()
            continue
        words[-1] = last
        break
    if not words:  # one long word: cut it after all, rather than print nothing
        return text[: limit - 1].rstrip(_TRAILING) + ELLIPSIS
    short = " ".join(words)
    opened = short.rfind("(")
    if opened > short.rfind(")") and opened >= limit // 2:
        short = short[:opened].rstrip(_TRAILING)
    return short + ELLIPSIS


def code_text(code: Any, lang: str) -> str:
    """A code as Persian prose writes it: Persian digits, no separators (docs/numbers.md)."""
    return to_persian_digits(str(code)) if lang == "fa" else str(code)


def with_code(item: dict[str, Any], lang: str, limit: int | None = None) -> str:
    """«کاشی و سرامیک کف… (۶۹۰۷۲۱)» / "Ceramic tiles… (690721)": the name (shortened to
    `limit`) with its code, for prose and charts."""
    text = item["name_fa"] if lang == "fa" else item["name_en"]
    if limit is not None:
        text = shorten(text, limit)
    if lang == "fa":
        text = isolate_latin(text)
    code = item.get("code")
    return text if code is None else f"{text} ({code_text(code, lang)})"
