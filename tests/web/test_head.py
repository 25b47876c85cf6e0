"""HEAD answers wherever GET does (pages, the API, the data desk), with GET's status and
headers and no body."""

from __future__ import annotations

import pytest

from tests.fixtures import TRADE_PERIOD as PERIOD
from tests.fixtures import YAZD

pytestmark = pytest.mark.django_db

HEAD_URLS = [
    "/",
    "/en/",
    "/definitions/",
    f"/?province={YAZD}&period={PERIOD}",
    f"/bulletin.xlsx?province={YAZD}&period={PERIOD}",
    "/accounts/login/",
    "/api/v1/",
    "/api/v1/status",
    f"/api/v1/totals?period={PERIOD}",
    f"/api/v1/breakdowns/partner?period={PERIOD}&format=csv",
    f"/api/v1/coverage?period={PERIOD}&format=xlsx",
    "/api/v1/codes/sectors",
    "/api/v1/codes/countries/IQ",
    "/api/v1/openapi.json",
    "/api/v1/docs",
    "/api/v1/totals?period=1404-Q9",  # an error: the same 400
    "/api/v1/nothing-here",
    "/no-such-page/",
]


@pytest.mark.parametrize("url", HEAD_URLS)
def test_head_answers_as_get_does_without_a_body(client, warehouse, url):
    got = client.get(url)
    head = client.head(url)
    assert head.status_code == got.status_code != 405
    assert head.content == b""
    for name in ("Content-Type", "Content-Disposition", "ETag", "X-Total-Count"):
        assert head.get(name) == got.get(name), name


def test_head_of_a_desk_page_asks_to_sign_in_as_get_does(client, warehouse):
    assert client.head("/desk/").status_code == client.get("/desk/").status_code == 302
