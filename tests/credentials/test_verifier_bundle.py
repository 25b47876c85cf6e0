"""`taraz certificate verifier DIR`: the offline verifier's files, and its verdicts in real
chromium opened from a file, compared with Python's `verify` on the same tokens at the same
moment (the page's clock is set by Playwright)."""

from __future__ import annotations

import base64
import json
import os
import re
from datetime import timedelta

import pytest
from click.testing import CliRunner

from taraz.cli.main import cli
from taraz.credentials import Revocation, RevocationStatus, verify
from taraz.credentials.verifier import LISTS_FILE, sha384, write_verifier
from tests.credentials.conftest import NOW, days
from tests.credentials.test_tampering import changed
from tests.web.browser import CHROMIUM, launch, shot

NEEDS_CHROMIUM = (
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM), reason="needs Debian's chromium (apt-get install chromium)"
    ),
)
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


# -- the files ---------------------------------------------------------------------------------


def test_the_bundle_holds_the_page_and_the_signed_lists(issuer, tmp_path):
    bundle = write_verifier(tmp_path / "verifier", issuer.store)
    names = sorted(p.name for p in (tmp_path / "verifier").iterdir())
    assert names == ["index.html", "lists.js", "revocations.jws", "trust-list.jws"]
    assert (
        tmp_path / "verifier" / "trust-list.jws"
    ).read_text().strip() == issuer.trust_list().text
    assert bundle.root_kid == issuer.store.root().kid


def test_the_page_names_no_network_address(issuer, tmp_path):
    page = write_verifier(tmp_path / "verifier", issuer.store).page.read_text("utf-8")
    assert not re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", page, re.IGNORECASE)
    assert "http://" not in page and "https://" not in page


