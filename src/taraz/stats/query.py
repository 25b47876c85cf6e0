"""A question to the statistics engine: which province, which period, on which basis, as of when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from taraz.calendar import Period
from taraz.errors import UsageError
from taraz.reference import Flow

ORIGIN = "origin"  # the line's own province (trader's / origin province)
CUSTOMS = "customs"  # the province of the customs office that cleared the goods
BASES = (ORIGIN, CUSTOMS)

EXPORTS = Flow.EXPORTS.value
IMPORTS = Flow.IMPORTS.value
FLOWS = {flow.value: flow.key for flow in Flow}


@dataclass(frozen=True, kw_only=True)
class Query:
    """One province (ISO 3166-2 code such as `IR-21`) or the whole country (`None`), a period,
    an attribution basis and a moment (`as_of`, timezone-aware; `None` is "now"); `partner`
    (ISO 3166-1 alpha-2) narrows every figure to the trade with one country (a drill-down),
    `trader` (a commercial card number, the lines' `trader_id`) to one firm's own lines.

    A trader's figures are never public: only a firm's own people and the organization's staff
    may be shown them (the exporter's profile); the dashboard and the open API never set it."""

    province: str | None
    period: Period
    basis: str = ORIGIN
    as_of: datetime | None = None
    partner: str | None = None
    trader: str | None = None

    def __post_init__(self) -> None:
        if self.basis not in BASES:
            raise UsageError("stats.bad-basis", basis=self.basis)
        if self.as_of is not None and self.as_of.tzinfo is None:
            raise UsageError("stats.naive-as-of", as_of=self.as_of)

    @property
    def last_year(self) -> Period:
        """The same span one year earlier (the base of every growth figure)."""
        return self.period.same_period_last_year()

    def spans_overlap(self) -> bool:
        """Whether the period is longer than a year, so that it overlaps last year's span."""
        last = self.last_year
        return last.end >= self.period.start
