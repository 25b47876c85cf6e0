"""The cases: what other apps and this app's pages and commands may do. The only writer of the
app's rows, and `transition` the only code that changes a case's status.

`transition(case_id, action, actor, **data)` runs in one database transaction: it locks the
case's row (`select_for_update`; on SQLite the database's write lock, every transaction there
beginning IMMEDIATE), checks the state, the actor's part and the guard again *after* the lock,
writes, appends a `CaseEvent`, writes the audit record and queues the notifications. Two
simultaneous clicks give one event: the second finds the state already changed and is refused
with `cases.not-now`.

`visible_cases(user)` is the queryset of `permissions.can_view_case`; a case outside it
answers 404, whether or not it exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from taraz.calendar import gregorian_to_jalali
from taraz.calendar.workdays import jalali_text
from taraz.errors import TarazError
from taraz.web.accounts import services as accounts
from taraz.web.audit import services as audit_trail
from taraz.web.cases import permissions as may
from taraz.web.cases import workflow
from taraz.web.cases.clock import current_closures, work_calendar
from taraz.web.cases.models import (
    CLOSED_STATES,
    OPEN_STATES,
    Advice,
    Case,
    CaseDocument,
    CaseEvent,
    ClosureDay,
    InfoRequest,
    Procedure,
    ReferenceCounter,
    Review,
    State,
)
from taraz.web.cases.outbox import queue_message, queue_notification, send_pending
from taraz.web.cases.procedures import (
    advice_for,
    procedure_files,
    read_procedure,
    required_documents,
)
from taraz.web.cases.uploads import check_upload, store_upload
from taraz.web.site.services import say

Action = audit_trail.Action
TEXT_LIMIT = 4000
# working days for a body the procedure does not name (an officer may route to any body)
OTHER_BODY_DAYS = 5

__all__ = [
    "Advice",
    "Case",
    "Procedure",
    "State",
    "case_for",
    "load_procedures",
    "open_case",
    "transition",
    "visible_cases",
]


# -- procedures -------------------------------------------------------------------------------


@dataclass
class ProceduresLoad:
    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def load_procedures(
    folder: Path | None = None, *, actor=None, dry_run: bool = False
) -> ProceduresLoad:
    """Store every procedure file of `folder` (default: the packaged ones) not stored yet. A
    version already stored from different bytes is refused (`cases.procedure-changed`): a
    change is a new version."""
    codes = frozenset(accounts.bodies().values_list("code", flat=True))
    files = [read_procedure(p, codes) for p in procedure_files(folder)]
    out = ProceduresLoad()
    with transaction.atomic():
        for f in files:
            label = f"{f.code} v{f.version}"
            stored = Procedure.objects.filter(code=f.code, version=f.version).first()
            if stored is not None:
                if stored.sha256 != f.sha256:
                    raise TarazError("cases.procedure-changed", procedure=label, file=f.path.name)
                out.unchanged.append(label)
                continue
            out.created.append(label)
            if dry_run:
                continue
            row = Procedure.objects.create(
                code=f.code,
                version=f.version,
                abbrev=f.data["abbrev"],
                valid_from=f.valid_from,
                name_fa=f.data["name_fa"],
                name_en=f.data["name_en"],
                definition=f.data,
                sha256=f.sha256,
            )
            _record(
                Action.PROCEDURE_LOAD,
                actor,
                f"procedure:{row.pk}",
                procedure=label,
                sha256=f.sha256,
                file=f.path.name,
            )
    return out


def current_procedures(on: date | None = None) -> list[Procedure]:
    """The version of each procedure in force on `on` (today): the highest version whose
    `valid_from` has come."""
    day = on or timezone.localdate()
    latest: dict[str, Procedure] = {}
    for p in Procedure.objects.filter(valid_from__lte=day).order_by("code", "-version"):
        latest.setdefault(p.code, p)
    return sorted(latest.values(), key=lambda p: p.code)


def procedure_for(code: str, on: date | None = None) -> Procedure:
    for p in current_procedures(on):
        if p.code == code:
            return p
    raise Http404("cases.unknown-procedure")


def procedure_versions(code: str) -> list[Procedure]:
    return list(Procedure.objects.filter(code=code).order_by("-version"))


def procedures_stamp(on: date | None = None) -> tuple:
    """What the public procedure pages are made from besides the measures: the day (a version
    comes into force), the versions loaded, the bodies' names."""
    return (
        on or timezone.localdate(),
        tuple(Procedure.objects.order_by("pk").values_list("pk", flat=True)),
        tuple(accounts.bodies().order_by("pk").values_list("pk", "name_fa", "name_en", "active")),
    )


