"""The one sign-in, for staff, bodies' people and exporters, throttled: after a few failed attempts from one address or for one user
name, further attempts are refused for a while (429 with Retry-After), so a password cannot be
guessed at the speed of the server.

A user name is counted the way Django reads it: NFKC-normalised (so `ｓtaff` and `𝐬𝐭𝐚𝐟𝐟` sign
in as `staff`), then casefolded; every spelling of one name shares one count. Refused attempts
are audited. The limits are Django settings (`TARAZ_LOGIN_MAX_FAILURES`, `TARAZ_LOGIN_WINDOW`).
"""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpResponse

from taraz.errors import TarazError
from taraz.web.audit import services as audit_trail
from taraz.web.clients import client_ip
from taraz.web.site.services import current_lang

THROTTLED = "web.sign-in-throttled"


def name_key(username: str) -> str:
    """The user name as the throttle counts it: as Django normalises it (NFKC), casefolded."""
    return get_user_model().normalize_username(username.strip()).casefold()


def _typed_name(request) -> str:
    return str(request.POST.get("username") or "")


def _keys(request) -> list[str]:
    name = name_key(_typed_name(request))
    keys = [f"taraz:login-failures:ip:{client_ip(request) or '-'}"]
    if name:
        keys.append(f"taraz:login-failures:user:{name}")
    return keys


def _failures(keys: list[str]) -> int:
    return max((cache.get(k, 0) for k in keys), default=0)


class ThrottledLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = False

    def post(self, request, *args, **kwargs):
        if _failures(_keys(request)) >= settings.TARAZ_LOGIN_MAX_FAILURES:
            return self._refused(request)
        return super().post(request, *args, **kwargs)

    def _refused(self, request) -> HttpResponse:
        window = settings.TARAZ_LOGIN_WINDOW
        typed = _typed_name(request)
        audit_trail.record(
            audit_trail.Action.LOGIN_FAILED,
            username=typed[:150] or "anonymous",
            outcome="throttled",
            ip=client_ip(request),
            code=THROTTLED,
            name=name_key(typed)[:150],
        )
        refused = TarazError(THROTTLED, minutes=math.ceil(window / 60))
        response = self.render_to_response(
            self.get_context_data(throttled=refused.message(current_lang())), status=429
        )
        response["Retry-After"] = str(window)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        if form is not None and form.errors:
            context["failed"] = TarazError("accounts.sign-in-failed").message(current_lang())
        return context

    def form_invalid(self, form) -> HttpResponse:
        window = settings.TARAZ_LOGIN_WINDOW
        for key in _keys(self.request):
            cache.add(key, 0, window)
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, window)
        return super().form_invalid(form)

    def form_valid(self, form) -> HttpResponse:
        cache.delete_many(_keys(self.request))
        return super().form_valid(form)
