"""Normalising Persian text: letters, digits, marks, ZWNJ and whitespace."""

import re
import unicodedata

from taraz.fa.digits import to_latin_digits

ARABIC_LETTERS = "يكىةۀ"
PERSIAN_LETTERS = "یکیهه"
ZWNJ = "\u200c"
TATWEEL = "\u0640"

_TO_PERSIAN_LETTERS = str.maketrans(ARABIC_LETTERS, PERSIAN_LETTERS)

# Tatweel, Arabic diacritics (harakat, hamza above/below, superscript alef, Quranic marks),
# and invisible formatting characters that come with copied text: they carry no meaning for
# matching and only make equal names differ.
_DROPPED = re.compile(
    "["
    "\u0640"  # tatweel
    "\u0610-\u061a"  # Arabic small high marks
    "\u064b-\u065f"  # harakat, hamza above/below
    "\u0670"  # superscript alef
    "\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"  # Quranic marks
    "\u200b\u200d-\u200f"  # zero-width space, ZWJ, LRM, RLM
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings and isolates
    "\ufeff"  # byte order mark
    "]"
)
# A run of whitespace, together with any ZWNJ touching it, is one space.
_SPACE_RUN = re.compile(r"[\s\u200c]*\s[\s\u200c]*")
_ZWNJ_RUN = re.compile("\u200c{2,}")

_KEY_DROPPED = re.compile("[\u200c \\-\u2010\u2011\u2013\u2014.]")


def normalize_text(s: str) -> str:
    """Persian letters, Latin digits, no tatweel/diacritics, tidy ZWNJ, single spaces.

    Names and headers come from many keyboards and encodings; after this, equal words
    are equal strings.
    """
    s = unicodedata.normalize("NFC", s)
    s = to_latin_digits(s.translate(_TO_PERSIAN_LETTERS))
    s = _DROPPED.sub("", s)
    s = _SPACE_RUN.sub(" ", s)
    s = _ZWNJ_RUN.sub(ZWNJ, s)
    return s.strip(" " + ZWNJ)


def name_key(s: str) -> str:
    """The key for matching a name against a code list.

    Spelling of ZWNJ, spaces, hyphens and dots varies between sources, so they are dropped.
    """
    return _KEY_DROPPED.sub("", normalize_text(s).casefold())
