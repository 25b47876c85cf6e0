"""The code lists as Arrow tables, named and shaped as the warehouse loads them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa

from taraz.reference.sectors import sector_of

if TYPE_CHECKING:
    from taraz.reference.codelists import Reference


def reference_tables(ref: Reference) -> dict[str, pa.Table]:
    """`ref_hs`, `ref_hs_sections`, `ref_sectors`, `ref_sector_rules`, `ref_stages`, `ref_countries`,
    `ref_provinces`, `ref_customs_offices` and `ref_names` (kind, key, code)."""
    hs = list(ref.hs.values())
    return {
        "ref_hs": pa.table(
            {
                "code": [h.code for h in hs],
                "level": pa.array([h.level for h in hs], pa.int8()),
                "section": [h.section for h in hs],
                "parent": [h.parent or None for h in hs],
                "description_en": [h.description_en for h in hs],
                "description_fa": [h.description_fa or None for h in hs],
                "sector": [sector_of(ref.sector_rules, h.code) for h in hs],
            }
        ),
        "ref_hs_sections": _table(ref.sections.values(), ["section", "name_en", "name_fa"]),
        "ref_sectors": pa.table(
            {
                "code": [s.code for s in ref.sectors.values()],
                "name_fa": [s.name_fa for s in ref.sectors.values()],
                "name_en": [s.name_en for s in ref.sectors.values()],
                "sort_order": pa.array([s.order for s in ref.sectors.values()], pa.int32()),
            }
        ),
        "ref_sector_rules": _table(ref.sector_rules.values(), ["hs_prefix", "sector", "note"]),
        "ref_stages": pa.table(
            {
                "code": [s.code for s in ref.stages.values()],
                "name_fa": [s.name_fa for s in ref.stages.values()],
                "name_en": [s.name_en for s in ref.stages.values()],
                "sort_order": pa.array([s.order for s in ref.stages.values()], pa.int32()),
            }
        ),
        "ref_countries": _table(ref.countries.values(), ["code", "name_en", "name_fa"]),
        "ref_provinces": _table(ref.provinces.values(), ["code", "name_fa", "name_en"]),
        "ref_customs_offices": pa.table(
            {
                "code": [o.code for o in ref.customs_offices.values()],
                "name_fa": [o.name_fa for o in ref.customs_offices.values()],
                "name_en": [o.name_en for o in ref.customs_offices.values()],
                "province": [o.province for o in ref.customs_offices.values()],
                "city_fa": [o.city or None for o in ref.customs_offices.values()],
            }
        ),
        "ref_names": pa.table(
            {
                "kind": [kind for kind, index in ref.names.items() for _ in index],
                "key": [key for index in ref.names.values() for key in index],
                "code": [code for index in ref.names.values() for code in index.values()],
            }
        ),
    }


def _table(records, columns: list[str]) -> pa.Table:
    records = list(records)
    return pa.table({c: pa.array([getattr(r, c) for r in records], pa.string()) for c in columns})
