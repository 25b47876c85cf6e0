"""What a set of figures is computed from: the facts query, the coverage, the names.

Each call reads everything afresh from the engine (a few round trips, none per figure).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from taraz.stats.code_names import Labels, fetch_labels
from taraz.stats.facts import Facts, compute_facts
from taraz.stats.loaded import require_loaded
from taraz.stats.provenance import Coverage, fetch_coverage, fetch_findings

if TYPE_CHECKING:
    from taraz.stats.engine import Engine
    from taraz.stats.query import Query


@dataclass(frozen=True)
class Inputs:
    query: Query
    facts: Facts
    coverage: Coverage | None
    labels: Labels
    findings: list[dict[str, Any]]
    memo: dict[Any, Any] = field(default_factory=dict)  # figures shared within this call only


def gather(
    engine: Engine,
    query: Query,
    parts: Iterable[str],
    label_kinds: Iterable[str] = (),
    *,
    coverage: bool = True,
    findings: bool = False,
    require_data: bool = True,
) -> Inputs:
    """Run the facts query for `parts`, and read coverage, names and findings as asked.

    With `require_data`, a query whose period has nothing loaded raises `stats.not-loaded`
    (or `stats.future-period`) before any figure is computed: never zeros for "no data".
    """
    parts = tuple(dict.fromkeys(["totals", *parts]))
    cov = fetch_coverage(engine, query) if coverage or require_data else None
    if require_data:
        require_loaded(engine, query, cov)
    facts = compute_facts(engine, query, parts)
    cov = cov if coverage else None
    labels = fetch_labels(engine, ["province", *label_kinds])
    found: list[dict[str, Any]] = []
    if findings:
        batch_ids = {
            r.keys["batch_id"]
            for (part, _, _), rows in facts.items()
            if part == "batch"
            for r in rows
        }
        found = fetch_findings(engine, query, sorted(batch_ids))
    return Inputs(query, facts, cov, labels, found)
