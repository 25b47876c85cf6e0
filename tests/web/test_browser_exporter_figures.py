"""In a real browser, in Persian and English: a firm's person opens its profile and reads its own
exports (TRADERS, worked out by hand); another firm's person gets "page not found". Screenshots
are kept in artefacts/web/."""

from __future__ import annotations

import os

import pytest

from tests.fixtures import TRADERS
from tests.fixtures.datasets.traders import FIRM_A, FIRM_B
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

WORLD = f"""
from datetime import date
from django.contrib.auth import get_user_model
from taraz.web.accounts import services as accounts
from taraz.web.exporters import services as exporters

User = get_user_model()
def person(name):
    return User.objects.create_user(name, email=name + "@example.ir", password={PASSWORD!r})
a = exporters.register_exporter(
    card_number={FIRM_A!r}, name_fa="کاشی نمونهٔ میبد", name_en="Meybod Sample Tile",
    actor=None, city="میبد",
)
b = exporters.register_exporter(
    card_number={FIRM_B!r}, name_fa="فرش نمونهٔ یزد", name_en="Yazd Sample Carpet",
    actor=None, city="یزد",
)
exporters.set_market(a, "IQ", "exporting", actor=None, on=date(2025, 1, 1))
exporters.set_market(a, "DE", "target", actor=None, on=date(2025, 1, 1))
accounts.add_exporter_member(person("firm-a"), a, "admin", actor=None, start=date(2025, 3, 21))
accounts.add_exporter_member(person("firm-b"), b, "admin", actor=None, start=date(2025, 3, 21))
print(a.pk)
"""


@pytest.fixture(scope="module")
def served(dataset_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("exporter-figures")
    server = Server(dataset_file(TRADERS), folder, staff=None)
    server._manage("migrate", "-v0")
    server._manage("shell", "-c", WORLD)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


def signed_in(browser, served, name: str, locale: str = "fa-IR"):
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served.url + "/accounts/login/")
    page.get_by_label("نام کاربری").fill(name)
    page.get_by_label("گذرواژه").fill(PASSWORD)
    page.get_by_role("button", name="ورود").click()
    page.wait_for_load_state()
    return page


def test_a_firm_reads_its_own_exports_and_another_firm_does_not(browser, served):
    page = signed_in(browser, served, "firm-a")
    page.goto(served.url + "/exporters/1/")
    section = page.get_by_role("region", name="صادرات این بنگاه")
    quarters = section.get_by_role("table", name="فصل به فصل، کنار همان فصل سال قبل")
    row = quarters.get_by_role("row", name="فصل اول (بهار) ۱۴۰۴")
    assert "۱٬۸۰۰ دلار" in row.inner_text()
    assert "رشد ۵۰٫۰٪" in row.inner_text()
    markets = section.get_by_role("table", name="بازارهای دست‌یافته و بازارهای اعلام‌شده")
    assert "بازار هدف" in markets.get_by_role("row", name="آلمان").inner_text()
    section.scroll_into_view_if_needed()
    shot(page, "exporter-own-figures-fa")
    page.goto(served.url + "/en/exporters/1/")
    assert "3,600 USD" in page.get_by_role("region", name="This firm's exports").inner_text()
    shot(page, "exporter-own-figures-en")
    page.context.close()

    page = signed_in(browser, served, "firm-b")
    response = page.goto(served.url + "/exporters/1/")
    assert response is not None and response.status == 404
    assert "۳٬۶۰۰" not in page.content()
    page.context.close()
