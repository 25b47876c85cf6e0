"""Writing numbers the way Persian and English releases print them (docs/numbers.md).

Persian: Persian digits, «٬» between thousands, «٫» before decimals; a negative number with the
minus sign U+2212 immediately before its digits, a percentage with «٪» immediately after; a
signed number is one left-to-right unit (in a U+2066 ... U+2069 isolate), so that it reads
«−۳۵٫۷٪» with the minus on the left whatever the direction of the text around it.
"""

import math
from decimal import ROUND_HALF_UP, Context, Decimal

from taraz.fa.digits import to_persian_digits

PERSIAN_THOUSANDS_SEPARATOR = "٬"  # U+066C
PERSIAN_DECIMAL_SEPARATOR = "٫"  # U+066B
PERSIAN_PERCENT_SIGN = "٪"  # U+066A
MINUS_SIGN = "\u2212"  # a real minus, not the hyphen
LRI, PDI = "\u2066", "\u2069"  # left-to-right isolate: a signed number keeps its order

LANGS = ("fa", "en")


def format_number(value: Decimal | int | float, lang: str = "fa", decimals: int = 0) -> str:
    """`1234.5` -> «۱٬۲۳۴٫۵» (fa) or "1,234.5" (en), rounded half-up to `decimals`."""
    text = _localised(f"{_rounded(value, decimals):,.{decimals}f}", lang)
    return _signed(text, lang)


def format_percent(value: Decimal | int | float, lang: str = "fa", decimals: int = 1) -> str:
    """A percentage given in percent units: `12.5` -> «۱۲٫۵٪» (fa) or "12.5%" (en)."""
    sign = PERSIAN_PERCENT_SIGN if lang == "fa" else "%"
    text = _localised(f"{_rounded(value, decimals):,.{decimals}f}", lang) + sign
    return _signed(text, lang)


def _signed(text: str, lang: str) -> str:
    """A Persian negative: U+2212 before the digits, the whole number a left-to-right isolate."""
    if lang != "fa" or not text.startswith("-"):
        return text
    return f"{LRI}{MINUS_SIGN}{text[1:]}{PDI}"


def _rounded(value: Decimal | int | float, decimals: int) -> Decimal:
    """The value as a Decimal rounded half-up to `decimals` places, never `-0`."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        raise TypeError(f"cannot format a {type(value).__name__} as a number: {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"cannot format {value!r}: it is not finite")
    if decimals < 0:
        raise ValueError(f"decimals must be 0 or more, not {decimals}")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError(f"cannot format {value!r}: it is not finite")
    # Enough precision that quantize never fails on large amounts.
    context = Context(prec=max(28, number.adjusted() + decimals + 2), rounding=ROUND_HALF_UP)
    rounded = number.quantize(Decimal(1).scaleb(-decimals), context=context)
    return rounded.copy_abs() if rounded.is_zero() else rounded


def _localised(text: str, lang: str) -> str:
    """Swap Latin separators and digits for Persian ones when lang is "fa"."""
    if lang == "en":
        return text
    if lang != "fa":
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    text = text.translate(
        str.maketrans({",": PERSIAN_THOUSANDS_SEPARATOR, ".": PERSIAN_DECIMAL_SEPARATOR})
    )
    return to_persian_digits(text)
