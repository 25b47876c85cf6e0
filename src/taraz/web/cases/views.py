"""The cases' pages: each person's work (an exporter's cases and questions, an officer's queue, a
body's queue, a signatory's decisions), a new application, the case page with its timeline and
the steps the person may take, and the case's files.

A case is fetched through `services.case_for(user, pk)`: one the user may not see answers 404,
whether or not it exists. A step the user may not take answers 403; bad input shows the page
again with the message on the field (400); a step overtaken by someone else's says so on the
case page.
"""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from taraz.errors import Kind, TarazError
from taraz.web.accounts import services as accounts
from taraz.web.accounts.access import signed_in
from taraz.web.answers import answers
from taraz.web.audit import services as audit_trail
from taraz.web.cases import permissions as may
from taraz.web.cases import services
from taraz.web.cases.forms import FORMS, ClosureForm, NewCaseForm, RouteForm, UploadForm
from taraz.web.certificates import services as certificates
from taraz.web.clients import client_ip
from taraz.web.site.services import current_lang, say

PAGE_SIZE = 50


def _page(request, rows):
    """A page of `rows`: the page's ids first (counted, ordered and cut on the index alone),
    then the rows of those ids with what they join; not every matching row joined and sorted
    to keep 50 of them."""
    page = Paginator(rows.values_list("pk", flat=True), PAGE_SIZE).get_page(request.GET.get("page"))
    ids = list(page.object_list)
    found = rows.in_bulk(ids)
    page.object_list = [found[pk] for pk in ids if pk in found]  # one may have just left
    return page


# -- each person's work ----------------------------------------------------------------------


@require_GET
@signed_in
def home(request):
    """An exporter's cases and the questions asked of them; links to the queues a person of
    the organization or of a body has."""
    user = request.user
    firms = list(services.firms_of(user))
    context = {
        "firms": firms,
        "cases": _page(request, services.my_cases(user)) if firms else None,
        "asked": list(services.asked_of(user)[:20]) if firms else [],
        "procedures": services.current_procedures(),
        "is_officer": may.is_officer.test(user),
        "is_signatory": may.may_decide.test(user, None) if may.is_case_staff.test(user) else False,
        "is_staff": may.is_case_staff.test(user),
        "at_body": bool(accounts.reviewing_body_ids(user)),
    }
    return render(request, "cases/home.html", context)


@require_GET
@signed_in
def queue(request):
    if not may.can_view_queue.test(request.user):
        raise PermissionDenied
    state = request.GET.get("state") or ""
    ids = services.officer_queue(state or None).values_list("pk", flat=True)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = services.queue_rows(list(page.object_list))
    lang = current_lang()
    # the table is kept under everything it shows, read afresh on every request: a case's step,
    # a firm's new name, a new case on the page; so it is never stale, only not made again.
    # The rows enter the key as their digest: the cache counts its values' bytes, not its keys'
    shown = hashlib.sha256(repr(rows).encode()).hexdigest()
    key = ("queue-table", lang, state, page.number, page.paginator.num_pages, shown)
    table = answers().text(key, lambda: _queue_table(page, rows, state, lang))
    context = {"table": mark_safe(table), "state": state, "states": services.QUEUE_STATES}
    return render(request, "cases/queue.html", context)  # the table: our template's own output


def _queue_table(page, rows: list[tuple], state: str, lang: str) -> str:
    shown = [
        {
            "pk": pk,
            "reference": reference,
            "state": case_state,
            "submitted_at": submitted_at,
            # as Exporter.name() and Procedure.name() choose
            "exporter": exporter_fa if lang == "fa" or not exporter_en else exporter_en,
            "procedure": procedure_fa if lang == "fa" else procedure_en,
            "screener": screener or "—",
        }
        for (
            pk,
            reference,
            case_state,
            submitted_at,
            exporter_fa,
            exporter_en,
            procedure_fa,
            procedure_en,
            screener,
        ) in rows
    ]
    return render_to_string(
        "cases/_queue_table.html", {"page": page, "rows": shown, "state": state}
    )


@require_GET
@signed_in
def body_queue(request):
    if not accounts.reviewing_body_ids(request.user):
        raise PermissionDenied
    page = _page(request, services.body_queue(request.user))
    services.days_left(page.object_list)
    return render(request, "cases/body_queue.html", {"page": page})


@require_GET
@signed_in
def decisions(request):
    if not may.is_signatory.test(request.user):
        raise PermissionDenied
    rows = services.decisions_queue(request.user)
    return render(request, "cases/decisions.html", {"page": _page(request, rows)})


# -- a new application -------------------------------------------------------------------------


@signed_in
def new_case(request, code: str):
    procedure = services.procedure_for(code)
    firms = list(services.firms_of(request.user))
    if not firms:
        raise PermissionDenied
    form = NewCaseForm(request.POST or None, firms=firms)
    if request.method == "POST" and form.is_valid():
        firm = next(f for f in firms if str(f.pk) == form.cleaned_data["exporter"])
        try:
            case = services.open_case(
                procedure,
                firm,
                actor=request.user,
                subject=form.cleaned_data["subject"],
                hs_code=form.cleaned_data["hs_code"],
                destination=form.cleaned_data["destination"].upper(),
                quantity=form.cleaned_data["quantity"],
                ip=client_ip(request),
            )
        except TarazError as exc:
            form.refuse(None, exc)
        else:
            messages.info(request, say("case.opened", reference=_digits(case.reference)))
            return HttpResponseRedirect(reverse("cases:case", args=[case.pk]))
    status = 400 if request.method == "POST" else 200
    if request.method not in ("GET", "HEAD", "POST"):
        status = 405
    return render(request, "cases/new.html", {"procedure": procedure, "form": form}, status=status)