# -- who sees what ----------------------------------------------------------------------------


def visible_cases(user) -> QuerySet[Case]:
    """The cases `user` may see (the queryset of `can_view_case`)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Case.objects.none()
    mine = Q(exporter_id__in=accounts.exporter_ids_of(user))
    if may.is_case_staff.test(user):
        return Case.objects.filter(mine | ~Q(state=State.DRAFT))
    bodies = accounts.reviewing_body_ids(user)
    routed = Exists(Review.objects.filter(case=OuterRef("pk"), body_id__in=bodies))
    return Case.objects.filter(mine | (routed & ~Q(state=State.DRAFT)))


def case_for(user, pk: int) -> Case:
    """The case, if `user` may see it; 404 otherwise, whether or not it exists."""
    found = (
        visible_cases(user)
        .select_related("procedure", "exporter", "screener", "decided_by")
        .prefetch_related("reviews__body")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("cases.unknown")
    return found


def firms_of(user):
    """The firms `user` may apply for."""
    from django.apps import apps

    Exporter = apps.get_model("taraz_exporters", "Exporter")
    return Exporter.objects.filter(pk__in=accounts.exporter_ids_of(user), active=True)


# -- a new case and its documents --------------------------------------------------------------


def open_case(
    procedure: Procedure,
    exporter,
    *,
    actor,
    subject: str,
    hs_code: str = "",
    destination: str = "",
    quantity: str = "",
    ip: str | None = None,
    now: datetime | None = None,
) -> Case:
    """A draft for `exporter`, by one of its people."""
    subject = (subject or "").strip()
    if not subject:
        raise TarazError("cases.subject-missing")
    if exporter.pk not in accounts.exporter_ids_of(actor):
        raise TarazError("cases.not-allowed", action="open")
    now = now or timezone.now()
    with transaction.atomic():
        case = Case.objects.create(
            reference=_next_reference(procedure.abbrev, timezone.localdate(now)),
            procedure=procedure,
            exporter=exporter,
            subject=subject[:300],
            hs_code=hs_code,
            destination=destination,
            quantity=quantity[:60],
            created_by=actor,
            created_at=now,
            updated_at=now,
        )
        _append_event(case, "create", "", State.DRAFT, actor, None, {}, now)
        _record(
            Action.CASE_CREATE,
            actor,
            case.audit_subject,
            ip=ip,
            reference=case.reference,
            procedure=str(procedure),
        )
    return case


def _next_reference(abbrev: str, day: date) -> str:
    year = gregorian_to_jalali(day)[0]
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(
        year=year, abbrev=abbrev
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{year}/{abbrev}/{counter.last:05d}"


def add_document(
    case: Case, upload, kind: str, *, actor, ip: str | None = None, now: datetime | None = None
) -> CaseDocument:
    """A file for the case: by its applicant while it is theirs to change (draft, returned, or
    answering a question), or by a routed body's reviewer while it is in review (a test
    report). Checked by content and size; its SHA-256 recorded and audited. `now`: when it was
    given (as for `transition`; default the present)."""
    body = _uploader_body(case, actor)
    kinds = {d["code"] for d in case.procedure.definition["documents"]} | {"other", "report"}
    if kind not in kinds:
        raise TarazError("cases.document-kind", kind=kind)
    content_type = check_upload(upload)
    with transaction.atomic():
        locked = Case.objects.select_for_update().select_related("exporter").get(pk=case.pk)
        if _uploader_body(locked, actor) != body:
            raise TarazError("cases.not-now", action="upload", state=locked.state)
        stored, digest, size = store_upload(upload, case_files_dir())
        doc = CaseDocument.objects.create(
            case=locked,
            kind=kind,
            name=(getattr(upload, "name", "") or "file")[:200],
            content_type=content_type,
            size=size,
            sha256=digest,
            stored_as=stored,
            uploaded_by=actor,
            uploaded_at=now or timezone.now(),
            body=body,
        )
        _record(
            Action.CASE_DOCUMENT,
            actor,
            case.audit_subject,
            ip=ip,
            document=doc.pk,
            kind=kind,
            sha256=digest,
            size=size,
            name=doc.name,
        )
    return doc


def _uploader_body(case: Case, actor):
    """None for the applicant, the body for a routed reviewer; refuses anyone else or a case
    not open to their files now."""
    if may.is_applicant(actor, case):
        if case.state in (State.DRAFT, State.RETURNED):
            return None
        if case.questions.filter(answered_at=None).exists():
            return None
        raise TarazError("cases.not-now", action="upload", state=case.state)
    reviews = [r for r in may.reviews_for(actor, case) if not r.complete]
    if reviews and case.state == State.IN_REVIEW:
        return reviews[0].body
    raise TarazError("cases.not-allowed", action="upload")


def case_files_dir() -> Path:
    return Path(settings.TARAZ_CASE_FILES)


def document_for(user, case_pk: int, doc_pk: int) -> tuple[CaseDocument, Path]:
    case = case_for(user, case_pk)
    doc = CaseDocument.objects.filter(case=case, pk=doc_pk).first()
    if doc is None:
        raise Http404("cases.unknown-document")
    return doc, case_files_dir() / doc.stored_as


# -- the transition ----------------------------------------------------------------------------


def transition(
    case_id: int,
    action: str,
    actor=None,
    *,
    ip: str | None = None,
    now: datetime | None = None,
    **data: Any,
) -> Case:
    """Apply `action` to the case as `actor` (None: the system), in one transaction."""
    step = workflow.transition_for(action)
    if step is None:
        raise TarazError("cases.unknown-action", action=action)
    now = now or timezone.now()
    with transaction.atomic():
        case = (
            Case.objects.select_for_update()
            .select_related("procedure", "exporter")
            .filter(pk=case_id)
            .first()
        )
        if case is None:
            raise TarazError("cases.unknown", case=case_id)
        if case.state not in step.sources:
            raise TarazError("cases.not-now", action=action, state=case.state)
        review = _part(step, case, actor, data)
        before = case.state
        body, detail = HANDLERS[action](case, actor, review, data, now)
        case.state = _target(step, case, before)
        case.updated_at = now
        if case.state in CLOSED_STATES:
            case.closed_at = now
        case.save()
        _append_event(case, action, before, case.state, actor, body, detail, now)
        _record(
            Action.CASE_STEP,
            actor,
            case.audit_subject,
            ip=ip,
            step=action,
            reference=case.reference,
            before=before,
            after=case.state,
            body=body.code if body else None,
            **_audited(detail),
        )
        queued = _notify(case, action, body, before)
    if queued:
        transaction.on_commit(send_pending)
    return case


def _target(step: workflow.Transition, case: Case, before: str) -> str:
    if step.target == workflow.KEEP:
        return before
    if step.target == workflow.REVIEW_OR_DECISION:
        reviews = list(case.reviews.all())
        return State.DECISION if reviews and all(r.complete for r in reviews) else State.IN_REVIEW
    return step.target


def _part(step: workflow.Transition, case: Case, actor, data: dict[str, Any]) -> Review | None:
    """Check that `actor` has a part in `step` for this case; the review it acts on, if any."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        if "system" in step.who:
            return None
        raise TarazError("cases.not-allowed", action=step.action)
    for who in step.who:
        if who == "applicant" and may.is_applicant(actor, case):
            return None
        if who == "officer" and may.is_officer(actor):
            return None
        if who == "screener" and may.is_officer(actor) and may.is_screener(actor, case):
            return None
        if who == "signatory" and may.may_decide(actor, case):
            return None
        if who in ("reviewer", "head"):
            reviews = (
                may.reviews_for(actor, case)
                if who == "reviewer"
                else may.reviews_headed_by(actor, case)
            )
            wanted = data.get("body")
            if wanted:
                reviews = [
                    r for r in reviews if r.body.code == wanted or str(r.body_id) == str(wanted)
                ]
            if reviews:
                return reviews[0]
    decides = step.action in ("approve", "refuse")
    if decides and may.is_signatory(actor) and may.is_screener(actor, case):
        raise TarazError("cases.screener-decides", reference=case.reference)
    raise TarazError("cases.not-allowed", action=step.action)


