"""Size classes from declared employees, through a data file that names its legal source
(`data/size_bands.toml`, or the file `TARAZ_SIZE_BANDS` names)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from taraz.errors import TarazError

PACKAGED = Path(__file__).with_name("data") / "size_bands.toml"
CLASSES = ("micro", "small", "medium", "large")
MAX_EMPLOYEES = 10_000_000


@dataclass(frozen=True)
class Band:
    size_class: str
    low: int
    high: int | None  # inclusive; None: no upper bound
    warehouse: str


@dataclass(frozen=True)
class SizeBands:
    name: str
    edition: str
    source_fa: str
    source_en: str
    bands: tuple[Band, ...]

    @property
    def label(self) -> str:
        """What a declaration records: the bands' name and edition."""
        return f"{self.name}/{self.edition}"

    def source(self, lang: str) -> str:
        return self.source_fa if lang == "fa" else self.source_en

    def band_of(self, employees: int) -> Band:
        for band in self.bands:
            if band.low <= employees and (band.high is None or employees <= band.high):
                return band
        raise ValueError(employees)  # pragma: no cover - read_bands leaves no gap

    def classify(self, employees: int) -> str:
        return self.band_of(employees).size_class


def read_bands(path: Path) -> SizeBands:
    """Read and check a size bands file: both sources named, bands from 0 without a gap."""

    def bad(detail: str) -> TarazError:
        return TarazError("exporters.size-bands", file=path.name, detail=detail)

    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise bad(str(exc)) from exc
    source = data.get("source", {})
    if not str(source.get("fa", "")).strip() or not str(source.get("en", "")).strip():
        raise bad("[source] fa and en")
    bands, expected = [], 0
    rows = data.get("band", [])
    for i, row in enumerate(rows):
        low, high = row.get("min"), row.get("max")
        if row.get("class") not in CLASSES or row.get("warehouse") not in ("sme", "large"):
            raise bad(f"band {i + 1}: class, warehouse")
        if low != expected or (high is not None and (not isinstance(high, int) or high < low)):
            raise bad(f"band {i + 1}: min {low}, max {high}")
        if high is None and i != len(rows) - 1:
            raise bad(f"band {i + 1}: only the last band is open")
        bands.append(Band(row["class"], low, high, row["warehouse"]))
        expected = (high or 0) + 1
    if not bands or bands[-1].high is not None:
        raise bad("the last band has no max")
    return SizeBands(
        str(data.get("name", path.stem)),
        str(data.get("edition", "1")),
        source["fa"].strip(),
        source["en"].strip(),
        tuple(bands),
    )


@cache
def _bands_at(path: str) -> SizeBands:
    return read_bands(Path(path))


def size_bands() -> SizeBands:
    """The bands in force: `TARAZ_SIZE_BANDS`'s file, or the packaged one."""
    from django.conf import settings

    return _bands_at(str(getattr(settings, "TARAZ_SIZE_BANDS", "") or PACKAGED))
