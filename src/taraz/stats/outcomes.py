"""Whether the firms that attended a workshop went on to export: within 6 and 12 months after
it, to a market new to them, in an HS subheading new to them, beside a comparison group of
similar firms that did not attend. docs/outcomes.md has the rules in full; in short:

- the windows are Jalali months counted from the workshop's day: the 12 months before it end
  the day before it (1403-01-15 -> 1402-01-15 .. 1403-01-14); the 6 and 12 months after it
  begin the day after it (1403-01-16 .. 1403-07-15 and .. 1404-01-15). The workshop's own day
  is in neither;
- a firm "exported" in a window when it has an export line in it; a market (partner country)
  or an HS line (a 6-digit subheading, `hs6`) is new when the firm exported to it (in it) in
  the window and not in the 12 months before; a line without a partner, or with a code of
  fewer than 6 digits, makes nothing new;
- a firm's size class is the class of most of its export value in the 12 months before (the
  declared class in force on each line's day, else the line's own, `taraz.stats.sizes`), its
  main section the HS section of most of that value (ties: the smaller code); the comparison
  group is every firm that did not attend and has the same (size class, main section) as an
  attendee; only firms that exported in the 12 months before have them, so attendees who did
  not are counted among `attendees` and not among `matched_attendees` (the group compared);
- a group of fewer than `MIN_FIRMS` firms gives no figure ("too few"); a window not wholly
  loaded gives none either: "not loaded yet" when it runs past the last day loaded, "not
  loaded" for a hole, never zero. Shares are exact percentages with two decimals (`decimal`).

Attendees chose to come: the comparison describes, it does not measure an effect of the
workshop (`SELF_SELECTION`).

One query reads what every firm did in the three windows (on DuckDB or Spark alike); the rest
is counting in Python, so a result is a few thousand firms' rows at most, even nationally.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from taraz.calendar import JALALI, Period, calendar_system, format_jalali_date, make_period
from taraz.fa import to_latin_digits
from taraz.stats.code_names import month_label
from taraz.stats.facts import month_spans
from taraz.stats.live import live_lines
from taraz.stats.loaded import loaded_span
from taraz.stats.measures import share
from taraz.stats.provenance import fetch_coverage
from taraz.stats.query import EXPORTS, Query
from taraz.stats.sizes import has_declared_sizes, with_declared_sizes

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from taraz.stats.engine import Engine
    from taraz.stats.provenance import Coverage

SCHEMA = "taraz.workshop-outcomes/1"
MIN_FIRMS = 5  # a group of fewer firms says "too few" and gives no figure
BEFORE, MONTHS_6, MONTHS_12 = "before", "months_6", "months_12"
AFTER = {MONTHS_6: 6, MONTHS_12: 12}
MEASURES = ("exported", "new_market", "new_hs6")
GROUPS = ("attendees", "matched_attendees", "comparison")
HS_LINE = "hs6"  # the level at which a product line is "new": the international subheading
OK, TOO_FEW, NOT_LOADED, NOT_LOADED_YET = "ok", "too_few", "not_loaded", "not_loaded_yet"

SELF_SELECTION = {
    "code": "self_selection",
    "fa": (
        "بنگاه‌های شرکت‌کننده خود برای حضور در کارگاه داوطلب شده‌اند؛ این مقایسه توصیف است"
        " و اثر کارگاه را نمی‌سنجد."
    ),
    "en": (
        "The attending firms chose to come: the comparison describes what they did, it does not"
        " measure an effect of the workshop."
    ),
}


@dataclass(frozen=True, slots=True)
class Firm:
    """What one firm did around the workshop: its size class and main section over the 12
    months before (None, None when it exported nothing then) and the first day of each kind of
    export after it (None: none within 12 months)."""

    exported_before: bool = False
    size: str | None = None
    section: str | None = None
    first_export: date | None = None
    first_new_market: date | None = None
    first_new_hs6: date | None = None

    @property
    def stratum(self) -> tuple[str | None, str | None] | None:
        return (self.size, self.section) if self.exported_before else None


NOBODY = Firm()


def workshop_outcomes(
    engine: Engine,
    workshop_day: date,
    attendees: Iterable[str],
    *,
    province: str | None = None,
    as_of: datetime | None = None,
) -> dict[str, Any]:
    """The outcomes of the workshop held on `workshop_day` for the firms whose commercial card
    numbers are `attendees`, as one JSON-ready dict: `schema`, `workshop`, `query`, `rules`,
    `caveats`, `windows`, `groups` (`attendees`, `matched_attendees`, `comparison`, each with
    its firms and, per window, `exported`, `new_market` and `new_hs6`) and `coverage`.

    `province` None counts a firm's export lines wherever they are attributed (origin basis);
    a province narrows the lines and the coverage to it."""
    one = _one_workshop(engine, workshop_day, attendees, province=province, as_of=as_of)
    cards, windows, status, groups = one.cards, one.windows, one.status, one.groups
    return {
        "schema": SCHEMA,
        "workshop": {
            "date": workshop_day.isoformat(),
            "date_fa": format_jalali_date(workshop_day, "fa"),
            "date_en": format_jalali_date(workshop_day, "en"),
        },
        "query": {
            "province": province,
            "basis": "origin",
            "as_of": None if as_of is None else as_of.isoformat(),
            "attendees": len(cards),
        },
        "rules": {
            "min_firms": MIN_FIRMS,
            "hs_line": HS_LINE,
            "similar": "same size class and same main HS section over the 12 months before",
            "windows": "Jalali months from the workshop's day; the day itself in neither",
        },
        "caveats": [SELF_SELECTION],
        "windows": {name: {**_span(windows[name]), **status[name]} for name in windows},
        "groups": {
            name: _group(members, windows, status, needs_before=name != "attendees")
            for name, members in groups.items()
        },
        "strata": one.strata,
        "coverage": _coverage(one.cov, one.whole, one.last_day),
    }


@dataclass(frozen=True, slots=True)
class _Workshop:
    """One workshop's windows, their status, and its groups' firms."""

    cards: list[str]
    windows: dict[str, Period]
    whole: Period
    cov: Coverage
    last_day: date | None
    status: dict[str, dict[str, Any]]
    groups: dict[str, list[Firm]]
    strata: int


def _one_workshop(
    engine: Engine,
    workshop_day: date,
    attendees: Iterable[str],
    *,
    province: str | None,
    as_of: datetime | None,
) -> _Workshop:
    cards = sorted({to_latin_digits(c).strip() for c in attendees if c and c.strip()})
    windows = outcome_windows(workshop_day)
    whole = make_period(JALALI, "range", windows[BEFORE].start, windows[MONTHS_12].end)
    cov = fetch_coverage(engine, Query(province=province, period=whole, as_of=as_of))
    last_day = _last_day_loaded(engine, cov, as_of)
    status = {
        name: _window_status(cov.status(EXPORTS, p), p, last_day) for name, p in windows.items()
    }

    firms = fetch_firms(engine, workshop_day, windows, province=province, as_of=as_of)
    attending = set(cards)
    strata = {s for c in cards if (s := firms.get(c, NOBODY).stratum) is not None}
    groups = {
        "attendees": [firms.get(c, NOBODY) for c in cards],
        "matched_attendees": [f for c in cards if (f := firms.get(c, NOBODY)).stratum is not None],
        "comparison": [
            f
            for card, f in sorted(firms.items())
            if card not in attending and f.stratum is not None and f.stratum in strata
        ],
    }
    return _Workshop(cards, windows, whole, cov, last_day, status, groups, len(strata))


POOLED_SCHEMA = "taraz.workshop-outcomes-pooled/1"


def pooled_outcomes(
    engine: Engine,
    workshops: Iterable[tuple[date, Iterable[str]]],
    *,
    province: str | None = None,
    as_of: datetime | None = None,
) -> dict[str, Any]:
    """Several workshops counted together, for a public aggregate: each (workshop, firm) pair is
    one member of a group (a firm at two workshops counts twice, and may be in one workshop's
    comparison group and another's attendees). A measure of a window counts the pairs of the
    workshops whose windows it rests on are wholly loaded (`base`); fewer than MIN_FIRMS pairs
    in a group, or in a measure's base, give no figure ("too few"); no workshop loaded for it
    gives `not_loaded_yet` (or `not_loaded`). Each workshop's groups are those of
    `workshop_outcomes`."""
    ones = [
        _one_workshop(engine, day, cards, province=province, as_of=as_of)
        for day, cards in workshops
    ]
    groups: dict[str, Any] = {}
    for name in GROUPS:
        needs_before = name != "attendees"
        n = sum(len(w.groups[name]) for w in ones)
        too_few = n < MIN_FIRMS
        out: dict[str, Any] = {"firms": None if too_few else n, "too_few": too_few}
        for window in AFTER:
            out[window] = {}
            for measure in MEASURES:
                base = k = 0
                reasons = set()
                for w in ones:
                    state = _state(w.status, window, measure, needs_before)
                    if state != OK:
                        reasons.add(state)
                        continue
                    members = w.groups[name]
                    last = w.windows[window].end
                    base += len(members)
                    k += sum(1 for f in members if (d := _first(f, measure)) and d <= last)
                if base == 0 and reasons:
                    state = NOT_LOADED_YET if NOT_LOADED_YET in reasons else NOT_LOADED
                elif too_few or base < MIN_FIRMS:
                    state = TOO_FEW
                else:
                    state = OK
                out[window][measure] = (
                    {
                        "status": OK,
                        "base": base,
                        "firms": k,
                        "share_pct": share(Decimal(k), Decimal(base)),
                    }
                    if state == OK
                    else {"status": state, "base": None, "firms": None, "share_pct": None}
                )
        groups[name] = out
    last_days = [w.last_day for w in ones if w.last_day is not None]
    return {
        "schema": POOLED_SCHEMA,
        "query": {
            "province": province,
            "basis": "origin",
            "as_of": None if as_of is None else as_of.isoformat(),
            "workshops": len(ones),
        },
        "rules": {
            "min_firms": MIN_FIRMS,
            "hs_line": HS_LINE,
            "unit": "a (workshop, firm) pair",
            "base": "the pairs of the workshops whose windows are wholly loaded",
        },
        "caveats": [SELF_SELECTION],
        "groups": groups,
        "coverage": {
            "flow": "exports",
            "last_day_loaded": max(last_days).isoformat() if last_days else None,
        },
    }


def _first(f: Firm, measure: str) -> date | None:
    return {
        "exported": f.first_export,
        "new_market": f.first_new_market,
        "new_hs6": f.first_new_hs6,
    }[measure]


def _state(status: dict[str, dict[str, Any]], window: str, measure: str, needs_before: bool) -> str:
    """Whether the windows a measure rests on are wholly loaded: OK, else why not."""
    end = status[window]
    if end["loaded"] != "complete":
        return end["reason"]
    if (needs_before or measure != "exported") and status[BEFORE]["loaded"] != "complete":
        return status[BEFORE]["reason"]
    return OK


def outcome_windows(workshop_day: date) -> dict[str, Period]:
    """The 12 months before the workshop's day and the 6 and 12 months after it, in Jalali
    months (a day missing in the target month is that month's last day)."""
    before_start = _shift_months(workshop_day, -12)
    after_start = workshop_day + timedelta(days=1)
    return {
        BEFORE: make_period(JALALI, "range", before_start, workshop_day - timedelta(days=1)),
        **{
            name: make_period(JALALI, "range", after_start, _shift_months(workshop_day, months))
            for name, months in AFTER.items()
        },
    }


def fetch_firms(
    engine: Engine,
    workshop_day: date,
    windows: dict[str, Period] | None = None,
    *,
    province: str | None = None,
    as_of: datetime | None = None,
) -> dict[str, Firm]:
    """Every firm with an export line in the 12 months before or the 12 after the workshop,
    by its card number, read in one query."""
    windows = windows or outcome_windows(workshop_day)
    declared = has_declared_sizes(engine)
    rows = engine.run(
        # the windows too: the SQL is kept on disk under this key (taraz.stats.sqlcache)
        ("workshop-outcomes", workshop_day, tuple(windows.items()), province, as_of, declared),
        lambda: firms_expr(
            engine, workshop_day, windows, province=province, as_of=as_of, declared=declared
        ),
    ).to_pylist()
    sizes: dict[str, dict[str | None, Decimal]] = {}
    sections: dict[str, dict[str | None, Decimal]] = {}
    firsts: dict[str, dict[str, date]] = {}
    for r in rows:
        card, part = r["trader_id"], r["part"]
        if part == "size":
            sizes.setdefault(card, {})[r["key"]] = r["value"]
        elif part == "section":
            sections.setdefault(card, {})[r["key"]] = r["value"]
        else:
            firsts.setdefault(card, {})[part] = r["day"]
    out = {}
    for card in sizes.keys() | firsts.keys():
        before = card in sizes
        first = firsts.get(card, {})
        out[card] = Firm(
            exported_before=before,
            size=_largest(sizes[card]) if before else None,
            section=_largest(sections.get(card, {})) if before else None,
            first_export=first.get("export"),
            first_new_market=first.get("market"),
            first_new_hs6=first.get("hs6"),
        )
    return out


def firms_expr(
    engine: Engine,
    workshop_day: date,
    windows: dict[str, Period],
    *,
    province: str | None = None,
    as_of: datetime | None = None,
    declared: bool | None = None,
) -> ir.Table:
    """One row per (firm, part): `size` and `section` (export value by size class and by HS
    section over the 12 months before), `export`, `market` and `hs6` (the first day after the
    workshop, within 12 months, of any export, of one to a new market, of one in a new HS
    subheading)."""
    before, after = windows[BEFORE], windows[MONTHS_12]
    lines = engine.table("lines")
    lines = lines.filter(
        lines.flow == EXPORTS,
        lines.trader_id.notnull(),
        lines.date.between(before.start, after.end),
        lines.date != workshop_day,
    )
    if province is not None:
        lines = lines.filter(lines.province == province)
    cols = ("flow", "date", "province", "partner", "trader_id", "trader_size", "hs_code")
    live = live_lines(engine, as_of, lines.select(*cols, "value_usd", "batch_id"))
    live = with_declared_sizes(engine, live, declared)
    product = engine.table("dim_product").select("hs_code", "hs6", "section")
    t = live.left_join(product, "hs_code")
    t = t.select("date", "partner", "trader_id", "trader_size", "hs6", "section", "value_usd")
    was = t.filter(t.date < workshop_day)
    now = t.filter(t.date > workshop_day)

    def by(key: str) -> ir.Table:
        g = was.group_by("trader_id", key).aggregate(value=was.value_usd.sum())
        return _shape(key if key != "trader_size" else "size", g, key=g[key], value=g.value)

    markets = was.filter(was.partner.notnull()).select("trader_id", "partner").distinct()
    products = was.filter(was.hs6.notnull()).select("trader_id", "hs6").distinct()
    new_market = now.filter(now.partner.notnull()).anti_join(
        markets, [now.trader_id == markets.trader_id, now.partner == markets.partner]
    )
    new_hs6 = now.filter(now.hs6.notnull()).anti_join(
        products, [now.trader_id == products.trader_id, now.hs6 == products.hs6]
    )

    def first(name: str, s: ir.Table) -> ir.Table:
        g = s.group_by("trader_id").aggregate(day=s.date.min())
        return _shape(name, g, day=g.day)

    pieces = [
        by("trader_size"),
        by("section"),
        first("export", now),
        first("market", new_market),
        first("hs6", new_hs6),
    ]
    out = pieces[0]
    for p in pieces[1:]:
        out = out.union(p, distinct=False)
    return out


def _shape(part: str, g: ir.Table, *, key=None, value=None, day=None) -> ir.Table:
    import ibis

    return g.select(
        part=ibis.literal(part),
        trader_id=g.trader_id.cast("string"),
        key=ibis.null("string") if key is None else key.cast("string"),
        value=ibis.null("decimal(38, 2)") if value is None else value.cast("decimal(38, 2)"),
        day=ibis.null("date") if day is None else day.cast("date"),
    )


def _largest(values: dict[str | None, Decimal]) -> str | None:
    """The key of the largest value; ties go to the smaller code, a code before none."""
    if not values:
        return None
    return min(values, key=lambda k: (-values[k], k is None, k or ""))


# -- the groups ------------------------------------------------------------------------------


def _group(
    members: list[Firm],
    windows: dict[str, Period],
    status: dict[str, dict[str, Any]],
    *,
    needs_before: bool,
) -> dict[str, Any]:
    """A group's firms and, per window, its three shares: each given only when the group has
    at least MIN_FIRMS firms and the windows it rests on are wholly loaded."""
    n = len(members)
    too_few = n < MIN_FIRMS
    out: dict[str, Any] = {"firms": None if too_few else n, "too_few": too_few}
    before_ok = status[BEFORE]["loaded"] == "complete"
    for name in AFTER:
        end = status[name]
        firsts = {
            "exported": [f.first_export for f in members],
            "new_market": [f.first_new_market for f in members],
            "new_hs6": [f.first_new_hs6 for f in members],
        }
        out[name] = {}
        for measure, days in firsts.items():
            rests_on_before = needs_before or measure != "exported"
            if end["loaded"] != "complete":
                state = end["reason"]
            elif rests_on_before and not before_ok:
                state = status[BEFORE]["reason"]
            elif too_few:
                state = TOO_FEW
            else:
                state = OK
            if state != OK:
                out[name][measure] = {"status": state, "firms": None, "share_pct": None}
                continue
            last = windows[name].end
            k = sum(1 for d in days if d is not None and d <= last)
            out[name][measure] = {
                "status": OK,
                "firms": k,
                "share_pct": share(Decimal(k), Decimal(n)),
            }
    return out


# -- windows and coverage --------------------------------------------------------------------


def _window_status(loaded: str, period: Period, last_day: date | None) -> dict[str, Any]:
    """`loaded` (complete, partial, none) and, when not complete, why: `not_loaded_yet` when
    the window runs past the last day loaded, `not_loaded` for a hole in what is loaded."""
    if loaded == "complete":
        return {"loaded": loaded, "reason": None}
    past = last_day is None or period.end > last_day
    return {"loaded": loaded, "reason": NOT_LOADED_YET if past else NOT_LOADED}


def _last_day_loaded(engine: Engine, cov: Coverage, as_of: datetime | None) -> date | None:
    """The last day exports are loaded through: the end of the latest coverage span (a monthly
    file covers its whole month), else the last day of any line loaded."""
    ends = [end for _, end in cov.spans[EXPORTS]]
    _, last = loaded_span(engine, as_of)
    return max([*ends, *([last] if last is not None else [])], default=None)


def _coverage(cov: Coverage, whole: Period, last_day: date | None) -> dict[str, Any]:
    """Each Jalali month the windows touch, loaded for exports or not, and the last day loaded."""
    loaded, missing = [], []
    for label, start, end in month_spans(whole):
        (loaded if cov.month_loaded(EXPORTS, start, end) else missing).append(
            month_label(whole.calendar, label)
        )
    return {
        "flow": "exports",
        "last_day_loaded": None if last_day is None else last_day.isoformat(),
        "months_loaded": loaded,
        "months_missing": missing,
    }


def _span(p: Period) -> dict[str, Any]:
    return {
        "start": p.start.isoformat(),
        "end": p.end.isoformat(),
        "label": p.label,
        "label_fa": p.label_fa(),
        "label_en": p.label_en(),
    }


def _shift_months(d: date, months: int) -> date:
    """The same day `months` Jalali months later (earlier when negative), clamped to the
    month's last day."""
    system = calendar_system(JALALI)
    y, m, day = system.to_ymd(d)
    index = y * 12 + (m - 1) + months
    y, m = divmod(index, 12)
    m += 1
    return system.from_ymd(y, m, min(day, system.month_length(y, m)))
