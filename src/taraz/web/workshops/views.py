"""The workshops' pages.

Public: the calendar (`/workshops/`, `/en/workshops/`), an event's page with its registration
form, the iCalendar feed and each event's `.ics`, and a booking's own page (by its link: see
it, cancel it, give feedback, see the certificate of attendance). A firm's people: their
firms' registrations. The organization's people: every event with its registrations and
waiting list; an officer or an administrator creates, edits, publishes and cancels events,
adds sessions, takes attendance and issues certificates of attendance.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taraz.errors import Kind, TarazError
from taraz.web.accounts.access import signed_in
from taraz.web.clients import client_ip
from taraz.web.site.services import current_lang, say
from taraz.web.workshops import ics, services
from taraz.web.workshops import outcomes as measured
from taraz.web.workshops import permissions as may
from taraz.web.workshops.forms import (
    AttendanceForm,
    EventForm,
    FeedbackForm,
    FirmRegistrationForm,
    PublicRegistrationForm,
    SessionForm,
)

EDITABLE = services.EVENT_FIELDS


def desk(view):
    """The organization's people only (signed in; others 403)."""

    @wraps(view)
    @signed_in
    def guarded(request, *args, **kwargs):
        if not may.can_view_workshop_desk(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def _refused(request, exc: TarazError, where: str) -> HttpResponseRedirect:
    if exc.kind is Kind.PERMISSION:
        raise PermissionDenied from exc
    messages.error(request, f"{exc.message(current_lang())} [{exc.code}]")
    return HttpResponseRedirect(where)


# -- public ----------------------------------------------------------------------------------


@require_GET
def calendar(request):
    rows = list(services.public_events()[:200])
    now = timezone.now()
    for event in rows:
        event.public = services.public_state(event, now)
    return render(request, "workshops/calendar.html", {"events": rows})


@require_GET
def outcomes(request):
    """Every past published workshop's attendee firms together (docs/workshops.md)."""
    context = {"outcomes": measured.public_outcomes(current_lang())}
    return render(request, "workshops/outcomes.html", context)


def _event_context(request, event, *, public_form=None, firm_form=None):
    user = request.user
    firms = list(services.firms_of(user))
    lang = current_lang()
    return {
        "event": event,
        "sessions": services.sessions_of(event),
        "span": services.span_of(event),
        "open": services.registration_open(event),
        "places_left": services.places_left(event),
        "waiting": services.waiting_list(event).count(),
        "firms": firms,
        "firm_form": firm_form or (FirmRegistrationForm(firms=firms, lang=lang) if firms else None),
        "public_form": public_form or PublicRegistrationForm(),
        "may_run": may.can_run_workshops(user),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def event_page(request, pk: int):
    event = services.event_for(request.user, pk)
    if request.method != "POST":
        return render(request, "workshops/event.html", _event_context(request, event))
    firms = list(services.firms_of(request.user))
    as_firm = "firm" in request.POST and firms
    if as_firm:
        form = FirmRegistrationForm(request.POST, firms=firms, lang=current_lang())
    else:
        form = PublicRegistrationForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            if as_firm:
                firm = next(f for f in firms if str(f.pk) == data["firm"])
                reg = services.register(
                    event, user=request.user, exporter=firm, ip=client_ip(request)
                )
            else:
                reg = services.register(
                    event,
                    user=request.user,
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    ip=client_ip(request),
                )
        except TarazError as exc:
            if exc.kind is Kind.PERMISSION:
                raise PermissionDenied from exc
            form.refuse(None, exc)
            status = 409
        else:
            messages.info(request, say(f"ws.done.{reg.status}"))
            return HttpResponseRedirect(reverse("workshops:booking", args=[reg.token]))
    bound = {"firm_form": form} if as_firm else {"public_form": form}
    context = _event_context(request, event, **bound)
    return render(request, "workshops/event.html", context, status=status)


def _host(request) -> str:
    return request.get_host().split(":", 1)[0] or "taraz"


@require_GET
def event_ics(request, pk: int):
    event = services.event_for(request.user, pk)
    url = request.build_absolute_uri(reverse("workshops:event", args=[event.pk]))
    body = ics.event_calendar(event, services.sessions_of(event), url, _host(request))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="workshop-{event.pk}.ics"'
    return response


@require_GET
def feed(request):
    rows = [
        (
            e,
            services.sessions_of(e),
            request.build_absolute_uri(reverse("workshops:event", args=[e.pk])),
        )
        for e in services.public_events()[:500]
    ]
    body = ics.feed(rows, say("ws.calendar"), _host(request))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def _booking_context(request, reg, feedback_form=None):
    cert = services.certificate_of(reg)
    link = ""
    if cert is not None:
        link = services.verification_link(request.build_absolute_uri(reverse("verify:page")), cert)
    return {
        "reg": reg,
        "event": reg.event,
        "span": services.span_of(reg.event),
        "share": services.share_of(reg),
        "certificate": cert,
        "link": link,
        "may_cancel": reg.status != "cancelled" and not services.event_over(reg.event),
        "feedback_form": feedback_form
        or (FeedbackForm() if services.may_give_feedback(reg) else None),
        "position": _position(reg),
    }


def _position(reg) -> int | None:
    if reg.status != "waiting":
        return None
    ids = list(services.waiting_list(reg.event).values_list("pk", flat=True))
    return ids.index(reg.pk) + 1 if reg.pk in ids else None


@require_GET
def booking(request, token: str):
    reg = services.booking_for(request.user, token)
    response = render(request, "workshops/booking.html", _booking_context(request, reg))
    response["Cache-Control"] = "private, no-store"
    return response


def _pdf(cert) -> HttpResponse:
    response = HttpResponse(services.certificate_pdf(cert), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{cert.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def booking_pdf(request, token: str):
    """The booking's certificate of attendance as PDF: whoever may see the booking (its link;
    a firm's, the firm's people and the organization's); 404 without a certificate."""
    cert = services.certificate_of(services.booking_for(request.user, token))
    if cert is None:
        raise Http404("workshops.no-certificate")
    return _pdf(cert)


@require_GET
@desk
def staff_certificate_pdf(request, pk: int, registration: int):
    """A registration's certificate of attendance as PDF, for the organization's people."""
    event = services.staff_event_for(request.user, pk)
    reg = event.registrations.filter(pk=registration).first()
    cert = services.certificate_of(reg) if reg is not None else None
    if cert is None:
        raise Http404("workshops.no-certificate")
    return _pdf(cert)


@require_POST
def booking_action(request, token: str, action: str):
    reg = services.booking_for(request.user, token)
    here = reverse("workshops:booking", args=[reg.token])
    if action not in ("cancel", "feedback"):
        raise Http404("workshops.unknown-action")
    # the organization's people see a firm's booking; only an organizer cancels it
    organizer_cancels = action == "cancel" and may.can_run_workshops(request.user)
    someone_elses = reg.exporter_id is not None and not may.is_registrant(request.user, reg)
    if someone_elses and not organizer_cancels:
        raise PermissionDenied
    if action == "cancel":
        try:
            services.cancel(reg, actor=request.user, ip=client_ip(request))
        except TarazError as exc:
            return _refused(request, exc, here)
        messages.info(request, say("ws.done.cancelled"))
        return HttpResponseRedirect(here)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        context = _booking_context(request, reg, feedback_form=form)
        return render(request, "workshops/booking.html", context, status=400)
    try:
        services.give_feedback(reg, form.cleaned_data["rating"], form.cleaned_data["comment"])
    except TarazError as exc:
        return _refused(request, exc, here)
    messages.info(request, say("ws.done.feedback"))
    return HttpResponseRedirect(here)


@require_GET
@signed_in
def mine(request):
    rows = services.with_certificates(services.my_registrations(request.user))[:200]
    return render(request, "workshops/mine.html", {"rows": rows})


# -- the organization's pages ------------------------------------------------------------------


@require_GET
@desk
def staff_list(request):
    return render(
        request,
        "workshops/staff_list.html",
        {
            "events": services.all_events(request.user)[:500],
            "may_run": may.can_run_workshops(request.user),
        },
    )


def _initial(event) -> dict:
    out = {name: getattr(event, name) for name in EDITABLE}
    for name in ("topics", "hs_chapters", "markets"):
        out[name] = ", ".join(out[name])
    return out


@require_http_methods(["GET", "HEAD", "POST"])
@desk
def edit(request, pk: int | None = None):
    if not may.can_run_workshops(request.user):
        raise PermissionDenied
    event = services.staff_event_for(request.user, pk) if pk is not None else None
    initial = _initial(event) if event is not None else None
    form = EventForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k in EDITABLE}
            try:
                if event is None:
                    event = services.create_event(actor=request.user, ip=client_ip(request), **data)
                else:
                    services.update_event(event, actor=request.user, ip=client_ip(request), **data)
            except TarazError as exc:
                if exc.kind is Kind.PERMISSION:
                    raise PermissionDenied from exc
                form.refuse(None, exc)
            else:
                messages.info(request, say("ws.done.saved"))
                return HttpResponseRedirect(reverse("workshops:manage", args=[event.pk]))
    context = {"form": form, "event": event}
    return render(request, "workshops/edit.html", context, status=status)


def _manage_context(request, event, session_form=None):
    table = services.attendance_table(event)
    return {
        "event": event,
        "sessions": services.sessions_of(event),
        "span": services.span_of(event),
        "table": table,
        "waiting": list(services.waiting_list(event)),
        "cancelled": event.registrations.filter(status="cancelled").count(),
        "certified": set(
            services.with_certificates(event.registrations.all())
            .filter(has_certificate=True)
            .values_list("pk", flat=True)
        ),
        "feedback": services.feedback_of(event),
        "session_form": session_form or SessionForm(),
        "may_run": may.can_run_workshops(request.user),
        "over": services.event_over(event),
        "due": sum(1 for _, share in table if share.enough),
        "outcomes": measured.event_outcomes(event, current_lang()),
    }


@require_GET
@desk
def manage(request, pk: int):
    event = services.staff_event_for(request.user, pk)
    return render(request, "workshops/manage.html", _manage_context(request, event))


@require_POST
@desk
def add_session(request, pk: int):
    event = services.staff_event_for(request.user, pk)
    if not may.can_run_workshops(request.user):
        raise PermissionDenied
    form = SessionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_session(
                event,
                data["starts_at"],
                data["ends_at"],
                title_fa=data["title_fa"],
                title_en=data["title_en"],
                actor=request.user,
                ip=client_ip(request),
            )
        except TarazError as exc:
            form.refuse(None, exc)
        else:
            messages.info(request, say("ws.done.session"))
            return HttpResponseRedirect(reverse("workshops:manage", args=[event.pk]))
    context = _manage_context(request, event, session_form=form)
    return render(request, "workshops/manage.html", context, status=400)


ACTIONS = {
    "publish": services.publish,
    "cancel": services.cancel_event,
    "certify": services.issue_due_certificates,
}


@require_POST
@desk
def change(request, pk: int, action: str):
    event = services.staff_event_for(request.user, pk)
    if action not in ACTIONS:
        raise Http404("workshops.unknown-action")
    if not may.can_run_workshops(request.user):
        raise PermissionDenied
    here = reverse("workshops:manage", args=[event.pk])
    try:
        ACTIONS[action](event, actor=request.user, ip=client_ip(request))
    except TarazError as exc:
        return _refused(request, exc, here)
    messages.info(request, say(f"ws.done.{action}"))
    return HttpResponseRedirect(here)


@require_http_methods(["GET", "HEAD", "POST"])
@desk
def attendance(request, pk: int, session: int):
    event = services.staff_event_for(request.user, pk)
    found = next((s for s in services.sessions_of(event) if s.pk == session), None)
    if found is None:
        raise Http404("workshops.unknown-session")
    people = services.confirmed(event)
    held = services.attendees_of(found)
    form = AttendanceForm(
        request.POST or None, people=people, initial={"present": [str(i) for i in held]}
    )
    status = 200
    if request.method == "POST":
        if not may.can_run_workshops(request.user):
            raise PermissionDenied
        status = 400
        if form.is_valid():
            try:
                services.record_attendance(
                    found, form.cleaned_data["present"], actor=request.user, ip=client_ip(request)
                )
            except TarazError as exc:
                form.refuse(None, exc)
            else:
                messages.info(request, say("ws.done.attendance"))
                return HttpResponseRedirect(reverse("workshops:manage", args=[event.pk]))
    context = {
        "event": event,
        "session": found,
        "form": form,
        "may_run": may.can_run_workshops(request.user),
    }
    return render(request, "workshops/attendance.html", context, status=status)
