"""The workshops' pages: the public calendar and an event's page in Persian (no Latin digit)
and English, registering through the page, a booking's own page (another firm's answers 404),
the firm's list of its own registrations, the staff pages and attendance by ticking; the
iCalendar feed and an event's .ics parsed back with `icalendar`, in Tehran's time."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.web.test_cases_pages import latin_digits
from tests.web.workshops_world import SESSIONS, an_event, firm, public

pytestmark = pytest.mark.django_db
TEHRAN = ZoneInfo("Asia/Tehran")


@pytest.fixture
def pw(world):
    event = an_event(world, capacity=1)
    world.event = event
    world.reg_a = firm(event, world, "exporter_a")
    world.reg_public = public(event, 1)  # waiting
    return world


def _get(world, role, url, status=200):
    response = world.client(role).get(url)
    assert response.status_code == status, (role, url, response.status_code)
    return response


def test_the_persian_pages_have_no_latin_digit(pw):
    from taraz.web.workshops import services

    officer = pw.users["officer"]
    first = services.sessions_of(pw.event)[0]
    services.record_attendance(first, [pw.reg_a.pk], actor=officer)
    draft = an_event(pw, publish=False)
    pages = [
        ("anonymous", "/workshops/"),
        ("anonymous", f"/workshops/{pw.event.pk}/"),
        ("anonymous", f"/workshops/booking/{pw.reg_public.token}/"),
        ("exporter_a", f"/workshops/booking/{pw.reg_a.token}/"),
        ("exporter_a", "/workshops/mine/"),
        ("officer", "/workshops/staff/"),
        ("officer", f"/workshops/staff/{pw.event.pk}/"),
        ("officer", f"/workshops/staff/{draft.pk}/"),
        ("officer", f"/workshops/staff/{pw.event.pk}/edit/"),
        ("officer", "/workshops/staff/new/"),
        ("officer", f"/workshops/staff/{pw.event.pk}/sessions/{first.pk}/attendance/"),
    ]
    for role, url in pages:
        html = _get(pw, role, url).content.decode()
        assert 'dir="rtl"' in html
        assert latin_digits(html) == [], (role, url)


def test_the_event_page_shows_jalali_dates_in_persian_and_gregorian_in_english(pw):
    html = _get(pw, "anonymous", f"/workshops/{pw.event.pk}/").content.decode()
    # 16 Nov 2026, 09:30 in Tehran = 25 Aban 1405
    assert "۲۵" in html and "آبان" in html and "۱۴۰۵" in html and "۰۹:۳۰" in html
    english = _get(pw, "anonymous", f"/en/workshops/{pw.event.pk}/").content.decode()
    assert "Exporting tiles to Iraq" in english and "09:30" in english


def test_a_draft_is_not_public(pw):
    draft = an_event(pw, publish=False)
    _get(pw, "anonymous", f"/workshops/{draft.pk}/", 404)
    _get(pw, "exporter_a", f"/workshops/{draft.pk}.ics", 404)
    _get(pw, "officer", f"/workshops/{draft.pk}/")
    assert f"/workshops/{draft.pk}/" not in _get(pw, "anonymous", "/workshops/").content.decode()


def test_another_firm_sees_neither_the_booking_nor_it_in_its_list(pw):
    _get(pw, "exporter_b", f"/workshops/booking/{pw.reg_a.token}/", 404)
    _get(pw, "anonymous", f"/workshops/booking/{pw.reg_a.token}/", 404)
    _get(pw, "exporter_a", f"/workshops/booking/{pw.reg_a.token}/")
    _get(pw, "auditor", f"/workshops/booking/{pw.reg_a.token}/")
    assert pw.reg_a.token in _get(pw, "exporter_a", "/workshops/mine/").content.decode()
    assert pw.reg_a.token not in _get(pw, "exporter_b", "/workshops/mine/").content.decode()
    response = pw.client("exporter_b").post(f"/workshops/booking/{pw.reg_a.token}/do/cancel/")
    assert response.status_code == 404
    pw.reg_a.refresh_from_db()
    assert pw.reg_a.status == "confirmed"


def test_registering_and_cancelling_through_the_pages(world):
    now = timezone.now()
    later = now + timedelta(days=20)
    event = an_event(
        world,
        capacity=1,
        registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(days=10),
        sessions=[(later, later + timedelta(hours=2))],
    )
    client = world.client("exporter_a")
    response = client.post(f"/workshops/{event.pk}/", {"firm": str(world.exporter_a.pk)})
    assert response.status_code == 302
    first = response["Location"]
    guest = world.client("anonymous").post(
        f"/workshops/{event.pk}/", {"name": "مهمان", "email": "guest@example.ir"}
    )
    assert guest.status_code == 302
    waiting_page = world.client("anonymous").get(guest["Location"]).content.decode()
    assert "در فهرست انتظار" in waiting_page
    again = client.post(f"/workshops/{event.pk}/", {"firm": str(world.exporter_a.pk)})
    assert again.status_code == 409
    token = first.rstrip("/").rsplit("/", 1)[1]
    assert client.post(f"/workshops/booking/{token}/do/cancel/").status_code == 302
    promoted = world.client("anonymous").get(guest["Location"]).content.decode()
    assert "قطعی" in promoted
    empty = world.client("anonymous").post(f"/workshops/{event.pk}/", {})
    assert empty.status_code == 400


def test_an_officer_ticks_attendance(pw):
    from taraz.web.workshops import services

    first = services.sessions_of(pw.event)[0]
    url = f"/workshops/staff/{pw.event.pk}/sessions/{first.pk}/attendance/"
    response = pw.client("officer").post(url, {"present": [str(pw.reg_a.pk)]})
    assert response.status_code == 302
    assert services.attendees_of(first) == {pw.reg_a.pk}
    assert pw.client("auditor").post(url, {"present": []}).status_code == 403
    assert pw.client("exporter_a").get(url).status_code == 403


def _events(body: bytes):
    cal = Calendar.from_ical(body)
    return [c for c in cal.walk("VEVENT")]


def test_an_events_ics_has_its_sessions_in_tehran_time(pw):
    response = _get(pw, "anonymous", f"/workshops/{pw.event.pk}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    items = _events(response.content)
    assert len(items) == 4
    starts = sorted(item.decoded("dtstart") for item in items)
    first = starts[0]
    # 16 Nov 2026 09:30 in Tehran (UTC+03:30, no summer time since 2022) is 06:00 UTC
    assert first.tzinfo is not None and str(first.tzinfo) == "Asia/Tehran"
    assert (first.year, first.month, first.day, first.hour, first.minute) == (2026, 11, 16, 9, 30)
    assert first.astimezone(ZoneInfo("UTC")) == datetime(2026, 11, 16, 6, 0, tzinfo=ZoneInfo("UTC"))
    ends = sorted(item.decoded("dtend") for item in items)
    assert ends[-1] == SESSIONS[-1][1]
    summary = str(items[0].get("summary"))
    assert "صادرات کاشی به عراق" in summary and "Exporting tiles to Iraq" in summary
    assert Calendar.from_ical(response.content).walk("VTIMEZONE")[0]["TZID"] == "Asia/Tehran"


def test_the_feed_holds_published_events_only(pw):
    an_event(pw, publish=False, title_fa="پیش‌نویس")
    second = an_event(pw, title_fa="بسته‌بندی برای صادرات", title_en="Packaging for export")
    response = _get(pw, "anonymous", "/workshops/calendar.ics")
    items = _events(response.content)
    titles = {str(item.get("summary")).split(" / ")[0].split(" (")[0] for item in items}
    assert titles == {"صادرات کاشی به عراق", "بسته‌بندی برای صادرات"}
    assert len(items) == 8
    uids = {str(item.get("uid")) for item in items}
    assert len(uids) == 8 and any(f"workshop-{second.pk}-" in u for u in uids)


def test_the_certificate_of_attendance_is_on_the_booking_page_and_the_checker_accepts_it(
    pw, tmp_path, monkeypatch
):
    import json

    from taraz.web.workshops import services
    from tests.web.certificates_world import make_keys

    make_keys(tmp_path / "keys", monkeypatch)
    officer = pw.users["officer"]
    for session in services.sessions_of(pw.event):
        services.record_attendance(session, [pw.reg_a.pk], actor=officer)
    cert = services.issue_attendance_certificate(pw.reg_a, actor=officer)
    html = _get(pw, "exporter_a", f"/workshops/booking/{pw.reg_a.token}/").content.decode()
    assert latin_digits(html) == []
    assert f"/verify/#t={cert.token}" in html
    answer = pw.client("anonymous").post(
        "/verify/check", json.dumps({"token": cert.token}), content_type="application/json"
    )
    assert answer.status_code == 200
    verdict = answer.json()
    assert verdict["valid"] is True
    assert verdict["claims"]["knd"] == "attendance"
    assert verdict["claims"]["ex"]["fa"] == pw.exporter_a.name_fa


def test_an_officer_makes_an_event_through_the_staff_pages(world):
    from taraz.web.workshops.models import Event

    client = world.client("officer")
    form = {
        "title_fa": "قیمت‌گذاری صادراتی",
        "title_en": "Export pricing",
        "topics": "قیمت، اینکوترمز",
        "hs_chapters": "77",
        "markets": "IQ",
        "capacity": "30",
        "registration_opens": "2026-12-01T08:00",
        "registration_closes": "2026-12-10T20:00",
        "attendance_threshold": "0.5",
    }
    refused = client.post("/workshops/staff/new/", form)
    assert refused.status_code == 400
    assert "workshops.unknown-chapter" not in refused.content.decode()  # the message, in Persian
    assert "فصل شناخته‌شده‌ای" in refused.content.decode()
    made = client.post("/workshops/staff/new/", {**form, "hs_chapters": "۶۹, 25"})
    assert made.status_code == 302
    event = Event.objects.get(title_en="Export pricing")
    assert (event.hs_chapters, event.markets, event.topics) == (
        ["25", "69"],
        ["IQ"],
        ["قیمت", "اینکوترمز"],
    )
    # typed in Tehran's time: 08:00 on 1 Dec 2026 in Tehran is 04:30 UTC
    assert event.registration_opens == datetime(2026, 12, 1, 4, 30, tzinfo=ZoneInfo("UTC"))
    publish = f"/workshops/staff/{event.pk}/do/publish/"
    assert client.post(publish).status_code == 302
    event.refresh_from_db()
    assert event.status == "draft"  # no session yet: refused, with a message
    session = {"starts_at": "2026-12-15T10:00", "ends_at": "2026-12-15T12:00"}
    assert client.post(f"/workshops/staff/{event.pk}/sessions/", session).status_code == 302
    assert client.post(publish).status_code == 302
    event.refresh_from_db()
    assert event.status == "published"
    assert client.get(f"/workshops/staff/{event.pk}/").status_code == 200
    assert 'id="outcomes"' in client.get(f"/workshops/staff/{event.pk}/").content.decode()
    assert world.client("auditor").post(publish).status_code == 403


def test_dates_and_times_are_typed_in_jalali_and_shown_back_in_jalali(world):
    """Staff type a session's moments as a Jalali day (Persian digits too) or a Gregorian one,
    with the time, in Tehran's time; a moment taraz cannot read is named in the page's
    language; the edit form shows the stored moments back as Jalali days."""
    from taraz.web.workshops.models import Event

    client = world.client("officer")
    form = {
        "title_fa": "بسته‌بندی صادراتی",
        "title_en": "Export packing",
        "hs_chapters": "69",
        "markets": "IQ",
        "capacity": "20",
        # 10 Azar 1405 = 1 Dec 2026; 19 Azar 1405 = 10 Dec 2026
        "registration_opens": "۱۴۰۵/۰۹/۱۰ ۰۸:۰۰",
        "registration_closes": "2026-12-10 20:00",
        "attendance_threshold": "0.5",
    }
    assert client.post("/workshops/staff/new/", form).status_code == 302
    event = Event.objects.get(title_en="Export packing")
    assert event.registration_opens == datetime(2026, 12, 1, 4, 30, tzinfo=ZoneInfo("UTC"))
    assert event.registration_closes == datetime(2026, 12, 10, 16, 30, tzinfo=ZoneInfo("UTC"))
    page = client.get(f"/workshops/staff/{event.pk}/edit/").content.decode()
    assert 'value="۱۴۰۵/۰۹/۱۰ ۰۸:۰۰"' in page and 'value="۱۴۰۵/۰۹/۱۹ ۲۰:۰۰"' in page
    sessions = f"/workshops/staff/{event.pk}/sessions/"
    for bad in ("1405/09/31 10:00", "1405/09/20", "1405/09/20 25:00", "tomorrow"):
        refused = client.post(sessions, {"starts_at": bad, "ends_at": "1405/09/20 12:00"})
        assert refused.status_code in (302, 400)
        assert not event.sessions.exists(), bad
    english = world.client("officer")
    refused = english.post(
        "/en" + sessions, {"starts_at": "1405/13/01 10:00", "ends_at": "1405/09/20 12:00"}
    )
    text = refused.content.decode() if refused.status_code == 400 else ""
    if refused.status_code == 302:
        text = english.get(refused["Location"]).content.decode()
    assert "is not a date and time taraz can read" in text
    assert (
        client.post(
            sessions, {"starts_at": "1405/09/20 10:00", "ends_at": "۱۴۰۵/۰۹/۲۰ ۱۲:۳۰"}
        ).status_code
        == 302
    )
    session = event.sessions.get()
    # 20 Azar 1405 = 11 Dec 2026; 10:00 in Tehran is 06:30 UTC
    assert session.starts_at == datetime(2026, 12, 11, 6, 30, tzinfo=ZoneInfo("UTC"))
    assert session.ends_at == datetime(2026, 12, 11, 9, 0, tzinfo=ZoneInfo("UTC"))
