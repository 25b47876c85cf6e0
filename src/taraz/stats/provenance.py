"""What the figures stand on: which months are loaded, which batches contribute, what was flagged.

A month of a period counts as loaded for a flow when the coverage spans of the batches active
at the query's as-of moment cover every day of it (clipped to the period). Whose coverage:
- a province on the origin basis: the coverage rows of that province;
- a province on the customs basis, or the whole country: the coverage rows of any province
  (lines cleared at an office may come from any province; the section lists the provinces
  loaded so a reader can judge).
A growth figure is given only when both the period and the same period last year are loaded
for the flow (for total trade: for both flows), so a half month is never compared with a full
one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from taraz.calendar import Period
from taraz.stats.code_names import month_label
from taraz.stats.facts import CUR, PREV, month_spans
from taraz.stats.live import active_batches
from taraz.stats.measures import share, tonnes, usd
from taraz.stats.query import CUSTOMS, FLOWS, Query

if TYPE_CHECKING:
    from taraz.stats.engine import Engine
    from taraz.stats.inputs import Inputs

BATCH_COLUMNS = (
    "batch_id",
    "source",
    "layout",
    "loaded_at",
    "period_label",
    "date_min",
    "date_max",
    "hs_digits_min",
    "rows_read",
    "rows_loaded",
    "rows_quarantined",
    "rows_duplicate",
    "warnings",
)


class Coverage:
    """Coverage spans of the active batches for the query's flows, and their batch records."""

    def __init__(self, query: Query, rows: list[dict[str, Any]]) -> None:
        self.query = query
        self.spans: dict[str, list[tuple[date, date]]] = {f: [] for f in FLOWS}
        self.provinces: dict[str, set[str]] = {f: set() for f in FLOWS}
        self.batches: dict[str, dict[str, Any]] = {}
        for r in rows:
            self.spans[r["flow"]].append((r["date_from"], r["date_to"]))
            self.provinces[r["flow"]].add(r["province"])
            self.batches.setdefault(r["batch_id"], {c: r[c] for c in BATCH_COLUMNS})
        self._merged = {f: _merge(s) for f, s in self.spans.items()}
        self._missing: dict[tuple[str, Period], list[str]] = {}

    def missing_months(self, flow: str, period: Period) -> list[str]:
        """`YYYY-MM` of each month of `period` not wholly covered for `flow`."""
        key = (flow, period)
        if key not in self._missing:
            self._missing[key] = [
                label
                for label, start, end in month_spans(period)
                if not _covers(self._merged[flow], start, end)
            ]
        return self._missing[key]

    def loaded(self, flow: str, period: Period) -> bool:
        return not self.missing_months(flow, period)

    def status(self, flow: str, period: Period) -> str:
        """`complete`, `partial` or `none`: how much of `period` is loaded for `flow`."""
        missing = len(self.missing_months(flow, period))
        if not missing:
            return "complete"
        return "none" if missing == len(list(month_spans(period))) else "partial"

    def growth_available(self, flow: str) -> bool:
        """Both this period and last year's are wholly loaded for `flow`."""
        return self.loaded(flow, self.query.period) and self.loaded(flow, self.query.last_year)

    def month_loaded(self, flow: str, start: date, end: date) -> bool:
        return _covers(self._merged[flow], start, end)


def fetch_coverage(engine: Engine, query: Query) -> Coverage:
    """The coverage rows (with their batch records) of the batches active at the query's
    as-of moment that touch either span, in one query (compiled once per shape, its spans,
    province and moment bound: `taraz.stats.bound`)."""
    key, params = coverage_params(query)
    rows = engine.run(key, lambda p: coverage_expr(engine, p), params).to_pylist()
    return Coverage(query, rows)


