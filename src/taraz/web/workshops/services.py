"""Workshops: events and their sessions, registrations with a waiting list, attendance,
certificates of attendance and feedback. The only writer of this app's rows.

Every change is one transaction that also appends its audit event; a registration's place is
decided under the event's row lock (`select_for_update`), so two people registering or
cancelling at once never give the same place twice. People are told through the cases'
outbox (`cases.notify_person`, sent once the transaction commits).

A certificate of attendance is signed like a quality certificate (`taraz.credentials`, the
keys folder of `certificates.key_store()`), kind `attendance`, with no expiry: it is verified
by `taraz certificate verify` and by the public checker's link.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation

from taraz.calendar.workdays import jalali_text
from taraz.credentials import issue
from taraz.errors import TarazError
from taraz.fa import to_latin_digits
from taraz.reference import load_reference
from taraz.web.accounts import services as accounts
from taraz.web.audit import services as audit_trail
from taraz.web.cases import services as cases
from taraz.web.certificates import services as certificates
from taraz.web.exporters import services as exporters
from taraz.web.workshops import permissions as may
from taraz.web.workshops.models import (
    Attendance,
    AttendanceCertificate,
    BookingStatus,
    Event,
    EventStatus,
    Feedback,
    Registration,
    Session,
)

Action = audit_trail.Action
SME_CLASSES = frozenset({"micro", "small", "medium"})
EVENT_FIELDS = (
    "title_fa",
    "title_en",
    "summary_fa",
    "summary_en",
    "topics",
    "hs_chapters",
    "markets",
    "venue_fa",
    "venue_en",
    "online",
    "online_url",
    "capacity",
    "registration_opens",
    "registration_closes",
    "sme_priority",
    "attendance_threshold",
)


# -- cleaning what staff type -----------------------------------------------------------------


def _words(text: object) -> list[str]:
    if isinstance(text, list | tuple):
        return [str(t).strip() for t in text if str(t).strip()]
    return [w for w in re.split(r"[,،;\s]+", to_latin_digits(str(text or ""))) if w]


def clean_chapters(text: object) -> list[str]:
    """HS chapters (`09, 57`), each checked against the reference's HS list."""
    out: list[str] = []
    hs = load_reference().hs
    for word in _words(text):
        code = to_latin_digits(word).zfill(2)
        if not (code.isdigit() and len(code) == 2 and code in hs):
            raise TarazError("workshops.unknown-chapter", value=word)
        if code not in out:
            out.append(code)
    return sorted(out)


def clean_markets(text: object) -> list[str]:
    """Target markets, as countries of the reference (`IQ, AF` or their names)."""
    out: list[str] = []
    for word in _words(text):
        code = exporters.clean_country(word)
        if code not in out:
            out.append(code)
    return out


def clean_topics(text: object) -> list[str]:
    if isinstance(text, list | tuple):
        return [str(t).strip() for t in text if str(t).strip()]
    return [t.strip() for t in re.split(r"[,،;\n]+", str(text or "")) if t.strip()]


