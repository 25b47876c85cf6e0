"""The certificates' pages: issuing needs a fresh second factor; a firm sees only its own
certificates; the PDF's QR code decodes to the verification link; the public checker gives one
answer for a wrong number and a wrong check code, and 429 past its limit."""

from __future__ import annotations

import json
import time

import pytest

from tests.web.certificates_world import approved_quality_case, load_quality, make_keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def qw(world, tmp_path, settings, monkeypatch):
    settings.TARAZ_CASE_FILES = tmp_path / "case-files"
    settings.TARAZ_PUBLIC_URL = "https://taraz.example.ir"
    load_quality(tmp_path / "procedures")
    world.store = make_keys(tmp_path / "keys", monkeypatch)
    type(world.exporter_a).objects.filter(pk=world.exporter_a.pk).update(
        name_fa="کاشی یزد", name_en="Yazd Tile", city="یزد"
    )
    world.case = approved_quality_case(world)
    return world


def _issued(qw):
    from taraz.web.certificates import services

    return services.issue_certificate(qw.case, actor=qw.users["signatory"])


def test_a_signatory_with_a_fresh_second_factor_issues_from_the_page(qw):
    response = qw.client("signatory").post(f"/certificates/issue/{qw.case.pk}/")
    from taraz.web.certificates.services import visible_certificates

    cert = visible_certificates(qw.users["signatory"]).get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{cert.number}/")


def test_a_second_factor_checked_long_ago_is_asked_again_before_issuing(qw):
    client = qw.client("signatory")
    session = client.session
    session["taraz_2fa_at"] = time.time() - 3600
    session.save()
    response = client.post(f"/certificates/issue/{qw.case.pk}/")
    assert response.status_code == 302 and "fresh=1" in response["Location"]


def test_exporter_b_gets_404_on_exporter_as_certificate_and_its_pdf(qw):
    cert = _issued(qw)
    client = qw.client("exporter_b")
    pages = (f"/certificates/{cert.number}/", f"/certificates/{cert.number}/pdf")
    assert [client.get(p).status_code for p in pages] == [404, 404]


def test_exporter_a_lists_its_certificate_and_exporter_b_does_not(qw):
    cert = _issued(qw)
    a = qw.client("exporter_a").get("/certificates/").content.decode()
    b = qw.client("exporter_b").get("/certificates/").content.decode()
    assert (cert.number in a, cert.number in b) == (True, False)


def test_the_pdfs_qr_code_decodes_to_the_verification_link(qw):
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 renders the PDF's page")
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp decodes the QR code")
    from taraz.credentials import verification_link

    cert = _issued(qw)
    response = qw.client("exporter_a").get(f"/certificates/{cert.number}/pdf")
    assert response["Content-Type"] == "application/pdf"
    page = pdfium.PdfDocument(response.content)[0]
    image = page.render(scale=4).to_pil()
    found = [r.text for r in zxingcpp.read_barcodes(image)]
    assert found == [verification_link("https://taraz.example.ir/verify/", cert.token)]


def test_the_checker_verifies_a_token_posted_by_the_pages_script(qw):
    cert = _issued(qw)
    response = qw.client("anonymous").post(
        "/verify/check", json.dumps({"token": cert.token}), content_type="application/json"
    )
    answer = response.json()
    assert (response.status_code, answer["valid"], answer["claims"]["jti"]) == (
        200,
        True,
        cert.number,
    )


def test_the_checker_says_revoked_once_the_certificate_is_revoked(qw):
    from taraz.web.certificates import services

    cert = _issued(qw)
    services.revoke(cert, "false-documents", actor=qw.users["signatory"])
    response = qw.client("anonymous").post(
        "/en/verify/check", json.dumps({"token": cert.token}), content_type="application/json"
    )
    assert (response.json()["valid"], response.json()["reason"]) == (False, "revoked")


def test_the_checker_asked_before_and_after_a_revocation_reads_the_new_list(qw):
    # the checker keeps the lists it read until the keys folder's files change
    from taraz.web.certificates import services

    cert = _issued(qw)
    client = qw.client("anonymous")

    def reason():
        body = json.dumps({"token": cert.token})
        return client.post("/en/verify/check", body, content_type="application/json").json()

    before = reason()
    services.revoke(cert, "false-documents", actor=qw.users["signatory"])
    after = reason()
    assert (before["valid"], after["valid"], after["reason"]) == (True, False, "revoked")


def test_the_checker_by_number_code_and_card_shows_the_verdict(qw):
    cert = _issued(qw)
    data = {"number": cert.number, "check_code": cert.check_code, "card": cert.exporter.card_number}
    response = qw.client("anonymous").post("/en/verify/", data)
    assert response.status_code == 200 and "Valid" in response.content.decode()


def _answer(response) -> tuple[int, str]:
    html = response.content.decode()
    return response.status_code, html.split('role="alert">', 1)[1].split("<", 1)[0]


def test_a_wrong_number_and_a_wrong_check_code_get_one_answer(qw):
    cert = _issued(qw)
    card = cert.exporter.card_number
    client = qw.client("anonymous")
    other_code = "A" * 8 if cert.check_code != "A" * 8 else "B" * 8
    wrong_number = client.post(
        "/verify/", {"number": "YZ-AAAAAAAAAA", "check_code": cert.check_code, "card": card}
    )
    wrong_code = client.post(
        "/verify/", {"number": cert.number, "check_code": other_code, "card": card}
    )
    assert _answer(wrong_number) == _answer(wrong_code)
    assert wrong_number.status_code == 404


