"""The API's tables as CSV (and XLSX) behave as the JSON does: the same checks of `page` and
`page_size`, a header row even when no row matches, nested lists written as JSON (never a
Python repr)."""

from __future__ import annotations

import json

import pytest

from taraz.web import figures
from taraz.web.api import code_lists, figure_rows
from taraz.web.api.responses import csv_bytes
from tests.fixtures import TRADE_PERIOD as PERIOD
from tests.fixtures import YAZD
from tests.spreadsheets import csv_cells
from tests.web.api_errors import assert_api_error

pytestmark = pytest.mark.django_db

SELECTION = {"province": YAZD, "period": PERIOD}


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
@pytest.mark.parametrize("page_size", ["0", "5000", "-1"])
def test_a_bad_page_size_is_refused_in_every_format(client, warehouse, fmt, page_size):
    response = client.get(
        "/api/v1/breakdowns/partner", {**SELECTION, "format": fmt, "page_size": page_size}
    )
    assert_api_error(response, 400, "query.bad-number")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_bad_page_is_refused_in_every_format(client, warehouse, fmt):
    response = client.get("/api/v1/codes/countries", {"format": fmt, "page": "0"})
    assert_api_error(response, 400, "query.bad-number")


def test_csv_without_page_is_the_whole_table(client, warehouse):
    text = client.get("/api/v1/codes/countries", {"format": "csv"}).content.decode()
    assert len(csv_cells(text)) == 1 + len(code_lists.code_list("countries"))


def test_csv_with_page_size_is_one_page(client, warehouse):
    text = client.get("/api/v1/codes/countries", {"format": "csv", "page_size": "7"}).content
    assert len(csv_cells(text.decode())) == 1 + 7


def header(client, url, **params) -> list[str]:
    response = client.get(url, {"format": "csv", **params})
    assert response.status_code == 200, response.content[:300]
    return csv_cells(response.content.decode())[0]


def test_an_empty_csv_has_its_header_row(client, warehouse):
    response = client.get("/api/v1/codes/hs", {"format": "csv", "q": "no-such-product"})
    assert csv_cells(response.content.decode()) == [list(figure_rows.CODE_LIST_COLUMNS["hs"])]
    empty = client.get(
        "/api/v1/breakdowns/hs6", {**SELECTION, "format": "csv", "sector": "petrochemical"}
    )
    assert csv_cells(empty.content.decode()) == [list(figure_rows.ITEM_COLUMNS)]


def table_urls() -> list[tuple[str, dict[str, str], tuple[str, ...]]]:
    """Every table of the API with the columns it declares for an empty answer."""
    urls = [(f"/api/v1/breakdowns/{d}", {}, figure_rows.ITEM_COLUMNS) for d in figures.dimensions()]
    urls += [(f"/api/v1/top/{r}", {}, figure_rows.RANKED_COLUMNS) for r in figure_rows.TOP_LISTS]
    urls += [
        ("/api/v1/attribution", {"table": t}, figure_rows.ATTRIBUTION_COLUMNS[t])
        for t in figure_rows.ATTRIBUTION_TABLES
    ]
    urls += [("/api/v1/unit-values", {}, figure_rows.UNIT_VALUE_COLUMNS)]
    urls += [("/api/v1/coverage", {}, figure_rows.COVERAGE_COLUMNS)]
    urls += [(f"/api/v1/codes/{n}", {}, figure_rows.CODE_LIST_COLUMNS[n]) for n in code_lists.LISTS]
    return urls


@pytest.mark.parametrize(("url", "params", "columns"), table_urls())
def test_the_declared_columns_are_the_columns_a_full_table_has(
    client, warehouse, url, params, columns
):
    assert header(client, url, **SELECTION, **params) == list(columns)


def test_lists_of_records_are_json_in_a_csv_cell():
    findings = [{"code": "check.zero-value", "count": 2}, {"code": "check.future-date", "count": 1}]
    text = csv_bytes([{"batch_id": "B00001", "files": ["a.csv", "b.csv"], "findings": findings}])
    [head, row] = csv_cells(text.decode())
    cells = dict(zip(head, row, strict=True))
    assert json.loads(cells["findings"]) == findings
    assert cells["files"] == "a.csv;b.csv"


def test_coverage_csv_has_no_python_repr(client, warehouse):
    text = client.get("/api/v1/coverage", {**SELECTION, "format": "csv"}).content.decode()
    assert "{'" not in text and "'}" not in text