def _cleaned(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise TarazError("workshops.bad-field", value=", ".join(sorted(unknown)))
    out = dict(fields)
    if "hs_chapters" in out:
        out["hs_chapters"] = clean_chapters(out["hs_chapters"])
    if "markets" in out:
        out["markets"] = clean_markets(out["markets"])
    if "topics" in out:
        out["topics"] = clean_topics(out["topics"])
    if "attendance_threshold" in out:
        share = Decimal(str(out["attendance_threshold"]))
        if not Decimal("0.01") <= share <= 1:
            raise TarazError("workshops.bad-threshold", value=str(share))
        out["attendance_threshold"] = share
    if "capacity" in out and int(out["capacity"]) < 1:
        raise TarazError("workshops.bad-capacity", value=str(out["capacity"]))
    return out


# -- events and sessions ------------------------------------------------------------------------


def _may_run(actor) -> None:
    if not may.can_run_workshops(actor):
        raise TarazError("workshops.not-allowed")


def _check_window(event: Event) -> None:
    if event.registration_closes <= event.registration_opens:
        raise TarazError("workshops.bad-window")


def create_event(*, actor, ip: str | None = None, **fields: Any) -> Event:
    """A new event, a draft, as an officer or an administrator."""
    _may_run(actor)
    event = Event(created_by=actor, **_cleaned(fields))
    _check_window(event)
    with transaction.atomic():
        event.save()
        audit_trail.record(
            Action.WORKSHOP_CHANGE, actor, subject=event.audit_subject, ip=ip, step="create"
        )
    return event


def update_event(event: Event, *, actor, ip: str | None = None, **fields: Any) -> Event:
    _may_run(actor)
    changes = _cleaned(fields)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.status == EventStatus.CANCELLED:
            raise TarazError("workshops.cancelled")
        if "capacity" in changes and changes["capacity"] < _confirmed(event).count():
            raise TarazError("workshops.capacity-below-confirmed", value=changes["capacity"])
        for name, value in changes.items():
            setattr(event, name, value)
        _check_window(event)
        event.save()
        audit_trail.record(
            Action.WORKSHOP_CHANGE,
            actor,
            subject=event.audit_subject,
            ip=ip,
            step="edit",
            fields=sorted(changes),
        )
        _fill_places(event, timezone.now())  # a larger capacity takes people off the list
    return event


def add_session(
    event: Event,
    starts_at: datetime,
    ends_at: datetime,
    *,
    actor,
    title_fa: str = "",
    title_en: str = "",
    ip: str | None = None,
) -> Session:
    _may_run(actor)
    if ends_at <= starts_at:
        raise TarazError("workshops.bad-session")
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.status == EventStatus.CANCELLED:
            raise TarazError("workshops.cancelled")
        session = Session.objects.create(
            event=event, starts_at=starts_at, ends_at=ends_at, title_fa=title_fa, title_en=title_en
        )
        audit_trail.record(
            Action.WORKSHOP_CHANGE,
            actor,
            subject=event.audit_subject,
            ip=ip,
            step="session",
            starts=starts_at.isoformat(),
            ends=ends_at.isoformat(),
        )
    return session


def publish(event: Event, *, actor, ip: str | None = None) -> Event:
    """A draft with at least one session goes on the public calendar."""
    _may_run(actor)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.status != EventStatus.DRAFT:
            raise TarazError("workshops.not-now", status=event.status)
        if not event.sessions.exists():
            raise TarazError("workshops.no-sessions")
        event.status = EventStatus.PUBLISHED
        event.save(update_fields=["status"])
        audit_trail.record(
            Action.WORKSHOP_CHANGE, actor, subject=event.audit_subject, ip=ip, step="publish"
        )
    return event


def cancel_event(
    event: Event, *, actor, ip: str | None = None, now: datetime | None = None
) -> Event:
    """The event is called off: it stays on the calendar marked cancelled, and everyone
    registered (confirmed or waiting) is told. An event already held cannot be."""
    _may_run(actor)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.status == EventStatus.CANCELLED or event_over(event, now):  # held stays held
            raise TarazError("workshops.not-now", status=event.status)
        event.status = EventStatus.CANCELLED
        event.save(update_fields=["status"])
        audit_trail.record(
            Action.WORKSHOP_CHANGE, actor, subject=event.audit_subject, ip=ip, step="cancel"
        )
        for reg in event.registrations.exclude(status=BookingStatus.CANCELLED):
            _tell(reg, "workshops.notify.event_cancelled")
    return event


# -- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    starts: datetime | None
    ends: datetime | None


def span_of(event: Event) -> Span:
    found = event.sessions.aggregate(starts=Min("starts_at"), ends=Max("ends_at"))
    return Span(found["starts"], found["ends"])


def _with_span(rows: QuerySet[Event]) -> QuerySet[Event]:
    return rows.annotate(starts=Min("sessions__starts_at"), ends=Max("sessions__ends_at"))


def public_events() -> QuerySet[Event]:
    """Published and cancelled events, by their first session (latest first)."""
    rows = Event.objects.filter(status__in=(EventStatus.PUBLISHED, EventStatus.CANCELLED))
    return _with_span(rows).order_by("-starts", "-id")


def public_state(event: Event, now: datetime | None = None) -> str:
    """What the public calendar says of an event (`public_events` rows carry their span):
    cancelled, held, open (places left), full (a waiting list), soon (booking not open
    yet) or closed (booking over, not held yet)."""
    now = now or timezone.now()
    ends = event.ends if hasattr(event, "ends") else span_of(event).ends
    if event.status == EventStatus.CANCELLED:
        return "cancelled"
    if ends is not None and now >= ends:
        return "held"
    if now < event.registration_opens:
        return "soon"
    if now >= event.registration_closes:
        return "closed"
    return "open" if places_left(event) > 0 else "full"


def all_events(user) -> QuerySet[Event]:
    """Every event, drafts included: the organization's people only."""
    if not may.can_view_workshop_desk(user):
        return Event.objects.none()
    return _with_span(Event.objects.all()).order_by("-starts", "-id")


def event_for(user, pk: int) -> Event:
    """A published or cancelled event; a draft for the organization's people only (404)."""
    event = Event.objects.filter(pk=pk).first()
    if event is None:
        raise Http404("workshops.unknown")
    if event.status == EventStatus.DRAFT and not may.can_view_workshop_desk(user):
        raise Http404("workshops.unknown")
    return event


def staff_event_for(user, pk: int) -> Event:
    if not may.can_view_workshop_desk(user):
        raise Http404("workshops.unknown")
    event = Event.objects.filter(pk=pk).first()
    if event is None:
        raise Http404("workshops.unknown")
    return event


def sessions_of(event: Event) -> list[Session]:
    return list(event.sessions.order_by("starts_at", "id"))


def _confirmed(event: Event) -> QuerySet[Registration]:
    return event.registrations.filter(status=BookingStatus.CONFIRMED)


def confirmed(event: Event) -> list[Registration]:
    return list(_confirmed(event).select_related("exporter").order_by("confirmed_at", "id"))


def waiting_list(event: Event) -> QuerySet[Registration]:
    """Who waits, in the order places go: small and medium firms first where the event says
    so, then by the moment they joined the list."""
    rows = event.registrations.filter(status=BookingStatus.WAITING).select_related("exporter")
    if event.sme_priority:
        return rows.order_by("-sme", "queued_at", "id")
    return rows.order_by("queued_at", "id")


def places_left(event: Event) -> int:
    return max(event.capacity - _confirmed(event).count(), 0)


def registration_open(event: Event, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        event.status == EventStatus.PUBLISHED
        and event.registration_opens <= now < event.registration_closes
    )


def my_registrations(user) -> QuerySet[Registration]:
    """The user's own registrations and those of the firms the user belongs to today."""
    if not getattr(user, "is_authenticated", False):
        return Registration.objects.none()
    firms = exporters_of(user)
    rows = Registration.objects.filter(Q(user=user) | Q(exporter_id__in=firms))
    return rows.select_related("event", "exporter").order_by("-queued_at", "-id")


def exporters_of(user) -> list[int]:
    return accounts.exporter_ids_of(user) if getattr(user, "is_authenticated", False) else []


def firms_of(user):
    """The firms `user` may register for (a member today)."""
    return exporters.visible_exporters(user).filter(pk__in=exporters_of(user)).order_by("pk")


def booking_for(user, token: str) -> Registration:
    """A registration by its link. A firm's registration is shown to the firm's people and the
    organization's only; anyone else (and an unknown link) gets 404."""
    reg = Registration.objects.select_related("event", "exporter").filter(token=token).first()
    if reg is None:
        raise Http404("workshops.unknown-booking")
    if reg.exporter_id is not None and not may.can_view_registration(user, reg):
        raise Http404("workshops.unknown-booking")
    return reg


# -- registering and cancelling -----------------------------------------------------------------


def register(
    event: Event,
    *,
    user=None,
    exporter=None,
    name: str = "",
    email: str = "",
    phone: str = "",
    now: datetime | None = None,
    ip: str | None = None,
) -> Registration:
    """A place for one person: confirmed while places are left, else on the waiting list.
    A firm's member registers with the firm (its size class today decides the SME priority);
    a member of the public with a name and an e-mail address."""
    now = now or timezone.now()
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    if exporter is not None:
        if not signed_in or exporter.pk not in exporters_of(user):
            raise TarazError("workshops.not-your-firm")
        person = f"user:{user.pk}"
        name = name or user.get_full_name() or user.get_username()
        email = email or user.email
    else:
        email = email.strip().lower()
        if not name.strip() or not email:
            raise TarazError("workshops.contact-missing")
        person = f"user:{user.pk}" if signed_in else f"email:{email}"
    size = exporters.size_class_on(exporter, timezone.localdate(now)) if exporter else None
    try:
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event.pk)
            if not registration_open(event, now):
                raise TarazError("workshops.closed")
            taken = event.registrations.exclude(status=BookingStatus.CANCELLED)
            if taken.filter(person=person).exists():
                raise TarazError("workshops.already-registered")
            full = _confirmed(event).count() >= event.capacity
            reg = Registration.objects.create(
                event=event,
                person=person,
                user=user if signed_in else None,
                exporter=exporter,
                sme=size in SME_CLASSES,
                name=name.strip()[:150],
                email=email,
                phone=phone.strip()[:20],
                token=secrets.token_urlsafe(24),
                status=BookingStatus.WAITING if full else BookingStatus.CONFIRMED,
                queued_at=now,
                confirmed_at=None if full else now,
            )
            audit_trail.record(
                Action.WORKSHOP_BOOKING,
                user if signed_in else None,
                username=None if signed_in else "public",
                subject=reg.audit_subject,
                ip=ip,
                step="register",
                event=event.pk,
                status=reg.status,
                sme=reg.sme,
            )
            _tell(reg, f"workshops.notify.{reg.status}")
    except IntegrityError as exc:  # the unique constraint: a second click at the same moment
        raise TarazError("workshops.already-registered") from exc
    return reg


