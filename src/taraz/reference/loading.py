"""Loading the code lists: packaged files, then the user's, checked row by row and as a whole."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from taraz.reference import data_files
from taraz.reference.codelists import Reference
from taraz.reference.codes import (
    BEC_CODE,
    COUNTRY_CODE,
    HS6_CODE,
    OFFICE_CODE,
    PROVINCE_CODE,
    SECTION_CODE,
    SECTOR_CODE,
    BecCategory,
    Country,
    CustomsOffice,
    HsCode,
    Province,
    Section,
    Sector,
    SectorRule,
    Stage,
    is_hs_code,
    is_hs_prefix,
)
from taraz.reference.data_files import Row
from taraz.reference.errors import DataProblem, ReferenceDataError
from taraz.reference.names import KINDS, find, name_index

ENV_VAR = "TARAZ_REFERENCE_DIR"
CONFIG_DIR = Path("~/.config/taraz/reference")


def load_reference(
    extra_dirs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None,
) -> Reference:
    """The code lists: packaged files merged with the user's files of the same names.

    `extra_dirs` (highest priority first) default to the directories in `$TARAZ_REFERENCE_DIR`
    (separated by os.pathsep), then `~/.config/taraz/reference` if it exists. A user row with
    an existing code replaces it; a new code is added. Raises ReferenceDataError listing every
    problem. Cached until one of the files changes.
    """
    if isinstance(extra_dirs, str | os.PathLike):
        extra_dirs = [extra_dirs]
    dirs = default_dirs() if extra_dirs is None else [Path(d).expanduser() for d in extra_dirs]
    return _load(tuple(dirs), _signature(dirs))


def find_province(text: str | None) -> str | None:
    """The ISO 3166-2 code of a province given by code, Persian or English name or alias, read
    from the provinces file alone (the packaged one and the user's), so that a command's options
    are checked without loading every code list. Any problem in that file is reported as
    `load_reference` reports it."""
    dirs = default_dirs()
    index = _province_names(tuple(dirs), _signature(dirs))
    if index is None:
        return load_reference().find_province(text)  # raises the file's problems
    return find(index, text)


@lru_cache(maxsize=4)
def _province_names(
    dirs: tuple[Path, ...], signature: tuple[object, ...]
) -> Mapping[str, str] | None:
    problems: list[DataProblem] = []
    if any(not d.is_dir() for d in dirs):
        return None
    rows = data_files.layered_rows(data_files.PROVINCES, dirs, problems)
    index = name_index(_provinces(rows, problems), rows, problems)
    return None if problems else MappingProxyType(index)


def default_dirs() -> list[Path]:
    """The user's reference directories, highest priority first."""
    listed = os.environ.get(ENV_VAR, "").split(os.pathsep)
    dirs = [Path(d.strip()).expanduser() for d in listed if d.strip()]
    config = CONFIG_DIR.expanduser()
    if config.is_dir():
        dirs.append(config)
    return dirs


def clear_cache() -> None:
    """Forget loaded code lists (they also reload by themselves when a file changes)."""
    _load.cache_clear()
    _province_names.cache_clear()


def _signature(dirs: Sequence[Path]) -> tuple[object, ...]:
    """What changes when a user edits, adds or removes a file: the cache key with the dirs."""
    stamps: list[object] = []
    for directory in dirs:
        for spec in data_files.SPECS:
            try:
                stat = (directory / spec.name).stat()
            except OSError:
                stamps.append(None)
            else:
                stamps.append((stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


@lru_cache(maxsize=16)
def _load(dirs: tuple[Path, ...], signature: tuple[object, ...]) -> Reference:
    problems = [DataProblem("reference.missing-dir", str(d)) for d in dirs if not d.is_dir()]
    if problems:
        raise ReferenceDataError(problems)
    rows = {spec.name: data_files.layered_rows(spec, dirs, problems) for spec in data_files.SPECS}
    sections = _sections(rows[data_files.HS_SECTIONS.name], problems)
    hs = _hs(rows[data_files.HS.name], sections, problems)
    sectors = _sectors(rows[data_files.SECTORS.name], problems)
    rules = _sector_rules(rows[data_files.SECTOR_RULES.name], sectors, problems)
    countries = _countries(rows[data_files.COUNTRIES.name], problems)
    provinces = _provinces(rows[data_files.PROVINCES.name], problems)
    offices = _customs_offices(rows[data_files.CUSTOMS_OFFICES.name], provinces, problems)
    stages = _stages(rows[data_files.STAGES.name], problems)
    bec = _bec(rows[data_files.BEC.name], stages, problems)
    hs_bec = _hs_bec(rows[data_files.HS_BEC.name], bec, problems)
    lists = {
        "country": (countries, rows[data_files.COUNTRIES.name]),
        "province": (provinces, rows[data_files.PROVINCES.name]),
        "customs_office": (offices, rows[data_files.CUSTOMS_OFFICES.name]),
    }
    names = {kind: MappingProxyType(name_index(*lists[kind], problems=problems)) for kind in KINDS}
    if problems:
        raise ReferenceDataError(problems)
    return Reference(
        hs=MappingProxyType(hs),
        sections=MappingProxyType(sections),
        sectors=MappingProxyType(dict(sorted(sectors.items(), key=lambda s: s[1].order))),
        sector_rules=MappingProxyType(dict(sorted(rules.items()))),
        countries=MappingProxyType(countries),
        provinces=MappingProxyType(provinces),
        customs_offices=MappingProxyType(offices),
        names=MappingProxyType(names),
        stages=MappingProxyType(dict(sorted(stages.items(), key=lambda s: s[1].order))),
        bec=MappingProxyType(bec),
        hs_bec=MappingProxyType(hs_bec),
    )


# --- one builder per file: rows -> records, every problem recorded ---------------------------


def _sections(rows: Mapping[str, Row], problems: list[DataProblem]) -> dict[str, Section]:
    out = {}
    for key, row in rows.items():
        if _filled(row, ("section", "name_en", "name_fa"), problems) and _shaped(
            row, "section", SECTION_CODE, problems
        ):
            out[key] = Section(key, row["name_en"], row["name_fa"])
    return out


def _hs(
    rows: Mapping[str, Row], sections: Mapping[str, Section], problems: list[DataProblem]
) -> dict[str, HsCode]:
    out = {}
    for code, row in rows.items():
        if not _filled(row, ("code", "level", "section", "description_en"), problems):
            continue
        level = row["level"]
        if not (level.isdigit() and is_hs_code(code, int(level))):
            problems.append(_problem("reference.bad-hs-code", row, "code", code))
            continue
        if row["section"] not in sections:
            problems.append(_problem("reference.unknown-section", row, "section", row["section"]))
            continue
        record = HsCode(
            code,
            int(level),
            row["section"],
            row["parent"],
            row["description_en"],
            row["description_fa"],
        )
        out[code] = record
    for code, record in out.items():
        expected = code[:-2]
        if record.parent != expected or (expected and expected not in out):
            problems.append(
                _problem("reference.unknown-parent", rows[code], "parent", record.parent)
            )
    return out


def _sectors(rows: Mapping[str, Row], problems: list[DataProblem]) -> dict[str, Sector]:
    out = {}
    for code, row in rows.items():
        if not _filled(row, ("code", "name_fa", "name_en", "sort_order"), problems):
            continue
        if not _shaped(row, "code", SECTOR_CODE, problems):
            continue
        if not re.fullmatch(r"-?\d+", row["sort_order"]):
            problems.append(_problem("reference.bad-number", row, "sort_order", row["sort_order"]))
            continue
        out[code] = Sector(code, row["name_fa"], row["name_en"], int(row["sort_order"]))
    return out


def _sector_rules(
    rows: Mapping[str, Row], sectors: Mapping[str, Sector], problems: list[DataProblem]
) -> dict[str, SectorRule]:
    out = {}
    for prefix, row in rows.items():
        if not is_hs_prefix(prefix):
            problems.append(_problem("reference.bad-hs-prefix", row, "hs_prefix", prefix))
        elif row["sector"] not in sectors:
            problems.append(_problem("reference.unknown-sector", row, "sector", row["sector"]))
        else:
            out[prefix] = SectorRule(prefix, row["sector"], row["note"])
    if "" not in rows:
        packaged = str(data_files.PACKAGED_DIR / data_files.SECTOR_RULES.name)
        problems.append(DataProblem("reference.missing-default-rule", packaged))
    return out


def _countries(rows: Mapping[str, Row], problems: list[DataProblem]) -> dict[str, Country]:
    out = {}
    for code, row in rows.items():
        if _filled(row, ("code", "name_en", "name_fa"), problems) and _shaped(
            row, "code", COUNTRY_CODE, problems
        ):
            out[code] = Country(code, row["name_en"], row["name_fa"], data_files.aliases(row))
    return out


def _provinces(rows: Mapping[str, Row], problems: list[DataProblem]) -> dict[str, Province]:
    out = {}
    for code, row in rows.items():
        if _filled(row, ("code", "name_fa", "name_en"), problems) and _shaped(
            row, "code", PROVINCE_CODE, problems
        ):
            out[code] = Province(code, row["name_fa"], row["name_en"], data_files.aliases(row))
    return out


def _customs_offices(
    rows: Mapping[str, Row], provinces: Mapping[str, Province], problems: list[DataProblem]
) -> dict[str, CustomsOffice]:
    out = {}
    for code, row in rows.items():
        if not _filled(row, ("code", "name_fa", "name_en", "province"), problems):
            continue
        if not _shaped(row, "code", OFFICE_CODE, problems):
            continue
        if row["province"] not in provinces:
            problems.append(
                _problem("reference.unknown-province", row, "province", row["province"])
            )
            continue
        out[code] = CustomsOffice(
            code,
            row["name_fa"],
            row["name_en"],
            row["province"],
            row["city_fa"],
            data_files.aliases(row),
        )
    return out


def _stages(rows: Mapping[str, Row], problems: list[DataProblem]) -> dict[str, Stage]:
    out = {}
    for code, row in rows.items():
        if not _filled(row, ("code", "name_fa", "name_en", "sort_order"), problems):
            continue
        if not _shaped(row, "code", SECTOR_CODE, problems):
            continue
        if not re.fullmatch(r"-?\d+", row["sort_order"]):
            problems.append(_problem("reference.bad-number", row, "sort_order", row["sort_order"]))
            continue
        out[code] = Stage(code, row["name_fa"], row["name_en"], int(row["sort_order"]), row["note"])
    for needed in ("mixed", "unallocated"):
        if needed not in out:
            packaged = str(data_files.PACKAGED_DIR / data_files.STAGES.name)
            problems.append(DataProblem("reference.missing-value", packaged, None, "code", needed))
    return out


def _bec(
    rows: Mapping[str, Row], stages: Mapping[str, Stage], problems: list[DataProblem]
) -> dict[str, BecCategory]:
    out = {}
    for code, row in rows.items():
        if not _filled(row, ("code", "name_en", "name_fa", "stage"), problems):
            continue
        if not _shaped(row, "code", BEC_CODE, problems):
            continue
        if row["stage"] not in stages:
            problems.append(_problem("reference.unknown-stage", row, "stage", row["stage"]))
            continue
        out[code] = BecCategory(code, row["name_en"], row["name_fa"], row["stage"])
    return out


def _hs_bec(
    rows: Mapping[str, Row], bec: Mapping[str, BecCategory], problems: list[DataProblem]
) -> dict[str, tuple[str, ...]]:
    out = {}
    for code, row in rows.items():
        if not (_filled(row, ("hs6", "bec"), problems) and _shaped(row, "hs6", HS6_CODE, problems)):
            continue
        categories = tuple(c.strip() for c in row["bec"].split("|") if c.strip())
        unknown = [c for c in categories if c not in bec]
        if unknown:
            problems.append(_problem("reference.unknown-bec", row, "bec", "|".join(unknown)))
            continue
        out[code] = categories
    return out


def _problem(code: str, row: Row, column: str, value: str | None, detail: str = "") -> DataProblem:
    return DataProblem(code, row.file, row.line, column, value, detail)


def _filled(row: Row, columns: Sequence[str], problems: list[DataProblem]) -> bool:
    missing = [c for c in columns if not row[c]]
    problems += [_problem("reference.missing-value", row, c, None) for c in missing]
    return not missing


def _shaped(
    row: Row, column: str, shape: tuple[re.Pattern[str], str], problems: list[DataProblem]
) -> bool:
    pattern, described = shape
    if pattern.fullmatch(row[column]):
        return True
    problems.append(_problem("reference.bad-code", row, column, row[column], described))
    return False
