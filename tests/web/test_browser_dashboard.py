"""End to end in a real browser: the Persian dashboard on `taraz serve`, switching province and
period, the figures shown against the API, a CSV download, drill-down, phone and keyboard use.
Screenshots go to artefacts/web/."""

from __future__ import annotations

import itertools
import json
import os
from decimal import Decimal
from urllib.parse import urlencode

import pytest

from taraz.fa import format_number
from tests.fixtures import YAZD
from tests.web.browser import ARTEFACTS, CHROMIUM, launch, shot
from tests.web.server import Server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM), reason="needs Debian's chromium (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="module")
def served(trade_file, tmp_path_factory):
    server = Server(trade_file, tmp_path_factory.mktemp("browser"), staff=None).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(
        locale="fa-IR", viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    pg = context.new_page()
    pg.problems = []
    pg.requested = []
    pg.on("request", lambda r: pg.requested.append(r.url))
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(m.text))
    yield pg
    context.close()


def api(page, url: str, path: str, **params) -> dict:
    response = page.request.get(f"{url}/api/v1/{path}?{urlencode(params)}")
    assert response.ok
    return json.loads(response.body())


def card(page, figure: str) -> tuple[str, str]:
    li = page.locator(f"[data-figure='{figure}']")
    return li.get_attribute("data-exact"), li.locator(".figure-text").inner_text()


def test_dashboard_opens_in_persian_right_to_left(page, served):
    page.goto(served.url + "/", wait_until="networkidle")
    assert page.locator("html").get_attribute("lang") == "fa"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "کل کشور" in page.get_by_role("heading", level=1).inner_text()
    page.locator("#chart-monthly .main-svg").first.wait_for()
    shot(page, "dashboard-fa-country")
    assert page.problems == []
    assert all(u.startswith(served.url) for u in page.requested), page.requested  # no CDN


def test_switch_province_and_period_and_check_the_figures(page, served):
    page.goto(served.url + "/", wait_until="networkidle")
    page.get_by_label("استان", exact=True).select_option(label="یزد")
    page.get_by_label("دوره", exact=True).select_option(value="range")
    page.get_by_label("از ماه").select_option(value="1404-01")
    page.get_by_label("تا ماه").select_option(value="1404-02")
    page.get_by_role("button", name="نمایش").click()
    page.wait_for_url("**province=IR-21**")
    page.locator("#chart-sectors .main-svg").first.wait_for()
    assert "یزد" in page.get_by_role("heading", level=1).inner_text()

    totals = api(page, served.url, "totals", province=YAZD, period="1404-01..1404-02")["totals"]
    for figure, value in [
        ("exports-value", totals["exports"]["value_usd"]),
        ("imports-value", totals["imports"]["value_usd"]),
        ("balance", totals["balance"]["value_usd"]),
    ]:
        exact, shown = card(page, figure)
        assert exact == value
        assert shown == format_number(
            Decimal(value) / 1000, "fa", 1
        )  # thousand dollars, Persian digits
    assert card(page, "exports-value") == ("5000.00", "۵٫۰")
    shot(page, "dashboard-fa-yazd")
    assert page.problems == []


def test_switch_period_to_a_season(page, served):
    page.goto(served.url + "/?province=IR-21", wait_until="networkidle")
    page.get_by_label("دوره", exact=True).select_option(value="1404-Q1")
    page.get_by_role("button", name="نمایش").click()
    page.wait_for_url("**period=1404-Q1**")
    totals = api(page, served.url, "totals", province=YAZD, period="1404-Q1")["totals"]
    assert card(page, "exports-value")[0] == totals["exports"]["value_usd"]
    assert "ناقص" in page.locator("[data-figure='exports-value'] .coverage-note").inner_text()