def cancel(reg: Registration, *, actor=None, now: datetime | None = None, ip=None) -> Registration:
    """Cancel a registration (its person, or an organizer). A confirmed place goes to the first
    of the waiting list, who is told."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=reg.event_id)
        reg = Registration.objects.select_for_update().get(pk=reg.pk)
        if reg.status == BookingStatus.CANCELLED:
            raise TarazError("workshops.not-now", status=reg.status)
        starts = span_of(event).starts
        if starts is not None and now >= starts:
            raise TarazError("workshops.started")
        before = reg.status
        reg.status, reg.cancelled_at = BookingStatus.CANCELLED, now
        reg.save(update_fields=["status", "cancelled_at"])
        signed_in = actor is not None and getattr(actor, "is_authenticated", False)
        audit_trail.record(
            Action.WORKSHOP_BOOKING,
            actor if signed_in else None,
            username=None if signed_in else "public",
            subject=reg.audit_subject,
            ip=ip,
            step="cancel",
            event=event.pk,
            before=before,
        )
        _tell(reg, "workshops.notify.cancelled")
        if before == BookingStatus.CONFIRMED:
            _fill_places(event, now)
    return reg


def _fill_places(event: Event, now: datetime) -> list[Registration]:
    """Give the free places to the waiting list, in its order (the event's row is locked)."""
    if event.status != EventStatus.PUBLISHED:
        return []
    promoted = []
    free = event.capacity - _confirmed(event).count()
    for reg in list(waiting_list(event).select_for_update(of=("self",))[: max(free, 0)]):
        reg.status, reg.confirmed_at = BookingStatus.CONFIRMED, now
        reg.save(update_fields=["status", "confirmed_at"])
        audit_trail.record_as_actor(
            Action.WORKSHOP_BOOKING,
            subject=reg.audit_subject,
            step="promote",
            event=event.pk,
            sme=reg.sme,
        )
        _tell(reg, "workshops.notify.promoted")
        promoted.append(reg)
    return promoted


def booking_link(reg: Registration) -> str:
    """The booking's own page at the site's public address (`TARAZ_PUBLIC_URL`)."""
    with translation.override("fa"):
        path = reverse("workshops:booking", args=[reg.token])
    return settings.TARAZ_PUBLIC_URL.rstrip("/") + path


def _tell(reg: Registration, key: str) -> None:
    cases.notify_person(
        reg.email,
        key,
        user=reg.user,
        title_fa=reg.event.title_fa,
        title_en=reg.event.title_en or reg.event.title_fa,
        link=booking_link(reg),
    )


# -- attendance ---------------------------------------------------------------------------------


def attendees_of(session: Session) -> set[int]:
    return set(session.attendance.values_list("registration_id", flat=True))


def record_attendance(
    session: Session, registration_ids, *, actor, now: datetime | None = None, ip=None
) -> set[int]:
    """The attendance of a session as the organizer ticked it: exactly the confirmed
    registrations named (a tick taken away is removed). Only once the session has begun."""
    _may_run(actor)
    now = now or timezone.now()
    wanted = {int(i) for i in registration_ids}
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=session.event_id)
        if now < session.starts_at:
            raise TarazError("workshops.not-started")
        allowed = set(_confirmed(event).values_list("pk", flat=True))
        if wanted - allowed:
            raise TarazError("workshops.not-confirmed")
        held = attendees_of(session)
        session.attendance.filter(registration_id__in=held - wanted).delete()
        Attendance.objects.bulk_create(
            Attendance(registration_id=i, session=session, recorded_by=actor, recorded_at=now)
            for i in sorted(wanted - held)
        )
        audit_trail.record(
            Action.WORKSHOP_ATTENDANCE,
            actor,
            subject=event.audit_subject,
            ip=ip,
            session=session.pk,
            added=sorted(wanted - held),
            removed=sorted(held - wanted),
        )
    return wanted