def _text(data: dict[str, Any], key: str, code: str = "cases.reasons-missing") -> str:
    value = str(data.get(key) or "").strip()
    if not value:
        raise TarazError(code)
    if len(value) > TEXT_LIMIT:
        raise TarazError("cases.text-too-long", limit=TEXT_LIMIT)
    return value


# each handler writes what its action changes and gives back (body, event detail)


def _submit(case, actor, _review, _data, now):
    _check_documents(case)
    case.submitted_at = now
    return None, {}


def _check_documents(case: Case) -> None:
    have = set(case.documents.values_list("kind", flat=True))
    missing = [d for d in required_documents(case.procedure.definition) if d["code"] not in have]
    if missing:
        raise TarazError("cases.documents-missing", n=len(missing))


def _take(case, actor, _review, _data, _now):
    case.screener = actor
    return None, {}


def _return(case, _actor, _review, data, _now):
    return None, {"reasons": _text(data, "reasons")}


def _resubmit(case, _actor, _review, _data, _now):
    _check_documents(case)
    return None, {}


def _route(case, actor, _review, data, now):
    codes = [c for c in (data.get("bodies") or []) if c]
    if not codes:
        raise TarazError("cases.no-bodies")
    found = {b.code: b for b in accounts.bodies(active_only=True).filter(code__in=codes)}
    unknown = [c for c in codes if c not in found or found[c].kind == "organization"]
    if unknown:
        raise TarazError("cases.bad-body", body=", ".join(unknown))
    definition = case.procedure.definition
    for entry in definition["advice"]:
        if not entry["required"]:
            continue
        if "body" in entry and entry["body"] not in found:
            raise TarazError("cases.required-body", body=entry["body"])
        if "kind" in entry and not any(b.kind == entry["kind"] for b in found.values()):
            raise TarazError("cases.required-body", body=entry["kind"])
    calendar = work_calendar()
    today = timezone.localdate(now)
    routed = []
    for code in codes:
        body = found[code]
        entry = advice_for(definition, body.code, body.kind) or {}
        target = int(entry.get("target_days") or OTHER_BODY_DAYS)
        Review.objects.create(
            case=case,
            body=body,
            target_days=target,
            countersign_required=bool(entry.get("countersign")),
            routed_at=now,
            routed_by=actor,
            due_on=calendar.add_working_days(today, target),
        )
        routed.append({"body": code, "target_days": target})
    return None, {"bodies": routed}


