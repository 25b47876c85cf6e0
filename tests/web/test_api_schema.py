"""The served OpenAPI document holds: schemathesis generates requests from it (every operation,
every parameter's enum and pattern) against the Django application, and finds no 5xx, no
status, content type, header or body the document does not declare, and no valid request
refused except by the rules the document states in words (a range's end before its start, a
day its month does not have, a sector filter on a breakdown it does not apply to)."""

from __future__ import annotations

import json
import re

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taraz.errors import catalogue
from taraz.web.api.openapi import AS_OF_PATTERN, FIGURE_PATHS, PERIOD_PATTERN, TABLE_PATHS
from tests.fixtures import TRADE_PERIOD, YAZD

# schemathesis calls the WSGI application as a server would; the procedures' measures read the
# service database, which pytest-django opens only to marked tests
pytestmark = pytest.mark.django_db

EXAMPLES = 25  # per operation: the whole test stays well under two minutes
# 400s a schema-valid request may still get: rules no pattern can say, named in the document
STATED_RULES = {
    "calendar.reversed-range",
    "calendar.bad-day",
    "calendar.bad-moment",
    "query.sector-filter-dimension",
}


@schemathesis.check
def valid_requests_are_accepted(ctx, response, case):
    """A request the document calls valid is answered (a 404 is an answer: nothing loaded, no
    such page), unless it breaks one of the rules the document states in words."""
    if response.status_code != 400:
        return None
    code = json.loads(response.content)["error"]["code"]
    assert code in catalogue(), code
    if code not in STATED_RULES:
        raise AssertionError(f"a valid request was refused with {code}")
    return None


# selections of the fixture's data, so that the tables (JSON, CSV, XLSX) are answered too
LOADED = [{"period": TRADE_PERIOD}, {"period": TRADE_PERIOD, "province": YAZD}]
OPERATIONS = [
    "/",
    "/status",
    *FIGURE_PATHS,
    "/codes/{name}",
    "/codes/{name}/{code}",
    "/procedures",
    "/procedures/{code}",
    "/workshops/outcomes",
]


@pytest.fixture
def api_schema(warehouse):
    """The document, and the application called as a server calls it, but keeping the test's
    database connection open between requests (as Django's own test client does)."""
    from django.core import signals
    from django.db import close_old_connections

    from taraz.web.wsgi import application

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_every_operation_is_tested(api_schema):
    assert sorted(api_schema.raw_schema["paths"]) == sorted(f"/api/v1{p}" for p in OPERATIONS)


@pytest.mark.parametrize("path", OPERATIONS)
def test_the_api_keeps_its_openapi_document(api_schema, path):
    operation = api_schema[f"/api/v1{path}"]["GET"]

    @given(case=operation.as_strategy(), loaded=st.sampled_from([None, *LOADED]))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def keeps_it(case, loaded):
        if loaded and case.query is not None and "period" in case.query:
            case.query.update(loaded)  # valid values with data behind them, now and then
        case.call_and_validate(
            additional_checks=[valid_requests_are_accepted],
            excluded_checks=[schemathesis.checks.positive_data_acceptance],
        )

    keeps_it()


def test_every_parameter_has_an_enum_or_a_pattern_or_bounds(api_schema):
    free_text = {"q", "code"}  # searched or looked up as written; bounded in length
    for path, item in api_schema.raw_schema["paths"].items():
        for param in item["get"].get("parameters", []):
            s = param["schema"]
            if param["name"] in free_text:
                assert "maxLength" in s, (path, param)
            else:
                assert "enum" in s or "pattern" in s or {"minimum", "maximum"} <= set(s), (
                    path,
                    param,
                )


def test_tables_declare_csv_and_xlsx_and_errors_their_shape(api_schema):
    for path in TABLE_PATHS:
        responses = api_schema.raw_schema["paths"][f"/api/v1{path}"]["get"]["responses"]
        assert set(responses["200"]["content"]) == {
            "application/json",
            "text/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
        for status in ("400", "404", "429", "503"):
            assert responses[status]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorOut"
            }
        assert "Retry-After" in responses["429"]["headers"]


def test_the_period_is_required_where_the_api_requires_it(client, warehouse, api_schema):
    for path in FIGURE_PATHS:
        params = api_schema.raw_schema["paths"][f"/api/v1{path}"]["get"]["parameters"]
        assert next(p for p in params if p["name"] == "period")["required"] is True


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("1404", True),
        ("1404-H1", True),
        ("1404-Q4", True),
        ("1404-12", True),
        ("1404-YTD", True),
        ("YTD", True),
        ("1403-01..1404-05", True),
        ("1403-01-01..1403-05-10", True),
        ("2024-Q1", True),
        ("1200", True),
        ("1699-H2", True),
        ("1700", True),
        ("2299-12", True),
        ("1199", False),
        ("2300", False),
        ("1404-Q5", False),
        ("1404-13", False),
        ("1404-03-15", False),
        ("1404-01..2025-05", False),
    ],
)
def test_the_period_pattern_is_the_grammar(text, valid):
    from taraz.calendar import PeriodError, parse_period

    assert bool(re.fullmatch(PERIOD_PATTERN, text)) is valid
    if valid:
        parse_period(text)
    else:
        with pytest.raises(PeriodError):
            parse_period(text)


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("1404-05-01", True),
        ("1200-01-01", True),
        ("2025-07-23", True),
        ("2025-07-23T10:30", True),
        ("2025-07-23T10:30:05+03:30", True),
        ("9999-12-31", False),
        ("0001-01-01T00:00", False),
        ("1404-05-01T10:30", False),  # a time only with a Gregorian date
        ("2300-01-01", False),
    ],
)
def test_the_as_of_pattern_is_what_the_api_accepts(text, valid):
    from taraz.calendar import MomentError, parse_moment

    assert bool(re.fullmatch(AS_OF_PATTERN, text)) is valid
    if valid:
        parse_moment(text)
    else:
        with pytest.raises(MomentError):
            parse_moment(text)