def test_the_policy_allows_the_inline_script_by_its_hash_and_no_network(issuer, tmp_path):
    page = write_verifier(tmp_path / "verifier", issuer.store).page.read_text("utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1]
    (script,) = INLINE_SCRIPT.findall(page)
    assert f"script-src 'self' '{sha384(script)}'" in policy
    assert "default-src 'none'" in policy


def test_the_page_pins_the_root(issuer, tmp_path):
    page = write_verifier(tmp_path / "verifier", issuer.store).page.read_text("utf-8")
    config = json.loads(re.search(r'id="taraz-config">(.*?)</script>', page, re.DOTALL)[1])
    assert config["root"]["kid"] == issuer.store.root().kid
    assert config["root"]["jwk"] == issuer.store.root().public.members()


def test_the_command_writes_the_verifier_of_the_keys_folder(issuer, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["--lang", "en", "certificate", "verifier", str(out), "--dir", str(issuer.store.path)]
    )
    assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file()
    assert issuer.store.root().kid in result.output


def test_the_command_without_keys_says_so(tmp_path):
    result = CliRunner().invoke(
        cli, ["certificate", "verifier", str(tmp_path / "out"), "--dir", str(tmp_path / "none")]
    )
    assert result.exit_code == 1
    assert "credentials.no-keys" in result.output + result.stderr


def test_the_command_into_a_file_is_refused(issuer, tmp_path):
    (tmp_path / "taken").write_text("a file")
    result = CliRunner().invoke(
        cli,
        ["certificate", "verifier", str(tmp_path / "taken" / "x"), "--dir", str(issuer.store.path)],
    )
    assert result.exit_code == 2
    assert "credentials.verifier-folder" in result.output + result.stderr


def test_the_keys_folder_itself_is_refused(issuer):
    store = issuer.store
    result = CliRunner().invoke(
        cli, ["certificate", "verifier", str(store.path), "--dir", str(store.path)]
    )
    assert result.exit_code == 2
    assert not (store.path / "index.html").exists()


# -- in chromium -------------------------------------------------------------------------------


def in_chromium(test):
    """A test in real chromium: marked `browser` and `slow`, skipped without Debian's chromium."""
    for mark in NEEDS_CHROMIUM:
        test = mark(test)
    return test


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


class Verifier:
    """The page of a bundle in a fresh browser context whose clock stands at `now`."""

    def __init__(self, browser, page_file, *, now=NOW, viewport=(1100, 900), locale="fa-IR"):
        width, height = viewport
        self.context = browser.new_context(
            locale=locale, viewport={"width": width, "height": height}
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.clock.set_fixed_time(now)
        self.url = page_file.resolve().as_uri()

    def open(self, token: str | None = None) -> dict:
        self.page.goto(self.url + (f"#t={token}" if token else ""))
        self.page.wait_for_selector("body[data-ready=true]", timeout=15_000)
        return self.verdict()

    def paste(self, text: str) -> dict:
        before = self.page.get_attribute("#verdict", "data-checks") or "0"
        self.page.get_by_role("textbox").fill(text)
        self.page.locator("button[type=submit]").click()
        self.wait_for_check(before)
        return self.verdict()

    def wait_for_check(self, before: str) -> None:
        """Until the page has given one more verdict (a selector: the page's policy forbids the
        string evaluation `wait_for_function` would use)."""
        self.page.wait_for_selector(
            f"#verdict[data-checks]:not([data-checks='{before}'])", state="attached", timeout=15_000
        )

    def verdict(self) -> dict:
        box = self.page.locator("#verdict")
        return {
            "state": box.get_attribute("data-state"),
            "reason": box.get_attribute("data-reason"),
            "text": box.inner_text(),
        }

    def close(self) -> None:
        assert not self.errors
        self.context.close()


@pytest.fixture
def open_verifier(browser, issuer, tmp_path):
    opened: list[Verifier] = []

    def make(now=NOW, **options) -> Verifier:
        bundle = write_verifier(tmp_path / "verifier", issuer.store, lang=options.pop("lang", "fa"))
        verifier = Verifier(browser, bundle.page, now=now, **options)
        opened.append(verifier)
        return verifier

    yield make
    for verifier in opened:
        verifier.close()


def python_reason(issuer, token: str, now=NOW) -> str | None:
    verdict = verify(token, issuer.trust_list(), issuer.store.revocation_list(), now=now)
    return str(verdict.reason) if verdict.reason else None


@pytest.fixture
def token(issuer) -> str:
    return issuer.token(
        expires=NOW + days(365),
        lot="L-7",
        q=1200,
        ex={"fa": "کاشی و سرامیک میبد", "en": "Meybod Tile and Ceramic", "city": "Meybod"},
        pr={"hs": "69072100", "grade": "A"},
    )


@in_chromium
def test_a_valid_token_from_the_link_is_valid_with_its_claims(open_verifier, token):
    verifier = open_verifier(now=NOW + timedelta(hours=1))
    verdict = verifier.open(token)
    assert (verdict["state"], verdict["reason"]) == ("valid", "")
    claims = verifier.page.locator("#claims").inner_text()
    assert "1405/QC/00001" in claims and "Meybod Tile and Ceramic" in claims
    assert "۱۲۰۰" in claims  # Persian digits in Persian
    shot(verifier.page, "verifier-valid-fa")


@in_chromium
def test_the_language_switch_gives_the_verdict_in_english(open_verifier, token):
    verifier = open_verifier(now=NOW + timedelta(hours=1))
    verifier.open(token)
    verifier.page.get_by_role("button", name="English").click()
    assert verifier.page.locator("html").get_attribute("dir") == "ltr"
    assert "The certificate is valid." in verifier.verdict()["text"]
    shot(verifier.page, "verifier-valid-en")


@in_chromium
def test_a_buyer_abroad_reads_it_in_english_and_the_fragment_can_choose(open_verifier, token):
    """Written with --lang fa, the page speaks English to a browser set to any language but
    Persian (a buyer in Baghdad or Shanghai), and `#lang=` in the link overrides both."""
    for locale in ("zh-CN", "ar-IQ", "en-GB"):
        verifier = open_verifier(now=NOW + timedelta(hours=1), locale=locale)
        verifier.open(token)
        assert verifier.page.locator("html").get_attribute("lang") == "en", locale
        assert "The certificate is valid." in verifier.verdict()["text"]
    chosen = open_verifier(now=NOW + timedelta(hours=1), locale="en-GB")
    chosen.page.goto(chosen.url + f"#t={token}&lang=fa")
    chosen.page.wait_for_selector("body[data-ready=true]", timeout=15_000)
    assert chosen.page.locator("html").get_attribute("dir") == "rtl"


@in_chromium
def test_on_a_phone_the_page_fits(open_verifier, token):
    verifier = open_verifier(viewport=(390, 844))
    verifier.open(token)
    width = verifier.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    shot(verifier.page, "verifier-phone-fa")


@in_chromium
def test_one_changed_character_gives_the_reason_python_gives(open_verifier, issuer, token):
    verifier = open_verifier()
    verifier.open()
    header = token.split(".")[0]
    positions = [
        *range(0, len(header), 5),  # the header: unreadable, bad-format, unknown-key, ...
        len(header),  # the dot
        *range(len(header) + 1, len(token), 37),  # payload and signature
        len(token) - 1,
    ]
    seen = set()
    for i in positions:
        tampered = changed(token, i)
        expected = python_reason(issuer, tampered)
        assert expected is not None
        assert verifier.paste(tampered)["reason"] == expected, (i, tampered)
        seen.add(expected)
    assert {"bad-signature", "unreadable"} <= seen
    shot(verifier.page, "verifier-bad-signature-fa")


@in_chromium
def test_every_changed_character_gives_the_reason_python_gives(open_verifier, issuer, token):
    verifier = open_verifier()
    verifier.open()
    tampered = [changed(token, i) for i in range(len(token))]
    in_page = verifier.page.evaluate(
        "async (tokens) => { const out = [];"
        " for (const t of tokens) out.push(await window.tarazVerifier.reason(t)); return out; }",
        tampered,
    )
    assert in_page == [python_reason(issuer, t) for t in tampered]


def signed(raw: bytes, key) -> str:
    """A token whose payload is `raw` as it is, signed as `seal` signs (so any JSON, or none)."""
    from jwcrypto.jws import JWS

    jws = JWS(raw)
    header = {"alg": "ES256", "kid": key.kid, "typ": "taraz-certificate"}
    jws.add_signature(key.jwk, None, json.dumps(header, separators=(",", ":")))
    return jws.serialize(compact=True)


@in_chromium
def test_signed_payloads_are_read_as_python_reads_them(open_verifier, issuer):
    key = issuer.store.signing_key(issuer.passphrase, now=NOW)
    iat = int(NOW.timestamp())
    payloads = [
        b'{"jti":"a","iat":%d}' % iat,  # valid
        b'{"iat":%d}' % iat,  # no number
        b'{"jti":"","iat":%d}' % iat,
        b'{"jti":7,"iat":%d}' % iat,
        b'{"jti":"a","iat":%d.0}' % iat,  # a float is no NumericDate
        b'{"jti":"a","iat":%de0}' % iat,
        b'{"jti":"a","iat":true}',
        b'{"jti":"a","iat":-1}',
        b'{"jti":"a","iat":253402300800}',
        b'{"jti":"a","iat":%d,"exp":"soon"}' % iat,
        b'{"jti":"a","jti":"b","iat":%d}' % iat,  # a name twice
        b'{"jti":"a","iat":%d,"x":NaN}' % iat,
        b'\xef\xbb\xbf{"jti":"a","iat":%d}' % iat,  # a byte-order mark
        b'{"jti":"\xff","iat":%d}' % iat,  # not UTF-8
        b'{"jti":"a","iat":%d} x' % iat,
        b' {"jti":"a","iat":%d}\n' % iat,  # white space around: JSON
        b'["jti","iat"]',
        b'{"jti":"a\\u00e9\\ud800","iat":%d,"n":[1,2.5,{"k":null}]}' % iat,
        b'{"jti":"a","iat":%d}' % (iat - 86400),  # before the key's span
        b'{"jti":"a","iat":%d}' % (iat + 3600),  # from the future
        b'{"jti":"a","iat":%d,"nbf":%d}' % (iat, iat + 299),  # within the leeway
        b'{"jti":"a","iat":%d,"exp":%d}' % (iat, iat),  # expires as it is issued
        b'{"jti":"a","iat":%d,"exp":%d}' % (iat, iat + 1),  # expired by now + 1 hour
    ]
    tokens = [signed(raw, key) for raw in payloads]
    verifier = open_verifier(now=NOW + timedelta(minutes=1))
    verifier.open()
    in_page = verifier.page.evaluate(
        "async (tokens) => { const out = [];"
        " for (const t of tokens) out.push(await window.tarazVerifier.reason(t)); return out; }",
        tokens,
    )
    expected = [python_reason(issuer, t, NOW + timedelta(minutes=1)) for t in tokens]
    assert in_page == expected
    assert {None, "bad-format", "key-not-valid", "claims"} <= set(expected)


@in_chromium
def test_a_compromised_key_is_key_not_valid(open_verifier, issuer, token):
    issuer.store.compromise(issuer.store.signing_keys()[0].kid, issuer.passphrase, now=NOW)
    assert open_verifier().open(token)["reason"] == "key-not-valid"


@in_chromium
def test_strict_readings_give_the_reason_python_gives(open_verifier, issuer, token):
    header, payload, signature = token.split(".")

    def part(value: dict | str) -> str:
        text = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))
        return base64.urlsafe_b64encode(text.encode()).rstrip(b"=").decode()

    kid = json.loads(base64.urlsafe_b64decode(header + "=="))["kid"]
    odd = [
        f"  {token[:40]}\u200f\n{token[40:]} ",  # noise a copy adds: valid
        f"https://taraz.example/verify#lang=en&t={token}",  # a link: valid
        "https://taraz.example/verify#lang=en",  # a link without a token
        token + "=",  # padding
        ".".join([header, payload, signature[:-1] + "B"]),  # low bits of the last letter
        ".".join(
            [
                part({"alg": "ES256", "kid": kid, "typ": "taraz-certificate", "x": 1}),
                payload,
                signature,
            ]
        ),
        ".".join(
            [
                part('{"alg":"ES256","alg":"ES256","kid":"' + kid + '","typ":"taraz-certificate"}'),
                payload,
                signature,
            ]
        ),
        ".".join(
            [part({"alg": "none", "kid": kid, "typ": "taraz-certificate"}), payload, signature]
        ),
        ".".join(
            [part({"alg": "ES256", "kid": kid, "typ": "taraz-trust-list"}), payload, signature]
        ),
        ".".join([part([1, 2]), payload, signature]),
        "a" * 9000,
    ]
    verifier = open_verifier()
    verifier.open()
    for text in odd:
        assert verifier.paste(text)["reason"] == (python_reason(issuer, text) or ""), text


