"""The cases' working-day clock: the configured calendar (taraz.calendar.workdays: weekends,
Iran's public holidays, `$TARAZ_CLOSURES`) with the organization's closures kept as rows here.
Rebuilt when the rows change; the command line gets the same days from the file
`services.export_closures` writes."""

from __future__ import annotations

import threading

from django.db.models import Count, Max

from taraz.calendar.closures import Closure
from taraz.calendar.workdays import WorkCalendar, configured_calendar
from taraz.web.cases.models import ClosureDay

_lock = threading.Lock()
_kept: tuple[tuple, WorkCalendar] | None = None


def current_closures() -> list[ClosureDay]:
    return list(ClosureDay.objects.filter(removed_at=None).order_by("day"))


def work_calendar() -> WorkCalendar:
    """The calendar every duration and due date of the cases uses."""
    global _kept
    base = configured_calendar()
    stamp = (
        id(base),
        tuple(
            ClosureDay.objects.aggregate(
                n=Count("id"), last=Max("id"), gone=Max("removed_at")
            ).values()
        ),
    )
    kept = _kept
    if kept is not None and kept[0] == stamp:
        return kept[1]
    with _lock:
        rows = [Closure(c.day, c.reason_fa, c.reason_en) for c in current_closures()]
        calendar = WorkCalendar(
            weekends=base.weekends,
            closures=(*base.closures.values(), *rows),
            closures_source=", ".join(
                s for s in (base.closures_source, "taraz.web (closures)" if rows else None) if s
            )
            or None,
        )
        _kept = (stamp, calendar)
        return calendar
