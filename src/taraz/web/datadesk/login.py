"""The staff log-in, throttled: after a few failed attempts from one address or for one user
name, further attempts are refused for a while (429 with Retry-After), so a password cannot be
guessed at the speed of the server."""

from __future__ import annotations

import math
import os

from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpResponse

from taraz.errors import TarazError
from taraz.web.clients import client_ip
from taraz.web.site.services import current_lang

MAX_FAILURES = int(os.environ.get("TARAZ_LOGIN_MAX_FAILURES", "5"))
WINDOW_SECONDS = int(os.environ.get("TARAZ_LOGIN_WINDOW", "900"))


def _keys(request) -> list[str]:
    user = (request.POST.get("username") or "").strip().casefold()
    keys = [f"taraz:login-failures:ip:{client_ip(request) or '-'}"]
    if user:
        keys.append(f"taraz:login-failures:user:{user}")
    return keys


def _failures(keys: list[str]) -> int:
    return max((cache.get(k, 0) for k in keys), default=0)


class ThrottledLoginView(auth_views.LoginView):
    template_name = "datadesk/login.html"
    redirect_authenticated_user = False

    def post(self, request, *args, **kwargs):
        if _failures(_keys(request)) >= MAX_FAILURES:
            refused = TarazError("web.sign-in-throttled", minutes=math.ceil(WINDOW_SECONDS / 60))
            response = self.render_to_response(
                self.get_context_data(throttled=refused.message(current_lang())), status=429
            )
            response["Retry-After"] = str(WINDOW_SECONDS)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form) -> HttpResponse:
        for key in _keys(self.request):
            cache.add(key, 0, WINDOW_SECONDS)
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, WINDOW_SECONDS)
        return super().form_invalid(form)

    def form_valid(self, form) -> HttpResponse:
        cache.delete_many(_keys(self.request))
        return super().form_valid(form)
