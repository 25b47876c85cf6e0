"""Persian, Arabic-Indic and Latin digits."""

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
_TO_PERSIAN = str.maketrans(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)


def to_latin_digits(s: str) -> str:
    """Replace Persian and Arabic-Indic digits with Latin ones; other characters stay."""
    return s.translate(_TO_LATIN)


def to_persian_digits(s: str) -> str:
    """Replace Latin and Arabic-Indic digits with Persian ones; other characters stay."""
    return s.translate(_TO_PERSIAN)
