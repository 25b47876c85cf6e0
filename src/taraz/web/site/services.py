"""What the site shell offers the other apps: its words in Persian and English (`say`, the
page's language) and the error page in both languages."""

from __future__ import annotations

from django.http import HttpResponse
from django.template import loader

from taraz.web.site.wording import current_lang as current_lang
from taraz.web.site.wording import say

ERRORS = {400: "bad_request", 403: "forbidden", 404: "not_found", 500: "server_error", 503: "busy"}


def error_page(request, status: int, detail_fa: str = "", detail_en: str = "") -> HttpResponse:
    """A page that says what happened in both languages, the page's language first."""
    if request.path.startswith("/api/"):
        from taraz.web.api.services import status_error

        return status_error(status)
    key = ERRORS.get(status, "server_error")
    context = {
        "status": status,
        "fa_title": say(f"errors.{key}.title", "fa"),
        "fa_text": detail_fa or say(f"errors.{key}.text", "fa"),
        "en_title": say(f"errors.{key}.title", "en"),
        "en_text": detail_en or say(f"errors.{key}.text", "en"),
        "english_first": request.path.startswith("/en/"),
    }
    body = loader.get_template("site/error.html").render(context)
    return HttpResponse(body, status=status)
