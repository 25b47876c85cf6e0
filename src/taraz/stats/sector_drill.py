"""Which HS codes lie wholly in a sector: the drill-down from a sector to its chapters,
headings and subheadings.

A code lies wholly in a sector when the sector rule (`taraz.reference`: the longest matching HS
prefix decides) gives it that sector and no longer rule under it gives another, so that every
tariff code it stands for is the sector's. The figures by sector read the same rule (the
warehouse's `dim_product.sector` is `Reference.sector_of`), so what a sector holds whole adds up
to no more than the sector.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from taraz.reference import Reference, load_reference

SECTOR_LEVELS = {"hs2": 2, "hs4": 4, "hs6": 6}  # the HS breakdowns a sector drills into


def in_sector(
    items: Iterable[dict[str, Any]], dimension: str, sector: str, ref: Reference | None = None
) -> list[dict[str, Any]]:
    """The items of an HS breakdown (`hs2`, `hs4`, `hs6`) whose codes lie wholly in `sector`,
    in their order; the unspecified code (None) never does."""
    if dimension not in SECTOR_LEVELS:
        raise ValueError(f"dimension must be one of {list(SECTOR_LEVELS)}, not {dimension!r}")
    ref = ref or load_reference()
    under = _sectors_under(ref, SECTOR_LEVELS[dimension])
    return [
        item
        for item in items
        if item["code"] is not None
        and ref.sector_of(item["code"]) == sector
        and under.get(item["code"], set()) <= {sector}
    ]


def shared_chapters(sector: str, ref: Reference | None = None) -> list[str]:
    """The chapters `sector` shares with another sector (a longer rule gives part of the
    chapter to one of them), in code order: the drill-down shows them by heading."""
    ref = ref or load_reference()
    shared = []
    for chapter, longer in _sectors_under(ref, 2).items():
        sectors = longer | {ref.sector_of(chapter)}
        if sector in sectors and len(sectors) > 1:
            shared.append(chapter)
    return sorted(shared)


def _sectors_under(ref: Reference, digits: int) -> dict[str, set[str]]:
    """code of `digits` digits -> the sectors of the rules longer than it that lie under it."""
    out: dict[str, set[str]] = {}
    for prefix, rule in ref.sector_rules.items():
        if len(prefix) > digits:
            out.setdefault(prefix[:digits], set()).add(rule.sector)
    return out
