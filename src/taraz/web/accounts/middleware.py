"""Signatories and administrators see no page before their second factor: a signed-in person
who needs it and has not checked it in this session is sent to check it (or to enrol) and back.
An action that asks for a fresh check (`require_fresh_2fa`) sends the person the same way."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from taraz.web.accounts.standing import needs_two_factor
from taraz.web.accounts.twofactor import FreshTwoFactorRequired, has_device

# what such a person may reach before the check: the check itself, enrolment, signing in or out
OPEN = frozenset(
    {
        "accounts:login",
        "accounts:logout",
        "accounts:otp_verify",
        "accounts:otp_enrol",
        "datadesk:logout",
    }
)


def _open(request) -> bool:
    path = request.path_info
    if path.startswith(("/static/", "/api/")):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return True  # its own 404
    return match.view_name in OPEN


def _to_check(request, fresh: bool = False) -> HttpResponseRedirect:
    user = request.user
    name = "accounts:otp_verify" if has_device(user) else "accounts:otp_enrol"
    query = {"next": request.get_full_path()}
    if fresh:
        query["fresh"] = "1"
    return HttpResponseRedirect(f"{reverse(name)}?{urlencode(query)}")


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and needs_two_factor(user)
            and not user.is_verified()
            and not _open(request)
        ):
            return _to_check(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, FreshTwoFactorRequired) and request.user.is_authenticated:
            return _to_check(request, fresh=True)
        return None
