"""Guards for views: signed in (else to sign-in), then a predicate (else 403)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def signed_in(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return guarded


def allowed(predicate):
    """Signed in and `predicate(user)` holds, else 403."""

    def wrap(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate.test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded

    return wrap
