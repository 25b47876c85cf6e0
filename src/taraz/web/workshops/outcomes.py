"""The measured outcomes of workshops (docs/outcomes.md), for people: on the event's staff page
(one workshop, `taraz.stats.workshop_outcomes`) and on the public aggregate page (every past
published workshop together, `taraz.stats.pooled_outcomes`), through the shared web figures
(`taraz.web.figures`, kept for the data version, computed through the gate).

An attendee is a firm (a confirmed registration with an exporter) at or above the event's
attendance threshold, the same rule as the certificate of attendance; its commercial card
number is the warehouse's `trader_id`. The workshop's day is the local day of its last
session: the months after begin the day after the event ends.
"""

from __future__ import annotations

from datetime import UTC, date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from taraz.calendar import format_jalali_date
from taraz.errors import TarazError
from taraz.fa import format_number, format_percent
from taraz.web import figures
from taraz.web.site.services import say
from taraz.web.workshops import services
from taraz.web.workshops.models import Event, EventStatus

GROUPS = ("attendees", "matched_attendees", "comparison")
WINDOWS = ("months_6", "months_12")
MEASURES = ("exported", "new_market", "new_hs6")
NOTHING_LOADED = ("stats.nothing-loaded", "warehouse.missing")
# the states said in one sentence (`message`, the wording key `ws.out.<state>`)
MESSAGES = ("no_sessions", "cancelled", "no_firms", "no_data", "no_workshops")


def workshop_day(event: Event) -> date | None:
    """The local day of the event's last session; None without a session."""
    ends = services.span_of(event).ends
    return None if ends is None else timezone.localdate(ends)


def attendee_cards(event: Event) -> tuple[str, ...]:
    """The commercial card numbers of the firms that attended at or above the threshold."""
    return tuple(
        sorted(
            {
                reg.exporter.card_number
                for reg, share in services.attendance_table(event)
                if reg.exporter is not None and share.enough
            }
        )
    )


def first_figures_day(day: date) -> date:
    """The last day of the 6 months after the workshop: its first figures need it loaded."""
    from taraz.stats import outcome_windows

    return outcome_windows(day)["months_6"].end


def event_outcomes(event: Event, lang: str) -> dict[str, Any]:
    return _said(_event_outcomes(event, lang), lang)


def _said(out: dict[str, Any], lang: str) -> dict[str, Any]:
    if out["state"] in MESSAGES:
        return {**out, "message": say(f"ws.out.{out['state']}", lang)}
    return out


def _event_outcomes(event: Event, lang: str) -> dict[str, Any]:
    """What the staff page's section "Outcomes" shows: `state` is `future` (not over yet:
    `first` says when its first figures can exist), `no_firms` (no firm attended at the
    threshold), `no_data` (nothing loaded), `unavailable` (busy) or `shown`."""
    day = workshop_day(event)
    if day is None:
        return {"state": "no_sessions"}
    first = _day(first_figures_day(day).isoformat(), lang)
    if event.status == EventStatus.CANCELLED:
        return {"state": "cancelled"}
    if not services.event_over(event):
        return {"state": "future", "first": first}
    cards = attendee_cards(event)
    if not cards:
        return {"state": "no_firms"}
    try:
        version = figures.data_version()
        result = figures.workshop_outcomes(day, cards, version)
    except TarazError as exc:
        if exc.code in NOTHING_LOADED:
            return {"state": "no_data", "first": first}
        return {"state": "unavailable", "reason": exc.message(lang)}
    if result["coverage"]["last_day_loaded"] is None:
        return {"state": "no_data", "first": first}
    return {
        "state": "shown",
        "first": first,
        "day": result["workshop"][f"date_{lang}"],
        "given": _count(result["query"]["attendees"], lang),
        **_shown(result, version, lang),
    }


def past_workshops() -> list[tuple[date, tuple[str, ...]]]:
    """Every published workshop that is over, by its day and its attendees' cards (those with
    at least one attendee firm)."""
    out = []
    now = timezone.now()
    for event in services.public_events().filter(status=EventStatus.PUBLISHED):
        if event.ends is None or event.ends > now:
            continue
        cards = attendee_cards(event)
        if cards:
            out.append((timezone.localdate(event.ends), cards))
    return sorted(out)


