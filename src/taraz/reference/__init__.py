"""Code lists as data files: HS, sectors, countries, provinces and customs offices; the flows.

`load_reference()` gives a `Reference` with lookups by code or by Persian/English name; users
add or replace rows with files of the same names in `$TARAZ_REFERENCE_DIR` or
`~/.config/taraz/reference`.
"""

from taraz.reference.codelists import Reference
from taraz.reference.codes import (
    Country,
    CustomsOffice,
    HsCode,
    Province,
    Section,
    Sector,
    SectorRule,
    clean_hs_code,
)
from taraz.reference.errors import DataProblem, ReferenceDataError
from taraz.reference.flows import Flow
from taraz.reference.loading import ENV_VAR, clear_cache, default_dirs, load_reference
from taraz.reference.names import KINDS

__all__ = [
    "ENV_VAR",
    "KINDS",
    "Country",
    "CustomsOffice",
    "DataProblem",
    "Flow",
    "HsCode",
    "Province",
    "Reference",
    "ReferenceDataError",
    "Section",
    "Sector",
    "SectorRule",
    "clean_hs_code",
    "clear_cache",
    "default_dirs",
    "load_reference",
]