@in_chromium
def test_a_key_not_in_the_trust_list_is_unknown_key(open_verifier, other_issuer):
    verdict = open_verifier().open(other_issuer.token())
    assert verdict["reason"] == "unknown-key"


@in_chromium
@pytest.mark.parametrize("status", ["revoked", "suspended"])
def test_a_withdrawn_certificate_gives_its_status(open_verifier, issuer, token, status):
    entry = Revocation("1405/QC/00001", RevocationStatus(status), "test-report-withdrawn", NOW)
    issuer.store.publish_revocations([entry], issuer.passphrase, now=NOW)
    verifier = open_verifier(now=NOW + days(1))
    verdict = verifier.open(token)
    assert verdict["reason"] == status == python_reason(issuer, token, NOW + days(1))
    assert "test-report-withdrawn" in verdict["text"]
    if status == "revoked":
        shot(verifier.page, "verifier-revoked-fa")


@in_chromium
def test_a_known_reason_is_named_in_words_in_both_languages(open_verifier, issuer, token):
    entry = Revocation("1405/QC/00001", RevocationStatus.REVOKED, "nonconformity", NOW)
    issuer.store.publish_revocations([entry], issuer.passphrase, now=NOW)
    verifier = open_verifier(now=NOW + days(1))
    assert "کالا دیگر با استاندارد سازگار نیست" in verifier.open(token)["text"]
    verifier.page.get_by_role("button", name="English").click()
    assert "the product no longer conforms" in verifier.verdict()["text"]


