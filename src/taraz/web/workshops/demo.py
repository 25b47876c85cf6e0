"""The demo's workshops (`taraz demo`), seeded through the services like the rest of its world.
SYNTHETIC: the events, the bookings of the public and the feedback are invented.

- **A past workshop** (Ordibehesht 1404, two sessions): the demo world's firms book through
  their export managers, more than there are places, with small and medium firms first on the
  waiting list; one firm cancels before it starts and the first on the list takes its place and
  is told; two members of the public book too. The officer ticks attendance at each session,
  the certificates of attendance go to those at or above the threshold (issued on the day
  of seeding, signed by the demo's keys as its quality certificates are: a rotated key signs
  no more), and some attendees leave feedback. Its attendees are firms whose card numbers are trader ids of the sample, so its
  staff page shows their measured outcomes.
- **A coming workshop** (three weeks from the day of seeding), open for booking, full, with a
  waiting list.

On a database that already holds any event nothing is seeded (a second run keeps the first's).
Everything happens at its own moment (`now=` of each service), in the order it would have,
in one transaction (seeded whole or not at all), audited as the demo's seeding.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from taraz.sample.office_hours import TEHRAN
from taraz.sample.world import service_world
from taraz.web.audit import services as audit_trail
from taraz.web.exporters import services as registry
from taraz.web.workshops import services
from taraz.web.workshops.models import AttendanceCertificate, BookingStatus, Event

PAST_DAYS = (date(2025, 5, 10), date(2025, 5, 11))  # 1404/02/20 and 1404/02/21
PAST_CAPACITY = 14
COMING_CAPACITY = 6
COMING_IN = timedelta(days=21)
PUBLIC = (
    ("مریم رضایی", "maryam.rezaei@example.org"),
    ("حسین کریمی", "hossein.karimi@example.org"),
)
MISSES = 3  # the last of the confirmed firms come to the first session only
RATINGS = (5, 4, 5, 3, 4, 5, 4)
COMMENTS = (
    "مثال‌های بسته‌بندی برای بازار عراق بسیار کاربردی بود.",
    "کاش زمان بیشتری برای پرسش و پاسخ بود.",
    "",
    "نمونه‌های واقعی گواهی کیفیت را دیدیم؛ سودمند بود.",
)


@dataclass(frozen=True)
class DemoWorkshops:
    created: bool
    past: Event | None
    coming: Event | None
    certificates: int


def seed_workshops(now: datetime | None = None) -> DemoWorkshops:
    """The demo's two workshops on a database without events (else what is there)."""
    now = now or timezone.now()
    if Event.objects.exists():
        events = Event.objects.order_by("pk")
        past = events.first()
        held = AttendanceCertificate.objects.filter(registration__event=past).count()
        return DemoWorkshops(False, past, events.last(), held)
    with audit_trail.acting(via="seeddemo", os_user=audit_trail.os_user()), transaction.atomic():
        return _seed(now)


def _seed(now: datetime) -> DemoWorkshops:
    world = service_world()
    officer = _user(world.at("yazd-mimt", "officer", demo=True)[0].username)
    bookers = []  # (the firm, its export manager), who books for it
    for firm in world.firms:
        user = _user(world.applicant(firm.key).username)
        found = registry.visible_exporters(user).filter(card_number=firm.card_number).first()
        if found is not None:
            bookers.append((found, user))
    past, issued = _past(officer, bookers)
    coming = _coming(officer, bookers, now)
    return DemoWorkshops(True, past, coming, issued)


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TEHRAN)


