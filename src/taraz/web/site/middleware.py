"""Security headers, HEAD answered as GET, and the `?lang=` switch (which redirects only to this
site's own pages)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, translate_url
from django.utils.http import url_has_allowed_host_and_scheme
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


class HeadMiddleware:
    """HEAD is answered wherever GET is, as GET would be (status and headers) without the body
    (RFC 9110): the views and the API declare GET, and this runs them for HEAD too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        response = self.get_response(request)
        request.method = "HEAD"
        if response.streaming:
            response.streaming_content = []
        else:
            if not response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response


class LanguageQueryMiddleware:
    """`?lang=en` on a page redirects to its English address (`/en/...`), `?lang=fa` back.

    The target is built from the request's path, which the client chose: `//evil.example/` (or
    `/%2F%2Fevil.example/`, which arrives as `///evil.example/`) would be a scheme-relative
    address of another host. So only a path that is one of the site's pages is switched, and
    only to a target that `url_has_allowed_host_and_scheme` finds on this host; anything else
    goes on to the answer its path deserves (a 404)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lang = request.GET.get("lang")
        if (
            request.method in ("GET", "HEAD")
            and lang in ("fa", "en")
            and not request.path.startswith("/api/")
        ):
            target = self._switched(request, lang)
            if target is not None and target != request.get_full_path():
                return HttpResponseRedirect(target)
        return self.get_response(request)

    @staticmethod
    def _switched(request, lang: str) -> str | None:
        """The address of the same page in `lang` without `lang=`; None if the path is not a
        page of this site."""
        query = request.GET.copy()
        del query["lang"]
        path = request.path + (f"?{query.urlencode()}" if query else "")
        current = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with override(current):  # the pages' patterns and translate_url use the active language
            try:
                resolve(request.path_info)
            except Resolver404:
                return None
            target = translate_url(path, lang)
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return None
        return target
