"""Conditional requests (RFC 9110): an answer tagged with the data version it was made from, and
304 Not Modified when the client's copy is still current. The API and the public pages share it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from taraz.web.hub import DataVersion


def conditional(
    request: HttpRequest, version: DataVersion | None, build: Callable[[], HttpResponse]
) -> HttpResponse:
    """Answer 304 when the client's ETag still matches the data version; else build the answer
    and tag it. Without a version (code lists), the tag is the hash of the body."""
    if version is not None:
        basis = f"{version.tag}|{request.get_full_path()}|{request.headers.get('Accept', '')}"
        etag = quote_etag(hashlib.sha256(basis.encode()).hexdigest()[:32])
        if _etag_matches(request, etag, version):
            return _not_modified(etag, version)
        response = build()
    else:
        response = build()
        if response.status_code != 200:
            return response
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        if _etag_matches(request, etag):
            return _not_modified(etag, None)
    if response.status_code == 200:
        response["ETag"] = etag
        if version is not None and version.changed_at is not None:
            response["Last-Modified"] = http_date(version.changed_at.timestamp())
        response["Cache-Control"] = "public, no-cache"
        response["Vary"] = "Accept"
    return response


def _etag_matches(request: HttpRequest, etag: str, version: DataVersion | None = None) -> bool:
    header = request.headers.get("If-None-Match", "")
    if not header:  # If-Modified-Since counts only without If-None-Match (RFC 9110)
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        changed = version.changed_at if version is not None else None
        return since is not None and changed is not None and int(changed.timestamp()) <= since
    tags = [t.strip().removeprefix("W/") for t in header.split(",") if t.strip()]
    return etag in tags or "*" in tags


def _not_modified(etag: str, version: DataVersion | None) -> HttpResponse:
    response = HttpResponseNotModified()
    response["ETag"] = etag
    if version is not None and version.changed_at is not None:
        response["Last-Modified"] = http_date(version.changed_at.timestamp())
    response["Cache-Control"] = "public, no-cache"
    return response
