"""Reading numbers as Persian and Latin sources write them."""

import math
import re
from decimal import Context, Decimal

from taraz.fa.digits import to_latin_digits

THOUSANDS_SEPARATORS = ",٬'"
DECIMAL_SEPARATORS = ".٫/"
MINUS_SIGNS = "-\u2212"

# Bidi marks often wrap numbers copied out of Persian documents; they are invisible.
_INVISIBLE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_MANTISSA_CHARS = set("0123456789" + THOUSANDS_SEPARATORS + DECIMAL_SEPARATORS)
_GROUPED = re.compile(r"\d{1,3}(?:[,٬']\d{3})+")
_EXPONENT = re.compile(r"[+-]?\d+")
_MAX_EXPONENT = 50


def parse_number(s: str | int | float | Decimal | None) -> Decimal | None:
    """Read a number written with Persian/Arabic/Latin digits and separators; None if blank.

    Thousands separators `,` `٬` `'`; decimal separators `.` `٫` and the slash (`۲/۱۶۱` is
    2.161); a leading minus (`-` or U+2212) or parentheses for negatives; an exponent as
    spreadsheets export big numbers (`1.5E+9`). Anything else raises ValueError saying why.
    """
    if s is None:
        return None
    if isinstance(s, bool):
        raise TypeError(f"cannot read a bool as a number: {s!r}")
    if isinstance(s, int):
        return Decimal(s)
    if isinstance(s, float):
        if not math.isfinite(s):
            raise ValueError(f"cannot read {s!r} as a number: it is not finite")
        return Decimal(repr(s))
    if isinstance(s, Decimal):
        if not s.is_finite():
            raise ValueError(f"cannot read {s!r} as a number: it is not finite")
        return s
    if not isinstance(s, str):
        raise TypeError(f"cannot read a {type(s).__name__} as a number: {s!r}")
    text = to_latin_digits(_INVISIBLE.sub("", s)).strip()
    if not text:
        return None
    try:
        return _parse_text(text)
    except _Unreadable as e:
        raise ValueError(f"cannot read {s!r} as a number: {e}") from None


class _Unreadable(Exception):
    """Why a text is not a number (wrapped into ValueError with the text)."""


def _parse_text(text: str) -> Decimal:
    """Parse a stripped text with Latin digits."""
    negative = False
    body = text
    if body.startswith("(") and body.endswith(")"):
        negative = True
        body = body[1:-1].strip()
    if body[:1] in MINUS_SIGNS or body[:1] == "+":
        if negative:
            raise _Unreadable("it has both parentheses and a sign")
        negative = body[0] != "+"
        body = body[1:]
    mantissa, exponent = _split_exponent(body)
    int_part, frac_part = _split_decimal(mantissa)
    if int_part == "" and frac_part == "":
        raise _Unreadable("it has no digits")
    value = Decimal(f"{'-' if negative else ''}{int_part or '0'}.{frac_part}e{exponent}")
    if value.as_tuple().exponent > 0:  # 1.5E+3 -> 1500, so str() never shows an exponent
        value = value.quantize(Decimal(1), context=Context(prec=value.adjusted() + 1))
    return value.copy_abs() if value.is_zero() else value


def _split_exponent(body: str) -> tuple[str, str]:
    """Split `1.5e3` into mantissa and exponent, checking every character of the mantissa."""
    mantissa, e, exponent = body.replace("E", "e").partition("e")
    for ch in mantissa:
        if ch in "()":
            raise _Unreadable("parentheses must enclose the whole number")
        if ch in MINUS_SIGNS or ch == "+":
            raise _Unreadable("a sign may only stand at the start")
        if ch not in _MANTISSA_CHARS:
            raise _Unreadable(f"unexpected character {ch!r}")
    if not e:
        return mantissa, "0"
    if not _EXPONENT.fullmatch(exponent):
        raise _Unreadable(f"the exponent {exponent!r} is not a whole number")
    if abs(int(exponent)) > _MAX_EXPONENT:
        raise _Unreadable(f"the exponent {exponent} is out of range")
    return mantissa, exponent


def _split_decimal(mantissa: str) -> tuple[str, str]:
    """Split the mantissa into integer digits and fraction digits, removing grouping."""
    separators = [ch for ch in mantissa if ch in DECIMAL_SEPARATORS]
    if len(set(separators)) > 1:
        if "/" in separators:
            raise _Unreadable("it uses both a slash and a decimal point as decimal separators")
        raise _Unreadable("it uses two different decimal separators")
    if len(separators) > 1:
        raise _Unreadable("it has more than one decimal separator")
    int_part, sep, frac_part = mantissa, "", ""
    if separators:
        sep = separators[0]
        int_part, _, frac_part = mantissa.partition(sep)
    if any(ch in THOUSANDS_SEPARATORS for ch in frac_part):
        raise _Unreadable("a thousands separator comes after the decimal separator")
    if any(ch in THOUSANDS_SEPARATORS for ch in int_part):
        if not _GROUPED.fullmatch(int_part):
            raise _Unreadable("thousands separators must separate groups of three digits")
        int_part = "".join(ch for ch in int_part if ch.isdigit())
    if sep and not frac_part:
        raise _Unreadable(f"no digits after the decimal separator {sep!r}")
    if sep == "/" and not int_part:
        raise _Unreadable("no digits before the slash")
    return int_part, frac_part
