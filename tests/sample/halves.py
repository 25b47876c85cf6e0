"""The first halves of 1403 and 1404 as date spans, and plain pyarrow sums over them."""

from decimal import Decimal

import pyarrow.compute as pc

from taraz.calendar import jalali_to_gregorian

H1_1404 = (jalali_to_gregorian(1404, 1, 1), jalali_to_gregorian(1404, 6, 31))
H1_1403 = (jalali_to_gregorian(1403, 1, 1), jalali_to_gregorian(1403, 6, 31))


def half_lines(table, flow, span, province="IR-21"):
    """The province's lines of one flow dated within the span."""
    mask = pc.and_(
        pc.and_(pc.equal(table["province"], province), pc.equal(table["flow"], flow)),
        pc.and_(pc.greater_equal(table["date"], span[0]), pc.less_equal(table["date"], span[1])),
    )
    return table.filter(mask)


def total(table, column) -> Decimal:
    return pc.sum(table[column]).as_py()