def public_outcomes(lang: str) -> dict[str, Any]:
    """The public aggregate: every past published workshop's attendee firms together."""
    return _said(_public_outcomes(lang), lang)


def _public_outcomes(lang: str) -> dict[str, Any]:
    workshops = tuple(past_workshops())
    if not workshops:
        return {"state": "no_workshops"}
    try:
        version = figures.data_version()
        result = figures.pooled_outcomes(workshops, version)
    except TarazError as exc:
        if exc.code in NOTHING_LOADED:
            return {"state": "no_data"}
        return {"state": "unavailable", "reason": exc.message(lang)}
    if result["coverage"]["last_day_loaded"] is None:
        return {"state": "no_data"}
    return {
        "state": "shown",
        "workshops": _count(len(workshops), lang),
        "from": _day(workshops[0][0].isoformat(), lang),
        "to": _day(workshops[-1][0].isoformat(), lang),
        **_shown(result, version, lang),
    }


def pooled_json() -> dict[str, Any]:
    """The public aggregate as `taraz.stats.pooled_outcomes` gives it, with the workshops'
    count and first and last days (`/api/v1/workshops/outcomes`)."""
    workshops = tuple(past_workshops())
    result = figures.pooled_outcomes(workshops)
    return {
        **result,
        "workshops": {
            "count": len(workshops),
            "first": workshops[0][0].isoformat() if workshops else None,
            "last": workshops[-1][0].isoformat() if workshops else None,
        },
    }


def _shown(result: dict[str, Any], version, lang: str) -> dict[str, Any]:
    """The table (a row per window and measure, a column per group), the caveat and the
    data's as-of, and whether some window waits for data."""
    groups = result["groups"]
    rows = []
    waiting = False
    names = [say(f"ws.out.{g}", lang) for g in GROUPS]
    for window in WINDOWS:
        for measure in MEASURES:
            cells = []
            for g in GROUPS:
                cell = groups[g][window][measure]
                waiting = waiting or cell["status"] == "not_loaded_yet"
                cells.append(_cell(cell, groups[g]["firms"], lang))
            rows.append(
                {
                    "window": say(f"ws.out.{window}", lang),
                    "measure": say(f"ws.out.{measure}", lang),
                    "cells": cells,
                    # each cell with its column's name, for a phone's stacked rows
                    "labelled": list(zip(names, cells, strict=True)),
                }
            )
    heads = [
        {
            "name": say(f"ws.out.{g}", lang),
            "firms": say("ws.out.too_few", lang)
            if groups[g]["too_few"]
            else _count(groups[g]["firms"], lang),
        }
        for g in GROUPS
    ]
    caveat = next(c[lang] for c in result["caveats"] if c["code"] == "self_selection")
    return {
        "heads": heads,
        "rows": rows,
        "caveat": caveat,
        "waiting": waiting,
        "as_of": _as_of(result["coverage"]["last_day_loaded"], version, lang),
    }


def _cell(cell: dict[str, Any], group_firms: int | None, lang: str) -> str:
    """«۵۷٫۱٪ (۴ از ۷)» / "57.1% (4 of 7)"; a figure not given in words, never as zero."""
    if cell["status"] != "ok":
        return say(f"ws.out.{cell['status']}", lang)
    of = cell.get("base", group_firms)
    return say(
        "ws.out.cell",
        lang,
        pct=format_percent(Decimal(cell["share_pct"]), lang, 1),
        n=_count(cell["firms"], lang),
        of=_count(of, lang),
    )


def _as_of(last_day: str | None, version, lang: str) -> str:
    parts = []
    if last_day:
        parts.append(say("ws.out.loaded_through", lang, day=_day(last_day, lang)))
    if version.changed_at is not None:
        moment = version.changed_at
        if moment.tzinfo is None:  # the engine may hand back naive UTC
            moment = moment.replace(tzinfo=UTC)
        changed = timezone.localdate(moment).isoformat()
        parts.append(say("exporter.own.last_changed", lang, day=_day(changed, lang)))
    return " ".join(parts)


def _count(n: int, lang: str) -> str:
    return format_number(n, lang, 0)


def _day(iso: str, lang: str) -> str:
    return format_jalali_date(date.fromisoformat(iso), lang)
