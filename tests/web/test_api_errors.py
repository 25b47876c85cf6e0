"""Every bad request gets a 4xx in one shape with Persian and English messages."""

from __future__ import annotations

import pytest

from tests.fixtures import TRADE_PERIOD as PERIOD
from tests.fixtures import YAZD
from tests.web.api_errors import assert_api_error

pytestmark = pytest.mark.django_db


def test_unknown_province(client, warehouse):
    response = client.get("/api/v1/totals", {"province": "Atlantis", "period": PERIOD})
    error = assert_api_error(response, 400, "query.unknown-province")
    assert error["context"] == {"parameter": "province", "value": "Atlantis"}


def test_malformed_period(client, warehouse):
    assert_api_error(
        client.get("/api/v1/totals", {"province": YAZD, "period": "1404-Q9"}),
        400,
        "calendar.bad-quarter",
    )


def test_missing_period(client, warehouse):
    assert_api_error(client.get("/api/v1/totals", {"province": YAZD}), 400, "query.missing-period")


def test_unknown_basis(client, warehouse):
    assert_api_error(
        client.get("/api/v1/totals", {"period": PERIOD, "basis": "harbour"}), 400, "stats.bad-basis"
    )


def test_bad_as_of(client, warehouse):
    assert_api_error(
        client.get("/api/v1/totals", {"period": PERIOD, "as_of": "yesterday"}),
        400,
        "calendar.bad-moment",
    )


def test_unknown_flow(client, warehouse):
    assert_api_error(
        client.get("/api/v1/breakdowns/sector", {"period": PERIOD, "flow": "Z"}),
        400,
        "query.bad-flow",
    )


def test_unknown_dimension(client, warehouse):
    assert_api_error(
        client.get("/api/v1/breakdowns/colour", {"period": PERIOD}), 404, "api.unknown-dimension"
    )


def test_unknown_code(client, warehouse):
    assert_api_error(client.get("/api/v1/codes/countries/XX"), 404, "api.unknown-code")


def test_unknown_code_list(client, warehouse):
    assert_api_error(client.get("/api/v1/codes/planets"), 404, "api.unknown-code-list")


def test_unknown_sector_filter(client, warehouse):
    assert_api_error(
        client.get("/api/v1/breakdowns/hs6", {"period": PERIOD, "sector": "space"}),
        400,
        "stats.unknown-sector",
    )


def test_page_out_of_range(client, warehouse):
    assert_api_error(
        client.get("/api/v1/breakdowns/partner", {"period": PERIOD, "page": "9"}),
        404,
        "api.page-out-of-range",
    )


def test_page_that_is_not_a_number(client, warehouse):
    assert_api_error(
        client.get("/api/v1/breakdowns/partner", {"period": PERIOD, "page": "two"}),
        400,
        "web.bad-parameter",
    )


def test_page_size_too_large(client, warehouse):
    assert_api_error(
        client.get("/api/v1/breakdowns/partner", {"period": PERIOD, "page_size": "5000"}),
        400,
        "query.bad-number",
    )


def test_unknown_format(client, warehouse):
    assert_api_error(
        client.get("/api/v1/totals", {"period": PERIOD, "format": "pdf"}), 400, "api.bad-format"
    )


def test_unknown_address(client, warehouse):
    assert_api_error(client.get("/api/v1/nothing-here"), 404, "api.not-found")


def test_writes_are_not_allowed(client, warehouse):
    assert_api_error(client.post("/api/v1/totals", {"period": PERIOD}), 405, "api.read-only")


def test_rate_limit_answers_429_with_retry_after(client, warehouse, settings):
    settings.TARAZ_API_RATE = 3
    settings.TARAZ_API_RATE_WINDOW = 60
    for _ in range(3):
        assert client.get("/api/v1/status").status_code == 200
    response = client.get("/api/v1/status")
    assert_api_error(response, 429, "web.rate-limited")
    assert int(response["Retry-After"]) >= 1


def test_rate_limit_is_per_client(client, warehouse, settings):
    settings.TARAZ_API_RATE = 1
    assert client.get("/api/v1/status", REMOTE_ADDR="10.0.0.1").status_code == 200
    assert client.get("/api/v1/status", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_unknown_partner_filter(client, warehouse):
    response = client.get("/api/v1/breakdowns/hs6", {"period": PERIOD, "partner": "Narnia"})
    assert_api_error(response, 400, "query.unknown-country")
