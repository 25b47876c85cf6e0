"""The accounts' pages: my account, the second factor, invitations, bodies and members."""

from __future__ import annotations

from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from taraz.errors import TarazError
from taraz.web.accounts import permissions as may
from taraz.web.accounts import services
from taraz.web.accounts.access import allowed, signed_in
from taraz.web.accounts.forms import (
    CodeForm,
    EndMembershipForm,
    InviteForm,
    NewAccountForm,
    StartMembershipForm,
    role_choices,
)
from taraz.web.accounts.models import Body, Invitation, Membership
from taraz.web.clients import client_ip
from taraz.web.site.services import current_lang, say


def _next(request, default: str = "accounts:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


# -- my account -------------------------------------------------------------------------------


@signed_in
def home(request):
    user = request.user
    return render(
        request,
        "accounts/home.html",
        {
            "memberships": services.memberships_of(user),
            "firms": _firms(user),
            "has_device": services.has_device(user),
            "needs_two_factor": services.needs_two_factor(user),
            "can_bodies": may.can_view_bodies.test(user),
            "can_exporters": may.is_org_staff.test(user),
        },
    )


def _firms(user):
    from django.apps import apps

    Exporter = apps.get_model("taraz_exporters", "Exporter")
    return Exporter.objects.filter(pk__in=services.exporter_ids_of(user))


# -- second factor ----------------------------------------------------------------------------


@signed_in
def otp_enrol(request):
    user = request.user
    if services.has_device(user):
        return render(request, "accounts/otp_enrol.html", {"enrolled": True})
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    form = CodeForm(request.POST or None)
    if request.method == "POST" and device is not None and form.is_valid():
        try:
            codes = services.confirm_enrolment(request, device, form.cleaned_data["code"])
        except TarazError as exc:
            form.refuse("code", exc)
        else:
            return render(
                request, "accounts/otp_enrol.html", {"codes": codes, "next": _next(request)}
            )
    if device is None or request.method == "GET":
        device = services.start_enrolment(user)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "accounts/otp_enrol.html", _enrolment(request, device, form), status=status
    )


def _enrolment(request, device, form) -> dict:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode("ascii")
    qr = segno.make(device.config_url, error="m")
    return {
        "form": form,
        "qr_svg": qr.svg_inline(scale=4, dark="#000", light="#fff", title=say("account.enrol")),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }


@signed_in
def otp_verify(request):
    if not services.has_device(request.user):
        query = urlencode({"next": _next(request)})
        return HttpResponseRedirect(f"{reverse('accounts:otp_enrol')}?{query}")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            if services.verify_second_factor(request, form.cleaned_data["code"]):
                return HttpResponseRedirect(_next(request))
            form.refuse("code", TarazError("accounts.otp-wrong"))
            status = 400
        except TarazError as exc:
            form.refuse("code", exc)
            status = exc.http_status
    elif request.method == "POST":
        status = 400
    context = {
        "form": form,
        "next": request.POST.get("next") or request.GET.get("next", ""),
        "fresh": request.GET.get("fresh") == "1",
    }
    return render(request, "accounts/otp_verify.html", context, status=status)


# -- invitations ------------------------------------------------------------------------------


def invitation(request, token: str):
    try:
        found = services.find_invitation(token)
    except TarazError as exc:
        return render(
            request,
            "accounts/invitation.html",
            {"error": exc.message(current_lang()), "code": exc.code},
            status=exc.http_status,
        )
    form = None if request.user.is_authenticated else NewAccountForm(request.POST or None)
    status = 200
    if request.method == "POST":
        user = request.user
        if form is not None:
            if not form.is_valid():
                status = 400
                user = None
            else:
                try:
                    user = services.create_invited_account(
                        form.cleaned_data["username"], form.cleaned_data["password1"]
                    )
                except TarazError as exc:
                    form.refuse("username", exc)
                    status, user = 400, None
        if user is not None:
            try:
                services.accept_invitation(token, user, ip=client_ip(request))
            except TarazError as exc:
                return render(
                    request,
                    "accounts/invitation.html",
                    {"error": exc.message(current_lang()), "code": exc.code},
                    status=exc.http_status,
                )
            if not request.user.is_authenticated:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, say("account.accepted"))
            return HttpResponseRedirect(reverse("accounts:home"))
    return render(
        request,
        "accounts/invitation.html",
        {"invitation": found, "form": form, "login_url": _login_back(request)},
        status=status,
    )


