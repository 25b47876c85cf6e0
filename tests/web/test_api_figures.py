"""The API's figures are the figures of `taraz.stats`, and they are the hand-checked ones."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.fixtures import TRADE_PERIOD as PERIOD
from tests.fixtures import YAZD
from tests.web.api_errors import assert_api_error

pytestmark = pytest.mark.django_db


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return json.loads(response.content)


def stats_figures(warehouse, province, period):
    """bulletin_figures on a separate read-only engine, as `taraz report --format json` does."""
    from taraz.calendar import parse_period
    from taraz.stats import Query, bulletin_figures
    from taraz.web.hub import hub
    from taraz.web.json_text import to_json

    query = Query(province=province, period=parse_period(period))
    return json.loads(to_json(bulletin_figures(hub().engine(), query)))


def test_totals_are_the_hand_checked_figures(client, warehouse):
    totals = get_json(client, "/api/v1/totals", province=YAZD, period=PERIOD)["totals"]
    assert totals["exports"]["value_usd"] == "5000.00"
    assert totals["exports"]["weight_t"] == "27.100000"
    assert totals["exports"]["declarations"] == 3
    assert totals["exports"]["growth"]["value_pct"] == "25.00"
    assert totals["imports"]["value_usd"] == "4000.00"
    assert totals["balance"] == {**totals["balance"], "value_usd": "1000.00", "sign": "surplus"}
    assert totals["total_trade"]["growth"]["value_pct"] == "12.50"


def test_figures_equal_the_stats_bulletin(client, warehouse):
    api = get_json(client, "/api/v1/figures", province=YAZD, period=PERIOD)
    assert api == stats_figures(warehouse, YAZD, PERIOD)


def test_whole_country_is_the_default_province(client, warehouse):
    totals = get_json(client, "/api/v1/totals", period=PERIOD)["totals"]
    assert totals["exports"]["value_usd"] == "5700.00"


@pytest.mark.parametrize(
    ("name", "stats_call"),
    [
        ("totals", lambda s, e, q: s.totals(e, q)),
        ("monthly", lambda s, e, q: s.monthly(e, q)),
        ("attribution", lambda s, e, q: s.attribution(e, q)),
        ("concentration", lambda s, e, q: s.concentration(e, q)),
    ],
)
def test_each_section_equals_its_own_stats_function(client, warehouse, name, stats_call):
    import taraz.stats as stats
    from taraz.calendar import parse_period
    from taraz.stats import Query
    from taraz.web.hub import hub
    from taraz.web.json_text import to_json

    query = Query(province=YAZD, period=parse_period(PERIOD))
    expected = json.loads(to_json(stats_call(stats, hub().engine(), query)))
    body = get_json(client, f"/api/v1/{name}", province=YAZD, period=PERIOD)
    assert body[name] == expected


def test_breakdown_equals_the_stats_breakdown(client, warehouse):
    import taraz.stats as stats
    from taraz.calendar import parse_period
    from taraz.stats import Query
    from taraz.web.hub import hub
    from taraz.web.json_text import to_json

    query = Query(province=YAZD, period=parse_period(PERIOD))
    expected = json.loads(to_json(stats.breakdown(hub().engine(), query, "partner", "X")))
    body = get_json(client, "/api/v1/breakdowns/partner", province=YAZD, period=PERIOD, flow="X")
    assert body["items"] == expected
    assert [(i["code"], i["value_usd"], i["share_pct"]) for i in body["items"]] == [
        ("DE", "2000.00", "40.00"),
        ("IQ", "1500.00", "30.00"),
        ("AF", "1500.00", "30.00"),
    ]


def test_cli_report_json_equals_the_api(client, warehouse):
    from click.testing import CliRunner

    from taraz.cli.main import cli

    result = CliRunner().invoke(
        cli,
        [
            "--warehouse",
            str(warehouse),
            "report",
            "--province",
            YAZD,
            "--period",
            PERIOD,
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    api = get_json(client, "/api/v1/figures", province=YAZD, period=PERIOD)
    cli_figures = json.loads(result.output)
    cli_figures.pop("generated_at")  # when the CLI ran: not a figure
    assert cli_figures == api


def test_breakdown_is_paginated_with_a_total_count(client, warehouse):
    body = get_json(
        client, "/api/v1/breakdowns/partner", province=YAZD, period=PERIOD, page_size=2, page=2
    )
    assert (body["count"], body["page"], body["pages"]) == (3, 2, 2)
    assert [i["code"] for i in body["items"]] == ["AF"]


def test_sector_drill_keeps_the_products_of_the_sector(client, warehouse):
    body = get_json(client, "/api/v1/breakdowns/hs4", province=YAZD, period=PERIOD, sector="mining")
    assert [(i["code"], i["value_usd"]) for i in body["items"]] == [
        ("2515", "2500.00"),
        ("6907", "500.00"),
    ]


def test_top_partners(client, warehouse):
    body = get_json(client, "/api/v1/top/export_destinations", province=YAZD, period=PERIOD, n=2)
    assert [(i["rank"], i["code"]) for i in body["items"]] == [(1, "DE"), (2, "IQ")]


def test_attribution_reconciles(client, warehouse):
    exports = get_json(client, "/api/v1/attribution", province=YAZD, period=PERIOD)["attribution"][
        "exports"
    ]
    assert exports["origin_basis"]["value_usd"] == "5000.00"
    assert exports["customs_basis"]["value_usd"] == "3700.00"
    assert exports["difference_value_usd"] == "1300.00"


def test_customs_basis_is_asked_with_basis(client, warehouse):
    totals = get_json(client, "/api/v1/totals", province=YAZD, period=PERIOD, basis="customs")[
        "totals"
    ]
    assert totals["exports"]["value_usd"] == "3700.00"


def test_csv_of_a_breakdown(client, warehouse):
    response = client.get(
        "/api/v1/breakdowns/partner", {"province": YAZD, "period": PERIOD, "format": "csv"}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0].split(",")[:3] == ["code", "name_fa", "name_en"]
    assert lines[1].startswith("DE,آلمان,Germany,2000.00,")
    assert response["X-Total-Count"] == "3"


def test_csv_by_accept_header(client, warehouse):
    response = client.get(
        "/api/v1/totals", {"province": YAZD, "period": PERIOD}, HTTP_ACCEPT="text/csv"
    )
    assert response["Content-Type"].startswith("text/csv")


def test_xlsx_of_a_breakdown_has_numbers(client, warehouse, tmp_path):
    from python_calamine import CalamineWorkbook

    response = client.get(
        "/api/v1/breakdowns/sector", {"province": YAZD, "period": PERIOD, "format": "xlsx"}
    )
    path = tmp_path / "sectors.xlsx"
    path.write_bytes(response.content)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert (first["code"], first["value_usd"]) == ("mining", 3000.0)


def test_download_csv_has_a_bom_for_excel(client, warehouse):
    response = client.get(
        "/api/v1/breakdowns/sector",
        {"province": YAZD, "period": PERIOD, "format": "csv", "download": "1"},
    )
    assert response.content.startswith("\ufeff".encode())
    assert response["Content-Disposition"].startswith("attachment;")


def test_etag_gives_not_modified(client, warehouse):
    first = client.get("/api/v1/totals", {"province": YAZD, "period": PERIOD})
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(
        "/api/v1/totals", {"province": YAZD, "period": PERIOD}, HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304


def test_etag_changes_when_a_batch_is_reverted(client, warehouse):
    from taraz.warehouse.batches import revert_batch
    from taraz.web.hub import hub

    first = client.get("/api/v1/totals", {"province": YAZD, "period": PERIOD})
    with hub().writing() as wh:
        revert_batch(wh, "B00002", user="test")
    again = client.get(
        "/api/v1/totals", {"province": YAZD, "period": PERIOD}, HTTP_IF_NONE_MATCH=first["ETag"]
    )
    # the reverted batch held the period: now nothing of it is loaded, and it is said so
    assert_api_error(again, 404, "stats.not-loaded")


def test_code_list_of_provinces_has_both_languages(client, warehouse):
    body = get_json(client, "/api/v1/codes/provinces", page_size=100)
    yazd = next(p for p in body["items"] if p["code"] == "IR-21")
    assert (body["count"], yazd["name_fa"], yazd["name_en"]) == (31, "یزد", "Yazd")


def test_code_list_search(client, warehouse):
    body = get_json(client, "/api/v1/codes/countries", q="عراق")
    assert [c["code"] for c in body["items"]] == ["IQ"]


def test_hs_codes_by_level_and_parent(client, warehouse):
    body = get_json(client, "/api/v1/codes/hs", level=4, parent="25")
    assert "2515" in [h["code"] for h in body["items"]]
    assert all(h["level"] == 4 for h in body["items"])


def test_periods_list_covers_the_data(client, warehouse):
    codes = [p["code"] for p in get_json(client, "/api/v1/codes/periods", page_size=100)["items"]]
    assert {"1404", "1404-H1", "1404-Q1", "1404-02", "1403-01"} <= set(codes)


def test_one_code(client, warehouse):
    assert (
        get_json(client, "/api/v1/codes/sectors/mining")["name_en"]
        == "Mining and mineral industries"
    )


def test_openapi_schema_lists_the_endpoints(client, warehouse):
    schema = get_json(client, "/api/v1/openapi.json")
    assert {"/api/v1/totals", "/api/v1/breakdowns/{dimension}", "/api/v1/codes/{name}"} <= set(
        schema["paths"]
    )


def test_docs_page_is_served_locally(client, warehouse):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()


def test_status_reports_the_data_version(client, warehouse):
    body = get_json(client, "/api/v1/status")
    assert (body["batches"], body["reverted"], body["data_from"]) == (2, 0, "2024-03-25")


def test_if_modified_since_gives_not_modified(client, warehouse):
    first = client.get("/api/v1/totals", {"province": YAZD, "period": PERIOD})
    again = client.get(
        "/api/v1/totals",
        {"province": YAZD, "period": PERIOD},
        HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
    )
    assert again.status_code == 304


def test_kept_answer_is_the_same_answer(client, warehouse):
    first = client.get("/api/v1/figures", {"province": YAZD, "period": PERIOD})
    second = client.get("/api/v1/figures", {"province": YAZD, "period": PERIOD})
    assert first.content == second.content and first["ETag"] == second["ETag"]


def test_products_to_one_partner_when_stats_can_narrow_to_it(client, warehouse):
    from taraz.web import figures

    response = client.get(
        "/api/v1/breakdowns/hs6", {"province": YAZD, "period": PERIOD, "partner": "IQ"}
    )
    if not figures.partner_filter_supported():
        assert json.loads(response.content)["error"]["code"] == "web.filter-not-supported"
        pytest.xfail("taraz.stats.Query has no partner yet")
    body = json.loads(response.content)
    assert [(i["code"], i["value_usd"]) for i in body["items"]] == [
        ("251512", "1000.00"),
        ("690721", "500.00"),
    ]


def test_breakdown_by_stage_of_processing_with_last_years_share(client, warehouse):
    # Yazd's imports of 1404-01..02 are computers (8471: capital goods) only, 4000.00 USD,
    # as were those of 1403-01..02 (4000.00): share 100 % both years, growth 0 %
    body = get_json(client, "/api/v1/breakdowns/stage", province=YAZD, period=PERIOD, flow="M")
    assert [i["code"] for i in body["items"]] == ["capital"]
    capital = body["items"][0]
    assert (capital["value_usd"], capital["name_fa"]) == ("4000.00", "کالاهای سرمایه‌ای")
    assert Decimal(capital["share_pct"]) == Decimal(capital["last_year_share_pct"]) == 100
    assert Decimal(capital["growth_value_pct"]) == 0


def test_stages_and_the_stage_dimension_are_code_lists(client, warehouse):
    stages = get_json(client, "/api/v1/codes/stages")["items"]
    assert [s["code"] for s in stages[:4]] == ["raw", "intermediate", "consumer", "capital"]
    dimensions = get_json(client, "/api/v1/codes/dimensions")["items"]
    assert "stage" in [d["code"] for d in dimensions]
