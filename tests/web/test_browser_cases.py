"""End to end in a real browser, in Persian: an exporter applies for an export permit and submits
it with its documents; the officer screens it and routes it to two bodies at once; each body's
reviewer advises; a signatory (password and a second factor) approves. Screenshots of each page
at desktop size, and the case page on a phone, are kept in artefacts/web/."""

from __future__ import annotations

import os

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
TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test secret, as hex

WORLD = f"""
from datetime import date
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from taraz.web.accounts import services as accounts
from taraz.web.cases import services as cases
from taraz.web.exporters import services as exporters

accounts.load_bodies()
cases.load_procedures()
User = get_user_model()
def person(name):
    return User.objects.create_user(name, email=name + "@example.ir", password={PASSWORD!r})
firm = exporters.register_exporter(
    card_number="12100001234", name_fa="کاشی نمونهٔ میبد", name_en="Meybod Sample Tile",
    actor=None, city="میبد",
)
accounts.add_exporter_member(person("exporter"), firm, "admin", actor=None, start=date(2025, 3, 21))
org = accounts.body("yazd-mimt")
for name, body, role in [
    ("officer", org, "officer"), ("signatory", org, "signatory"),
    ("chamber", accounts.body("yazd-chamber"), "reviewer"),
    ("tiles", accounts.body("yazd-tile-ceramic"), "reviewer"),
]:
    accounts.start_membership(person(name), body, role, actor=None, start=date(2025, 3, 21))
TOTPDevice.objects.create(
    user=User.objects.get(username="signatory"), name="app", key={TOTP_KEY!r}, confirmed=True
)
"""


@pytest.fixture(scope="module")
def served(trade_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cases")
    server = Server(trade_file, folder, staff=None, TARAZ_CASE_FILES=str(folder / "files"))
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


def signed_in(browser, served, name: str, *, phone: bool = False):
    size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    context = browser.new_context(locale="fa-IR", viewport=size)
    page = context.new_page()
    page.goto(served.url + "/accounts/login/")
    page.get_by_label("نام کاربری").fill(name)
    page.get_by_label("گذرواژه").fill(PASSWORD)
    page.get_by_role("button", name="ورود").click()
    page.wait_for_load_state()
    return page


def test_an_export_permit_from_application_to_approval(browser, served, tmp_path):
    from django_otp.oath import TOTP

    scan = tmp_path / "card.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    # the exporter applies
    page = signed_in(browser, served, "exporter")
    page.goto(served.url + "/cases/")
    shot(page, "cases-exporter-home-fa")
    page.get_by_role("link", name="مجوز صادرات").first.click()
    page.get_by_label("موضوع درخواست").fill("صادرات کاشی دیواری به عراق")
    page.get_by_label("کد تعرفه").fill("69072100")
    page.get_by_role("button", name="ساختن پیش‌نویس").click()
    page.wait_for_url("**/cases/*/")
    case_url = page.url
    for kind in ("commercial-card", "proforma-invoice", "goods-description"):
        page.get_by_label("گونهٔ پیوست").select_option(kind)
        page.get_by_label("فایل", exact=True).set_input_files(str(scan))
        page.get_by_role("button", name="بارگذاری").click()
        page.wait_for_load_state()
        assert "فایل بارگذاری شد" in page.content()
    page.get_by_role("button", name="فرستادن درخواست").click()
    page.wait_for_load_state()
    assert "ثبت‌شده" in page.content()
    shot(page, "cases-submitted-fa")
    reference = page.locator("h1 bdi").inner_text()
    page.context.close()

    # the officer screens and routes it to the chamber and the tile association at once
    page = signed_in(browser, served, "officer")
    page.goto(served.url + "/cases/queue/")
    assert reference in page.content()
    shot(page, "cases-officer-queue-fa")
    page.goto(case_url)
    page.get_by_role("button", name="برداشتن برای بررسی اولیه").click()
    page.wait_for_load_state()
    page.get_by_label("اتاق بازرگانی", exact=False).first.check()
    page.get_by_label("کاشی و سرامیک", exact=False).check()
    page.get_by_role("button", name="فرستادن برای نظر نهادها").click()
    page.wait_for_load_state()
    assert "در نظرخواهی از نهادها" in page.content()
    page.context.close()

    # both bodies advise, each from its own queue
    for reviewer, advice in (("chamber", "بی‌مانع"), ("tiles", "بی‌مانع با شرط")):
        page = signed_in(browser, served, reviewer)
        page.goto(served.url + "/cases/body/")
        assert reference in page.content()
        shot(page, f"cases-body-queue-{reviewer}-fa")
        page.get_by_role("link", name=reference).click()
        page.get_by_label(advice, exact=True).check()
        if advice != "بی‌مانع":
            page.get_by_label("دلیل").fill("بسته‌بندی مقاوم برای حمل زمینی")
        page.get_by_role("button", name="ثبت نظر").click()
        page.wait_for_load_state()
        assert "نظر ثبت شد" in page.content()
        page.context.close()

    # the signatory: password, the second factor, then the decision
    page = signed_in(browser, served, "signatory")
    page.get_by_label("کد").fill(TOTP(bytes.fromhex(TOTP_KEY)).token().__str__().zfill(6))
    page.get_by_role("button", name="ادامه").click()
    page.wait_for_load_state()
    page.goto(served.url + "/cases/decisions/")
    shot(page, "cases-decisions-fa")
    page.get_by_role("link", name=reference).click()
    page.get_by_role("button", name="تأیید", exact=True).click()
    page.wait_for_load_state()
    content = page.content()
    assert "تأییدشده" in content and "درخواست تأیید شد" in content
    shot(page, "cases-approved-fa")
    page.context.close()

    # the case page on a phone, in Persian and in English
    page = signed_in(browser, served, "exporter", phone=True)
    page.goto(case_url)
    shot(page, "cases-case-phone-fa")
    page.goto(case_url.replace("/cases/", "/en/cases/"))
    assert "approved" in page.content()
    shot(page, "cases-case-phone-en")
    page.goto(served.url + "/procedures/export-permit/")
    shot(page, "procedure-export-permit-phone-fa")
    page.context.close()