def _open_question(case: Case, body) -> InfoRequest | None:
    return case.questions.filter(answered_at=None, body=body).first()


def _ask(case, actor, review, data, now):
    body = review.body if review is not None else None
    if review is not None and review.complete:
        raise TarazError("cases.review-complete", body=body.code)
    if _open_question(case, body) is not None:
        raise TarazError("cases.question-open")
    question = InfoRequest.objects.create(
        case=case,
        body=body,
        question=_text(data, "question", "cases.question-missing"),
        asked_by=actor,
        asked_at=now,
    )
    return body, {"question": question.pk}


def _answer(case, actor, _review, data, now):
    open_ = case.questions.filter(answered_at=None)
    wanted = data.get("question")
    question = (open_.filter(pk=wanted) if wanted else open_).select_for_update().first()
    if question is None:
        raise TarazError("cases.no-question")
    question.answer = _text(data, "answer", "cases.answer-missing")
    question.answered_by, question.answered_at = actor, now
    question.save()
    return question.body, {"question": question.pk}


def _advise(case, actor, review, data, now):
    advice = data.get("advice")
    if advice not in Advice.values:
        raise TarazError("cases.bad-advice", advice=str(advice))
    if _open_question(case, review.body) is not None:
        raise TarazError("cases.question-open")
    reasons = str(data.get("reasons") or "").strip()
    if advice != Advice.NO_OBJECTION and not reasons:
        raise TarazError("cases.reasons-missing")
    if len(reasons) > TEXT_LIMIT:
        raise TarazError("cases.text-too-long", limit=TEXT_LIMIT)
    changed = review.advice and (review.advice, review.reasons) != (advice, reasons)
    detail = {"advice": advice, "reasons": reasons}
    if changed and review.countersigned_at is not None:
        detail["countersign_ended"] = True
        review.countersigner, review.countersigned_at = None, None
    review.advice, review.reasons, review.adviser, review.advised_at = advice, reasons, actor, now
    review.save()
    return review.body, detail


def _countersign(case, actor, review, _data, now):
    if not review.advice or not review.countersign_required or review.countersigned_at:
        raise TarazError("cases.nothing-to-countersign", body=review.body.code)
    if review.adviser_id == actor.pk:
        raise TarazError("cases.countersign-own")
    review.countersigner, review.countersigned_at = actor, now
    review.save()
    return review.body, {"advice": review.advice}


def _escalate(case, _actor, _review, data, now):
    today = timezone.localdate(now)
    due = [
        r
        for r in case.reviews.select_related("body")
        if not r.complete and r.due_on < today and r.escalated_at is None
    ]
    wanted = data.get("body")
    if wanted:
        due = [r for r in due if r.body.code == wanted]
    if not due:
        raise TarazError("cases.not-overdue")
    review = due[0]
    review.escalated_at = now
    review.save(update_fields=["escalated_at"])
    return review.body, {"due_on": review.due_on.isoformat()}


