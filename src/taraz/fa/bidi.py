"""Left-to-right text inside Persian: a bidirectional isolate keeps its punctuation in place."""

import re

from taraz.fa.digits import to_persian_digits

FSI = "\u2068"  # first strong isolate
PDI = "\u2069"  # pop directional isolate
LRI = "\u2066"  # left-to-right isolate
RLI = "\u2067"  # right-to-left isolate
ISOLATES = (LRI, RLI, FSI)

_LATIN = re.compile(r"[A-Za-z0-9]")
_PERSIAN_LETTER = re.compile(
    "[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06fc\ufb50-\ufdff\ufe70-\ufefc]"
)
_LATIN_LETTER = re.compile(r"[A-Za-z]")
# An isolate already made (a signed number, a name): left as it is.
_ISOLATED = re.compile(f"[{LRI}{RLI}{FSI}][^{PDI}]*{PDI}")
# A run of Latin text: from a Latin letter or digit through Latin letters, digits, spaces and
# ASCII punctuation, and an ellipsis that shortened it.
_LATIN_RUN = re.compile(r"[A-Za-z0-9][\x20-\x7e\u00a0-\u024f\u2026]*")
_CLOSING = {")": "(", "]": "["}


def has_latin(text: str) -> bool:
    """True when the text holds a Latin letter or digit (it needs an isolate in Persian)."""
    return bool(_LATIN.search(text))


def has_persian(text: str) -> bool:
    """True when the text holds a Persian (Arabic-script) letter."""
    return bool(_PERSIAN_LETTER.search(text))


def isolate(text: str) -> str:
    """`text` in a first-strong isolate (U+2068 ... U+2069), so that a Latin name, a code or a
    command keeps its own direction inside a Persian sentence; text with nothing Latin in it is
    returned as it is."""
    if not text or not has_latin(text) or (text.startswith(FSI) and text.endswith(PDI)):
        return text
    return f"{FSI}{text}{PDI}"


def isolate_latin(text: str) -> str:
    """Persian text with each Latin run in its own first-strong isolate (a file name, an English
    name, `taraz`), so that its parentheses and commas stay in place; a bare Latin number
    (digits with no letter beside them) is written in Persian digits instead (docs/numbers.md).
    Isolates already in the text are kept as they are."""
    out, last = [], 0
    for m in _ISOLATED.finditer(text):
        out.append(_isolate_runs(text[last : m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(_isolate_runs(text[last:]))
    return "".join(out)


def _isolate_runs(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        run = _trimmed(m.group(0))
        rest = m.group(0)[len(run) :]
        if not _LATIN_LETTER.search(run):
            return to_persian_digits(run) + rest
        return f"{FSI}{run}{PDI}{rest}"

    return _LATIN_RUN.sub(one, text)


def _trimmed(run: str) -> str:
    """The run without what belongs to the Persian around it: trailing spaces and punctuation,
    and a closing bracket it did not open."""
    end = len(run)
    while end:
        c = run[end - 1]
        if c.isalnum() or c in "%\u2026":
            break
        if c in _CLOSING and run.count(_CLOSING[c], 0, end) >= run.count(c, 0, end):
            break
        end -= 1
    return run[:end]


def strip_isolates(text: str) -> str:
    """The text without bidi isolate marks (for comparisons and plain-ASCII output)."""
    return text.replace(FSI, "").replace(PDI, "").replace(LRI, "").replace(RLI, "")


def first_strong(text: str) -> str:
    """ "ltr" or "rtl": the direction of the first letter with one (ltr when there is none, as
    for a number)."""
    for c in text:
        if c.isalpha():
            return "rtl" if "\u0590" <= c <= "\u08ff" or "\ufb1d" <= c <= "\ufefc" else "ltr"
    return "ltr"
