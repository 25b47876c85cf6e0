"""The workshops as iCalendar (RFC 5545), written by the `icalendar` package: the public feed
of published events (one VEVENT per session) and one event's own file, for a phone's
calendar. Times are written in Asia/Tehran (the site's zone) with its VTIMEZONE, so a phone
abroad shows them in its own time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

PRODID = "-//taraz//workshops//FA"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def _local(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE))


def _vevents(event, sessions, url: str, host: str, stamp: datetime):
    for n, session in enumerate(sessions, start=1):
        item = VEvent()
        item.add("uid", f"workshop-{event.pk}-session-{session.pk}@{host}")
        item.add("dtstamp", stamp)
        item.add("dtstart", _local(session.starts_at))
        item.add("dtend", _local(session.ends_at))
        title = event.title_fa
        if event.title_en:
            title = f"{event.title_fa} / {event.title_en}"
        if len(sessions) > 1:
            title = f"{title} ({n}/{len(sessions)})"
        item.add("summary", title)
        where = " / ".join(v for v in (event.venue_fa, event.venue_en) if v)
        if event.online:
            where = " — ".join(v for v in (where, event.online_url or "online") if v)
        if where:
            item.add("location", where)
        text = "\n\n".join(v for v in (event.summary_fa, event.summary_en, url) if v)
        if text:
            item.add("description", text)
        item.add("url", url)
        item.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
        yield item


def event_calendar(event, sessions, url: str, host: str) -> bytes:
    """One event's sessions."""
    cal = _calendar(event.title_fa)
    for item in _vevents(event, sessions, url, host, timezone.now()):
        cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()


def feed(rows, name: str, host: str) -> bytes:
    """The public calendar: `rows` of (event, its sessions, its page's address)."""
    cal = _calendar(name)
    stamp = timezone.now()
    for event, sessions, url in rows:
        for item in _vevents(event, sessions, url, host, stamp):
            cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()