def _decide(case, actor, _review, data, now, approve: bool):
    reviews = list(case.reviews.all())
    if not reviews or not all(r.complete for r in reviews):
        raise TarazError("cases.advice-incomplete")
    if approve and any(r.advice == Advice.OBJECTION for r in reviews):
        raise TarazError("cases.objection")
    reasons = str(data.get("reasons") or "").strip()
    if not approve and not reasons:
        raise TarazError("cases.reasons-missing")
    case.decided_by, case.decided_at, case.decision_reasons = actor, now, reasons[:TEXT_LIMIT]
    return None, {"reasons": reasons} if reasons else {}


def _approve(case, actor, review, data, now):
    return _decide(case, actor, review, data, now, approve=True)


def _refuse(case, actor, review, data, now):
    return _decide(case, actor, review, data, now, approve=False)


def _withdraw(case, _actor, _review, data, _now):
    reasons = str(data.get("reasons") or "").strip()[:TEXT_LIMIT]
    return None, {"reasons": reasons} if reasons else {}


def _lapse(case, _actor, _review, _data, now):
    waiting_since = applicant_waiting_since(case)
    days = case.procedure.definition["lapse_days"]
    if waiting_since is None:
        raise TarazError("cases.not-silent", days=days)
    waited = work_calendar().working_days(waiting_since, timezone.localdate(now))
    if waited < days:
        raise TarazError("cases.not-silent", days=days)
    return None, {"waited_working_days": waited}


HANDLERS = {
    "submit": _submit,
    "take": _take,
    "return": _return,
    "resubmit": _resubmit,
    "route": _route,
    "ask": _ask,
    "answer": _answer,
    "advise": _advise,
    "countersign": _countersign,
    "escalate": _escalate,
    "approve": _approve,
    "refuse": _refuse,
    "withdraw": _withdraw,
    "lapse": _lapse,
}


def applicant_waiting_since(case: Case) -> date | None:
    """The day since which the case waits for its applicant (returned, or a question open), or
    None when it does not."""
    if case.state == State.RETURNED:
        last = case.events.filter(action="return").order_by("-seq").first()
        return timezone.localdate(last.at) if last else None
    question = case.questions.filter(answered_at=None).order_by("asked_at").first()
    return timezone.localdate(question.asked_at) if question else None


def _append_event(case, action, before, after, actor, body, detail, now) -> CaseEvent:
    last = case.events.order_by("-seq").values_list("seq", flat=True).first() or 0
    person = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return CaseEvent.objects.create(
        case=case,
        seq=last + 1,
        at=now,
        action=action,
        from_state=before,
        to_state=after,
        actor=person,
        actor_name=person.get_username() if person else audit_trail.SYSTEM,
        body=body,
        detail=detail,
    )


def _audited(detail: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in detail.items() if k not in ("body",)}


# -- notifications ------------------------------------------------------------------------------


def _notify(case: Case, action: str, body, before: str) -> int:
    """Queue the messages an action sends (in the transaction of the action); how many."""
    queued = 0

    def send(user, key: str, **about) -> None:
        nonlocal queued
        queued += queue_notification(user, case, key, **about) is not None

    applicant = action in ("return", "ask", "approve", "refuse", "lapse", "route")
    if applicant:
        for user in accounts.exporter_people(case.exporter):
            send(user, f"cases.notify.{action}")
    if action == "route":
        for review in case.reviews.select_related("body"):
            for user in accounts.people_at(review.body, ("reviewer", "head")):
                send(user, "cases.notify.routed", body=review.body)
    if action == "answer" and body is not None:
        for user in accounts.people_at(body, ("reviewer",)):
            send(user, "cases.notify.answered", body=body)
    if action == "escalate" and body is not None:
        for user in accounts.people_at(body, ("head",)):
            send(user, "cases.notify.escalated", body=body)
        if case.screener is not None:
            send(case.screener, "cases.notify.escalated", body=body)
    if action == "advise" and body is not None:
        review = case.reviews.get(body=body)
        if review.countersign_required and not review.countersigned_at:
            for user in accounts.people_at(body, ("head",)):
                send(user, "cases.notify.countersign", body=body)
    if case.state == State.DECISION and before != State.DECISION:
        for user in accounts.organization_people(("signatory",)):
            if user.pk != case.screener_id:
                send(user, "cases.notify.decide")
    return queued


# -- queues and pages ----------------------------------------------------------------------------


def actions_for(user, case: Case, now: datetime | None = None) -> list[str]:
    """The steps `user` may take on the case now (the buttons of its page); the service checks
    again when one is taken."""
    if not getattr(user, "is_authenticated", False):
        return []
    today = timezone.localdate(now)
    out = []
    for step in workflow.TABLE:
        if case.state not in step.sources or step.who == ("system",):
            continue
        try:
            review = _part(step, case, user, {})
        except TarazError:
            continue
        if not _worth_offering(step.action, case, review, today):
            continue
        out.append(step.action)
    return out