@in_chromium
def test_a_newer_revocation_list_chosen_in_the_page_revokes(open_verifier, issuer, token, tmp_path):
    verifier = open_verifier(now=NOW + days(1))
    assert verifier.open(token)["state"] == "valid"
    entry = Revocation("1405/QC/00001", RevocationStatus.REVOKED, "fraud", NOW + days(1))
    issuer.store.publish_revocations([entry], issuer.passphrase, now=NOW + days(1))
    before = verifier.page.get_attribute("#verdict", "data-checks")
    verifier.page.set_input_files("#newer", str(issuer.store.revocation_list_path))
    verifier.wait_for_check(before)
    assert verifier.verdict()["reason"] == "revoked"


@in_chromium
def test_a_tampered_revocation_list_chosen_in_the_page_is_not_taken(open_verifier, token, tmp_path):
    verifier = open_verifier(now=NOW + days(1))
    verifier.open(token)
    forged = tmp_path / "revocations.jws"
    header, payload, signature = (tmp_path / "verifier" / "revocations.jws").read_text().split(".")
    content = json.loads(base64.urlsafe_b64decode(payload + "=="))
    content["next_update"] += 365 * 86400
    payload = base64.urlsafe_b64encode(json.dumps(content).encode()).rstrip(b"=").decode()
    forged.write_text(f"{header}.{payload}.{signature}")
    verifier.page.set_input_files("#newer", str(forged))
    verifier.page.wait_for_selector("#newer-note[data-state=refused]", timeout=15_000)
    assert verifier.verdict()["state"] == "valid"