# -- the case --------------------------------------------------------------------------------------


@require_GET
@signed_in
def case_page(request, pk: int):
    case = services.case_for(request.user, pk)
    return _case_page(request, case)


def _case_page(request, case, status: int = 200, bound: dict | None = None):
    user = request.user
    actions = services.actions_for(user, case)
    forms = {}
    for action in actions:
        form_class = FORMS[action]
        if bound and action in bound:
            forms[action] = bound[action]
        elif form_class is RouteForm:
            forms[action] = RouteForm(
                bodies=services.routable_bodies(), initial={"bodies": services.default_bodies(case)}
            )
        else:
            forms[action] = form_class()
    upload = None
    if services.may_upload(user, case):
        upload = (bound or {}).get("upload") or UploadForm(
            documents=case.procedure.definition["documents"]
        )
    context = {
        "case": case,
        "definition": case.procedure.definition,
        "reviews": list(case.reviews.select_related("body").order_by("due_on", "body__code")),
        "questions": services.questions_of(case),
        "documents": services.documents_of(case, current_lang()),
        "checklist": services.checklist(case),
        "timeline": services.timeline(case),
        "actions": [(a, forms[a]) for a in actions],
        "upload": upload,
        "is_applicant": may.is_applicant(user, case),
        "may_issue_certificate": certificates.may_issue(user, case),
    }
    return render(request, "cases/case.html", context, status=status)


@require_POST
@signed_in
def act(request, pk: int, action: str):
    case = services.case_for(request.user, pk)
    form_class = FORMS.get(action)
    if form_class is None:
        raise Http404("cases.unknown-action")
    if action not in services.actions_for(request.user, case):
        if services.could_act(request.user, case, action):
            messages.error(request, say("case.not_now"))
            return HttpResponseRedirect(reverse("cases:case", args=[case.pk]))
        raise PermissionDenied
    if form_class is RouteForm:
        form = RouteForm(request.POST, bodies=services.routable_bodies())
    else:
        form = form_class(request.POST)
    if not form.is_valid():
        return _case_page(request, case, status=400, bound={action: form})
    try:
        services.transition(
            case.pk, action, request.user, ip=client_ip(request), **form.cleaned_data
        )
    except TarazError as exc:
        if exc.kind is Kind.PERMISSION:
            raise PermissionDenied from exc
        if exc.kind is Kind.DATA:
            form.refuse(None, exc)
            case = services.case_for(request.user, pk)
            return _case_page(request, case, status=400, bound={action: form})
        messages.error(request, f"{exc.message(current_lang())} [{exc.code}]")
    else:
        messages.info(request, say(f"case.done.{action}"))
    return HttpResponseRedirect(reverse("cases:case", args=[case.pk]))


@require_POST
@signed_in
def upload(request, pk: int):
    case = services.case_for(request.user, pk)
    if not services.may_upload(request.user, case):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES, documents=case.procedure.definition["documents"])
    if form.is_valid():
        try:
            services.add_document(
                case,
                form.cleaned_data["file"],
                form.cleaned_data["kind"],
                actor=request.user,
                ip=client_ip(request),
            )
        except TarazError as exc:
            if exc.kind is Kind.PERMISSION:
                raise PermissionDenied from exc
            form.refuse("file", exc)
        else:
            messages.info(request, say("case.uploaded"))
            return HttpResponseRedirect(reverse("cases:case", args=[case.pk]))
    return _case_page(request, case, status=400, bound={"upload": form})


@require_GET
@signed_in
def document(request, pk: int, doc: int):
    found, path = services.document_for(request.user, pk, doc)
    if not path.is_file():
        raise Http404("cases.unknown-document")
    audit_trail.record(
        audit_trail.Action.CASE_DOCUMENT_READ,
        request.user,
        subject=f"case:{pk}",
        ip=client_ip(request),
        document=found.pk,
        sha256=found.sha256,
    )
    response = FileResponse(
        open(path, "rb"),  # noqa: SIM115 - FileResponse closes it
        content_type=found.content_type,
        as_attachment=True,
        filename=found.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _digits(text: str) -> str:
    from taraz.fa import to_persian_digits

    return to_persian_digits(text) if current_lang() == "fa" else text


# -- the organization's closures ----------------------------------------------------------------


@signed_in
def closures(request):
    """The days the organization is closed: the organization's people see them; an
    administrator adds and removes them (each in the audit trail)."""
    user = request.user
    if not may.is_case_staff.test(user):
        raise PermissionDenied
    can_change = may.is_administrator.test(user)
    form = ClosureForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.add_closure(
                    form.cleaned_data["day"],
                    form.cleaned_data["reason_fa"],
                    form.cleaned_data["reason_en"],
                    actor=user,
                    ip=client_ip(request),
                )
            except TarazError as exc:
                form.refuse("day", exc)
            else:
                messages.info(request, say("closure.added"))
                return HttpResponseRedirect(reverse("cases:closures"))
        status = 400
    return render(
        request,
        "cases/closures.html",
        {"rows": services.closures(include_removed=True), "form": form, "can_change": can_change},
        status=status,
    )


@require_POST
@signed_in
def remove_closure(request, pk: int):
    if not may.is_administrator.test(request.user):
        raise PermissionDenied
    services.remove_closure(pk, actor=request.user, ip=client_ip(request))
    messages.info(request, say("closure.removed"))
    return HttpResponseRedirect(reverse("cases:closures"))
