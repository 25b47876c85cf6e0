"""The public dashboard: Persian and right-to-left by default, English at /en/, the API's
figures on its cards, drill-down, downloads, definitions, errors without stack traces."""

from __future__ import annotations

import json
import re

import pytest

from taraz.fa import format_number
from tests.fixtures import TRADE_PERIOD as PERIOD
from tests.fixtures import YAZD

pytestmark = pytest.mark.django_db


def page(client, url="/", **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:800]
    return response.content.decode()


def card(html: str, figure: str) -> tuple[str, str]:
    """(exact figure, text shown) of a headline card."""
    m = re.search(
        rf'data-figure="{figure}" data-exact="([^"]*)">.*?<span class="figure-text">([^<]*)</span>',
        html,
        re.S,
    )
    assert m, figure
    return m.group(1), m.group(2)


def test_persian_right_to_left_by_default(client, warehouse):
    html = page(client, province=YAZD, period=PERIOD)
    assert '<html lang="fa" dir="rtl">' in html
    assert "تجارت خارجی یزد" in html


def test_cards_show_the_api_figures_in_persian_digits(client, warehouse):
    html = page(client, province=YAZD, period=PERIOD)
    totals = json.loads(client.get("/api/v1/totals", {"province": YAZD, "period": PERIOD}).content)[
        "totals"
    ]
    exact, shown = card(html, "exports-value")
    assert exact == totals["exports"]["value_usd"] == "5000.00"
    assert shown == format_number(5.0, "fa", 1) == "۵٫۰"  # thousand dollars
    assert card(html, "balance")[0] == totals["balance"]["value_usd"]


def test_growth_is_said_in_words(client, warehouse):
    assert "رشد ۲۵٫۰٪" in page(client, province=YAZD, period=PERIOD)


def test_english_at_en(client, warehouse):
    html = page(client, "/en/", province=YAZD, period=PERIOD)
    assert '<html lang="en" dir="ltr">' in html
    assert "Foreign trade of Yazd" in html
    assert card(html, "exports-value")[1] == "5.0"


def test_lang_parameter_redirects_to_english(client, warehouse):
    response = client.get("/", {"lang": "en", "province": YAZD})
    assert response.status_code == 302
    assert response["Location"] == "/en/?province=IR-21"


def test_default_selection_is_the_whole_country(client, warehouse):
    assert "تجارت خارجی کل کشور" in page(client)


def test_switching_flow_shows_imports(client, warehouse):
    html = page(client, province=YAZD, period=PERIOD, flow="M")
    assert "مبدأهای اصلی" in html
    assert 'data-code="CN"' in html


def test_custom_range_from_two_months(client, warehouse):
    html = page(client, province=YAZD, period="range", **{"from": "1404-01", "to": "1404-02"})
    assert card(html, "exports-value")[0] == "5000.00"


def test_every_table_has_csv_and_xlsx_downloads(client, warehouse):
    html = page(client, province=YAZD, period=PERIOD)
    csv_links = re.findall(r'href="(/api/v1/[^"]*format=csv[^"]*)"', html)
    xlsx_links = re.findall(r'href="(/api/v1/[^"]*format=xlsx[^"]*)"', html)
    assert len(csv_links) == len(xlsx_links) >= 7
    for link in csv_links:
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200, link
        assert response["Content-Disposition"].startswith("attachment")


def test_sector_drill_down_lists_its_headings(client, warehouse):
    html = page(client, province=YAZD, period=PERIOD, sector="mining")
    drill = html.split('id="drill"', 1)[1].split("</section>", 1)[0]
    assert 'data-code="2515"' in drill and 'data-code="6907"' in drill
    assert 'data-code="5701"' not in drill


def test_partner_drill_down_shows_the_partner(client, warehouse):
    html = page(client, province=YAZD, period=PERIOD, partner="DE")
    assert "صادرات به آلمان" in html


