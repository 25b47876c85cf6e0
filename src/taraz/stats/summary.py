"""What the warehouse holds: the live lines' count, value and weight by Jalali year and flow,
the largest exporting provinces of the latest year (`taraz summary`), and the span of the
data's dates (`/api/v1/status`, the dashboard's periods).

The engine returns exact sums by day; Jalali years are worked out from the days in Python, so
every backend (DuckDB, Spark) gives the same figures.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from taraz.calendar import gregorian_to_jalali, parse_period
from taraz.stats.live import active_batches, live_lines
from taraz.stats.query import EXPORTS
from taraz.warehouse.dimensions import FIRST_JALALI_YEAR, LAST_JALALI_YEAR

if TYPE_CHECKING:
    from taraz.stats.engine import Engine


class DataSpan(NamedTuple):
    """First and last day of the lines of the batches not reverted (None: no data yet)."""

    first: date | None
    last: date | None


def data_span(engine: Engine) -> DataSpan:
    """The first and last declaration dates the batches not reverted say they hold."""

    def build():
        batches = engine.table("batches")
        active = active_batches(engine)
        kept = batches.semi_join(active, batches.batch_id == active.batch_id)
        return kept.aggregate(first=kept.date_min.min(), last=kept.date_max.max())

    row = engine.run(("data-span",), build).to_pylist()[0]
    return DataSpan(row["first"], row["last"])


def warehouse_summary(
    engine: Engine, top: int = 5, as_of: datetime | None = None
) -> dict[str, Any]:
    """Totals of the lines live at `as_of` (now) by Jalali year and flow, and the `top`
    largest exporting provinces of the latest year."""
    days = engine.run(("summary-days", as_of), lambda: _by_day(engine, as_of)).to_pylist()
    years: dict[tuple[int, str], list[Any]] = {}
    for d in days:
        jy = gregorian_to_jalali(d["date"])[0]
        if not FIRST_JALALI_YEAR <= jy <= LAST_JALALI_YEAR:  # outside the date dimension
            continue
        acc = years.setdefault((jy, d["flow"]), [0, None, None])
        acc[0] += d["lines"]
        acc[1] = _add(acc[1], d["value_usd"])
        acc[2] = _add(acc[2], d["weight_kg"])
    provinces: list[dict[str, Any]] = []
    if years:
        latest = max(jy for jy, _ in years)
        provinces = engine.run(
            ("summary-provinces", as_of, latest, int(top)),
            lambda: _top_exporters(engine, as_of, latest, int(top)),
        ).to_pylist()
    active, total = _batch_counts(engine)
    return {
        "as_of": as_of.isoformat() if as_of else None,
        "batches_active": active,
        "batches_total": total,
        "by_year": [
            {"jalali_year": jy, "flow": flow, "lines": n, "value_usd": v, "weight_kg": w}
            for (jy, flow), (n, v, w) in sorted(years.items())
        ],
        "top_export_provinces": [
            {
                "province": p["province"],
                "name_fa": p["name_fa"],
                "name_en": p["name_en"],
                "jalali_year": latest,
                "value_usd": p["value_usd"],
            }
            for p in provinces
        ],
    }


def _by_day(engine: Engine, as_of: datetime | None):
    live = live_lines(engine, as_of)
    return live.group_by("flow", "date").aggregate(
        lines=live.count(), value_usd=live.value_usd.sum(), weight_kg=live.weight_kg.sum()
    )


def _top_exporters(engine: Engine, as_of: datetime | None, year: int, top: int):
    import ibis

    jalali_year = parse_period(str(year))
    live = live_lines(engine, as_of)
    exports = live.filter(
        live.flow == EXPORTS, live.date.between(jalali_year.start, jalali_year.end)
    )
    by_province = exports.group_by("province").aggregate(value_usd=exports.value_usd.sum())
    names = engine.table("ref_provinces")
    named = by_province.left_join(names, by_province.province == names.code).select(
        by_province.province, names.name_fa, names.name_en, by_province.value_usd
    )
    return named.order_by(ibis.desc("value_usd"), "province").limit(top)


def _batch_counts(engine: Engine) -> tuple[int, int]:
    def build():
        b = engine.table("batches")
        return b.aggregate(active=b.count(where=b.reverted_at.isnull()), total=b.count())

    row = engine.run(("batch-counts",), build).to_pylist()[0]
    return int(row["active"]), int(row["total"])


def _add(total: Decimal | None, value: Decimal | None) -> Decimal | None:
    """SQL's sum: NULLs add nothing, and only NULLs give NULL."""
    return total if value is None else value if total is None else total + value