@dataclass(frozen=True)
class Share:
    attended: int
    sessions: int
    threshold: Decimal

    @property
    def enough(self) -> bool:
        """At or above the threshold: attended / sessions >= threshold, in exact decimals."""
        return self.sessions > 0 and Decimal(self.attended) >= self.threshold * self.sessions


def share_of(reg: Registration) -> Share:
    sessions = reg.event.sessions.count()
    attended = reg.attendance.count()
    return Share(attended, sessions, reg.event.attendance_threshold)


def attendance_table(event: Event) -> list[tuple[Registration, Share]]:
    counts = dict(
        Attendance.objects.filter(session__event=event)
        .values_list("registration_id")
        .annotate(n=Count("id"))
    )
    sessions = event.sessions.count()
    return [
        (reg, Share(counts.get(reg.pk, 0), sessions, event.attendance_threshold))
        for reg in confirmed(event)
    ]


def event_over(event: Event, now: datetime | None = None) -> bool:
    ends = span_of(event).ends
    return ends is not None and (now or timezone.now()) >= ends


# -- certificates of attendance ------------------------------------------------------------------


def issue_attendance_certificate(
    reg: Registration, *, actor, now: datetime | None = None, ip=None
) -> AttendanceCertificate:
    """A signed certificate of attendance, only at or above the event's threshold and once
    the event is over."""
    _may_run(actor)
    now = now or timezone.now()
    store = certificates.key_store()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=reg.event_id)
        reg = Registration.objects.select_related("exporter").get(pk=reg.pk)
        if reg.status != BookingStatus.CONFIRMED or event.status != EventStatus.PUBLISHED:
            raise TarazError("workshops.not-now", status=reg.status)
        if not event_over(event, now):
            raise TarazError("workshops.not-over")
        share = share_of(reg)
        if not share.enough:
            raise TarazError(
                "workshops.below-threshold",
                attended=share.attended,
                sessions=share.sessions,
                threshold=int(share.threshold * 100),
            )
        if AttendanceCertificate.objects.filter(registration=reg).exists():
            raise TarazError("workshops.certificate-exists")
        number, code = certificates.new_number(), certificates.new_check_code()
        claims = _claims(event, reg, number, share, actor, now)
        token = issue(claims, now=now, store=store)
        cert = AttendanceCertificate.objects.create(
            registration=reg,
            number=number,
            check_code=code,
            claims=claims,
            token=token,
            issued_by=actor,
            issued_at=now,
        )
        audit_trail.record(
            Action.CERTIFICATE_ISSUE,
            actor,
            subject=reg.audit_subject,
            ip=ip,
            number=number,
            kind="attendance",
            event=event.pk,
        )
        _tell(reg, "workshops.notify.certificate")
    return cert


