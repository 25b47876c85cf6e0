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


def _bad(path: Path, key: str, fa: str, en: str) -> UsageError:
    return UsageError(
        "mapping.invalid",
        f"فایل نگاشت «{path.name}»، کلید «{key}»: {fa}",
        f"mapping file {path.name}, key {key!r}: {en}",
        {"file": str(path), "key": key},
    )


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
        raise UsageError(
            "mapping.not-found",
            f"فایل نگاشت «{path}» پیدا نشد.",
            f"Mapping file {path} was not found.",
            {"file": str(path)},
        ) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(
            "mapping.not-toml",
            f"فایل نگاشت «{path.name}» TOML درستی نیست: {exc}",
            f"Mapping file {path.name} is not valid TOML: {exc}",
            {"file": str(path)},
        ) from exc
    known = {"name", "sheet", "columns", "constants", "date", "value", "weight", "crosswalk"}
    for key in data:
        if key not in known:
            raise _bad(
                path, key, "کلید ناشناخته است", f"unknown key; expected one of {sorted(known)}"
            )
    columns = dict(data.get("columns", {}))
    constants = {k: str(v) for k, v in data.get("constants", {}).items()}
    for key in [*columns, *constants]:
        if key not in RAW_FIELDS:
            raise _bad(
                path, key, "فیلد ناشناخته است", f"unknown field; fields are {', '.join(RAW_FIELDS)}"
            )
    if "hs_code" not in columns and "hs6" not in columns:
        raise _bad(
            path, "columns.hs_code", "ستون کد تعرفه لازم است", "a column for hs_code is required"
        )
    if "value" not in columns:
        raise _bad(path, "columns.value", "ستون ارزش لازم است", "a column for value is required")
    if not ({"date", "date_year"} & set(columns) or "date" in constants):
        raise _bad(
            path,
            "columns.date",
            "ستون تاریخ یا سال لازم است",
            "a date or date_year column is required",
        )
    date = data.get("date", {})
    calendar = date.get("calendar")
    if calendar not in (None, "jalali", "gregorian"):
        raise _bad(
            path, "date.calendar", "باید jalali یا gregorian باشد", "must be jalali or gregorian"
        )
    value = data.get("value", {})
    weight = data.get("weight", {})
    unit = weight.get("unit", "kg")
    if unit not in WEIGHT_UNITS:
        raise _bad(
            path,
            "weight.unit",
            "واحد وزن ناشناخته است",
            f"unknown unit; use one of {sorted(WEIGHT_UNITS)}",
        )
    try:
        scale = Decimal(str(value.get("scale", 1)))
    except InvalidOperation as exc:
        raise _bad(path, "value.scale", "عدد نیست", "not a number") from exc
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
        raise _bad(
            path,
            "value.rates",
            "برای ارز غیر دلار جدول نرخ لازم است",
            "a rates file is needed for non-USD values",
        )
    for fld, file in data.get("crosswalk", {}).items():
        if fld not in CROSSWALK_FIELDS:
            raise _bad(
                path,
                f"crosswalk.{fld}",
                "فیلد برای جدول تبدیل کد نیست",
                f"crosswalks are for {CROSSWALK_FIELDS}",
            )
        mapping.crosswalks[fld] = _load_crosswalk(path, path.parent / file)
    return mapping


def _read_csv_rows(mapping_path: Path, path: Path, needed: set[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError as exc:
        raise _bad(mapping_path, path.name, "فایل پیدا نشد", "file not found") from exc
    if rows and not needed <= set(rows[0]):
        raise _bad(
            mapping_path,
            path.name,
            f"ستون‌های {sorted(needed)} لازم است",
            f"columns {sorted(needed)} are required",
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
            rate = parse_number(row["usd_per_unit"])
        except ValueError:
            rate = None
        if rate is None or rate <= 0:
            raise _bad(
                mapping_path,
                f"{path.name}:{i}",
                f"نرخ «{row['usd_per_unit']}» نادرست است",
                f"bad rate {row['usd_per_unit']!r}",
            )
        y, _, m = row["month"].strip().partition("-")
        rates[(row["currency"].strip().upper(), f"{int(y):04d}-{int(m):02d}")] = rate
    return rates


def _load_crosswalk(mapping_path: Path, path: Path) -> dict[str, str]:
    """`from,to`: the file's codes or names to ours."""
    return {
        name_key(r["from"]): r["to"].strip()
        for r in _read_csv_rows(mapping_path, path, {"from", "to"})
    }