def test_bad_period_is_explained_in_persian(client, warehouse):
    response = client.get("/", {"period": "1404-Q9"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Traceback" not in html


def test_unknown_province_is_explained_in_english(client, warehouse):
    response = client.get("/en/", {"province": "Atlantis", "period": PERIOD})
    assert response.status_code == 400
    assert "Unknown province" in response.content.decode()


def test_empty_warehouse_says_no_data(client, empty_warehouse):
    html = page(client)
    assert "هنوز داده‌ای بارگذاری نشده است" in html
    # the notice alone: no headline, chart or table shells with nothing in them
    assert 'id="cards-title"' not in html and 'id="attribution-title"' not in html
    assert 'class="chart' not in html and "<table" not in html and "plotly" not in html
    # the one period on offer is named in Persian, not as its code («H۲-۱۴۰۵» read right to left)
    option = re.search(
        r'<select[^>]*id="f-period".*?<option value="([^"]+)" selected>([^<]+)<', html, re.S
    )
    assert option is not None
    assert option.group(2).startswith(("شش‌ماهه", "سه‌ماهه", "سال"))
    assert not re.search(r"[A-Za-z0-9]", option.group(2))


@pytest.mark.parametrize("url", ["/definitions/", "/en/definitions/"])
def test_definitions_page(client, warehouse, url):
    html = page(client, url)
    assert "FOB" in html and "CIF" in html
    assert 'id="same-period"' in html and 'id="basis"' in html and 'id="partner"' in html


def test_not_found_page_in_both_languages(client, warehouse):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "صفحه پیدا نشد" in html and "Page not found" in html


def test_server_error_page_has_no_stack_trace(client, warehouse, monkeypatch):
    from taraz.web import figures

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(figures, "bulletin", broken)
    client.raise_request_exception = False
    response = client.get("/", {"province": YAZD, "period": PERIOD})
    assert response.status_code == 500
    html = response.content.decode()
    assert "secret internals" not in html and "Traceback" not in html
    assert "خطای سرور" in html and "Server error" in html


def test_pages_carry_security_headers(client, warehouse):
    response = client.get("/", {"province": YAZD, "period": PERIOD})
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_inline_script_and_no_cdn(client, warehouse):
    html = page(client, province=YAZD, period=PERIOD)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    for attrs, _body in scripts:
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs
    assert "cdn" not in html.lower()
    assert "vendor/plotly.min" in html


def test_bulletin_pdf_of_the_selection(client, warehouse):
    response = client.get("/bulletin.pdf", {"province": YAZD, "period": PERIOD})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_public_page_is_revalidated_with_its_etag(client, warehouse):
    first = client.get("/", {"province": YAZD, "period": PERIOD})
    again = client.get("/", {"province": YAZD, "period": PERIOD}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_english_and_persian_pages_are_kept_apart(client, warehouse):
    page(client, province=YAZD, period=PERIOD)
    assert '<html lang="en"' in page(client, "/en/", province=YAZD, period=PERIOD)
    assert '<html lang="fa"' in page(client, province=YAZD, period=PERIOD)


def test_staff_pages_are_rendered_for_them(staff_client, warehouse):
    html = page(staff_client, province=YAZD, period=PERIOD)
    assert "ETag" not in staff_client.get("/", {"province": YAZD, "period": PERIOD})
    assert "تجارت خارجی یزد" in html


@pytest.fixture
def busy_warehouse(tmp_path, settings):
    """A warehouse file another process holds for writing."""
    import subprocess
    import sys

    from taraz.web.hub import use_warehouse

    path = tmp_path / "busy.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys, time; c = duckdb.connect({str(path)!r}); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    settings.TARAZ_WAREHOUSE_WAIT = 0.5
    use_warehouse(path)
    yield path
    holder.kill()
    holder.wait()
    use_warehouse(None)


def test_busy_warehouse_is_a_bilingual_503_page(client, busy_warehouse):
    response = client.get("/")
    assert response.status_code == 503
    html = response.content.decode()
    assert "انبار داده" in html and "warehouse" in html


def test_busy_warehouse_is_a_503_in_the_api_shape(client, busy_warehouse):
    from tests.web.api_errors import assert_api_error

    response = client.get("/api/v1/totals", {"period": PERIOD})
    error = assert_api_error(response, 503, "warehouse.unavailable")
    assert response["Retry-After"]
    assert str(busy_warehouse) not in json.dumps(error)  # no server paths to the public


def test_api_server_error_has_the_error_shape_and_no_trace(client, warehouse, monkeypatch):
    from taraz.web import figures
    from tests.web.api_errors import assert_api_error

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(figures, "bulletin", broken)
    response = client.get("/api/v1/totals", {"province": YAZD, "period": PERIOD})
    assert_api_error(response, 500, "web.server-error")
    assert b"secret internals" not in response.content


def test_a_flow_that_is_not_loaded_is_said_so_on_its_cards_never_zero(client, warehouse):
    # Tehran has exports in 1404-01..02 and no imports loaded at all
    response = client.get("/", {"province": "IR-23", "period": "1404-01..1404-02"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "بارگذاری نشده" in html


def test_drill_down_tables_have_an_hs_code_column(client, warehouse):
    html = page(client, province=YAZD, period=PERIOD, sector="mining")
    drill = html.split('id="drill"', 1)[1].split("</section>", 1)[0]
    assert (
        drill.count('<th scope="col" class="code">کد تعرفه</th>') == 3
    )  # chapters, headings, products
    assert '<td class="code">۲۵۱۵</td>' in drill  # marble's heading, in Persian digits


def test_product_table_gives_the_code_in_english_digits_on_english_pages(client, warehouse):
    html = page(client, "/en/", province=YAZD, period=PERIOD)
    products = html.split('id="table-products"', 1)[1].split("</table>", 1)[0]
    assert "HS code" in products
    assert '<td class="code">251512</td>' in products


def test_period_list_names_each_period_once(client, warehouse):
    # the data end in Ordibehesht 1404: the year 1404 once, and «۱۴۰۴ تا پایان اردیبهشت»
    html = page(client, province=YAZD, period=PERIOD)
    select = html.split('id="f-period"', 1)[1].split("</select>", 1)[0]
    names = re.findall(r"<option [^>]*>([^<]*)</option>", select)
    assert len(names) == len(set(names))
    assert names.count("سال ۱۴۰۴") == 1
    # the selection 1404-01..1404-02 is that option, chosen
    assert '<option value="1404-01..1404-02" selected>۱۴۰۴ تا پایان اردیبهشت</option>' in select
    english = page(client, "/en/", province=YAZD, period=PERIOD)
    assert ">1404 to end of Ordibehesht</option>" in english


@pytest.mark.parametrize(
    ("months", "fa", "en"),
    [
        ({"from": "1404-01"}, "«تا ماه» انتخاب نشده است", "the To month is not chosen"),
        ({"to": "1404-02"}, "«از ماه» انتخاب نشده است", "the From month is not chosen"),
        (
            {"from": "1404-03", "to": "1404-01"},
            "ماه آغاز (خرداد ۱۴۰۴) پس از ماه پایان (فروردین ۱۴۰۴) است",
            "The first month (Khordad 1404) comes after the last month (Farvardin 1404)",
        ),
    ],
)
def test_custom_range_is_explained_in_words_of_the_form(client, warehouse, months, fa, en):
    for url, text in (("/", fa), ("/en/", en)):
        response = client.get(url, {"province": YAZD, "period": "range", **months})
        assert response.status_code == 400
        html = response.content.decode()
        assert text in html
        assert "1404-" not in html.split('id="selection-error"', 1)[1].split("</div>", 1)[0]


def test_custom_range_month_not_of_the_list(client, warehouse):
    response = client.get("/", {"period": "range", "from": "1404-13", "to": "1404-02"})
    assert response.status_code == 400
    assert "در فهرست ماه‌ها نیست" in response.content.decode()


def test_tables_scroll_in_their_own_labelled_box(client, warehouse):
    html = page(client, province=YAZD, period=PERIOD)
    wraps = re.findall(r'<div class="table-wrap"([^>]*)>', html)
    assert len(wraps) >= 7
    for attrs in wraps:
        assert 'role="region"' in attrs and 'tabindex="0"' in attrs
        assert "aria-label" in attrs


def test_value_chain_section_shows_both_flows_by_stage(client, warehouse):
    # Yazd 1404-01..02 exports: marble 2515 and tiles 6907 (3000.00 of 5000.00), carpets 5701
    # (2000.00); imports: computers 8471 (4000.00), all of it capital goods
    html = page(client, province=YAZD, period=PERIOD)
    section = html.split('id="value-chain"', 1)[1].split("</section>", 1)[0]
    imports = section.split('id="table-stage-imports"', 1)[1].split("</table>", 1)[0]
    assert 'data-code="capital" data-exact="4000.00"' in imports
    assert "کالاهای سرمایه‌ای" in imports and "۱۰۰٫۰٪" in imports
    assert 'id="table-stage-exports"' in section
    assert "/api/v1/breakdowns/stage?" in section
