"""Every redirect stays on the site: the known open-redirect spellings (scheme-relative,
backslashes, encoded slashes, control characters, other schemes) on every route that
redirects (the `?lang=` switch on every page, sign-in's `next=` and what follows it, sign-out,
the data desk's sign-in redirect, the added slash) never send a browser to another host."""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes, urlsplit

import pytest
from django.utils.http import url_has_allowed_host_and_scheme

from tests.fixtures import TRADE_PERIOD
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/en/",
    "/definitions/",
    "/en/definitions/",
    "/desk/",
    "/accounts/login/",
    "/en/desk/",
]
# paths as a browser sends them (percent-encoded where it would be)
HOSTILE_PATHS = [
    "//evil.example/",
    "///evil.example/",
    "////evil.example/",
    "/%2F%2Fevil.example/",
    "/%2f/evil.example/",
    "/%5Cevil.example/",
    "/%5C%5Cevil.example/",
    "/%09/evil.example/",
    "/%2F%09%2Fevil.example/",
    "//evil.example/en/",
    "//evil.example%2F/",
    "//evil.example@testserver/",
    "//testserver@evil.example/",
    "/en//evil.example/",
    "//evil.example",
    "//%65vil.example/",
]
# values of next= as an attacker writes them into a link
HOSTILE_NEXT = [
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "https://evil.example/",
    "http:evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    " //evil.example/",
    "\t//evil.example/",
    "/%2F%2Fevil.example/",
    "/%2F%2Fevil.example/?lang=fa",
    "/%2F%2Fevil.example/?lang=en",
    "//evil.example/?lang=fa",
    "/%5C%5Cevil.example/?lang=en",
    "/en/%2F%2Fevil.example/?lang=fa",
]
REDIRECTS = (301, 302, 303, 307, 308)


def as_browser_sees(location: str) -> str:
    """What a browser makes of a Location: tabs and newlines dropped, leading blanks and
    control characters stripped (the WHATWG URL parser)."""
    return re.sub(r"[\t\n\r]", "", location).lstrip("".join(map(chr, range(0x21))))


def assert_stays_here(response) -> str | None:
    """The response is no redirect, or one to a path of this site; its Location."""
    if response.status_code not in REDIRECTS:
        return None
    location = response["Location"]
    seen = as_browser_sees(location)
    local_path = re.match(r"/(?![/\\])", seen) is not None
    same_host = re.match(r"https?://testserver(/|$)", seen) is not None
    assert local_path or same_host, location
    assert url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"}), location
    return location


def get_raw(client, raw: str, **extra):
    """GET a path and query exactly as a browser sends them: the server sees the path
    percent-decoded (PATH_INFO), as a WSGI server gives it to Django."""
    path, _, query = raw.partition("?")
    path_info = unquote_to_bytes(path).decode("iso-8859-1")
    return client.get("/", PATH_INFO=path_info, QUERY_STRING=query, **extra)


def follow(client, response, hops: int = 5) -> None:
    """Follow a chain of redirects as a browser would, each one checked."""
    for _ in range(hops):
        location = assert_stays_here(response)
        if location is None:
            return
        parts = urlsplit(as_browser_sees(location))
        response = get_raw(client, parts.path + (f"?{parts.query}" if parts.query else ""))
    raise AssertionError("too many redirects")


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("path", HOSTILE_PATHS)
@pytest.mark.parametrize("page", ["", *PAGES])
def test_the_language_switch_stays_on_the_site(client, warehouse, page, path, lang):
    raw = path.rstrip("/") + page if page else path
    follow(client, get_raw(client, f"{raw}?lang={lang}&period={TRADE_PERIOD}"))


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_the_language_switch_still_switches(client, warehouse, page, lang):
    english = page.startswith("/en/")
    target = page
    if lang == "en" and not english:
        target = "/en" + page
    elif lang == "fa" and english:
        target = page.removeprefix("/en")
    response = get_raw(client, f"{page}?lang={lang}&period={TRADE_PERIOD}")
    assert response.status_code == 302
    assert response["Location"] == f"{target}?period={TRADE_PERIOD}"


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_sign_in_then_next_stays_on_the_site(client, warehouse, staff_user, target):
    response = client.post(
        "/accounts/login/", {"username": "staff", "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    follow(client, response)


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_sign_in_page_with_next_stays_on_the_site(client, warehouse, target):
    follow(client, client.get("/accounts/login/", {"next": target}))


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_sign_out_with_next_stays_on_the_site(staff_client, warehouse, target):
    response = staff_client.post("/desk/logout/", {"next": target})
    assert response.status_code == 302
    follow(staff_client, response)


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_the_desk_sends_to_sign_in_on_the_site(client, warehouse, target):
    response = client.get("/desk/", {"next": target})
    assert "/accounts/login/" in assert_stays_here(response)


@pytest.mark.parametrize("path", ["/desk", "/en", "/en/desk", "/definitions", *HOSTILE_PATHS])
def test_the_added_slash_stays_on_the_site(client, warehouse, path):
    follow(client, get_raw(client, path.rstrip("/")))
