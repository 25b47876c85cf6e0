"""What the site shell offers the other apps: its words in Persian and English (`say`, the
page's language) and the error page in both languages with the error's code."""

from __future__ import annotations

from django.http import HttpResponse
from django.template import loader

from taraz.errors import TarazError
from taraz.web.errors import status_error
from taraz.web.site.wording import current_lang as current_lang
from taraz.web.site.wording import say

TITLES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    429: "rate_limited",
    500: "server_error",
    503: "busy",
}
# titles of errors whose status alone says too little
CODE_TITLES = {
    "web.computing-busy": "computing_busy",
    "web.computing": "computing",
    "web.compute-limited": "rate_limited",
}


def error_page(request, status: int, exc: TarazError | None = None) -> HttpResponse:
    """A page that says what happened in both languages, the page's language first; under
    /api/ the API's one error shape."""
    if request.path.startswith("/api/"):
        from taraz.web.api.services import error_response
        from taraz.web.api.services import status_error as api_status_error

        return error_response(exc, status) if exc is not None else api_status_error(status)
    exc = exc or status_error(status)
    key = CODE_TITLES.get(exc.code) or TITLES.get(status, "server_error")
    context = {
        "status": status,
        "code": exc.code,
        "fa_title": say(f"errors.{key}.title", "fa"),
        "fa_text": exc.message("fa"),
        "en_title": say(f"errors.{key}.title", "en"),
        "en_text": exc.message("en"),
        "english_first": request.path.startswith("/en/"),
        "retry_after": exc.fields.get("retry_after") if request.method == "GET" else None,
    }
    body = loader.get_template("site/error.html").render(context)
    response = HttpResponse(body, status=status)
    if exc.fields.get("retry_after"):
        response["Retry-After"] = str(exc.fields["retry_after"])
        # an answer that says when to ask again is expected under load, not a server error:
        # Django's request log, which logs every 5xx as an error, skips it
        response._has_been_logged = True
    return response