def test_the_checker_answers_429_with_retry_after_past_its_limit(qw, settings):
    settings.TARAZ_VERIFY_RATE = 3
    settings.TARAZ_VERIFY_RATE_WINDOW = 60
    client = qw.client("anonymous")
    body = {"number": "YZ-AAAAAAAAAA", "check_code": "AAAAAAAA", "card": "1"}
    statuses = [client.post("/verify/", body).status_code for _ in range(4)]
    last = client.post("/verify/check", "{}", content_type="application/json")
    assert (statuses, last.status_code, int(last["Retry-After"]) > 0) == (
        [404] * 3 + [429],
        429,
        True,
    )


def test_the_overall_limit_holds_across_addresses(qw, settings):
    settings.TARAZ_VERIFY_RATE = 0
    settings.TARAZ_VERIFY_RATE_TOTAL = 2
    settings.TARAZ_VERIFY_RATE_WINDOW = 60
    client = qw.client("anonymous")
    seen = [
        client.post(
            "/verify/check", "{}", content_type="application/json", REMOTE_ADDR=ip
        ).status_code
        for ip in ("10.0.0.1", "10.0.0.2", "10.0.0.3")
    ]
    assert seen == [400, 400, 429]


def test_the_checker_page_loads_its_script_and_no_inline_script(qw):
    html = qw.client("anonymous").get("/verify/").content.decode()
    assert 'src="/static/certificates/verify.js"' in html and "<script>" not in html


def test_without_keys_the_checker_says_it_cannot_answer_instead_of_failing(
    qw, monkeypatch, tmp_path
):
    cert = _issued(qw)
    monkeypatch.setenv("TARAZ_KEYS_DIR", str(tmp_path / "none"))
    response = qw.client("anonymous").post(
        "/en/verify/check", json.dumps({"token": cert.token}), content_type="application/json"
    )
    assert (response.status_code, response.json()["error"]["code"]) == (503, "certificates.no-keys")


def test_the_pdf_writes_the_hs_code_in_persian_digits_and_in_latin_ones(qw):
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 reads the PDF's text")
    cert = _issued(qw)
    response = qw.client("signatory").get(f"/certificates/{cert.number}/pdf")
    text = pdfium.PdfDocument(response.content)[0].get_textpage().get_text_range()
    assert ("۶۹۰۷۲۱۰۰" in text, "69072100" in text, cert.check_code in text) == (True, True, True)


def _latin_digits_outside_isolates(html: str) -> list[str]:
    import re

    body = html.split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0]
    body = re.sub(r"<(form|script)\b.*?</\1>", " ", body, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", body)
    text = re.sub(r"\u2068[^\u2069]*\u2069", " ", text)
    return re.findall(r".{0,20}[0-9]+", text)


def test_the_persian_certificate_pages_show_no_latin_digit(qw):
    cert = _issued(qw)
    client = qw.client("signatory")
    pages = ("/certificates/", f"/certificates/{cert.number}/")
    assert [_latin_digits_outside_isolates(client.get(p).content.decode()) for p in pages] == [
        [],
        [],
    ]


def test_the_checker_takes_the_number_and_card_in_persian_digits(qw):
    from taraz.fa import to_persian_digits

    cert = _issued(qw)
    data = {
        "number": to_persian_digits(cert.number),
        "check_code": to_persian_digits(cert.check_code),
        "card": to_persian_digits(cert.exporter.card_number),
    }
    response = qw.client("anonymous").post("/verify/", data)
    assert response.status_code == 200
    assert _latin_digits_outside_isolates(response.content.decode()) == []


# -- the case page's button ---------------------------------------------------------------------


def _issue_link(qw) -> str:
    return f'href="/certificates/issue/{qw.case.pk}/"'


def test_the_case_page_shows_a_signatory_the_issue_button_leading_to_the_form(qw):
    client = qw.client("signatory")
    page = client.get(f"/cases/{qw.case.pk}/").content.decode()
    assert _issue_link(qw) in page and "صدور گواهی کیفیت" in page
    assert client.get(f"/certificates/issue/{qw.case.pk}/").status_code == 200


@pytest.mark.parametrize("role", ["officer", "exporter_a", "head"])
def test_others_who_see_the_case_get_no_issue_button(qw, role):
    response = qw.client(role).get(f"/cases/{qw.case.pk}/")
    assert response.status_code == 200
    assert _issue_link(qw) not in response.content.decode()


def test_the_button_goes_once_the_certificate_is_issued(qw):
    _issued(qw)
    page = qw.client("signatory").get(f"/cases/{qw.case.pk}/").content.decode()
    assert _issue_link(qw) not in page


def test_an_approved_case_of_a_procedure_without_a_certificate_has_no_button(qw, tmp_path):
    from taraz.web.cases import services as cases
    from tests.web.cases_world import PROCEDURE, write_procedure

    cases.load_procedures(
        write_procedure(tmp_path / "procedures", PROCEDURE, "test-permit-v1.toml")
    )
    permit = approved_quality_case(qw, "test-permit")
    page = qw.client("signatory").get(f"/cases/{permit.pk}/").content.decode()
    assert f'href="/certificates/issue/{permit.pk}/"' not in page