@in_chromium
def test_an_expired_certificate_is_expired(open_verifier, issuer):
    token = issuer.token(expires=NOW + days(1))
    assert open_verifier(now=NOW + days(2)).open(token)["reason"] == "expired"


@in_chromium
def test_a_list_past_its_next_update_warns_stale_list(open_verifier, issuer, token):
    verifier = open_verifier(now=NOW + days(8), lang="en")
    verdict = verifier.open(token)
    assert verdict["reason"] == "stale-list" == python_reason(issuer, token, NOW + days(8))
    shot(verifier.page, "verifier-stale-list-en")


@in_chromium
def test_a_token_from_the_future_is_claims(open_verifier, issuer):
    token = issuer.token(at=NOW + days(1))
    assert open_verifier().open(token)["reason"] == "claims"


@in_chromium
def test_a_tampered_trust_list_is_refused(browser, issuer, token, tmp_path):
    bundle = write_verifier(tmp_path / "verifier", issuer.store)
    lists_file = bundle.folder / LISTS_FILE
    lists = json.loads(lists_file.read_text().split("=", 1)[1].strip().rstrip(";"))
    header, payload, signature = lists["trustList"].split(".")
    content = json.loads(base64.urlsafe_b64decode(payload + "=="))
    content["keys"][0]["not_after"] += 3650 * 86400  # a key's span stretched by ten years
    forged = base64.urlsafe_b64encode(json.dumps(content).encode()).rstrip(b"=").decode()
    lists["trustList"] = f"{header}.{forged}.{signature}"
    lists_file.write_text(f"window.tarazLists = {json.dumps(lists)};\n")
    verifier = Verifier(browser, bundle.page)
    verdict = verifier.open(token)
    assert (verdict["state"], verdict["reason"]) == ("refused", "credentials.list-tampered")
    shot(verifier.page, "verifier-list-tampered-fa")
    verifier.close()


# -- a certificate of attendance (docs/workshops.md: its claims) -------------------------------