def issue_due_certificates(event: Event, *, actor, now: datetime | None = None, ip=None) -> int:
    """Certificates for every confirmed attendee at or above the threshold who has none yet."""
    _may_run(actor)
    issued = 0
    for reg, share in attendance_table(event):
        if share.enough and not AttendanceCertificate.objects.filter(registration=reg).exists():
            issue_attendance_certificate(reg, actor=actor, now=now, ip=ip)
            issued += 1
    return issued


def _claims(event, reg, number, share, actor, now) -> dict[str, Any]:
    """What the token signs (docs/workshops.md): kind `attendance`, the event, its dates, the
    person and, for a firm's member, the firm."""
    span = span_of(event)
    first = timezone.localdate(span.starts)
    last = timezone.localdate(span.ends)
    issued = timezone.localdate(now)
    claims: dict[str, Any] = {
        "jti": number,
        "knd": "attendance",
        "iss": certificates.ISSUER,
        "who": reg.name,
        "ev": {"id": event.pk, "fa": event.title_fa, "en": event.title_en or event.title_fa},
        "att": {"n": share.attended, "of": share.sessions},
        "dt": {
            "from": first.isoformat(),
            "from_j": jalali_text(first),
            "to": last.isoformat(),
            "to_j": jalali_text(last),
            "iss": issued.isoformat(),
            "iss_j": jalali_text(issued),
        },
        "sig": actor.get_full_name() or actor.get_username(),
    }
    if reg.exporter is not None:
        firm = reg.exporter
        claims["sub"] = firm.card_number
        claims["ex"] = {"fa": firm.name_fa, "en": firm.name_en, "city": firm.city}
    return claims


