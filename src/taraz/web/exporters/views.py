"""The exporters' pages: the staff's list, a firm's profile, and the forms that keep it.

A firm is fetched through `services.exporter_for(user, pk)`: another firm answers 404, whether
or not it exists; one that may be seen but not changed answers 403 to a change."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from taraz.errors import TarazError
from taraz.fa import to_latin_digits
from taraz.web.accounts import services as accounts
from taraz.web.exporters import permissions as may
from taraz.web.exporters import services
from taraz.web.exporters.forms import HsForm, InviteMemberForm, MarketForm, ProfileForm, SizeForm
from taraz.web.exporters.own_figures import own_exports
from taraz.web.exporters.size_bands import size_bands
from taraz.web.site.services import current_lang, say

PAGE_SIZE = 50


def _signed_in(request):
    from django.contrib.auth.views import redirect_to_login

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def exporter_list(request):
    if (to_login := _signed_in(request)) is not None:
        return to_login
    if not may.can_list_exporters.test(request.user):
        raise PermissionDenied
    rows = services.visible_exporters(request.user)
    query = (request.GET.get("q") or "").strip()[:100]
    if query:
        digits = to_latin_digits(query)
        rows = rows.filter(
            Q(name_fa__icontains=query)
            | Q(name_en__icontains=query)
            | Q(card_number__startswith=digits)
        )
    page = Paginator(rows.order_by("name_fa", "card_number"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "exporters/list.html", {"page": page, "q": query})


def profile(request, pk: int):
    if (to_login := _signed_in(request)) is not None:
        return to_login
    exporter = services.exporter_for(request.user, pk)
    context = _profile_context(request, exporter)
    # the firm's own figures: only here, after exporter_for let the firm's people or the
    # organization's staff in (anyone else got 404 above)
    context["own"] = own_exports(exporter, context["markets"], current_lang())
    return render(request, "exporters/profile.html", context)


def _profile_context(request, exporter) -> dict:
    user = request.user
    return {
        "exporter": exporter,
        "sizes": services.size_history(exporter),
        "hs_lines": services.hs_lines(exporter),
        "markets": services.current_markets(exporter),
        "market_history": services.market_history(exporter),
        "members": accounts.exporter_members(exporter)
        if may.can_invite_to_exporter.test(user, exporter)
        else None,
        "can_edit": may.can_edit_exporter.test(user, exporter),
        "can_verify": may.can_verify_exporter.test(user, exporter) and exporter.verified_at is None,
        "source": size_bands().source(current_lang()),
    }


def _editable(request, pk: int):
    """The firm, for a change: 404 if unseen, 403 if seen but not the user's to change."""
    exporter = services.exporter_for(request.user, pk)
    if not may.can_edit_exporter.test(request.user, exporter):
        raise PermissionDenied
    return exporter


def _edit_page(request, exporter, status: int = 200, **forms):
    officer = may.can_verify_exporter.test(request.user, exporter)
    initial = {
        "name_fa": exporter.name_fa,
        "name_en": exporter.name_en,
        "city": exporter.city,
        "national_id": exporter.national_id,
        "card_expires": exporter.card_expires.isoformat() if exporter.card_expires else "",
    }
    context = {
        **_profile_context(request, exporter),
        "profile_form": forms.get("profile_form") or ProfileForm(initial=initial, officer=officer),
        "size_form": forms.get("size_form") or SizeForm(),
        "hs_form": forms.get("hs_form") or HsForm(),
        "market_form": forms.get("market_form") or MarketForm(),
        "invite_form": forms.get("invite_form") or InviteMemberForm(),
        "can_invite": may.can_invite_to_exporter.test(request.user, exporter),
        "issued": forms.get("issued"),
    }
    return render(request, "exporters/edit.html", context, status=status)


def _back(exporter) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("exporters:edit", args=[exporter.pk]))


def edit(request, pk: int):
    if (to_login := _signed_in(request)) is not None:
        return to_login
    exporter = _editable(request, pk)
    if request.method != "POST":
        return _edit_page(request, exporter)
    officer = may.can_verify_exporter.test(request.user, exporter)
    form = ProfileForm(request.POST, officer=officer)
    if form.is_valid():
        try:
            services.update_profile(exporter, actor=request.user, **form.cleaned_data)
        except TarazError as exc:
            form.refuse("national_id" if "national" in exc.code else None, exc)
        else:
            messages.success(request, say("exporter.saved"))
            return _back(exporter)
    return _edit_page(request, exporter, 400, profile_form=form)


def _post_form(request, pk, form_class, name: str, act, done: str, field: str | None):
    if (to_login := _signed_in(request)) is not None:
        return to_login
    exporter = _editable(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(exporter, form.cleaned_data)
        except TarazError as exc:
            form.refuse(field, exc)
        else:
            messages.success(request, say(done))
            return _back(exporter)
    return _edit_page(request, exporter, 400, **{name: form})


@require_POST
def declare_size(request, pk: int):
    return _post_form(
        request,
        pk,
        SizeForm,
        "size_form",
        lambda e, d: services.declare_size(
            e, d["employees"], actor=request.user, on=d["declared_on"]
        ),
        "exporter.declared",
        "declared_on",
    )


@require_POST
def add_hs(request, pk: int):
    return _post_form(
        request,
        pk,
        HsForm,
        "hs_form",
        lambda e, d: services.add_hs_line(e, d["hs_code"], actor=request.user),
        "exporter.hs_added",
        "hs_code",
    )


@require_POST
def remove_hs(request, pk: int):
    return _post_form(
        request,
        pk,
        HsForm,
        "hs_form",
        lambda e, d: services.remove_hs_line(e, d["hs_code"], actor=request.user),
        "exporter.hs_removed",
        "hs_code",
    )


@require_POST
def set_market(request, pk: int):
    return _post_form(
        request,
        pk,
        MarketForm,
        "market_form",
        lambda e, d: services.set_market(
            e, d["country"], d["status"], actor=request.user, on=d["on"]
        ),
        "exporter.market_saved",
        "country",
    )


@require_POST
def verify(request, pk: int):
    if (to_login := _signed_in(request)) is not None:
        return to_login
    exporter = services.exporter_for(request.user, pk)
    if not may.can_verify_exporter.test(request.user, exporter):
        raise PermissionDenied
    try:
        services.verify_exporter(exporter, actor=request.user)
    except TarazError as exc:
        messages.error(request, exc.message(current_lang()))
    else:
        messages.success(request, say("exporter.verified_now"))
    return HttpResponseRedirect(reverse("exporters:profile", args=[exporter.pk]))


@require_POST
def invite(request, pk: int):
    if (to_login := _signed_in(request)) is not None:
        return to_login
    exporter = services.exporter_for(request.user, pk)
    if not may.can_invite_to_exporter.test(request.user, exporter):
        raise PermissionDenied
    form = InviteMemberForm(request.POST)
    if form.is_valid():
        try:
            issued = accounts.invite_to_exporter(
                exporter,
                form.cleaned_data["role"],
                actor=request.user,
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
            )
        except TarazError as exc:
            form.refuse("phone" if exc.code == "accounts.bad-phone" else None, exc)
        else:
            link = request.build_absolute_uri(reverse("accounts:invitation", args=[issued.token]))
            if not may.can_edit_exporter.test(
                request.user, exporter
            ):  # pragma: no cover - admins edit
                raise PermissionDenied
            return _edit_page(request, exporter, issued=link)
    if not may.can_edit_exporter.test(request.user, exporter):  # pragma: no cover
        raise PermissionDenied
    return _edit_page(request, exporter, 400, invite_form=form)
