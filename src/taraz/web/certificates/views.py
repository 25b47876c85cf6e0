"""The certificates' pages: the list (the organization's people: all; a firm's people: their
firm's), a certificate's page with its history and, for a signatory who may, the forms that
change it; its PDF; and the issue form of an approved quality-test case.

A certificate is fetched through `services.certificate_for(user, number)`: one the user may not
see answers 404. Issuing and every change ask for a fresh second-factor check
(`accounts.require_fresh_2fa`), then go through the service.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from taraz.errors import Kind, TarazError
from taraz.web.accounts import services as accounts
from taraz.web.accounts.access import signed_in
from taraz.web.cases import services as cases
from taraz.web.certificates import services
from taraz.web.certificates.forms import EmptyForm, ReasonForm
from taraz.web.certificates.pdf import pdf_bytes
from taraz.web.clients import client_ip
from taraz.web.site.services import current_lang, say

PAGE_SIZE = 50


@require_GET
@signed_in
def certificate_list(request):
    rows = services.visible_certificates(request.user)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    awaiting = services.awaiting_certificate(request.user)
    return render(request, "certificates/list.html", {"page": page, "awaiting": awaiting})


def _forms(user, cert, bound=None):
    out = []
    for action in services.actions_for(user, cert):
        if bound and action in bound:
            form = bound[action]
        elif action == "reinstate":
            form = EmptyForm()
        else:
            form = ReasonForm(reasons=services.reasons_for(action))
        out.append((action, form))
    return out


def _page(request, cert, status: int = 200, bound=None):
    context = {
        "cert": cert,
        "events": services.events_of(cert),
        "actions": _forms(request.user, cert, bound),
    }
    return render(request, "certificates/certificate.html", context, status=status)


@require_GET
@signed_in
def certificate_page(request, number: str):
    return _page(request, services.certificate_for(request.user, number))


@require_GET
@signed_in
def certificate_pdf(request, number: str):
    cert = services.certificate_for(request.user, number)
    response = HttpResponse(pdf_bytes(cert), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{cert.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@signed_in
def change(request, number: str, action: str):
    cert = services.certificate_for(request.user, number)
    if action not in services.ACTIONS:
        raise Http404("certificates.unknown-action")
    if action not in services.actions_for(request.user, cert):
        if services.may_change(request.user, cert):
            messages.error(request, say("cert.not_now"))
            return HttpResponseRedirect(reverse("certificates:certificate", args=[cert.number]))
        raise PermissionDenied
    if action == "reinstate":
        form = EmptyForm(request.POST)
    else:
        form = ReasonForm(request.POST, reasons=services.reasons_for(action))
    if not form.is_valid():
        return _page(request, cert, status=400, bound={action: form})
    accounts.require_fresh_2fa(request)
    reason = form.cleaned_data.get("reason", "")
    try:
        changed = services.change(
            cert.pk, action, reason, actor=request.user, ip=client_ip(request)
        )
    except TarazError as exc:
        if exc.kind is Kind.PERMISSION:
            raise PermissionDenied from exc
        messages.error(request, f"{exc.message(current_lang())} [{exc.code}]")
        return HttpResponseRedirect(reverse("certificates:certificate", args=[cert.number]))
    messages.info(request, say(f"cert.done.{action}"))
    shown = changed.superseded_by if action == "reissue" else changed
    return HttpResponseRedirect(reverse("certificates:certificate", args=[shown.number]))


@signed_in
def issue(request, case_id: int):
    """The issue form of an approved quality-test case, for a signatory who did not screen it."""
    case = cases.case_for(request.user, case_id)
    if not cases.may_certify(request.user, case):
        raise PermissionDenied
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    certifiable = services.certifiable(case)
    form = EmptyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not certifiable:
            messages.error(request, say("cert.not_certifiable"))
            return HttpResponseRedirect(reverse("certificates:issue", args=[case.pk]))
        accounts.require_fresh_2fa(request)
        try:
            cert = services.issue_certificate(case, actor=request.user, ip=client_ip(request))
        except TarazError as exc:
            if exc.kind is Kind.PERMISSION:
                raise PermissionDenied from exc
            form.refuse(None, exc)
            status = 400 if exc.kind is Kind.DATA else 409
        else:
            messages.info(request, say("cert.done.issue"))
            return HttpResponseRedirect(reverse("certificates:certificate", args=[cert.number]))
    context = {"case": case, "form": form, "certifiable": certifiable}
    return render(request, "certificates/issue.html", context, status=status)