def could_act(user, case: Case, action: str) -> bool:
    """Whether `user` has a part in `action` on this case, whatever its state now (a step
    overtaken by someone else's, rather than one the user never had)."""
    step = workflow.transition_for(action)
    if step is None:
        return False
    try:
        _part(step, case, user, {})
    except TarazError:
        return False
    return True


def _worth_offering(action: str, case: Case, review: Review | None, today: date) -> bool:
    questions = [q for q in case.questions.all() if q.answered_at is None]
    if action == "answer":
        return bool(questions)
    if action == "ask":
        body = review.body_id if review is not None else None
        return not any(q.body_id == body for q in questions) and not (review and review.complete)
    if action == "advise":
        return review is not None and not any(q.body_id == review.body_id for q in questions)
    if action == "countersign":
        return (
            review is not None
            and bool(review.advice)
            and review.countersign_required
            and (review.countersigned_at is None)
        )
    if action == "escalate":
        return any(
            not r.complete and r.due_on < today and not r.escalated_at for r in case.reviews.all()
        )
    if action == "lapse":
        since = applicant_waiting_since(case)
        days = case.procedure.definition["lapse_days"]
        return since is not None and working_days_between(since, today) >= days
    return True


@dataclass(frozen=True)
class TimelineEntry:
    event: CaseEvent
    holder: str  # applicant, organization, bodies, closed
    held_days: int | None  # working days until the next event (or today, for the last)


def timeline(case: Case, now: datetime | None = None) -> list[TimelineEntry]:
    """The case's events, each with who held the case afterwards and for how many working days
    (until the next event; the last until today while the case is open)."""
    events = events_of(case)
    today = timezone.localdate(now)
    open_questions = 0
    out = []
    for i, event in enumerate(events):
        if event.action == "ask":
            open_questions += 1
        elif event.action == "answer":
            open_questions = max(0, open_questions - 1)
        holder = _holder(event.to_state, open_questions)
        if i + 1 < len(events):
            end = timezone.localdate(events[i + 1].at)
        elif event.to_state in CLOSED_STATES:
            end = None
        else:
            end = today
        start = timezone.localdate(event.at)
        days = working_days_between(start, end) if end is not None and end >= start else None
        out.append(TimelineEntry(event, holder, days))
    return out


def _holder(state: str, open_questions: int) -> str:
    if state in CLOSED_STATES:
        return "closed"
    if state in (State.DRAFT, State.RETURNED) or open_questions:
        return "applicant"
    if state == State.IN_REVIEW:
        return "bodies"
    return "organization"


QUEUE_STATES = (
    State.SUBMITTED,
    State.SCREENING,
    State.RETURNED,
    State.IN_REVIEW,
    State.DECISION,
)


def routable_bodies():
    """The bodies a case may be routed to: every active body but the organization."""
    return accounts.bodies(active_only=True).exclude(kind="organization").order_by("kind", "code")


def default_bodies(case: Case) -> list[str]:
    """The bodies the procedure names (an advice by kind is left to the officer)."""
    return [e["body"] for e in case.procedure.definition["advice"] if "body" in e]


def may_upload(user, case: Case) -> bool:
    try:
        _uploader_body(case, user)
    except TarazError:
        return False
    return True


def checklist(case: Case) -> list[dict[str, Any]]:
    """The procedure's documents, each with the files given for it."""
    given: dict[str, int] = {}
    for kind in case.documents.values_list("kind", flat=True):
        given[kind] = given.get(kind, 0) + 1
    return [{**d, "given": given.get(d["code"], 0)} for d in case.procedure.definition["documents"]]


# what the lists of cases never show: each row would carry its procedure's whole data file
LIST_DEFERRED = ("procedure__definition",)


def my_cases(user) -> QuerySet[Case]:
    return (
        Case.objects.filter(exporter_id__in=accounts.exporter_ids_of(user))
        .select_related("procedure", "exporter")
        .defer(*LIST_DEFERRED)
        .order_by("-updated_at", "-id")
    )


def asked_of(user) -> QuerySet[InfoRequest]:
    """The open questions to the user's firms, and their returned cases, oldest first."""
    return (
        InfoRequest.objects.filter(
            case__exporter_id__in=accounts.exporter_ids_of(user), answered_at=None
        )
        .select_related("case", "body")
        .order_by("asked_at")
    )


