"""Security headers and the `?lang=` switch."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils.translation import get_language_from_path, override

# Scripts only from this site (no inline script anywhere); plotly sets inline styles and
# draws its icons as data: images.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


class LanguageQueryMiddleware:
    """`?lang=en` on a page redirects to its English address (`/en/...`), `?lang=fa` back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lang = request.GET.get("lang")
        if (
            request.method in ("GET", "HEAD")
            and lang in ("fa", "en")
            and not request.path.startswith("/api/")
        ):
            query = request.GET.copy()
            del query["lang"]
            path = request.path + (f"?{query.urlencode()}" if query else "")
            current = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
            with override(current):  # translate_url resolves in the active language
                target = translate_url(path, lang)
            if target != request.get_full_path():
                return HttpResponseRedirect(target)
        return self.get_response(request)
