"""The figures the web shows and serves, from `taraz.stats` and nowhere else.

A selection's figures are computed by `taraz.stats.bulletin_figures`, the function behind
`taraz report --format json`, so the dashboard, the API and the CLI agree by construction. A
result is kept for the data version it was computed on (the batches loaded and reverted): a
new batch or a revert makes every kept result stale at once. A computation passes the gate
(`taraz.web.gate`): threads asking for the same uncomputed figures wait for one computation,
a bounded number run at once, each charged to the address that asked.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings

from taraz.errors import UsageError
from taraz.reference import Flow, load_reference
from taraz.web.gate import gate
from taraz.web.hub import DataVersion, hub
from taraz.web.selection import Selection


class FigureCache:
    """Results by key, least recently used dropped first. A result not kept yet is computed
    through the gate (`taraz.web.gate`): once however many threads ask at the same time,
    a bounded number at once, charged to the address that asked."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def _kept(self, key: Hashable) -> tuple[bool, Any]:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return True, self._items[key]
        return False, None

    def _keep(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self.misses += 1
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get(self, key: Hashable, compute: Callable[[], Any], kind: str = "selection") -> Any:
        """The result of `key`, computed by `compute` (a computation of `kind`) if not kept."""
        found, value = self._kept(key)
        if found:
            return value
        return gate().run(
            key,
            kind,
            compute,
            keep=lambda v: self._keep(key, v),
            kept=lambda: self._kept(key),
        )

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_cache: FigureCache | None = None


def cache() -> FigureCache:
    global _cache
    if _cache is None:
        _cache = FigureCache(settings.TARAZ_FIGURE_CACHE)
    return _cache


def data_version() -> DataVersion:
    return hub().version()


def bulletin(selection: Selection, version: DataVersion | None = None) -> dict[str, Any]:
    """Every figure of the selection: `taraz.stats.bulletin_figures`."""
    from taraz.stats import bulletin_figures

    version = version or data_version()
    return cache().get(
        ("bulletin", selection.key, version.tag),
        lambda: bulletin_figures(hub().engine(), selection.query),
    )


def top(selection: Selection, n: int, version: DataVersion | None = None) -> dict[str, Any]:
    """The n largest products, destinations, origins and sectors: `taraz.stats.top_n`."""
    if n == 10:
        return bulletin(selection, version)["top"]
    from taraz.stats import top_n

    version = version or data_version()
    return cache().get(
        ("top", selection.key, n, version.tag), lambda: top_n(hub().engine(), selection.query, n)
    )


def breakdown(
    selection: Selection, dimension: str, flow: str, version: DataVersion | None = None
) -> list[dict[str, Any]]:
    """Items of one breakdown (`taraz.stats` DIMENSIONS) for a flow, largest first."""
    flow_name = Flow(flow).key
    return bulletin(selection, version)["breakdowns"][flow_name][dimension]


def dimensions() -> tuple[str, ...]:
    from taraz.stats import DIMENSIONS

    return tuple(DIMENSIONS)


def partner_filter_supported() -> bool:
    """Whether `taraz.stats.Query` can be narrowed to one partner country."""
    from taraz.stats import Query

    return "partner" in getattr(Query, "__dataclass_fields__", {})


def partner_breakdown(
    selection: Selection,
    partner: str,
    flow: str,
    dimension: str,
    version: DataVersion | None = None,
) -> list[dict[str, Any]] | None:
    """A breakdown of the selection narrowed to one partner country (products to Iraq...),
    when `taraz.stats` can narrow a query to a partner; None until it can."""
    if not partner_filter_supported():
        return None
    from dataclasses import replace

    from taraz.stats import bulletin_figures

    version = version or data_version()
    query = replace(selection.query, partner=partner)
    fig = cache().get(
        ("bulletin", selection.key, ("partner", partner), version.tag),
        lambda: bulletin_figures(hub().engine(), query),
    )
    return fig["breakdowns"][Flow(flow).key][dimension]


def partner_items(
    selection: Selection, dimension: str, flow: str, partner: str, version: DataVersion | None
) -> list[dict[str, Any]]:
    """A breakdown of the selection narrowed to one partner country (stats must support it)."""
    ref = load_reference()
    code = ref.find_country(partner)
    if code is None:
        raise UsageError("query.unknown-country", parameter="partner", value=partner)
    if not partner_filter_supported():
        raise UsageError("query.partner-filter-unsupported", parameter="partner")
    return partner_breakdown(selection, code, flow, dimension, version)


def partner_products(
    selection: Selection, partner: str, flow: str, version: DataVersion | None = None
) -> list[dict[str, Any]] | None:
    """The products (HS6) traded with one partner; None until stats can say."""
    return partner_breakdown(selection, partner, flow, "hs6", version)


def trader(card_number: str, version: DataVersion | None = None) -> dict[str, Any]:
    """One firm's own exports by its commercial card (`taraz.stats.trader_figures`, over the
    last four quarters wholly loaded). Never public: only the exporter's profile, which only
    the firm's people and the organization's staff reach, may ask for it."""
    from taraz.stats import trader_figures

    version = version or data_version()
    return cache().get(
        ("trader", card_number, version.tag),
        lambda: trader_figures(hub().engine(), card_number),
    )


def workshop_outcomes(
    day, cards: tuple[str, ...], version: DataVersion | None = None
) -> dict[str, Any]:
    """Whether a workshop's attendees went on to export (`taraz.stats.workshop_outcomes`), by
    their commercial cards: the organization's staff only (the event's staff page)."""
    from taraz.stats import workshop_outcomes as outcomes

    version = version or data_version()
    return cache().get(
        ("workshop-outcomes", day, cards, version.tag),
        lambda: outcomes(hub().engine(), day, cards),
    )


def pooled_outcomes(
    workshops: tuple[tuple[Any, tuple[str, ...]], ...], version: DataVersion | None = None
) -> dict[str, Any]:
    """Several workshops' outcomes together (`taraz.stats.pooled_outcomes`): the public
    aggregate, groups of at least 5 (workshop, firm) pairs only."""
    from taraz.stats import pooled_outcomes as pooled

    version = version or data_version()
    return cache().get(
        ("pooled-outcomes", workshops, version.tag),
        lambda: pooled(hub().engine(), workshops),
    )


def in_sector(items: list[dict[str, Any]], dimension: str, sector: str) -> list[dict[str, Any]]:
    """The items of an HS breakdown that lie wholly in `sector`: `taraz.stats.in_sector`, with
    the request's sector and level checked."""
    from taraz.stats import SECTOR_LEVELS
    from taraz.stats import in_sector as stats_in_sector

    if dimension not in SECTOR_LEVELS:
        raise UsageError(
            "query.sector-filter-dimension",
            parameter="sector",
            dimension=dimension,
            choices=", ".join(SECTOR_LEVELS),
        )
    ref = load_reference()
    if sector not in ref.sectors:
        raise UsageError(
            "stats.unknown-sector",
            parameter="sector",
            sector=sector,
            choices=", ".join(ref.sectors),
        )
    return stats_in_sector(items, dimension, sector, ref)


BULLETIN_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def bulletin_formats() -> tuple[str, ...]:
    """The bulletin documents `taraz.publish` can make here."""
    try:
        from taraz.publish.documents import render_document  # noqa: F401
    except ImportError:  # pragma: no cover - publish not installed
        return ()
    return tuple(BULLETIN_TYPES)


def bulletin_document(selection: Selection, fmt: str, lang: str) -> tuple[bytes, str, str]:
    """The bulletin of the selection as `fmt` (pdf, xlsx): body, content type, file name. The
    document is rendered in a child process (`taraz.web.documents`)."""
    from taraz.publish.documents import default_filename
    from taraz.web.documents import render

    version = data_version()
    fig = bulletin(selection, version)
    body = cache().get(
        ("document", selection.key, fmt, lang, version.tag),
        lambda: render(fig, fmt, lang),
        kind=fmt,
    )
    return body, BULLETIN_TYPES[fmt], default_filename(fig, fmt, lang)