def test_download_a_table_as_csv(page, served):
    page.goto(served.url + "/?province=IR-21&period=1404-01..1404-02", wait_until="networkidle")
    section = page.locator("section", has=page.get_by_role("heading", name="سهم بخش‌ها"))
    with page.expect_download() as info:
        section.get_by_role("link", name="دریافت CSV").click()
    download = info.value
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTEFACTS / download.suggested_filename
    download.save_as(target)
    text = target.read_text("utf-8-sig").splitlines()
    assert text[0].startswith("code,name_fa,name_en,value_usd")
    assert text[1].startswith("mining,معدن و صنایع معدنی,Mining and mineral industries,3000.00,")


def test_drill_down_into_a_sector(page, served):
    page.goto(served.url + "/?province=IR-21&period=1404-01..1404-02", wait_until="networkidle")
    page.locator("#table-sectors").get_by_role("link", name="معدن و صنایع معدنی").click()
    drill = page.locator("#drill")
    drill.wait_for()
    assert "معدن و صنایع معدنی" in drill.get_by_role("heading").first.inner_text()
    assert drill.locator("tr[data-code='2515']").count() == 1
    shot(page, "dashboard-fa-drill-sector")


def test_english_dashboard(page, served):
    page.goto(served.url + "/en/?province=IR-21&period=1404-01..1404-02", wait_until="networkidle")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert card(page, "exports-value")[1] == "5.0"
    shot(page, "dashboard-en-yazd")