def officer_queue(state: str | None = None) -> QuerySet[Case]:
    """Cases that need the organization: submitted (oldest first), screening, returned, in
    review and awaiting a decision."""
    states = [state] if state in OPEN_STATES and state != State.DRAFT else list(workflow.WORKING)
    return (
        Case.objects.filter(state__in=states)
        .select_related("procedure", "exporter", "screener")
        .defer(*LIST_DEFERRED)
        .order_by("submitted_at", "id")
    )


QUEUE_COLUMNS = (
    "pk",
    "reference",
    "state",
    "submitted_at",
    "exporter__name_fa",
    "exporter__name_en",
    "procedure__name_fa",
    "procedure__name_en",
    "screener__username",
)


def queue_rows(ids: list[int]) -> list[tuple]:
    """What the officer's queue shows of the cases `ids`, in that order, as plain tuples
    (`QUEUE_COLUMNS`): one query, no model objects. A case that has just left is left out."""
    found = {row[0]: row for row in Case.objects.filter(pk__in=ids).values_list(*QUEUE_COLUMNS)}
    return [found[pk] for pk in ids if pk in found]


def body_queue(user, *, open_only: bool = True) -> QuerySet[Review]:
    """The reviews at the user's bodies: open ones first, overdue first, by due date."""
    rows = (
        Review.objects.filter(body_id__in=accounts.reviewing_body_ids(user))
        .select_related("case", "case__procedure", "case__exporter", "body")
        .defer(*(f"case__{name}" for name in LIST_DEFERRED))
    )
    if open_only:
        rows = rows.filter(case__state__in=(State.IN_REVIEW, State.DECISION))
    # not yet advised first (by due date: the overdue ones have the earliest), then those
    # awaiting a countersignature, then the complete ones (NULLs first on every database)
    return rows.order_by(
        F("advised_at").asc(nulls_first=True),
        F("countersigned_at").asc(nulls_first=True),
        "due_on",
        "id",
    )


def days_left(reviews, today: date | None = None) -> list:
    """Each review with `days_left`: the working days from today to its due date (negative:
    overdue by so many), None once it is complete."""
    today = today or timezone.localdate()
    calendar = work_calendar()
    for review in reviews:
        if review.complete:
            review.days_left = None
        elif review.due_on >= today:
            review.days_left = calendar.working_days(today, review.due_on)
        else:
            review.days_left = -calendar.working_days(review.due_on, today)
    return reviews


def decisions_queue(user) -> QuerySet[Case]:
    """Cases awaiting a decision that this signatory did not screen."""
    return (
        Case.objects.filter(state=State.DECISION)
        .exclude(screener=user)
        .select_related("procedure", "exporter")
        .defer(*LIST_DEFERRED)
        .order_by("updated_at", "id")
    )


def events_of(case: Case) -> list[CaseEvent]:
    return list(case.events.select_related("body").order_by("seq"))


def questions_of(case: Case) -> list[InfoRequest]:
    return list(case.questions.select_related("body").order_by("asked_at", "id"))


def documents_of(case: Case, lang: str = "fa") -> list[CaseDocument]:
    """The case's files, each with `kind_name`: its kind as the procedure names it."""
    names = {d["code"]: d[f"name_{lang}"] for d in case.procedure.definition["documents"]}
    docs = list(case.documents.select_related("body").order_by("uploaded_at", "id"))
    for doc in docs:
        doc.kind_name = names.get(doc.kind) or say(f"case.kind_{doc.kind}", lang)
    return docs


def working_days_between(start: date, end: date) -> int:
    return work_calendar().working_days(start, end)


# -- the organization's closures ---------------------------------------------------------------


def closures(include_removed: bool = False) -> list[ClosureDay]:
    if include_removed:
        return list(ClosureDay.objects.select_related("created_by", "removed_by").order_by("-day"))
    return current_closures()


def add_closure(day: date, reason_fa: str, reason_en: str, *, actor, ip: str | None = None):
    """A day the organization is closed; due dates already set stay as they were set, the
    measured durations count it from now on."""
    reason_fa, reason_en = (reason_fa or "").strip(), (reason_en or "").strip()
    if not reason_fa or not reason_en:
        raise TarazError("cases.reasons-missing")
    work_calendar().is_working(day)  # the calendar's range check
    with transaction.atomic():
        if ClosureDay.objects.filter(day=day, removed_at=None).exists():
            raise TarazError("cases.closure-exists", day=jalali_text(day))
        row = ClosureDay.objects.create(
            day=day, reason_fa=reason_fa[:200], reason_en=reason_en[:200], created_by=actor
        )
        _record(
            Action.CLOSURE_ADD,
            actor,
            row.audit_subject,
            ip=ip,
            day=day.isoformat(),
            reason_fa=row.reason_fa,
            reason_en=row.reason_en,
        )
    return row


