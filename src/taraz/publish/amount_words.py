"""Amounts in words, the way Persian and English statistical releases write them.

The rules (one for every amount, so a reader can trust the rounding):

- **Scale word.** An amount is written with the largest of هزار / میلیون / میلیارد
  (thousand / million / billion) that leaves a figure of at least 1: 401,234,567 dollars is
  «۴۰۱ میلیون دلار», 2,161,000 tonnes is «۲٫۱۶ میلیون تن», 130,000 tonnes is «۱۳۰ هزار تن».
- **Three significant figures**, never fewer than whole units, rounded half up, trailing zeros
  dropped: 401.23 million -> 401 million, 85.31 million -> 85.3 million, 2.161 million -> 2.16
  million, 2.1 million -> 2.1 million. A figure that rounds up to 1,000 takes the next scale
  word (999.6 thousand tonnes -> «۱ میلیون تن»).
- **"About".** «حدود» / "about" is written when the rounded amount differs from the exact one
  (`Amount.about`); `Amount.plain` never has it. A balance is written without it, as the seed
  statement writes «مثبت ۸۵ میلیون دلار».
- **Percentages** (growth, shares): one decimal below 10, whole numbers from 10 up (judged on
  the figure rounded to one decimal), trailing zero dropped: 12.4 -> ۱۲, 9.79 -> ۹٫۸,
  9.96 -> ۱۰, 5.41 -> ۵٫۴, 4.15 -> ۴٫۲, 0.04 -> ۰.
- **Growth** is a word and a figure: «رشد ۱۲ درصدی» / "up 12%", «کاهش ۵ درصدی» / "down 5%";
  a growth that rounds to zero is «بدون تغییر» / "unchanged".
- **Balance** is a sign word and an amount: «مثبت ۸۵ میلیون دلار» / "a surplus of 85 million
  dollars", «منفی ...» / "a deficit of ...", «صفر» / "zero".

Persian text has Persian digits, «٬» between thousands and «٫» before decimals (taraz.fa).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal

from taraz.fa import format_number

LANGS = ("fa", "en")
_CTX = Context(prec=40, rounding=ROUND_HALF_UP)
SIGNIFICANT = 3

# (factor, Persian word, English word), largest first
SCALES: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal(10) ** 9, "میلیارد", "billion"),
    (Decimal(10) ** 6, "میلیون", "million"),
    (Decimal(10) ** 3, "هزار", "thousand"),
    (Decimal(1), "", ""),
)
UNITS = {
    "usd": ("دلار", "dollars", "dollar"),
    "t": ("تن", "tonnes", "tonne"),
}
ABOUT = {"fa": "حدود", "en": "about"}


@dataclass(frozen=True)
class Amount:
    """An amount in words: `plain` («۴۰۱ میلیون دلار») and `about` («حدود ۴۰۱ میلیون دلار»
    when rounded, else the same as `plain`). Printed (`str`), it is `about`."""

    plain: str
    about: str
    rounded: bool

    def __str__(self) -> str:
        return self.about


def decimal(value: Decimal | int | float | str) -> Decimal:
    """A figure of the stats dict (a string of exact digits, or a number) as a Decimal."""
    if isinstance(value, bool) or value is None:
        raise TypeError(f"not an amount: {value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(str(value))


def amount(value: Decimal | int | float | str, unit: str, lang: str = "fa") -> Amount:
    """`401_234_567, "usd"` -> «حدود ۴۰۱ میلیون دلار» / "about 401 million dollars";
    `unit` is "usd" or "t" (tonnes). The sign is dropped: callers say it in words."""
    _check_lang(lang)
    exact = abs(decimal(value))
    figure, factor, word_fa, word_en = _scaled(exact)
    fa_unit, en_units, en_unit = UNITS[unit]
    number = _figure(figure, lang)
    if lang == "fa":
        plain = " ".join(p for p in (number, word_fa, fa_unit) if p)
    else:
        noun = en_unit if figure == 1 and not word_en else en_units
        plain = " ".join(p for p in (number, word_en, noun) if p)
    rounded = _CTX.multiply(figure, factor) != exact
    about = f"{ABOUT[lang]} {plain}" if rounded else plain
    return Amount(plain=plain, about=about, rounded=rounded)


def usd(value: Decimal | int | float | str, lang: str = "fa") -> Amount:
    """Dollars in words: «حدود ۴۰۱ میلیون دلار» / "about 401 million dollars"."""
    return amount(value, "usd", lang)


def tonnes(value: Decimal | int | float | str, lang: str = "fa") -> Amount:
    """Tonnes in words: «حدود ۲٫۱۶ میلیون تن» / "about 2.16 million tonnes"."""
    return amount(value, "t", lang)


def thousand_tonnes(value: Decimal | int | float | str, lang: str = "fa") -> str:
    """Tonnes as whole thousands, the unit customs releases use: «۲٬۱۶۱ هزار تن»."""
    _check_lang(lang)
    thousands = abs(decimal(value)).scaleb(-3)
    number = format_number(thousands, lang, 0)
    return f"{number} هزار تن" if lang == "fa" else f"{number} thousand tonnes"


def percent_figure(value: Decimal | int | float | str, lang: str = "fa") -> str:
    """A percentage figure without its sign: whole from 10 up, one decimal below:
    `12.4` -> «۱۲», `5.41` -> «۵٫۴», `-5` -> «۵»."""
    _check_lang(lang)
    x = abs(decimal(value))
    places = 0 if _round(x, 1) >= 10 else 1
    return _figure(_round(x, places), lang)


def percent(value: Decimal | int | float | str, lang: str = "fa") -> str:
    """A share: «۴۸٪» / "48%", «۴٫۲٪» / "4.2%" (sign kept)."""
    sign = "-" if decimal(value) < 0 and not _is_zero_percent(value) else ""
    mark = "٪" if lang == "fa" else "%"
    return f"{sign}{percent_figure(value, lang)}{mark}"


def growth(value: Decimal | int | float | str, lang: str = "fa") -> str:
    """Growth in words: `12.4` -> «رشد ۱۲ درصدی» / "up 12%"; `-5` -> «کاهش ۵ درصدی» /
    "down 5%"; a growth that rounds to zero -> «بدون تغییر» / "unchanged"."""
    _check_lang(lang)
    if _is_zero_percent(value):
        return "بدون تغییر" if lang == "fa" else "unchanged"
    figure = percent_figure(value, lang)
    if decimal(value) > 0:
        return f"رشد {figure} درصدی" if lang == "fa" else f"up {figure}%"
    return f"کاهش {figure} درصدی" if lang == "fa" else f"down {figure}%"


def balance(value: Decimal | int | float | str, sign: str | None = None, lang: str = "fa") -> str:
    """A trade balance: «مثبت ۸۵ میلیون دلار» / "a surplus of 85 million dollars",
    «منفی ۳۰ میلیون دلار» / "a deficit of 30 million dollars", «صفر» / "zero".
    `sign` is the stats figure's own ("surplus", "deficit", "even"); without it the value's."""
    _check_lang(lang)
    if sign is None:
        d = decimal(value)
        sign = "surplus" if d > 0 else "deficit" if d < 0 else "even"
    if sign == "even":
        return "صفر" if lang == "fa" else "zero"
    words = usd(value, lang).plain
    if sign == "surplus":
        return f"مثبت {words}" if lang == "fa" else f"a surplus of {words}"
    if sign == "deficit":
        return f"منفی {words}" if lang == "fa" else f"a deficit of {words}"
    raise ValueError(f"sign must be surplus, deficit or even, not {sign!r}")


def count(value: int | Decimal | str, lang: str = "fa") -> str:
    """A count with grouping: «۲٬۷۷۱» / "2,771"."""
    return format_number(decimal(value), lang, 0)


def _scaled(exact: Decimal) -> tuple[Decimal, Decimal, str, str]:
    """The rounded figure, its factor and scale words for an amount >= 0."""
    for i, (factor, word_fa, word_en) in enumerate(SCALES):
        if exact >= factor or factor == 1:
            figure = _significant(_CTX.divide(exact, factor))
            if figure >= 1000 and i > 0:
                factor, word_fa, word_en = SCALES[i - 1]
                figure = _significant(_CTX.divide(exact, factor))
            return figure, factor, word_fa, word_en
    raise AssertionError("unreachable")  # pragma: no cover


def _significant(x: Decimal) -> Decimal:
    """`x` rounded to three significant figures but never below whole units."""
    whole_digits = len(str(int(x))) if x >= 1 else 1
    return _round(x, max(0, SIGNIFICANT - whole_digits))


def _round(x: Decimal, places: int) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-places), context=_CTX)


def _figure(x: Decimal, lang: str) -> str:
    """A rounded Decimal with trailing zeros after the point dropped, localised."""
    places = max(0, -x.normalize().as_tuple().exponent) if x else 0
    return format_number(x, lang, places)


def _is_zero_percent(value: Decimal | int | float | str) -> bool:
    x = abs(decimal(value))
    return _round(x, 1) == 0


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
