"""Mapping files: any other layout, described in TOML by the user (see the README)."""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from taraz.errors import UsageError
from taraz.fa import name_key, parse_number
from taraz.ingest.layouts import RAW_FIELDS, Layout
from taraz.ingest.sources import header_key

WEIGHT_UNITS = {"kg": Decimal(1), "t": Decimal(1000), "tonne": Decimal(1000), "g": Decimal("0.001")}
CROSSWALK_FIELDS = ("partner", "consignment", "customs_office", "province")


def _bad(path: Path, code: str, key: str, **fields) -> UsageError:
    """A `mapping.*` usage error about `key` of the mapping file at `path`."""
    return UsageError(code, file=path.name, key=key, **fields)


@dataclass
class Mapping:
    """A parsed mapping file."""

    path: Path
    name: str
    columns: dict[str, str]  # raw field -> header in the file
    constants: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    calendar: str | None = None
    date_format: str | None = None
    currency: str | None = None  # a constant currency; a `currency` column wins
    value_scale: Decimal = Decimal(1)
    weight_factor: Decimal = Decimal(1)
    rates: dict[tuple[str, str], Decimal] = field(default_factory=dict)  # (currency, YYYY-MM)
    crosswalks: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def header_keys(self) -> set[str]:
        return {header_key(h) for h in self.columns.values()}

    def is_header(self, keys) -> bool:
        return self.header_keys <= set(keys)

    def layout(self, headers: list[str]) -> Layout:
        keys = [header_key(h) for h in headers]
        cols = {f: keys.index(header_key(h)) for f, h in self.columns.items()}
        return Layout(f"mapping:{self.name}", cols, dict(self.constants), calendar=self.calendar)


def load_mapping(path: Path) -> Mapping:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise UsageError("mapping.not-found", file=path) from exc
    except IsADirectoryError as exc:
        raise UsageError("source.is-directory", file=path) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError("mapping.not-toml", file=path.name, detail=str(exc)) from exc
    except OSError as exc:
        raise UsageError("source.unreadable", file=path, detail=exc.strerror or str(exc)) from exc
    known = {"name", "sheet", "columns", "constants", "date", "value", "weight", "crosswalk"}
    for key in data:
        if key not in known:
            raise _bad(path, "mapping.unknown-key", key, choices=", ".join(sorted(known)))
    for key in ("columns", "constants", "date", "value", "weight", "crosswalk"):
        if key in data and not isinstance(data[key], dict):
            raise _bad(path, "mapping.unknown-key", key, choices=", ".join(sorted(known)))
    columns = {k: str(v) for k, v in data.get("columns", {}).items()}
    constants = {k: str(v) for k, v in data.get("constants", {}).items()}
    for key in [*columns, *constants]:
        if key not in RAW_FIELDS:
            raise _bad(path, "mapping.unknown-field", key, choices=", ".join(RAW_FIELDS))
    if "hs_code" not in columns and "hs6" not in columns:
        raise _bad(path, "mapping.missing-column", "columns.hs_code", field="hs_code")
    if "value" not in columns:
        raise _bad(path, "mapping.missing-column", "columns.value", field="value")
    if not ({"date", "date_year"} & set(columns) or "date" in constants):
        raise _bad(path, "mapping.missing-column", "columns.date", field="date / date_year")
    date = data.get("date", {})
    calendar = date.get("calendar")
    if calendar not in (None, "jalali", "gregorian"):
        raise _bad(path, "mapping.bad-calendar", "date.calendar")
    value = data.get("value", {})
    weight = data.get("weight", {})
    unit = weight.get("unit", "kg")
    if unit not in WEIGHT_UNITS:
        raise _bad(
            path, "mapping.bad-weight-unit", "weight.unit", choices=", ".join(sorted(WEIGHT_UNITS))
        )
    try:
        scale = Decimal(str(value.get("scale", 1)))
    except InvalidOperation as exc:
        raise _bad(path, "mapping.bad-scale", "value.scale") from exc
    if not scale.is_finite() or scale <= 0:
        raise _bad(path, "mapping.bad-scale", "value.scale")
    mapping = Mapping(
        path=path,
        name=str(data.get("name") or path.stem),
        columns=columns,
        constants=constants,
        sheet=data.get("sheet"),
        calendar=calendar,
        date_format=date.get("format"),
        currency=value.get("currency"),
        value_scale=scale,
        weight_factor=WEIGHT_UNITS[unit],
    )
    if value.get("rates"):
        mapping.rates = _load_rates(path, path.parent / value["rates"])
    elif (mapping.currency or "USD").upper() != "USD" or "currency" in columns:
        raise _bad(path, "mapping.needs-rates", "value.rates")
    for fld, file in data.get("crosswalk", {}).items():
        if fld not in CROSSWALK_FIELDS:
            raise _bad(
                path,
                "mapping.bad-crosswalk-field",
                f"crosswalk.{fld}",
                choices=", ".join(CROSSWALK_FIELDS),
            )
        mapping.crosswalks[fld] = _load_crosswalk(path, path.parent / file)
    return mapping


def _read_csv_rows(mapping_path: Path, path: Path, needed: set[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise _bad(mapping_path, "mapping.missing-file", path.name) from exc
    if rows and not needed <= set(rows[0]):
        raise _bad(
            mapping_path, "mapping.missing-columns", path.name, choices=", ".join(sorted(needed))
        )
    return rows


def _load_rates(mapping_path: Path, path: Path) -> dict[tuple[str, str], Decimal]:
    """Monthly rates: `month` (YYYY-MM, Jalali or Gregorian by the year), `currency`,
    `usd_per_unit` (dollars for one unit of the currency)."""
    rates = {}
    for i, row in enumerate(
        _read_csv_rows(mapping_path, path, {"month", "currency", "usd_per_unit"}), start=2
    ):
        try:
            rate = parse_number(row["usd_per_unit"] or "")
        except ValueError:
            rate = None
        y, _, m = (row["month"] or "").strip().partition("-")
        if rate is None or rate <= 0 or not (y.isdigit() and m.isdigit()):
            raise _bad(
                mapping_path,
                "mapping.bad-rate",
                f"{path.name}:{i}",
                value=f"{row['month']},{row['currency']},{row['usd_per_unit']}",
            )
        rates[((row["currency"] or "").strip().upper(), f"{int(y):04d}-{int(m):02d}")] = rate
    return rates


def _load_crosswalk(mapping_path: Path, path: Path) -> dict[str, str]:
    """`from,to`: the file's codes or names to ours."""
    return {
        name_key(r["from"]): r["to"].strip()
        for r in _read_csv_rows(mapping_path, path, {"from", "to"})
    }