def attendance_claims(**more) -> dict:
    return {
        "knd": "attendance",
        "iss": {"fa": "سازمان صمت یزد", "en": "Yazd Industry, Mine and Trade"},
        "who": "مریم احمدی",
        "ev": {"id": 7, "fa": "صادرات کاشی به عراق", "en": "Exporting tiles to Iraq"},
        "att": {"n": 3, "of": 4},
        # 16 Nov 2026 is 25 Aban 1405, 19 Nov 28 Aban, 20 Nov 29 Aban
        "dt": {
            "from": "2026-11-16",
            "from_j": "1405-08-25",
            "to": "2026-11-19",
            "to_j": "1405-08-28",
            "iss": "2026-11-20",
            "iss_j": "1405-08-29",
        },
        "sig": "Reza Officer",
        **more,
    }


@pytest.fixture
def attendance(issuer) -> str:
    return issuer.token(
        "YZ-ATTEND0001",
        **attendance_claims(
            sub="10100000001", ex={"fa": "کاشی یزد", "en": "Yazd Tile", "city": "یزد"}
        ),
    )


def facts_of(verifier) -> dict[str, str]:
    rows = verifier.page.locator("#facts").inner_text().split("\n")
    return dict(zip(rows[0::2], rows[1::2], strict=True))


@in_chromium
def test_a_certificate_of_attendance_is_valid_with_its_facts_in_both_languages(
    open_verifier, attendance
):
    verifier = open_verifier(now=NOW + timedelta(hours=1))
    assert verifier.open(attendance)["state"] == "valid"
    fa = facts_of(verifier)
    assert fa["نوع گواهی"] == "گواهی حضور در کارگاه"
    assert fa["رویداد"] == "صادرات کاشی به عراق"
    assert fa["تاریخ برگزاری"] == "۱۴۰۵/۰۸/۲۵ تا ۱۴۰۵/۰۸/۲۸"
    assert fa["حضور"] == "۳ از ۴ نشست"
    assert fa["شرکت‌کننده"] == "مریم احمدی"
    assert fa["شرکت"] == "کاشی یزد"
    assert fa["شمارهٔ کارت بازرگانی"] == "۱۰۱۰۰۰۰۰۰۰۱"
    shot(verifier.page, "verifier-attendance-fa")
    verifier.page.get_by_role("button", name="English").click()
    en = facts_of(verifier)
    assert en["Kind"] == "Certificate of attendance"
    assert en["Event"] == "Exporting tiles to Iraq"
    assert en["Held"] == "2026-11-16 (1405/08/25) to 2026-11-19 (1405/08/28)"
    assert en["Attended"] == "3 of 4 sessions"
    assert (en["Attendee"], en["Firm"]) == ("مریم احمدی", "Yazd Tile")
    shot(verifier.page, "verifier-attendance-en")


@in_chromium
def test_a_member_of_the_publics_attendance_names_no_firm(open_verifier, issuer):
    token = issuer.token("YZ-ATTEND0002", **attendance_claims())
    verifier = open_verifier(now=NOW + timedelta(hours=1), lang="en", locale="en-US")
    assert verifier.open(token)["state"] == "valid"
    en = facts_of(verifier)
    assert "Firm" not in en and "Commercial card number" not in en
    assert en["Attendee"] == "مریم احمدی"


@in_chromium
def test_a_certificate_of_attendance_with_one_character_changed_is_bad_signature(
    open_verifier, issuer, attendance
):
    verifier = open_verifier()
    verifier.open()
    tampered = changed(attendance, len(attendance) - 20)  # inside the signature
    assert python_reason(issuer, tampered) == "bad-signature"
    verdict = verifier.paste(tampered)
    assert (verdict["state"], verdict["reason"]) == ("invalid", "bad-signature")
    # a signature that does not hold: no claims are read, so no facts are shown
    assert verifier.page.locator("#facts").is_hidden()
    shot(verifier.page, "verifier-attendance-bad-signature-fa")
