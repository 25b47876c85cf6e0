"""No public address answers 5xx, whatever its parameters: hypothesis draws values for every
parameter a public page or API call reads (and some it does not), hostile ones included (very
long, NUL, other scripts and digits, dates at the ends of the calendar, numbers past any
limit), and every answer is below 500; the API's errors have the one shape, the dashboard's
pages name a catalogued code."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taraz.errors import catalogue
from tests.fixtures import TRADE_PERIOD, YAZD
from tests.web.api_errors import assert_api_error

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "0",
    "-1",
    "1e9",
    "NaN",
    "inf",
    "10" * 40,
    "x" * 5000,
    "0001",
    "9999",
    "0001-01-01",
    "0001-01-01T00:00",
    "9999-12-31",
    "9999-12-31T23:59:59+14:00",
    "1200-01-01",
    "1699-12-29",
    "1404-13",
    "1404-00",
    "1404-12-31",
    "1404-01..1403-01",
    "..",
    "YTD",
    "١٤٠٤",
    "۱۴۰۴-H1",
    "𝟏𝟒𝟎𝟒",
    "../../etc/passwd",
    "%00",
    "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "' OR 1=1 --",
    "Mining",
    "foo",
    "ZZ",
    "iq",
    "IR-99",
    "IR-21",
    "یزد",
    "\u200c",
    "\ud7ff",
    "\U0010ffff",
]
VALID = {
    "province": ["IR", YAZD, "yazd", "یزد", "21", "IR-23"],
    "period": [TRADE_PERIOD, "1404", "1404-H1", "1404-Q1", "1404-01", "1403-01..1404-02", "2025"],
    "basis": ["origin", "customs"],
    "as_of": ["1404-03-01", "2025-06-01", "2025-06-01T10:30", "2025-03-01"],
    "flow": ["X", "M", "exports", "imports"],
    "sector": ["mining", "industry", "agriculture", "petrochemical", "textiles"],
    "partner": ["IQ", "DE", "AF", "CN"],
    "page": ["1", "2"],
    "page_size": ["1", "10", "1000"],
    "format": ["json", "csv", "xlsx"],
    "lang": ["fa", "en"],
    "n": ["1", "5", "100"],
    "table": ["reconciliation", "own_lines_cleared_elsewhere", "other_provinces_cleared_here"],
    "q": ["25", "marble", "سنگ"],
    "level": ["2", "4", "6"],
    "parent": ["25", "2515"],
    "from": ["1404-01"],
    "to": ["1404-02"],
    "download": ["1"],
}
# parameters nobody reads, to show they are ignored rather than fatal
UNKNOWN = ["callback", "province[]", "__proto__", "page ", "FORMAT", "x" * 300]

value = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=12),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)


@st.composite
def parameters(draw, names: tuple[str, ...]) -> dict[str, str]:
    """A few of `names` with valid values and (most of the time) one hostile, so that the hostile
    value reaches the code behind the checks the others pass; now and then an unknown name."""
    params: dict[str, str] = {}
    if names:
        for name in draw(st.lists(st.sampled_from(names), max_size=3, unique=True)):
            params[name] = draw(st.sampled_from(VALID[name]))
        hostile = draw(st.one_of(st.none(), st.sampled_from(names), st.sampled_from(names)))
        if hostile is not None:
            params[hostile] = draw(value)
    if draw(st.integers(0, 4)) == 0:
        params[draw(st.sampled_from(UNKNOWN))] = draw(value)
    return params


SELECTION = ("province", "period", "basis", "as_of")
DASHBOARD = {
    "/": (*SELECTION, "flow", "sector", "partner", "from", "to"),
    "/en/": (*SELECTION, "flow", "sector", "partner", "from", "to"),
    "/definitions/": (),
    "/en/definitions/": (),
    "/bulletin.xlsx": (*SELECTION, "from", "to"),
    "/bulletin.pdf": SELECTION,
    "/en/bulletin.xlsx": SELECTION,
}
API = {
    "/api/v1/": ("format",),
    "/api/v1/status": ("format",),
    "/api/v1/figures": (*SELECTION, "format", "download"),
    "/api/v1/totals": (*SELECTION, "format", "download"),
    "/api/v1/monthly": (*SELECTION, "flow", "format"),
    "/api/v1/breakdowns/{dimension}": (
        *SELECTION,
        "flow",
        "sector",
        "partner",
        "page",
        "page_size",
        "format",
        "download",
    ),
    "/api/v1/top/{ranking}": (*SELECTION, "n", "format"),
    "/api/v1/concentration": (*SELECTION, "format"),
    "/api/v1/unit-values": (*SELECTION, "flow", "page", "page_size", "format"),
    "/api/v1/attribution": (*SELECTION, "flow", "table", "format"),
    "/api/v1/coverage": (*SELECTION, "format"),
    "/api/v1/codes/{name}": ("q", "level", "parent", "page", "page_size", "format"),
    "/api/v1/codes/{name}/{code}": ("format",),
}
SEGMENTS = {
    "dimension": ["sector", "section", "hs2", "hs4", "hs6", "partner", "customs_office"],
    "ranking": ["export_products", "export_destinations", "import_origins", "sectors"],
    "name": ["hs", "sections", "sectors", "countries", "provinces", "customs-offices", "periods"],
    "code": ["25", "IQ", "IR-21", "mining", "IR21-YAZD"],
}
segment = st.one_of(st.sampled_from(HOSTILE[1:]), st.text(min_size=1, max_size=30))


@st.composite
def api_requests(draw) -> tuple[str, str, dict[str, str]]:
    template = draw(st.sampled_from(sorted(API)))
    path = template
    for name, choices in SEGMENTS.items():
        if "{" + name + "}" in path:
            part = draw(st.one_of(st.sampled_from(choices), segment))
            path = path.replace("{" + name + "}", quote(part, safe=""))
    return draw(METHODS), path, draw(parameters(API[template]))


@st.composite
def page_requests(draw) -> tuple[str, str, dict[str, str]]:
    path = draw(st.sampled_from(sorted(DASHBOARD)))
    return draw(METHODS), path, draw(parameters(DASHBOARD[path]))


METHODS = st.sampled_from(["GET", "GET", "GET", "HEAD"])


def call(client, method: str, path: str, params: dict[str, str]):
    return client.get(path, params) if method == "GET" else client.head(path, params)


FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CODE_SHOWN = re.compile(r"\[<code[^>]*>([a-z0-9.-]+)</code>\]|<code[^>]*>([a-z0-9.-]+)</code>")


@settings(FUZZ, max_examples=300)
@given(request=api_requests())
def test_no_api_call_answers_5xx(client, warehouse, request):
    method, path, params = request
    response = call(client, method, path, params)
    assert response.status_code < 500, (method, path, params, response.content[:500])
    if response.status_code >= 400 and method == "GET":
        assert_api_error(response, response.status_code)


@FUZZ
@given(request=page_requests())
def test_no_public_page_answers_5xx(client, warehouse, request):
    method, path, params = request
    response = call(client, method, path, params)
    assert response.status_code < 500, (method, path, params, response.content[:500])
    if response.status_code >= 400 and method == "GET":
        shown = {a or b for a, b in CODE_SHOWN.findall(response.content.decode())}
        assert shown & set(catalogue()), (path, params, response.content[:800])


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/totals?period={TRADE_PERIOD}&as_of=9999-12-31",
        f"/api/v1/figures?period={TRADE_PERIOD}&as_of=0001-01-01T00:00",
        "/api/v1/totals?period=0001",
        f"/api/v1/breakdowns/hs6?period={TRADE_PERIOD}&sector=Mining",
        f"/api/v1/breakdowns/hs6?period={TRADE_PERIOD}&partner=ZZ",
    ],
)
def test_the_reported_api_inputs_are_4xx_with_a_catalogued_code(client, warehouse, url):
    response = client.get(url)
    assert 400 <= response.status_code < 500
    assert_api_error(response, response.status_code)


@pytest.mark.parametrize(
    "params",
    [
        {"period": "0001"},
        {"period": TRADE_PERIOD, "as_of": "9999-12-31"},
        {"period": TRADE_PERIOD, "as_of": "0001-01-01T00:00"},
        {"period": TRADE_PERIOD, "sector": "Mining"},
        {"period": TRADE_PERIOD, "sector": "foo"},
        {"sector": "Mining"},
        {"period": TRADE_PERIOD, "partner": "ZZ"},
    ],
)
def test_the_reported_dashboard_inputs_are_4xx_with_a_catalogued_code(client, warehouse, params):
    response = client.get("/", params)
    assert 400 <= response.status_code < 500, response.content[:300]
    shown = {a or b for a, b in CODE_SHOWN.findall(response.content.decode())}
    assert shown & set(catalogue())
