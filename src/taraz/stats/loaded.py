"""Whether anything is loaded for a query: a period with no data is "not loaded", never zero.

Every figure function asks this before computing (through `gather`), so the command line, the
dashboard and the API refuse the same query with the same code: `stats.future-period` for a
period that has not begun, `stats.nothing-loaded` for an empty warehouse, `stats.not-loaded`
when no month of the period is loaded for either flow (the message says what is loaded).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from taraz.calendar import format_jalali_date
from taraz.calendar.moments import local_zone
from taraz.errors import Localised, TarazError, message
from taraz.fa import to_persian_digits
from taraz.stats.live import active_batches
from taraz.stats.query import FLOWS

if TYPE_CHECKING:
    from taraz.stats.engine import Engine
    from taraz.stats.provenance import Coverage
    from taraz.stats.query import Query


def loaded_span(engine: Engine, as_of: datetime | None = None) -> tuple[date | None, date | None]:
    """The first and last day of the lines of the batches active at `as_of` (None: no data)."""

    def build(p=None):  # the moment bound (`p["as_of"]`) when there is one
        batches = engine.table("batches")
        moment = None if p is None else p["as_of"]
        live = batches.semi_join(active_batches(engine, moment), "batch_id")
        return live.aggregate(first=live.date_min.min(), last=live.date_max.max())

    params = None if as_of is None else {"as_of": as_of}
    row = engine.run(("loaded-span", as_of is None), build, params).to_pylist()[0]
    return row["first"], row["last"]


def require_loaded(engine: Engine, query: Query, coverage: Coverage, today: date | None = None):
    """Raise when the query's period has begun but nothing of it is loaded for either flow."""
    period = query.period
    today = today or datetime.now(local_zone()).date()
    if period.start > today:
        raise TarazError("stats.future-period", period=_label(period), start=_day(period.start))
    if any(len(coverage.missing_months(f, period)) < _months(period) for f in FLOWS):
        return
    first, last = loaded_span(engine, query.as_of)
    if first is None and query.as_of is not None:
        raise TarazError("stats.nothing-loaded-as-of", as_of=moment_label(query.as_of))
    if first is None:
        raise TarazError("stats.nothing-loaded")
    raise TarazError(
        "stats.not-loaded",
        place=_place(engine, query.province),
        period=_label(period),
        first=_day(first),
        last=_day(last),
        province=query.province,
        period_label=period.label,
    )


def moment_label(moment: datetime) -> Localised:
    """A moment as people read it: its Jalali day and local time, in Persian and English."""
    local = moment.astimezone(local_zone())
    clock = local.strftime("%H:%M")
    return Localised(
        f"{format_jalali_date(local.date(), 'fa')} ساعت {to_persian_digits(clock)}",
        f"{format_jalali_date(local.date(), 'en')} {clock}",
    )


def _months(period) -> int:
    from taraz.stats.facts import month_spans

    return len(list(month_spans(period)))


def _label(period) -> Localised:
    return Localised(period.label_fa(), period.label_en())


def _day(d: date) -> Localised:
    return Localised(format_jalali_date(d, "fa"), format_jalali_date(d, "en"))


def _place(engine: Engine, province: str | None) -> Localised:
    if province is None:
        return Localised(message("stats.place-country", "fa"), message("stats.place-country", "en"))

    def build(p):
        provinces = engine.table("ref_provinces")
        return provinces.filter(provinces.code == p["province"]).select("name_fa", "name_en")

    rows = engine.run(("province-name",), build, {"province": province}).to_pylist()
    names = rows[0] if rows else {"name_fa": province, "name_en": province}
    return Localised(
        message("stats.place-province", "fa", name=names["name_fa"]),
        message("stats.place-province", "en", name=names["name_en"]),
    )
