"""The records of the code lists and the shapes their codes must have."""

from __future__ import annotations

import re
from dataclasses import dataclass

from taraz.fa import to_latin_digits

HS_LEVELS = (2, 4, 6)
MAX_HS_DIGITS = 10  # Iran's tariff uses 8 digits; some national tariffs go to 10

# Code shapes, with how an error message describes them.
COUNTRY_CODE = (re.compile(r"[A-Z]{2}"), "ISO 3166-1 alpha-2, e.g. AE")
PROVINCE_CODE = (re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}"), "ISO 3166-2, e.g. IR-21")
OFFICE_CODE = (re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)+"), "letters and digits, e.g. IR21-YAZD")
SECTOR_CODE = (re.compile(r"[a-z][a-z0-9_]*"), "lowercase letters, e.g. mining")
SECTION_CODE = (re.compile(r"[IVXL]+"), "a roman numeral, e.g. XIII")
BEC_CODE = (re.compile(r"[1-7][0-9]{0,2}"), "a BEC rev. 4 basic category, e.g. 41 or 111")
HS6_CODE = (re.compile(r"[0-9]{6}"), "six digits, e.g. 690721")


@dataclass(frozen=True)
class HsCode:
    code: str
    level: int
    section: str
    parent: str  # "" for a chapter
    description_en: str
    description_fa: str  # "" where no Persian is written (headings and subheadings for now)


@dataclass(frozen=True)
class Section:
    section: str
    name_en: str
    name_fa: str


@dataclass(frozen=True)
class Sector:
    code: str
    name_fa: str
    name_en: str
    order: int


@dataclass(frozen=True)
class SectorRule:
    hs_prefix: str  # "" is the default rule
    sector: str
    note: str


@dataclass(frozen=True)
class Stage:
    """A stage of processing (raw, intermediate, consumer, capital; mixed, unallocated)."""

    code: str
    name_fa: str
    name_en: str
    order: int
    note: str = ""


@dataclass(frozen=True)
class BecCategory:
    """A basic category of the UN Broad Economic Categories (rev. 4) and its stage."""

    code: str
    name_en: str
    name_fa: str
    stage: str


@dataclass(frozen=True)
class Country:
    code: str
    name_en: str
    name_fa: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Province:
    code: str
    name_fa: str
    name_en: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CustomsOffice:
    code: str
    name_fa: str
    name_en: str
    province: str
    city: str  # Persian, "" if unknown
    aliases: tuple[str, ...] = ()


def clean_hs_code(text: str) -> str:
    """An HS code as digits: Persian digits, dots and spaces (`۶۹۰۷.۲۱`) are accepted.

    Raises ValueError for anything that is not digits once those are removed.
    """
    code = to_latin_digits(str(text)).strip().replace(".", "").replace(" ", "")
    if not code.isascii() or not code.isdigit():
        raise ValueError(f"not an HS code: {text!r}")
    return code


def is_hs_code(code: str, level: int) -> bool:
    return level in HS_LEVELS and len(code) == level and code.isascii() and code.isdigit()


def is_hs_prefix(prefix: str) -> bool:
    return prefix == "" or (len(prefix) <= MAX_HS_DIGITS and prefix.isascii() and prefix.isdigit())