def coverage_params(query: Query) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """The shape of the query's coverage query (whether a province narrows it, whether it is
    as of a moment) and its values: `start`, `end`, `last_start`, `last_end`, and `province`
    and `as_of` when the shape has them."""
    by_province = query.province is not None and query.basis != CUSTOMS
    params: dict[str, Any] = {
        "start": query.period.start,
        "end": query.period.end,
        "last_start": query.last_year.start,
        "last_end": query.last_year.end,
    }
    if by_province:
        params["province"] = query.province
    if query.as_of is not None:
        params["as_of"] = query.as_of
    return ("coverage", by_province, query.as_of is not None), params


def coverage_expr(engine: Engine, p: dict[str, Any]):
    """The coverage query for the values of `coverage_params` (Ibis scalars or plain values)."""
    import ibis

    cov = engine.table("coverage")
    batches = engine.table("batches").select(*BATCH_COLUMNS)
    active = active_batches(engine, p.get("as_of")).select("batch_id")
    spans = [(p["start"], p["end"]), (p["last_start"], p["last_end"])]
    touching = ibis.or_(*[(cov.date_from <= end) & (cov.date_to >= start) for start, end in spans])
    rows = cov.filter(touching, cov.flow.isin(list(FLOWS)))
    if "province" in p:
        rows = rows.filter(rows.province == p["province"])
    rows = rows.semi_join(active, "batch_id").select(
        "batch_id", "flow", "province", "date_from", "date_to"
    )
    return rows.join(batches, "batch_id")


def fetch_findings(engine: Engine, query: Query, batch_ids: list[str]) -> list[dict[str, Any]]:
    """Plausibility findings of the batches, counted by code, and their files (the batches
    bound as one list: one compiled query for any set of them)."""
    if not batch_ids:
        return []
    params = {"batch_ids": sorted(batch_ids)}
    return engine.run(
        ("findings",), lambda p: findings_expr(engine, p["batch_ids"]), params
    ).to_pylist()


def findings_expr(engine: Engine, batch_ids):
    """Findings and files of `batch_ids`: a list of texts, or an Ibis array scalar."""
    import ibis

    if not isinstance(batch_ids, ibis.Expr):
        batch_ids = ibis.literal(list(batch_ids), type="array<string>")
    f = engine.table("findings")
    f = f.filter(batch_ids.contains(f.batch_id))
    counts = f.group_by("batch_id", "code").aggregate(
        count=f.count(), message_fa=f.message_fa.max(), message_en=f.message_en.max()
    )
    files = engine.table("batch_files")
    files = files.filter(batch_ids.contains(files.batch_id))
    return counts.select(
        kind=ibis.literal("finding"),
        batch_id=counts.batch_id.cast("string"),
        code=counts.code.cast("string"),
        count=counts["count"].cast("int64"),
        message_fa=counts.message_fa.cast("string"),
        message_en=counts.message_en.cast("string"),
    ).union(
        files.select(
            kind=ibis.literal("file"),
            batch_id=files.batch_id.cast("string"),
            code=files.file_name.cast("string"),
            count=files.file_no.cast("int64"),
            message_fa=ibis.null("string"),
            message_en=ibis.null("string"),
        ),
        distinct=False,
    )