def test_usable_on_a_phone(browser, served):
    context = browser.new_context(
        locale="fa-IR", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(served.url + "/?province=IR-21&period=1404-01..1404-02", wait_until="networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    shot(page, "dashboard-fa-phone")
    context.close()


def test_keyboard_reaches_the_selection_and_the_content(page, served):
    page.goto(served.url + "/", wait_until="networkidle")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    focused = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.id"))
    assert {"f-province", "f-period", "f-flow"} <= set(focused)


def test_interactions_answer_quickly(page, served):
    page.goto(served.url + "/?province=IR-21&period=1404-01..1404-02", wait_until="networkidle")
    timings = []
    for province in ("IR-23", "IR-21", "IR-23"):
        response = page.request.get(f"{served.url}/?province={province}&period=1404-01..1404-02")
        assert response.ok
        timings.append(response.headers.get("server-timing", ""))
    # the page's own timing is measured in bench/bench_web.py; here only that it answers
    assert len(timings) == 3


def test_api_docs_page_works_offline(page, served):
    page.goto(served.url + "/api/v1/docs", wait_until="networkidle")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 10
    shot(page, "api-docs")
    assert page.problems == []


YAZD_PAGE = "/?province=IR-21&period=1404-01..1404-02"


def boxes(page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(
        selector,
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,"
        " text: e.textContent}; })",
    )


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_product_chart_has_a_bar_and_a_label_for_every_product(page, served, prefix):
    page.goto(served.url + prefix + YAZD_PAGE, wait_until="networkidle")
    page.locator("#chart-products .main-svg").first.wait_for()
    codes = page.eval_on_selector_all(
        "#table-products tbody tr", "rows => rows.map(r => r.dataset.code)"
    )
    assert len(codes) == 3  # marble 251512, carpets 570190, tiles 690721
    bars = boxes(page, "#chart-products .bars .point")
    labels = boxes(page, "#chart-products .ytick text")
    assert len(bars) == len(labels) == len(codes)
    texts = [label["text"] for label in labels]
    assert len(set(texts)) == len(texts)
    # largest first, reading top to bottom; each label carries its code
    top_down = [label["text"] for label in sorted(labels, key=lambda b: b["top"])]
    digits = (
        (lambda t: t)
        if prefix
        else (lambda t: t.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")))
    )
    assert [next(c for c in codes if c in digits(t)) for t in top_down] == codes
    # no label drawn over a bar, no two bars overlapping
    for label in labels:
        for bar in bars:
            assert label["right"] <= bar["left"] + 1 or label["left"] >= bar["right"] - 1
    rows = sorted(bars, key=lambda b: b["top"])
    assert all(a["bottom"] <= b["top"] + 0.5 for a, b in itertools.pairwise(rows))


def test_axis_titles_stand_clear_of_the_tick_labels(page, served):
    page.goto(served.url + YAZD_PAGE, wait_until="networkidle")
    page.locator("#chart-products .main-svg").first.wait_for()
    for chart in ("#chart-partners", "#chart-products", "#chart-attribution"):
        ticks = boxes(page, f"{chart} .xtick text")
        (title,) = boxes(page, f"{chart} .xtitle")
        assert title["top"] >= max(t["bottom"] for t in ticks), chart
    ticks = boxes(page, "#chart-monthly .ytick text")
    (title,) = boxes(page, "#chart-monthly .ytitle")
    # right to left: the value axis and its title on the right, the title outside the ticks
    assert title["left"] >= max(t["right"] for t in ticks)


def test_drill_down_shows_hs_codes(page, served):
    page.goto(served.url + YAZD_PAGE + "&sector=mining#drill", wait_until="networkidle")
    table = page.locator("#drill-headings")
    assert table.get_by_role("columnheader", name="کد تعرفه").count() == 1
    assert table.locator("td.code", has_text="۲۵۱۵").count() == 1


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_period_list_has_no_label_twice(page, served, prefix):
    page.goto(served.url + prefix + YAZD_PAGE, wait_until="networkidle")
    labels = page.eval_on_selector_all(
        "#f-period option", "options => options.map(o => o.textContent.trim())"
    )
    assert len(labels) == len(set(labels))
    assert ("1404 to end of Ordibehesht" if prefix else "۱۴۰۴ تا پایان اردیبهشت") in labels


def test_custom_range_without_its_last_month_is_explained(page, served):
    page.goto(served.url + YAZD_PAGE, wait_until="networkidle")
    page.get_by_label("دوره", exact=True).select_option(value="range")
    page.get_by_label("از ماه").select_option(value="1404-01")
    page.get_by_role("button", name="نمایش").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "«تا ماه» انتخاب نشده است" in alert.inner_text()
    assert page.get_by_label("از ماه").input_value() == "1404-01"  # the choice is kept


def test_value_chain_section(page, served):
    page.goto(served.url + YAZD_PAGE, wait_until="networkidle")
    section = page.get_by_role("region", name="زنجیرهٔ ارزش: مرحلهٔ فرآوری")
    assert section.locator("#table-stage-imports tr[data-code='capital']").count() == 1
    assert section.locator("#table-stage-exports tbody tr").count() >= 2
    page.goto(served.url + "/definitions/", wait_until="networkidle")
    assert page.locator("#stage").is_visible()


@pytest.mark.parametrize(
    ("lang", "width", "height"),
    [("fa", 1280, 900), ("fa", 390, 844), ("en", 1280, 900), ("en", 390, 844)],
)
def test_dashboard_at_desktop_and_phone_sizes(browser, served, lang, width, height):
    phone = width < 500
    context = browser.new_context(
        locale="fa-IR",
        viewport={"width": width, "height": height},
        is_mobile=phone,
        has_touch=phone,
    )
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    prefix = "" if lang == "fa" else "/en"
    page.goto(served.url + prefix + YAZD_PAGE + "&sector=mining", wait_until="networkidle")
    page.locator("#chart-products .main-svg").first.wait_for()
    # the document never scrolls sideways; a wide table scrolls inside its own box
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    wraps = page.eval_on_selector_all(
        ".table-wrap",
        "els => els.map(e => [getComputedStyle(e).overflowX, e.getAttribute('tabindex')])",
    )
    assert wraps and all(w == ["auto", "0"] for w in wraps)
    # a shadow on the side where more of a table lies: covers that move with the table
    # ("local") over shadows fixed to the box ("scroll")
    attachments = page.eval_on_selector_all(
        ".table-wrap", "els => els.map(e => getComputedStyle(e).backgroundAttachment)"
    )
    assert all(a.startswith("local, local, scroll, scroll") for a in attachments)
    shot(page, f"dashboard-{lang}-{'phone' if phone else 'desktop'}-{width}")
    assert problems == []
    context.close()
