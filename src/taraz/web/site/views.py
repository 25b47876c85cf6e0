"""Error pages in Persian and English with the error's code (never a stack trace); JSON errors
in the API's one shape under /api/."""

from __future__ import annotations

from django.http import HttpResponse
from django.template import loader

from taraz.errors import TarazError
from taraz.web.errors import status_error
from taraz.web.site.wording import say

TITLES = {400: "bad_request", 403: "forbidden", 404: "not_found", 500: "server_error", 503: "busy"}


def error_page(request, status: int, exc: TarazError | None = None) -> HttpResponse:
    """A page that says what happened in both languages, the page's language first."""
    if request.path.startswith("/api/"):
        from taraz.web.api.responses import error_response
        from taraz.web.api.responses import status_error as api_status_error

        return error_response(exc, status) if exc is not None else api_status_error(status)
    exc = exc or status_error(status)
    key = TITLES.get(status, "server_error")
    context = {
        "status": status,
        "code": exc.code,
        "fa_title": say(f"errors.{key}.title", "fa"),
        "fa_text": exc.message("fa"),
        "en_title": say(f"errors.{key}.title", "en"),
        "en_text": exc.message("en"),
        "english_first": request.path.startswith("/en/"),
    }
    body = loader.get_template("site/error.html").render(context)
    return HttpResponse(body, status=status)


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