def _login_back(request) -> str:
    return f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}"


# -- bodies and members -----------------------------------------------------------------------


@allowed(may.can_view_bodies)
def bodies(request):
    today = timezone.localdate()
    rows = Body.objects.annotate(
        members=Count(
            "memberships",
            filter=Q(memberships__start__lte=today)
            & (Q(memberships__end__isnull=True) | Q(memberships__end__gt=today)),
        )
    )
    return render(request, "accounts/bodies.html", {"bodies": rows})


@allowed(may.can_view_bodies)
def body(request, code: str):
    found = get_object_or_404(Body, code=code)
    return _body_page(request, found)


def _body_page(request, found: Body, *, start_form=None, invite_form=None, issued=None, status=200):
    today = timezone.localdate()
    rows = list(services.memberships_at(found))
    manage = may.can_manage_bodies.test(request.user)
    context = {
        "body": found,
        "current": [m for m in rows if m.holds_on(today) or m.start > today],
        "ended": [m for m in rows if m.end is not None and m.end <= today],
        "invitations": Invitation.objects.filter(body=found)[:50],
        "manage": manage,
        "start_form": start_form or (StartMembershipForm(body=found) if manage else None),
        "invite_form": invite_form or (InviteForm(choices=role_choices(found)) if manage else None),
        "end_form": EndMembershipForm() if manage else None,
        "issued": issued,
        "now": timezone.now(),
    }
    return render(request, "accounts/body.html", context, status=status)


@require_POST
@allowed(may.can_manage_bodies)
def start_membership(request, code: str):
    found = get_object_or_404(Body, code=code)
    form = StartMembershipForm(request.POST, body=found)
    if form.is_valid():
        User = get_user_model()
        name = User.normalize_username(form.cleaned_data["username"].strip())
        person = User.objects.filter(username__iexact=name).first()
        if person is None:
            form.refuse(
                "username", TarazError("form.bad-choice", field=say("account.username"), value=name)
            )
        else:
            try:
                services.start_membership(
                    person,
                    found,
                    form.cleaned_data["role"],
                    actor=request.user,
                    start=form.cleaned_data["start"],
                )
            except TarazError as exc:
                form.refuse(None, exc)
            else:
                messages.success(request, say("account.started"))
                return HttpResponseRedirect(reverse("accounts:body", args=[found.code]))
    return _body_page(request, found, start_form=form, status=400)


@require_POST
@allowed(may.can_manage_bodies)
def end_membership(request, pk: int):
    membership = get_object_or_404(Membership.objects.select_related("body"), pk=pk)
    form = EndMembershipForm(request.POST)
    if form.is_valid():
        try:
            services.end_membership(
                membership, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except TarazError as exc:
            messages.error(request, exc.message(current_lang()))
        else:
            messages.success(request, say("account.ended"))
    return HttpResponseRedirect(reverse("accounts:body", args=[membership.body.code]))


@require_POST
@allowed(may.can_manage_bodies)
def invite(request, code: str):
    found = get_object_or_404(Body, code=code)
    form = InviteForm(request.POST, choices=role_choices(found))
    if form.is_valid():
        try:
            issued = services.invite_to_body(
                found,
                form.cleaned_data["role"],
                actor=request.user,
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
            )
        except TarazError as exc:
            form.refuse("phone" if exc.code == "accounts.bad-phone" else None, exc)
        else:
            link = request.build_absolute_uri(reverse("accounts:invitation", args=[issued.token]))
            return _body_page(request, found, issued=link)
    return _body_page(request, found, invite_form=form, status=400)


@require_POST
@allowed(may.can_manage_bodies)
def revoke(request, pk: int):
    found = get_object_or_404(Invitation.objects.select_related("body"), pk=pk, body__isnull=False)
    try:
        services.revoke_invitation(found, actor=request.user)
    except TarazError as exc:
        messages.error(request, exc.message(current_lang()))
    else:
        messages.success(request, say("account.revoked"))
    return HttpResponseRedirect(reverse("accounts:body", args=[found.body.code]))
