"""What a page or an API call asks for: province, period, basis, as-of, read from request
parameters, checked, and turned into a `taraz.stats.Query`. Bad values are usage errors (400)
that say, in Persian and English, what was wrong and what is accepted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from taraz.calendar import (
    MomentError,
    Period,
    PeriodError,
    gregorian_to_jalali,
    parse_moment,
    parse_period,
)
from taraz.errors import UsageError
from taraz.fa import to_latin_digits
from taraz.reference import Flow, load_reference
from taraz.stats import BASES, ORIGIN, Query

COUNTRY = "IR"  # the whole country in URLs and the API
COUNTRY_WORDS = {"", "ir", "iran", "all", "country", "ایران", "کل کشور", "کشور"}


@dataclass(frozen=True)
class Selection:
    province: str | None  # ISO 3166-2 code, None for the whole country
    period: Period
    basis: str = ORIGIN
    as_of: datetime | None = None

    @property
    def query(self) -> Query:
        return Query(province=self.province, period=self.period, basis=self.basis, as_of=self.as_of)

    @property
    def key(self) -> tuple:
        return (self.province, self.period.label, self.basis, self.as_of)

    def params(self) -> dict[str, str]:
        """The canonical request parameters of this selection (for links)."""
        out = {"province": self.province or COUNTRY, "period": self.period.label}
        if self.basis != ORIGIN:
            out["basis"] = self.basis
        if self.as_of is not None:
            out["as_of"] = self.as_of.isoformat()
        return out


def parse_province(text: str | None) -> str | None:
    """A province code, name (Persian or English) or number; None for the whole country."""
    raw = (text or "").strip()
    if raw.casefold() in COUNTRY_WORDS:
        return None
    ref = load_reference()
    latin = to_latin_digits(raw)
    code = ref.find_province(raw)
    if code is None and latin.isdigit():
        code = ref.find_province(f"IR-{int(latin):02d}")
    if code is None:
        raise UsageError("query.unknown-province", parameter="province", value=raw)
    return code


def parse_period_param(text: str | None) -> Period:
    raw = (text or "").strip()
    if not raw:
        raise UsageError("query.missing-period", parameter="period")
    try:
        return parse_period(raw)
    except PeriodError as exc:
        exc.fields["parameter"] = "period"
        raise


def parse_basis(text: str | None) -> str:
    raw = (text or ORIGIN).strip().lower()
    if raw not in BASES:
        raise UsageError("stats.bad-basis", parameter="basis", basis=raw)
    return raw


def parse_as_of(text: str | None) -> datetime | None:
    raw = (text or "").strip()
    if not raw:
        return None
    try:
        return parse_moment(raw)
    except MomentError as exc:
        exc.fields["parameter"] = "as_of"
        raise


def parse_flow(text: str | None, default: str = "X") -> str:
    raw = (text or default).strip()
    flow = Flow.find(raw)
    if flow is None:
        raise UsageError("query.bad-flow", parameter="flow", value=raw)
    return flow.value


def parse_sector(text: str | None) -> str | None:
    """A reporting sector's code (`mining`, `industry`, ...); None when none is asked."""
    raw = (text or "").strip()
    if not raw:
        return None
    sectors = load_reference().sectors
    if raw not in sectors:
        raise UsageError(
            "stats.unknown-sector", parameter="sector", sector=raw, choices=", ".join(sectors)
        )
    return raw


def parse_partner(text: str | None) -> str | None:
    """A partner country's ISO alpha-2 code, from its code or name; None when none is asked."""
    raw = (text or "").strip()
    if not raw:
        return None
    code = load_reference().find_country(raw)
    if code is None:
        raise UsageError("query.unknown-country", parameter="partner", value=raw)
    return code


def parse_selection(params: Mapping[str, str], default_period: Period | None = None) -> Selection:
    """A Selection from request parameters; `default_period` stands in for a missing period."""
    period_text = params.get("period")
    if not (period_text or "").strip() and default_period is not None:
        period = default_period
    else:
        period = parse_period_param(period_text)
    return Selection(
        province=parse_province(params.get("province")),
        period=period,
        basis=parse_basis(params.get("basis")),
        as_of=parse_as_of(params.get("as_of")),
    )


def default_period(last_day: date | None, today: date | None = None) -> Period:
    """`TARAZ_DEFAULT_PERIOD`, else the Jalali half-year of the latest data (of today when
    there is none): the page opens on the newest figures."""
    from django.conf import settings

    if settings.TARAZ_DEFAULT_PERIOD:
        return parse_period(settings.TARAZ_DEFAULT_PERIOD)
    y, m, _ = gregorian_to_jalali(last_day or today or date.today())
    return parse_period(f"{y}-H{1 if m <= 6 else 2}")


def periods_covered(first: date | None, last: date | None) -> list[dict[str, Any]]:
    """Every year, half, quarter and month of the Jalali years the data touches, and the
    year-to-date of the last one (to today), latest first. Made once per span and day (every
    page's form shows them); the items are shared: read them, never change them."""
    if first is None or last is None:
        return []
    return list(_periods_covered(first, last, date.today()))


@lru_cache(maxsize=8)
def _periods_covered(first: date, last: date, today: date) -> tuple[dict[str, Any], ...]:
    y0, y1 = gregorian_to_jalali(first)[0], gregorian_to_jalali(last)[0]
    out = []
    for y in range(y1, y0 - 1, -1):
        labels = [f"{y}", f"{y}-H1", f"{y}-H2"]
        labels += [f"{y}-Q{q}" for q in range(1, 5)]
        labels += [f"{y}-{m:02d}" for m in range(1, 13)]
        if y == y1:
            labels.append(f"{y}-YTD")
        for label in labels:
            p = parse_period(label, today)
            out.append(
                {
                    "code": label,
                    "kind": p.kind,
                    "year": y,
                    "name_fa": p.label_fa(),
                    "name_en": p.label_en(),
                    "start": p.start.isoformat(),
                    "end": p.end.isoformat(),
                }
            )
    return tuple(out)
