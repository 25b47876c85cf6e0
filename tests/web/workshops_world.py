"""A workshop of the tests' own, made through the services as an officer: a published event
with sessions at fixed moments in Tehran's time, and helpers to register people."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

TEHRAN = ZoneInfo("Asia/Tehran")


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    """A moment in Tehran's time."""
    return datetime(y, m, d, hh, mm, tzinfo=TEHRAN)


# registration opens 1 Aban 1405 (23 Oct 2026) and closes 15 Nov 2026; four sessions of two
# hours each, 16-19 Nov 2026 at 09:30 Tehran time
OPENS = at(2026, 10, 23, 8)
CLOSES = at(2026, 11, 15, 23)
SESSIONS = [(at(2026, 11, d, 9, 30), at(2026, 11, d, 11, 30)) for d in (16, 17, 18, 19)]
DURING = at(2026, 11, 1, 10)  # registration open
AFTER = at(2026, 11, 20, 10)  # the event over


def an_event(world, *, sessions=SESSIONS, publish: bool = True, **fields):
    from taraz.web.workshops import services

    officer = world.users["officer"]
    values = {
        "title_fa": "صادرات کاشی به عراق",
        "title_en": "Exporting tiles to Iraq",
        "topics": "بازاریابی، گمرک",
        "hs_chapters": "69, 25",
        "markets": "IQ, AF",
        "venue_fa": "اتاق بازرگانی یزد",
        "venue_en": "Yazd Chamber of Commerce",
        "capacity": 2,
        "registration_opens": OPENS,
        "registration_closes": CLOSES,
        "sme_priority": True,
        "attendance_threshold": Decimal("0.75"),
        **fields,
    }
    event = services.create_event(actor=officer, **values)
    for starts, ends in sessions:
        services.add_session(event, starts, ends, actor=officer)
    if publish:
        event = services.publish(event, actor=officer)
    return event


def public(event, n: int, *, now=DURING):
    """The n-th member of the public registers (a minute after the previous one)."""
    from taraz.web.workshops import services

    return services.register(
        event,
        name=f"شرکت‌کننده {n}",
        email=f"guest{n}@example.ir",
        phone="09120000000",
        now=now + timedelta(minutes=n),
    )


def firm(event, world, role: str, *, now=DURING):
    from taraz.web.workshops import services

    exporter = world.exporter_a if role == "exporter_a" else world.exporter_b
    return services.register(event, user=world.users[role], exporter=exporter, now=now)
