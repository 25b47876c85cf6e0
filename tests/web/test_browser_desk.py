"""End to end in a real browser: a staff member logs in, uploads a file while the public site is
being read, follows the import, reads the batch report, and reverts the batch. The readers get
an answer every time, and the figures change only when the batch commits. Then a revision that
would take most of a month is held: the job page shows what would change, and one click lands
it."""

from __future__ import annotations

import json
import os
import threading
import urllib.request
from decimal import Decimal

import pytest

from tests.web.browser import CHROMIUM, launch, shot
from tests.web.conftest import PASSWORD
from tests.web.server import Server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM), reason="needs Debian's chromium (apt-get install chromium)"
    ),
]
PERIOD = "1404"


@pytest.fixture(scope="module")
def served(trade_file, tmp_path_factory):
    server = Server(trade_file, tmp_path_factory.mktemp("desk")).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def page(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(locale="fa-IR", viewport={"width": 1280, "height": 900})
        yield context.new_page()
        browser.close()


def exports(url: str) -> str:
    with urllib.request.urlopen(f"{url}/api/v1/totals?period={PERIOD}", timeout=60) as r:
        return json.loads(r.read())["totals"]["exports"]["value_usd"]


def dashboard_status(url: str) -> int:
    with urllib.request.urlopen(f"{url}/?period={PERIOD}", timeout=60) as r:
        r.read()
        return r.status


def test_upload_while_the_site_is_read_then_revert(page, served, tmp_path):
    from taraz.sample import write_canonical_csv

    big = write_canonical_csv(tmp_path / "گمرک-بزرگ.csv", 200_000, seed=3)
    before = exports(served.url)
    seen: list[tuple[str, int]] = []
    stop = threading.Event()
    failures: list[BaseException] = []

    def read() -> None:
        try:
            while not stop.is_set():
                seen.append((exports(served.url), dashboard_status(served.url)))
        except BaseException as exc:
            failures.append(exc)

    page.goto(served.url + "/desk/")
    page.get_by_label("نام کاربری").fill("staff")
    page.get_by_label("گذرواژه").fill(PASSWORD)
    page.get_by_role("button", name="ورود").click()
    page.wait_for_url("**/desk/")
    page.get_by_label("فایل‌ها").set_input_files(str(big))
    page.get_by_label("منبع (اختیاری)").fill("bulk")
    shot(page, "desk-upload-form")

    readers = [threading.Thread(target=read) for _ in range(2)]
    for t in readers:
        t.start()
    page.get_by_role("button", name="بارگذاری").click()
    page.wait_for_url("**/desk/jobs/*/")
    page.locator("#job[data-finished='1']").wait_for(timeout=180_000)
    stop.set()
    for t in readers:
        t.join(60)
    shot(page, "desk-job-report")

    assert not failures, failures
    after = exports(served.url)
    assert after != before
    assert all(status == 200 for _, status in seen)
    assert {value for value, _ in seen} <= {before, after}
    assert seen and seen[0][0] == before
    report = page.locator("article.report")
    assert report.get_attribute("data-status") == "loaded"
    assert report.locator("[data-count='rows_read']").inner_text() == "۲۰۰٬۰۰۰"
    batch = report.get_attribute("data-batch")

    page.goto(f"{served.url}/desk/batches/{batch}/")
    page.get_by_role("link", name="برگرداندن دسته").click()
    page.get_by_role("button", name=f"بله، {batch} برگردانده شود").click()
    page.locator("#job[data-finished='1']").wait_for(timeout=60_000)
    assert exports(served.url) == before
    page.goto(served.url + "/desk/audit/")
    audit = page.locator("#audit").inner_text()
    assert "upload" in audit and "import" in audit and "revert" in audit and "staff" in audit
    shot(page, "desk-audit")


def sign_in(page, url: str) -> None:
    page.goto(url + "/desk/")
    if "/desk/login/" in page.url:
        page.get_by_label("نام کاربری").fill("staff")
        page.get_by_label("گذرواژه").fill(PASSWORD)
        page.get_by_role("button", name="ورود").click()
        page.wait_for_url("**/desk/")


def test_a_held_revision_shows_what_would_change_and_lands_on_a_click(page, served, tmp_path):
    from tests.fixtures import TRADE_ADDENDUM, write_canonical_csv

    # D12 alone (250.00 USD) as the fixture's own source: Yazd's Ordibehesht 1404 exports,
    # 3500.00 USD in 2 lines, would become 250.00 in 1
    revision = write_canonical_csv(tmp_path / "اردیبهشت-بازنگری.csv", TRADE_ADDENDUM)
    before = exports(served.url)
    sign_in(page, served.url)
    page.get_by_label("فایل‌ها").set_input_files(str(revision))
    page.get_by_label("منبع (اختیاری)").fill("canonical")
    page.get_by_role("button", name="بارگذاری").click()
    page.wait_for_url("**/desk/jobs/*/")
    page.locator("#job[data-finished='1']").wait_for(timeout=60_000)
    cells = page.locator("#held-cells tbody tr")
    assert cells.count() == 1
    row = cells.first.inner_text()
    assert "اردیبهشت ۱۴۰۴" in row and "Ordibehesht 1404" in row
    assert "۳٬۵۰۰٫۰۰" in row and "۲۵۰٫۰۰" in row
    assert exports(served.url) == before  # nothing replaced silently
    shot(page, "desk-held-revision")

    with page.expect_navigation():
        page.get_by_role("button", name="تأیید بازنگری").click()
    page.locator("#job[data-finished='1']").wait_for(timeout=60_000)
    assert page.locator("article.report").get_attribute("data-status") == "loaded"
    assert Decimal(exports(served.url)) == Decimal(before) - Decimal("3250.00")
    page.goto(served.url + "/desk/audit/")
    assert "revision confirmed" in page.locator("#audit").inner_text()
