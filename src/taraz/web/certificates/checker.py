"""The public checker, `/verify/` (Persian) and `/en/verify/` (English), for a buyer abroad.

Two ways, one verdict (`taraz.credentials.verify` with the keys folder's trust and revocation
lists):

- by the QR's link: the token is in the address's fragment, which the browser never sends;
  the page's script (`certificates/verify.js`, a static file: the site's Content-Security-Policy
  allows no inline script) reads it and posts it to `/verify/check`, a JSON API exempt from
  CSRF (it changes nothing and reads no cookie): `{"token": "..."}` in, the verdict out;
- by the paper: number, check code and commercial card number together. An unknown number and
  a wrong code or card get one answer (`certificates.no-match`, 404), the same text. A
  certificate of attendance is found the same way; one that names no firm (a member of the
  public) by its number and check code with the card left empty (docs/credentials.md).

The verdict carries the signed claims and, for a kind `taraz.credentials.summary` knows (a
certificate of attendance), its facts for people in the page's language.

Both are rate-limited per address and overall (`throttle`): 429 with Retry-After.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from taraz.credentials.summary import facts, kind_name
from taraz.errors import TarazError
from taraz.web.certificates import services, throttle
from taraz.web.certificates.forms import CheckForm
from taraz.web.site.services import current_lang

MAX_BODY = 16_384


def _throttled(seconds: int) -> TarazError:
    return TarazError("certificates.check-throttled", seconds=seconds)


def _verdict_view(verdict) -> dict[str, Any]:
    lang = current_lang()
    error = verdict.error(lang)
    return {
        "valid": verdict.valid,
        "reason": str(verdict.reason) if verdict.reason else None,
        "message": error.message(lang) if error is not None else "",
        "claims": verdict.claims,
        "kind": kind_name(verdict.claims, lang),
        "facts": facts(verdict.claims, lang),
        "checked_at": verdict.checked_at.isoformat(),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def verify_page(request):
    form = CheckForm(request.POST or None)
    context: dict[str, Any] = {"form": form, "result": None, "refused": ""}
    status = 200
    if request.method == "POST":
        wait = throttle.wait_for(request)
        if wait:
            context["refused"] = _throttled(wait).message(current_lang())
            response = render(request, "certificates/verify.html", context, status=429)
            response["Retry-After"] = str(wait)
            return response
        if not form.is_valid():
            status = 400
        else:
            data = form.cleaned_data
            cert = services.find_by_code(data["number"], data["check_code"], data["card"])
            if cert is None:
                context["refused"] = TarazError("certificates.no-match").message(current_lang())
                status = 404
            else:
                try:
                    context["result"] = _verdict_view(services.check_token(cert.token))
                except TarazError as exc:  # no keys or lists: the checker cannot answer now
                    context["refused"] = exc.message(current_lang())
                    status = 503
    response = render(request, "certificates/verify.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@require_POST
def check(request):
    """`{"token": "..."}` -> the verdict as JSON (`valid`, `reason`, `message`, `claims`)."""
    wait = throttle.wait_for(request)
    if wait:
        error = _throttled(wait)
        response = JsonResponse(
            {"error": {"code": error.code, "message": error.message(current_lang())}}, status=429
        )
        response["Retry-After"] = str(wait)
        return response
    token = ""
    if len(request.body) <= MAX_BODY:
        try:
            body = json.loads(request.body or b"{}")
            token = body.get("token", "") if isinstance(body, dict) else ""
        except ValueError:
            token = ""
    if not isinstance(token, str) or not token:
        error = TarazError("credentials.unreadable")
        return JsonResponse(
            {"error": {"code": error.code, "message": error.message(current_lang())}}, status=400
        )
    try:
        verdict = services.check_token(token)
    except TarazError as exc:  # no keys or lists: the checker cannot answer now
        return JsonResponse(
            {"error": {"code": exc.code, "message": exc.message(current_lang())}}, status=503
        )
    response = JsonResponse(_verdict_view(verdict))
    response["Cache-Control"] = "no-store"
    return response
