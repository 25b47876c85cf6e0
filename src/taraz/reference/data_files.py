"""The reference data files: their names and columns, reading them, and layering user files."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from taraz.reference.errors import DataProblem

PACKAGED_DIR = Path(__file__).with_name("data")


@dataclass(frozen=True)
class FileSpec:
    """One code list file: its name, key column, columns, and which columns are case-folded."""

    name: str
    key: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    upper: tuple[str, ...] = ()  # codes matched case-insensitively are stored in upper case
    lower: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column a file may have; `note` is allowed everywhere, for the user's remarks."""
        return (*self.required, *self.optional, *(() if "note" in self.optional else ("note",)))


HS_SECTIONS = FileSpec(
    "hs_sections.csv", "section", ("section", "name_en", "name_fa"), upper=("section",)
)
HS = FileSpec(
    "hs.csv",
    "code",
    ("code", "level", "section", "parent", "description_en"),
    ("description_fa",),
    upper=("section",),
)
SECTORS = FileSpec(
    "sectors.csv", "code", ("code", "name_fa", "name_en", "sort_order"), lower=("code",)
)
SECTOR_RULES = FileSpec(
    "sector_rules.csv", "hs_prefix", ("hs_prefix", "sector"), ("note",), lower=("sector",)
)
COUNTRIES = FileSpec(
    "countries.csv", "code", ("code", "name_en", "name_fa"), ("aliases",), upper=("code",)
)
PROVINCES = FileSpec(
    "provinces.csv", "code", ("code", "name_fa", "name_en"), ("aliases",), upper=("code",)
)
CUSTOMS_OFFICES = FileSpec(
    "customs_offices.csv",
    "code",
    ("code", "name_fa", "name_en", "province"),
    ("city_fa", "aliases"),
    upper=("code", "province"),
)
STAGES = FileSpec(
    "stages.csv", "code", ("code", "name_fa", "name_en", "sort_order"), ("note",), lower=("code",)
)
BEC = FileSpec("bec.csv", "code", ("code", "name_en", "name_fa", "stage"), lower=("stage",))
HS_BEC = FileSpec("hs_bec.csv", "hs6", ("hs6", "bec"), ("relationship",))
SPECS = (
    HS_SECTIONS,
    HS,
    SECTORS,
    SECTOR_RULES,
    COUNTRIES,
    PROVINCES,
    CUSTOMS_OFFICES,
    STAGES,
    BEC,
    HS_BEC,
)


@dataclass(frozen=True)
class Row:
    """A data row with where it came from (file as shown to users, line number in the file)."""

    file: str
    line: int
    values: Mapping[str, str] = field(default_factory=dict)

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")


def read_rows(path: Path, spec: FileSpec) -> tuple[list[Row], list[DataProblem]]:
    """The rows of one file, cells stripped; blank rows skipped. A BOM is tolerated."""
    shown = str(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = [h.strip() for h in next(reader, [])]
            problems = _header_problems(shown, header, spec)
            if problems:
                return [], problems
            rows = []
            for cells in reader:
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) > len(header):
                    problems.append(DataProblem("reference.extra-cells", shown, reader.line_num))
                    continue
                values = {col: cell.strip() for col, cell in zip(header, cells, strict=False)}
                rows.append(Row(shown, reader.line_num, _cased(values, spec)))
            return rows, problems
    except (UnicodeDecodeError, csv.Error) as e:
        return [], [DataProblem("reference.unreadable", shown, detail=str(e))]


def _header_problems(shown: str, header: Sequence[str], spec: FileSpec) -> list[DataProblem]:
    problems = [
        DataProblem("reference.missing-column", shown, 1, column)
        for column in spec.required
        if column not in header
    ]
    problems += [
        DataProblem("reference.unknown-column", shown, 1, column)
        for column in header
        if column not in spec.columns
    ]
    return problems


def _cased(values: dict[str, str], spec: FileSpec) -> dict[str, str]:
    for column in spec.upper:
        if column in values:
            values[column] = values[column].upper()
    for column in spec.lower:
        if column in values:
            values[column] = values[column].lower()
    return values


def layered_rows(
    spec: FileSpec, user_dirs: Sequence[Path], problems: list[DataProblem]
) -> dict[str, Row]:
    """The packaged rows of a file, then each user directory's, by key.

    `user_dirs` come highest priority first: a row in an earlier directory replaces one with
    the same key in a later one, and any user row replaces the packaged row. A key twice in
    one file is a problem.
    """
    merged: dict[str, Row] = {}
    for directory in [PACKAGED_DIR, *reversed(user_dirs)]:
        path = directory / spec.name
        if directory is not PACKAGED_DIR and not path.is_file():
            continue
        rows, file_problems = read_rows(path, spec)
        problems += file_problems
        first_line: dict[str, int] = {}
        for row in rows:
            key = row[spec.key]
            if key in first_line:
                problems.append(
                    DataProblem(
                        "reference.duplicate-code",
                        row.file,
                        row.line,
                        spec.key,
                        key,
                        detail=str(first_line[key]),
                    )
                )
                continue
            first_line[key] = row.line
            merged[key] = row
    return merged


def aliases(row: Row) -> tuple[str, ...]:
    """The pipe-separated `aliases` cell as a tuple, blanks dropped."""
    return tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
