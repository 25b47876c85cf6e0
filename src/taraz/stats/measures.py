"""Exact arithmetic on the engine's sums: tonnes, shares, growth, HHI, unit values.

Inputs are exact (DECIMAL sums of cents and grams); every derived figure is computed with
`decimal` at 40 significant digits and rounded once, half up, to a fixed number of places,
then written as a plain string ("1234.50", never "1.2345E+3"). So the same sums give the same
digits on every backend and machine.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal

_CTX = Context(prec=40, rounding=ROUND_HALF_UP)
PCT = Decimal("0.01")  # percentages: two decimals
HHI = Decimal("0.01")
UNIT_VALUE = Decimal("0.01")  # USD per tonne
THOUSAND = Decimal(1000)
HUNDRED = Decimal(100)
TEN_THOUSAND = Decimal(10000)


def text(d: Decimal | None) -> str | None:
    """A Decimal as plain text (no exponent), None as None."""
    return None if d is None else format(d, "f")


def usd(value: Decimal) -> str:
    """Dollars with their cents."""
    return format(value, "f")


def tonnes(kg: Decimal) -> str:
    """Kilograms as tonnes, exact (kg / 1000 moves the point: 1234.567 kg -> 1.234567 t)."""
    return format(kg.scaleb(-3), "f")


def share(part: Decimal, whole: Decimal) -> str | None:
    """part / whole as a percentage; None when the whole is zero."""
    if not whole:
        return None
    return text(_CTX.divide(_CTX.multiply(part, HUNDRED), whole).quantize(PCT, context=_CTX))


def growth(now: Decimal, before: Decimal) -> str | None:
    """(now - before) / before as a percentage; None when there is nothing to grow from."""
    if not before:
        return None
    change = _CTX.subtract(now, before)
    return text(_CTX.divide(_CTX.multiply(change, HUNDRED), before).quantize(PCT, context=_CTX))


def hhi(values: list[Decimal]) -> str | None:
    """Herfindahl-Hirschman index: sum of squared shares (in %) of the values, 0 to 10,000."""
    whole = sum(values, Decimal(0))
    if not whole:
        return None
    squares = sum((_CTX.multiply(v, v) for v in values), Decimal(0))
    index = _CTX.divide(_CTX.multiply(squares, TEN_THOUSAND), _CTX.multiply(whole, whole))
    return text(index.quantize(HHI, context=_CTX))


def usd_per_tonne(value: Decimal, kg: Decimal) -> str | None:
    """Unit value: dollars per tonne; None without weight."""
    if not kg or kg <= 0:
        return None
    per_t = _CTX.divide(_CTX.multiply(value, THOUSAND), kg)
    return text(per_t.quantize(UNIT_VALUE, context=_CTX))