def _past(officer, bookers) -> tuple[Event, int]:
    first, second = PAST_DAYS
    opens, closes = _at(first - timedelta(days=30), 8), _at(first - timedelta(days=2), 14)
    event = services.create_event(
        actor=officer,
        title_fa="صادرات کاشی و سنگ به عراق: استاندارد، بسته‌بندی و اسناد",
        title_en="Exporting tiles and stone to Iraq: standards, packing and papers",
        summary_fa=(
            "دو نشست با کارشناسان سازمان، اتاق بازرگانی و آزمایشگاه همکار: استانداردهای "
            "خریداران عراقی، آزمون کیفیت، بسته‌بندی و اسناد گمرکی."
        ),
        summary_en=(
            "Two sessions with the organization, the chamber and the partner laboratory: Iraqi "
            "buyers' standards, quality tests, packing and customs papers."
        ),
        topics="استاندارد، بسته‌بندی، اسناد صادراتی",
        hs_chapters="68, 69",
        markets="IQ",
        venue_fa="یزد، سالن همایش سازمان صنعت، معدن و تجارت",
        venue_en="Yazd, the organization's conference hall",
        capacity=PAST_CAPACITY,
        registration_opens=opens,
        registration_closes=closes,
        sme_priority=True,
        attendance_threshold=Decimal("0.75"),
    )
    sessions = [
        services.add_session(event, _at(day, 9), _at(day, 12, 30), actor=officer)
        for day in PAST_DAYS
    ]
    event = services.publish(event, actor=officer)
    booked = []
    for k, (exporter, user) in enumerate(bookers):
        at = opens + timedelta(days=1, hours=3 * k)
        booked.append(services.register(event, user=user, exporter=exporter, now=at))
    for k, (name, email) in enumerate(PUBLIC):
        at = opens + timedelta(days=10, hours=k)
        services.register(event, name=name, email=email, now=at)
    confirmed = [r for r in booked if r.status == BookingStatus.CONFIRMED]
    if confirmed:  # a firm cannot come: its place goes to the first on the list
        services.cancel(confirmed[1], actor=confirmed[1].user, now=closes - timedelta(days=1))
    came = [r.pk for r in services.confirmed(event)]
    services.record_attendance(sessions[0], came, actor=officer, now=_at(first, 12, 40))
    services.record_attendance(
        sessions[1], came[: len(came) - MISSES], actor=officer, now=_at(second, 12, 40)
    )
    # issued on the day of seeding: the demo's keys sign today (a key rotated out signs no
    # more), as an organization would issue last year's certificates on starting with taraz
    issued = services.issue_due_certificates(event, actor=officer)
    for k, reg in enumerate(services.confirmed(event)[: len(RATINGS)]):
        services.give_feedback(
            reg,
            RATINGS[k],
            COMMENTS[k % len(COMMENTS)],
            now=_at(second + timedelta(days=1 + k % 3), 18),
        )
    return event, issued


def _coming(officer, bookers, now: datetime) -> Event:
    day = timezone.localdate(now + COMING_IN)
    event = services.create_event(
        actor=officer,
        title_fa="بازاریابی دیجیتال برای صادرکنندگان کوچک و متوسط",
        title_en="Digital marketing for small and medium exporters",
        summary_fa="یافتن خریدار در بازارهای هدف از راه نمایشگاه‌های مجازی و سکوهای B2B.",
        summary_en="Finding buyers in target markets through virtual fairs and B2B platforms.",
        topics="بازاریابی، نمایشگاه مجازی",
        hs_chapters="08, 57, 69",
        markets="IQ, AF, AE",
        online=True,
        capacity=COMING_CAPACITY,
        registration_opens=now - timedelta(days=7),
        registration_closes=_at(day - timedelta(days=2), 14),
        sme_priority=True,
    )
    services.add_session(event, _at(day, 10), _at(day, 12), actor=officer)
    event = services.publish(event, actor=officer)
    for k, (exporter, user) in enumerate(bookers[-(COMING_CAPACITY + 3) :]):
        at = now - timedelta(days=6, hours=-5 * k)
        services.register(event, user=user, exporter=exporter, now=at)
    return event


def workshop_lines(made: DemoWorkshops, lang: str) -> list[str]:
    """What the demo's workshops are, in Persian or English, and where the calendar is."""
    from taraz.calendar import format_jalali_date
    from taraz.fa import isolate, to_persian_digits

    fa = lang == "fa"
    if made.past is None or made.coming is None:
        return []

    def n(value: int) -> str:
        return to_persian_digits(str(value)) if fa else str(value)

    def day(event: Event) -> str:
        starts = services.span_of(event).starts
        return format_jalali_date(timezone.localdate(starts), lang) if starts else "-"

    came = len(services.confirmed(made.past))
    waiting = services.waiting_list(made.coming).count()
    calendar = "http://127.0.0.1:8000/workshops/" if fa else "http://127.0.0.1:8000/en/workshops/"
    if fa:
        head = "کارگاه‌های نمایشی (ساختگی):" if made.created else "کارگاه‌های نمایشی از پیش هست:"
        return [
            "",
            head,
            f"  {made.past.title_fa}، {day(made.past)}: {n(came)} شرکت‌کننده، "
            f"{n(made.certificates)} گواهی حضور",
            f"  {made.coming.title_fa}، {day(made.coming)}: "
            f"{n(made.coming.capacity)} جا، {n(waiting)} نفر در فهرست انتظار",
            f"  تقویم کارگاه‌ها: {isolate(calendar)}",
        ]
    head = "Demo workshops (synthetic):" if made.created else "The demo's workshops are there:"
    return [
        "",
        head,
        f"  {made.past.title_en}, {day(made.past)}: {came} attended, "
        f"{made.certificates} certificates of attendance",
        f"  {made.coming.title_en}, {day(made.coming)}: "
        f"{made.coming.capacity} places, {waiting} on the waiting list",
        f"  The workshop calendar: {calendar}",
    ]