def certificate_of(reg: Registration) -> AttendanceCertificate | None:
    return AttendanceCertificate.objects.filter(registration=reg).first()


def certificate_numbered(number: str) -> AttendanceCertificate | None:
    """The certificate of attendance of that number (the public checker's paper form)."""
    return AttendanceCertificate.objects.filter(number=number).first()


def certificate_pdf(cert: AttendanceCertificate) -> bytes:
    """The certificate of attendance on paper, Persian beside English, with the QR code of its
    verification link and the token under it (the quality certificate's machinery)."""
    from taraz.credentials.summary import facts
    from taraz.fa import to_persian_digits

    context = {
        "c": cert.claims,
        "check_code": cert.check_code,
        "check_code_fa": to_persian_digits(cert.check_code),
        "facts_fa": facts(cert.claims, "fa"),
        "facts_en": facts(cert.claims, "en"),
    }
    return certificates.signed_pdf(
        "workshops/certificate_pdf.html", context, number=cert.number, token=cert.token
    )


def verification_link(request_base: str, cert: AttendanceCertificate) -> str:
    from taraz.credentials import verification_link as link

    return link(request_base, cert.token)


# -- feedback ---------------------------------------------------------------------------------


def give_feedback(
    reg: Registration, rating: int, comment: str = "", *, now: datetime | None = None
) -> Feedback:
    """An attendee's rating (1 to 5) and comment, once, after the event."""
    now = now or timezone.now()
    if not 1 <= int(rating) <= 5:
        raise TarazError("workshops.bad-rating", value=str(rating))
    with transaction.atomic():
        reg = Registration.objects.select_for_update().select_related("event").get(pk=reg.pk)
        if not event_over(reg.event, now) or not reg.attendance.exists():
            raise TarazError("workshops.no-feedback-yet")
        if Feedback.objects.filter(registration=reg).exists():
            raise TarazError("workshops.feedback-given")
        return Feedback.objects.create(
            registration=reg, rating=int(rating), comment=comment.strip()[:2000], given_at=now
        )


def feedback_of(event: Event) -> list[Feedback]:
    return list(Feedback.objects.filter(registration__event=event).order_by("-given_at"))


def may_give_feedback(reg: Registration, now: datetime | None = None) -> bool:
    return (
        reg.status == BookingStatus.CONFIRMED
        and event_over(reg.event, now)
        and reg.attendance.exists()
        and not Feedback.objects.filter(registration=reg).exists()
    )


def with_certificates(rows: QuerySet[Registration]) -> QuerySet[Registration]:
    held = AttendanceCertificate.objects.filter(registration=OuterRef("pk"))
    return rows.annotate(has_certificate=Exists(held))


# -- the demo ---------------------------------------------------------------------------------


def seed_demo_workshops():
    """The demo's workshops (`taraz demo`, after its certificates: it signs with their keys)."""
    from taraz.web.workshops.demo import seed_workshops

    return seed_workshops()


def demo_workshop_lines(made, lang: str) -> list[str]:
    from taraz.web.workshops.demo import workshop_lines

    return workshop_lines(made, lang)


# -- outcomes -------------------------------------------------------------------------------------


def public_outcomes_json() -> dict[str, Any]:
    """The public aggregate of workshop outcomes as JSON (`/api/v1/workshops/outcomes`)."""
    from taraz.web.workshops.outcomes import pooled_json

    return pooled_json()
