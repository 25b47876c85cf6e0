"""What one import did: the batch report the CLI, the JSON output and the web all render."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class FindingSummary:
    code: str
    count: int
    message_fa: str
    message_en: str
    examples: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class BatchReport:
    """One batch: `status` is loaded, duplicate, rejected or held (a revision waiting for
    confirmation: nothing written, `held` lists the cells it would take most of); rows always
    add up."""

    status: str
    files: list[str]
    batch_id: str | None = None
    source: str | None = None
    layout: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    rows_duplicate: int = 0
    rows_skipped: int = 0
    warnings: int = 0
    value_usd: str | None = None
    weight_kg: str | None = None
    date_min: str | None = None
    date_max: str | None = None
    hs_digits: int | None = None
    replaces: list[dict[str, Any]] = field(default_factory=list)
    held: list[dict[str, Any]] = field(default_factory=list)  # cells, before and after
    findings: list[FindingSummary] = field(default_factory=list)
    quarantine: list[FindingSummary] = field(default_factory=list)
    message_fa: str | None = None
    message_en: str | None = None
    error: dict[str, Any] | None = None  # rejected or held: the one error shape of taraz.errors

    @property
    def accounted(self) -> bool:
        return self.rows_loaded + self.rows_quarantined + self.rows_duplicate == self.rows_read

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
