"""Persian and English names for the codes in the figures, read from the warehouse's code lists.

The code lists are data files a user may edit: the warehouse reloads them whenever it is opened
for writing and renews a stamp, so names read from a warehouse file are kept under the stamp
they were read at, and read again once it changes (other engines read them on every call). A
code the lists do not know keeps its code as its name; a missing code (no partner, no customs
office, no trader size) is "unspecified", never guessed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from taraz.calendar.months import month_names

if TYPE_CHECKING:
    from taraz.stats.engine import Engine

UNSPECIFIED_FA = "نامشخص"
UNSPECIFIED_EN = "Unspecified"
COUNTRY_FA = "کل کشور"
COUNTRY_EN = "Iran (whole country)"
# trader_size codes of the canonical line (ARCHITECTURE.md)
TRADER_SIZES = {
    "sme": ("بنگاه‌های کوچک و متوسط", "Small and medium enterprises"),
    "large": ("بنگاه‌های بزرگ", "Large enterprises"),
}
HS_DIGITS = {  # detail level of a tariff code
    2: ("فصل (۲ رقمی)", "Chapter (2 digits)"),
    4: ("سرفصل (۴ رقمی)", "Heading (4 digits)"),
    6: ("زیرسرفصل (۶ رقمی)", "Subheading (6 digits)"),
    8: ("ردیف تعرفه (۸ رقمی)", "Tariff line (8 digits)"),
    10: ("ردیف تعرفه (۱۰ رقمی)", "Tariff line (10 digits)"),
}

# kind -> (table, code column, Persian name column, English name column)
SOURCES = {
    "sector": ("ref_sectors", "code", "name_fa", "name_en"),
    "stage": ("ref_stages", "code", "name_fa", "name_en"),
    "section": ("ref_hs_sections", "section", "name_fa", "name_en"),
    "hs": ("ref_hs", "code", "description_fa", "description_en"),
    "country": ("ref_countries", "code", "name_fa", "name_en"),
    "province": ("ref_provinces", "code", "name_fa", "name_en"),
    "customs_office": ("ref_customs_offices", "code", "name_fa", "name_en"),
}


class Labels:
    """Names by kind and code."""

    def __init__(self, names: dict[str, dict[str, tuple[str | None, str | None]]]) -> None:
        self._names = names

    def of(self, kind: str, code: Any) -> dict[str, Any]:
        """{"name_fa", "name_en"} of a code of a kind ("sector", "hs", "country", ...)."""
        if code is None:
            return {"name_fa": UNSPECIFIED_FA, "name_en": UNSPECIFIED_EN}
        if kind == "trader_size":
            fa, en = TRADER_SIZES.get(code, (code, code))
        elif kind == "hs_digits":
            fa, en = HS_DIGITS.get(int(code), (f"{code}", f"{code} digits"))
        else:
            fa, en = self._names.get(kind, {}).get(code, (None, None))
        return {"name_fa": fa or en or str(code), "name_en": en or fa or str(code)}

    def province(self, code: str | None) -> dict[str, Any]:
        """A province, or the whole country for None."""
        if code is None:
            return {"code": None, "name_fa": COUNTRY_FA, "name_en": COUNTRY_EN}
        return {"code": code, **self.of("province", code)}

    def province_or_unspecified(self, code: str | None) -> dict[str, Any]:
        """A province, or "unspecified" for None (a line naming no customs office)."""
        return {"code": code, **self.of("province", code)}


KEPT_LABELS = 8  # sets of names kept (a stamp and the kinds asked); a bulletin asks one
_kept: OrderedDict[tuple[str, tuple[str, ...]], Labels] = OrderedDict()
_kept_lock = threading.Lock()


def fetch_labels(engine: Engine, kinds: Iterable[str] = tuple(SOURCES)) -> Labels:
    """The names of every code of `kinds`, in one query; on a warehouse file, kept for as long
    as its code lists are not reloaded (its `reference_stamp`, renewed with every reload)."""
    kinds = tuple(k for k in dict.fromkeys(kinds) if k in SOURCES)
    stamp = engine.reference_stamp() if kinds else None
    if stamp is None:
        return _read_labels(engine, kinds)
    key = (stamp, kinds)
    with _kept_lock:
        labels = _kept.get(key)
        if labels is not None:
            _kept.move_to_end(key)
            return labels
    labels = _read_labels(engine, kinds)
    with _kept_lock:
        _kept[key] = labels
        while len(_kept) > KEPT_LABELS:
            _kept.popitem(last=False)
    return labels


def _read_labels(engine: Engine, kinds: tuple[str, ...]) -> Labels:
    names: dict[str, dict[str, tuple[str | None, str | None]]] = {k: {} for k in kinds}
    if not kinds:
        return Labels(names)

    def build():
        import ibis

        pieces = []
        for kind in kinds:
            table, code, fa, en = SOURCES[kind]
            t = engine.table(table)
            pieces.append(
                t.select(
                    kind=ibis.literal(kind),
                    code=t[code].cast("string"),
                    name_fa=t[fa].cast("string"),
                    name_en=t[en].cast("string"),
                )
            )
        expr = pieces[0]
        for p in pieces[1:]:
            expr = expr.union(p, distinct=False)
        return expr

    table = engine.run(("labels", kinds), build)
    columns = [table.column(c).to_pylist() for c in ("kind", "code", "name_fa", "name_en")]
    for kind, code, fa, en in zip(*columns, strict=True):
        names[kind][code] = (fa, en)
    return Labels(names)


def month_label(calendar: str, label: str) -> dict[str, Any]:
    """{"month": "1404-03", "name_fa": "خرداد ۱۴۰۴"-style names} of a `YYYY-MM` label."""
    from taraz.fa import to_persian_digits

    year, month = int(label[:4]), int(label[5:7])
    fa = month_names(calendar, "fa")[month - 1]
    en = month_names(calendar, "en")[month - 1]
    return {
        "month": label,
        "name_fa": f"{fa} {to_persian_digits(str(year))}",
        "name_en": f"{en} {year}",
    }
