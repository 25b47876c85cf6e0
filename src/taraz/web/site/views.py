"""Error pages in Persian and English with the error's code (never a stack trace); JSON errors
in the API's one shape under /api/."""

from __future__ import annotations

from taraz.errors import TarazError
from taraz.web.site.services import error_page


def bad_request(request, exception=None):
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def server_error(request):
    return error_page(request, 500)


def csrf_failure(request, reason=""):
    return error_page(request, 403, TarazError("web.csrf"))
