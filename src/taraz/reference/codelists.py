"""`Reference`: the loaded code lists and the lookups every package uses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from taraz.reference.codes import (
    HS_LEVELS,
    BecCategory,
    Country,
    CustomsOffice,
    HsCode,
    Province,
    Section,
    Sector,
    SectorRule,
    Stage,
    clean_hs_code,
)
from taraz.reference.names import find
from taraz.reference.sectors import sector_of
from taraz.reference.stages import stage_of

if TYPE_CHECKING:
    import pyarrow as pa

LANGS = ("fa", "en")


@dataclass(frozen=True, eq=False)
class Reference:
    """HS codes, sections, sectors and their rules, countries, provinces and customs offices.

    Every mapping is read-only and keyed by code; `names` maps each kind (`country`,
    `province`, `customs_office`) to {name_key: code}. Build it with `load_reference()`.
    """

    hs: Mapping[str, HsCode]
    sections: Mapping[str, Section]
    sectors: Mapping[str, Sector]  # in report order
    sector_rules: Mapping[str, SectorRule]  # by HS prefix
    countries: Mapping[str, Country]
    provinces: Mapping[str, Province]
    customs_offices: Mapping[str, CustomsOffice]
    names: Mapping[str, Mapping[str, str]]
    stages: Mapping[str, Stage]  # stages of processing, in report order
    bec: Mapping[str, BecCategory]  # BEC rev. 4 basic categories
    hs_bec: Mapping[str, tuple[str, ...]]  # HS 2022 subheading -> its BEC categories

    def sector_of(self, hs_code: str) -> str:
        """The sector code of an HS code of any length (longest matching rule prefix)."""
        return sector_of(self.sector_rules, hs_code)

    def stage_of(self, hs_code: str) -> str:
        """The stage of processing of an HS code (taraz.reference.stages says how)."""
        return stage_of(self.hs_bec, self.bec, hs_code)

    def hs_label(self, code: str, lang: str = "fa") -> str:
        """The description of an HS code, or of its longest known prefix (6, 4 or 2 digits).

        Persian falls back to English where no Persian is written yet; an unknown code
        gives the code itself, so a label never fails.
        """
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
        digits = clean_hs_code(code)
        for level in reversed(HS_LEVELS):
            record = self.hs.get(digits[:level]) if len(digits) >= level else None
            if record is not None:
                if lang == "fa" and record.description_fa:
                    return record.description_fa
                return record.description_en
        return digits

    def find_country(self, text: str | None) -> str | None:
        """The ISO alpha-2 code of a country given by code, Persian or English name or alias."""
        return find(self.names["country"], text)

    def find_province(self, text: str | None) -> str | None:
        """The ISO 3166-2 code of a province given by code, Persian or English name or alias."""
        return find(self.names["province"], text)

    def find_customs_office(self, text: str | None) -> str | None:
        """The code of a customs office given by code, Persian or English name or alias."""
        return find(self.names["customs_office"], text)

    def tables(self) -> dict[str, pa.Table]:
        """The code lists as Arrow tables for the warehouse (`ref_hs`, ..., `ref_names`)."""
        from taraz.reference.arrow_tables import reference_tables  # pyarrow only when needed

        return reference_tables(self)