def coverage_section(inp: Inputs) -> dict[str, Any]:
    """The `coverage` figure: what was loaded, what is missing, what was flagged."""
    query, facts, cov, labels = inp.query, inp.facts, inp.coverage, inp.labels
    calendar = query.period.calendar
    flows = {}
    for flow, name in FLOWS.items():
        entry: dict[str, Any] = {}
        for span, period, key in (
            (CUR, query.period, "period"),
            (PREV, query.last_year, "last_year"),
        ):
            missing = cov.missing_months(flow, period)
            rows = facts.rows("batch", span, flow)
            dates = [r.cell.date_min for r in rows] + [r.cell.date_max for r in rows]
            dates = [d for d in dates if d is not None]
            entry[key] = {
                "label": period.label,
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "complete": not missing,
                "months_missing": [month_label(calendar, m) for m in missing],
                "lines_date_min": min(dates).isoformat() if dates else None,
                "lines_date_max": max(dates).isoformat() if dates else None,
            }
        entry["growth_available"] = entry["period"]["complete"] and entry["last_year"]["complete"]
        entry["provinces_loaded"] = len(cov.provinces[flow])
        flows[name] = entry

    used: dict[str, dict[str, Any]] = {}
    for flow in FLOWS:
        for span in (CUR, PREV):
            for r in facts.rows("batch", span, flow):
                b = used.setdefault(r.keys["batch_id"], {"lines": 0, "value": None})
                b["lines"] += r.cell.lines
                b["value"] = r.cell.value if b["value"] is None else b["value"] + r.cell.value
    per_batch: dict[str, dict[str, Any]] = {b: {"findings": [], "files": []} for b in used}
    for f in inp.findings:
        if f["batch_id"] not in per_batch:
            continue
        if f["kind"] == "file":
            per_batch[f["batch_id"]]["files"].append((f["count"], f["code"]))
        else:
            per_batch[f["batch_id"]]["findings"].append(
                {
                    "code": f["code"],
                    "count": f["count"],
                    "message_fa": f["message_fa"],
                    "message_en": f["message_en"],
                }
            )
    batches = []
    for batch_id in sorted(used):
        meta = cov.batches.get(batch_id, {"batch_id": batch_id})
        found = sorted(per_batch[batch_id]["findings"], key=lambda x: (-x["count"], x["code"]))
        batches.append(
            {
                "batch_id": batch_id,
                "source": meta.get("source"),
                "layout": meta.get("layout"),
                "loaded_at": _iso(meta.get("loaded_at")),
                "period_label": meta.get("period_label"),
                "date_min": _iso(meta.get("date_min")),
                "date_max": _iso(meta.get("date_max")),
                "hs_digits_min": meta.get("hs_digits_min"),
                "rows_read": meta.get("rows_read"),
                "rows_loaded": meta.get("rows_loaded"),
                "rows_quarantined": meta.get("rows_quarantined"),
                "rows_duplicate": meta.get("rows_duplicate"),
                "files": [name for _, name in sorted(per_batch[batch_id]["files"])],
                "lines_used": used[batch_id]["lines"],
                "value_usd_used": usd(used[batch_id]["value"]),
                "warnings": sum(x["count"] for x in found),
                "findings": found,
            }
        )

    digits: dict[int, Any] = {}
    for flow in FLOWS:
        for r in facts.rows("hs_digits", CUR, flow):
            d = r.keys["hs_digits"]
            c = digits.get(d)
            digits[d] = r.cell if c is None else c.plus(r.cell)
    total_value = sum((c.value for c in digits.values()), Decimal(0))
    by_digits = [
        {
            "digits": d,
            **labels.of("hs_digits", d),
            "lines": c.lines,
            "value_usd": usd(c.value),
            "weight_t": tonnes(c.weight),
            "share_pct": share(c.value, total_value),
        }
        for d, c in sorted(digits.items(), key=lambda kv: (kv[0] is None, kv[0]))
    ]
    return {
        "as_of": _iso(query.as_of),
        "basis": query.basis,
        "scope": "country" if query.province is None else "province",
        "coverage_rule": (
            "origin-province"
            if query.province is not None and query.basis != CUSTOMS
            else "any-province"
        ),
        "flows": flows,
        "hs_detail": {
            "min_digits": min((d for d in digits if d is not None), default=None),
            "by_digits": by_digits,
        },
        "batches": batches,
        "warnings_total": sum(b["warnings"] for b in batches),
        "rows_quarantined_total": sum(b["rows_quarantined"] or 0 for b in batches),
    }


def _merge(spans: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Union of day spans as disjoint sorted spans (adjacent days join)."""
    out: list[tuple[date, date]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1] + timedelta(days=1):
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _covers(merged: list[tuple[date, date]], start: date, end: date) -> bool:
    return any(a <= start and end <= b for a, b in merged)


def _iso(v: Any) -> str | None:
    """ISO text; a moment is given in UTC (engines hand back naive UTC or aware times)."""
    if v is None:
        return None
    if isinstance(v, datetime):
        v = v.replace(tzinfo=UTC) if v.tzinfo is None else v.astimezone(UTC)
    return v.isoformat()
