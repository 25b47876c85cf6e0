"""What `issue` signs: the caller's claims with the number, and the times from its arguments."""

from __future__ import annotations

import json

import pytest

from taraz.credentials import b64decode, issue, token_from_text
from taraz.errors import TarazError
from tests.credentials.conftest import NOW, NUMBER, days


def payload(token: str) -> dict:
    return json.loads(b64decode(token.split(".")[1]))


def header(token: str) -> dict:
    return json.loads(b64decode(token.split(".")[0]))


def test_issue_signs_the_claims_with_the_times_of_its_arguments(issuer):
    token = issue(
        {"jti": NUMBER, "ex": {"n": "کاشی یزد"}},
        now=NOW,
        expires=NOW + days(180),
        not_before=NOW + days(1),
        store=issuer.store,
        passphrase=issuer.passphrase,
    )
    assert payload(token) == {
        "jti": NUMBER,
        "ex": {"n": "کاشی یزد"},
        "iat": int(NOW.timestamp()),
        "nbf": int((NOW + days(1)).timestamp()),
        "exp": int((NOW + days(180)).timestamp()),
    }
    kid = issuer.store.current_signing_key(now=NOW).kid
    assert header(token) == {"alg": "ES256", "kid": kid, "typ": "taraz-certificate"}


def test_issue_uses_the_keys_folder_and_passphrase_of_the_environment(issuer, monkeypatch):
    monkeypatch.setenv("TARAZ_KEYS_DIR", str(issuer.store.path))
    monkeypatch.setenv("TARAZ_KEYS_PASSPHRASE", issuer.passphrase.reveal().decode())
    assert issuer.verify(issue({"jti": NUMBER}, now=NOW)).valid


def test_persian_claims_are_written_as_utf8_not_escapes(issuer):
    token = issuer.token(exporter="شرکت کاشی و سرامیک یزد")
    assert "شرکت کاشی و سرامیک یزد".encode() in b64decode(token.split(".")[1])


@pytest.mark.parametrize(
    ("claims", "times", "code"),
    [
        ({"jti": NUMBER, "iat": 1}, {}, "credentials.claim-reserved"),
        ({"jti": NUMBER, "exp": 1}, {}, "credentials.claim-reserved"),
        ({"knd": "quality"}, {}, "credentials.claim-missing"),
        ({"jti": ""}, {}, "credentials.claim-missing"),
        ({"jti": NUMBER, "x": {1, 2}}, {}, "credentials.claims-not-object"),
        ({"jti": NUMBER}, {"expires": NOW}, "credentials.bad-validity"),
        (
            {"jti": NUMBER},
            {"expires": NOW + days(2), "not_before": NOW + days(3)},
            "credentials.bad-validity",
        ),
    ],
)
def test_issue_refuses_claims_it_cannot_sign_as_a_certificate(issuer, claims, times, code):
    with pytest.raises(TarazError) as caught:
        issue(claims, now=NOW, store=issuer.store, passphrase=issuer.passphrase, **times)
    assert caught.value.code == code


def test_the_token_is_read_from_the_fragment_of_a_link_and_other_pairs_are_ignored():
    assert token_from_text("https://h/verify#lang=en&t=a.b.c") == "a.b.c"
    assert token_from_text(" a.b\n.c ") == "a.b.c"
    with pytest.raises(ValueError):
        token_from_text("https://h/verify#lang=en")