def remove_closure(pk: int, *, actor, ip: str | None = None) -> ClosureDay:
    with transaction.atomic():
        row = ClosureDay.objects.select_for_update().filter(pk=pk, removed_at=None).first()
        if row is None:
            raise Http404("cases.unknown-closure")
        row.removed_by, row.removed_at = actor, timezone.now()
        row.save(update_fields=["removed_by", "removed_at"])
        _record(Action.CLOSURE_REMOVE, actor, row.audit_subject, ip=ip, day=row.day.isoformat())
    return row


def export_closures(path: Path) -> int:
    """Write the closures as the file `taraz workdays --closures` (and `$TARAZ_CLOSURES`)
    reads, so that the command line counts the same days."""
    from taraz.calendar.closures import Closure, write_closures

    rows = current_closures()
    write_closures(path, [Closure(c.day, c.reason_fa, c.reason_en) for c in rows])
    return len(rows)


# -- the demo ------------------------------------------------------------------------------------


def seed_demo():
    """The demo's service world (`taraz demo`, `seeddemo`): seeded once, new passwords after."""
    from taraz.web.cases.demo import seed_demo as seed

    return seed()


def demo_sign_in_lines(seeded, lang: str) -> list[str]:
    from taraz.web.cases.demo import sign_in_lines

    return list(sign_in_lines(seeded, lang))


# -- the public figures -------------------------------------------------------------------------


def procedures_json(code: str | None = None) -> dict[str, Any]:
    """The current procedures with their declared and measured working days (the API's)."""
    from taraz.web.cases.public import procedures_json as build

    return build(code)


def procedures_answer(request, build):
    """The API's answer `build` makes, kept as the public procedure pages are."""
    from taraz.web.cases.public import kept

    return kept(request, build, personal=False)


# -- the scheduled work -------------------------------------------------------------------------


@dataclass
class Casework:
    escalated: list[str] = field(default_factory=list)
    lapsed: list[str] = field(default_factory=list)
    sent: int = 0


def run_casework(now: datetime | None = None) -> Casework:
    """Escalate overdue reviews, lapse cases whose applicant has been silent past the
    procedure's lapse days, send what waits in the outbox. Run daily (`casework` command)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    out = Casework()
    overdue = (
        Review.objects.filter(
            case__state=State.IN_REVIEW, due_on__lt=today, escalated_at=None, advice=""
        )
        .select_related("case", "body")
        .order_by("due_on", "id")
    )
    for review in overdue:
        try:
            transition(review.case_id, "escalate", None, now=now, body=review.body.code)
        except TarazError:
            continue
        out.escalated.append(f"{review.case.reference} {review.body.code}")
    for case in Case.objects.filter(state__in=(State.RETURNED, State.IN_REVIEW)):
        try:
            transition(case.pk, "lapse", None, now=now)
        except TarazError:
            continue
        out.lapsed.append(case.reference)
    out.sent = send_pending()
    return out


# -- for the certificates app ----------------------------------------------------------------------


def may_certify(user, case: Case) -> bool:
    """Whether `user` may issue and withdraw the certificates of `case`: a signatory who did
    not screen it (the one who decides, never the screening officer)."""
    return bool(may.may_decide(user, case))


def certificate_kind(case: Case) -> str:
    """The certificate an approved case of this procedure results in ("" for none)."""
    return str(case.procedure.definition.get("certificate") or "")


def notify_firm(case: Case, key: str) -> None:
    """Tell the firm's people about `case` (wording `key`.subject and `key`.text), through the
    outbox, sent once the caller's transaction commits."""
    for user in accounts.exporter_people(case.exporter):
        queue_notification(user, case, key)
    transaction.on_commit(send_pending)


def notify_person(to: str, key: str, *, user=None, **values: Any) -> None:
    """Tell one person (by e-mail) about something that is not a case (a place at a
    workshop), through the same outbox; sent once the caller's transaction commits."""
    if queue_message(to, key, user=user, **values) is not None:
        transaction.on_commit(send_pending)


# -- helpers --------------------------------------------------------------------------------------


def _person(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _record(action: str, actor, subject: str, *, ip: str | None = None, **detail: Any) -> None:
    if _person(actor) is not None:
        audit_trail.record(action, actor, subject=subject, ip=ip, **detail)
    else:
        audit_trail.record_as_actor(action, subject=subject, **detail)
