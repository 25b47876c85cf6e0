"""Persian text and numbers: normalising letters, digits and ZWNJ; reading and writing numbers."""

from taraz.fa.bidi import (
    FSI,
    LRI,
    PDI,
    RLI,
    first_strong,
    has_latin,
    has_persian,
    isolate,
    isolate_latin,
    strip_isolates,
)
from taraz.fa.cells import XLSX_OPTIONS, formula_safe
from taraz.fa.digits import ARABIC_DIGITS, PERSIAN_DIGITS, to_latin_digits, to_persian_digits
from taraz.fa.formatting import (
    MINUS_SIGN,
    PERSIAN_DECIMAL_SEPARATOR,
    PERSIAN_PERCENT_SIGN,
    PERSIAN_THOUSANDS_SEPARATOR,
    format_number,
    format_percent,
)
from taraz.fa.parsing import DECIMAL_SEPARATORS, THOUSANDS_SEPARATORS, parse_number
from taraz.fa.text import ARABIC_LETTERS, PERSIAN_LETTERS, ZWNJ, name_key, normalize_text

__all__ = [
    "ARABIC_DIGITS",
    "ARABIC_LETTERS",
    "DECIMAL_SEPARATORS",
    "FSI",
    "LRI",
    "MINUS_SIGN",
    "PDI",
    "PERSIAN_DECIMAL_SEPARATOR",
    "PERSIAN_DIGITS",
    "PERSIAN_LETTERS",
    "PERSIAN_PERCENT_SIGN",
    "PERSIAN_THOUSANDS_SEPARATOR",
    "RLI",
    "THOUSANDS_SEPARATORS",
    "XLSX_OPTIONS",
    "ZWNJ",
    "first_strong",
    "format_number",
    "format_percent",
    "formula_safe",
    "has_latin",
    "has_persian",
    "isolate",
    "isolate_latin",
    "name_key",
    "normalize_text",
    "parse_number",
    "strip_isolates",
    "to_latin_digits",
    "to_persian_digits",
]
