"""Writing numbers the way Persian and English releases print them."""

import math
from decimal import ROUND_HALF_UP, Context, Decimal

from taraz.fa.digits import to_persian_digits

PERSIAN_THOUSANDS_SEPARATOR = "٬"  # U+066C
PERSIAN_DECIMAL_SEPARATOR = "٫"  # U+066B
PERSIAN_PERCENT_SIGN = "٪"  # U+066A

LANGS = ("fa", "en")


def format_number(value: Decimal | int | float, lang: str = "fa", decimals: int = 0) -> str:
    """`1234.5` -> «۱٬۲۳۴٫۵» (fa) or "1,234.5" (en), rounded half-up to `decimals`."""
    text = f"{_rounded(value, decimals):,.{decimals}f}"
    return _localised(text, lang)


def format_percent(value: Decimal | int | float, lang: str = "fa", decimals: int = 1) -> str:
    """A percentage given in percent units: `12.5` -> «۱۲٫۵٪» (fa) or "12.5%" (en)."""
    sign = PERSIAN_PERCENT_SIGN if lang == "fa" else "%"
    return format_number(value, lang, decimals) + sign


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
