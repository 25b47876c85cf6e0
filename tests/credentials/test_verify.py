"""One verdict per token: valid, or the reason it is not, each reason from the case that gives it."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from jwcrypto.jws import JWS

from taraz.credentials import (
    LEEWAY,
    PrivateKey,
    Reason,
    Revocation,
    RevocationStatus,
    b64encode,
    sign_token,
    verification_link,
)
from taraz.credentials.envelope import seal
from tests.credentials.conftest import NOW, NUMBER, days


def revocation(status: RevocationStatus, number: str = NUMBER) -> Revocation:
    return Revocation(number, status, "test-report-withdrawn", NOW + days(1))


def test_a_token_verifies_with_its_claims_and_key(issuer):
    token = issuer.token(expires=NOW + days(180), lot="L-7")
    verdict = issuer.verify(token, now=NOW + days(1))
    assert (verdict.valid, verdict.reason) == (True, None)
    assert verdict.claims["jti"] == NUMBER and verdict.claims["lot"] == "L-7"
    assert verdict.kid == issuer.store.current_signing_key(now=NOW).kid


def test_the_link_of_the_qr_code_verifies_as_the_token(issuer):
    token = issuer.token()
    link = verification_link("https://taraz.example/verify", token)
    assert link == f"https://taraz.example/verify#t={token}"
    assert issuer.verify(link).valid


def test_a_token_copied_with_line_breaks_and_bidi_marks_verifies(issuer):
    token = issuer.token()
    copied = "\u2068" + token[:60] + "\n  " + token[60:150] + "\u00ad\r\n" + token[150:] + "\u2069 "
    assert issuer.verify(copied).valid


def test_a_link_without_the_token_in_its_fragment_is_unreadable(issuer):
    token = issuer.token()
    assert issuer.verify(f"https://taraz.example/verify?t={token}").reason == "unreadable"
    assert issuer.verify(f"https://taraz.example/verify#x={token}").reason == "unreadable"


def test_text_that_is_not_a_compact_jws_is_unreadable(issuer):
    token = issuer.token()
    header, payload, signature = token.split(".")
    flattened = json.dumps({"protected": header, "payload": payload, "signature": signature})
    padded = f"{header}.{payload}{'A' * 8192}.{signature}"
    for text in ["", "hello", f"{header}.{payload}", f"{token}.{signature}", flattened, padded]:
        assert issuer.verify(text).reason == Reason.UNREADABLE, text


def test_a_token_signed_by_another_organization_is_unknown_key(issuer, other_issuer):
    verdict = issuer.verify(other_issuer.token())
    assert (verdict.reason, verdict.kid) == (
        "unknown-key",
        other_issuer.store.signing_keys()[0].kid,
    )
    assert verdict.claims is None  # nothing is shown of a token whose key is not trusted


def test_a_token_signed_by_the_root_key_is_unknown_key(issuer):
    root = issuer.store.private_key(issuer.store.root().kid, issuer.passphrase)
    assert issuer.verify(sign_token({"jti": NUMBER}, root, now=NOW)).reason == "unknown-key"


def test_another_key_signing_under_a_trusted_kid_is_bad_signature(issuer):
    trusted_kid = issuer.store.current_signing_key(now=NOW).kid
    forger = PrivateKey.generate()
    header = json.dumps({"alg": "ES256", "kid": trusted_kid, "typ": "taraz-certificate"})
    jws = JWS(json.dumps({"jti": NUMBER, "iat": int(NOW.timestamp())}).encode())
    jws.add_signature(forger.jwk, None, header)
    verdict = issuer.verify(jws.serialize(compact=True))
    assert (verdict.reason, verdict.claims) == ("bad-signature", None)


def _signed(issuer, header: dict, payload: bytes) -> str:
    """A token signed by the current signing key with any header and payload."""
    key = issuer.store.signing_key(issuer.passphrase, now=NOW)
    jws = JWS(payload)
    jws.add_signature(key.jwk, None, json.dumps({"kid": key.kid, **header}))
    return jws.serialize(compact=True)


def test_a_signed_token_of_another_type_or_algorithm_name_is_bad_format(issuer):
    payload = json.dumps({"jti": NUMBER, "iat": int(NOW.timestamp())}).encode()
    assert issuer.verify(_signed(issuer, {"alg": "ES256", "typ": "JWT"}, payload)).reason == (
        "bad-format"
    )
    extra = {"alg": "ES256", "typ": "taraz-certificate", "jku": "https://evil.example/keys"}
    assert issuer.verify(_signed(issuer, extra, payload)).reason == "bad-format"
    header = b64encode(b'{"alg":"none","kid":"x","typ":"taraz-certificate"}')
    assert issuer.verify(f"{header}.{b64encode(payload)}.AAAA").reason == "bad-format"


def test_a_signed_payload_without_number_or_time_or_not_an_object_is_bad_format(issuer):
    key = issuer.store.signing_key(issuer.passphrase, now=NOW)
    iat = int(NOW.timestamp())
    for payload in [
        {"iat": iat},
        {"jti": NUMBER},
        {"jti": 7, "iat": iat},
        {"jti": NUMBER, "iat": "x"},
    ]:
        verdict = issuer.verify(seal(payload, key, "taraz-certificate"))
        assert verdict.reason == "bad-format", payload
    header = {"alg": "ES256", "typ": "taraz-certificate"}
    assert issuer.verify(_signed(issuer, header, b"[1, 2]")).reason == "bad-format"
    assert issuer.verify(_signed(issuer, header, b'{"jti": "a", "jti": "b"}')).reason == (
        "bad-format"
    )


def test_revoked_and_suspended_give_their_reasons(issuer):
    token = issuer.token()
    revoked = issuer.verify(token, revocations=issuer.revocations(revocation("revoked")))
    suspended = issuer.verify(token, revocations=issuer.revocations(revocation("suspended")))
    assert (revoked.reason, revoked.revocation.reason) == ("revoked", "test-report-withdrawn")
    assert suspended.reason == "suspended"


def test_another_certificate_revoked_leaves_this_one_valid(issuer):
    revocations = issuer.revocations(revocation(RevocationStatus.REVOKED, "1405/QC/00002"))
    assert issuer.verify(issuer.token(), revocations=revocations).valid


def test_a_certificate_expires_at_its_exp(issuer):
    token = issuer.token(expires=NOW + days(30))
    at_exp = NOW + days(30)
    fresh = issuer.revocations(at=at_exp - days(1))
    assert issuer.verify(token, now=at_exp - days(1) / 86400, revocations=fresh).valid
    assert issuer.verify(token, now=at_exp, revocations=fresh).reason == "expired"


def test_a_revocation_list_past_its_next_update_is_stale(issuer):
    token = issuer.token()
    revocations = issuer.revocations(at=NOW)  # next update a week later
    assert issuer.verify(token, now=NOW + days(7), revocations=revocations).valid
    stale = issuer.verify(token, now=NOW + days(7.01), revocations=revocations)
    assert (stale.reason, stale.claims["jti"]) == ("stale-list", NUMBER)


def test_a_stale_list_still_proves_a_revocation(issuer):
    revocations = issuer.revocations(revocation("revoked"), at=NOW)
    assert issuer.verify(issuer.token(), now=NOW + days(30), revocations=revocations).reason == (
        "revoked"
    )


def test_a_compromised_key_verifies_nothing_it_signed(issuer):
    token = issuer.token()
    kid = issuer.store.current_signing_key(now=NOW).kid
    issuer.store.compromise(kid, issuer.passphrase, now=NOW + days(2))
    verdict = issuer.verify(
        token, now=NOW + days(3), revocations=issuer.revocations(at=NOW + days(3))
    )
    assert (verdict.reason, verdict.kid) == ("key-not-valid", kid)


def test_a_retired_key_verifies_what_it_signed_before_the_rotation_only(issuer):
    old = issuer.store.current_signing_key(now=NOW).kid
    before = issuer.token(at=NOW + days(1))
    issuer.store.rotate(issuer.passphrase, now=NOW + days(10))
    after = issuer.token(at=NOW + days(11), kid=old)  # the old key used after it retired
    lists = issuer.revocations(at=NOW + days(12))
    assert issuer.verify(before, now=NOW + days(12), revocations=lists).valid
    assert issuer.verify(after, now=NOW + days(12), revocations=lists).reason == "key-not-valid"
    assert issuer.verify(
        issuer.token(at=NOW + days(11)), now=NOW + days(12), revocations=lists
    ).valid


def test_a_token_dated_before_its_key_existed_is_key_not_valid(issuer):
    kid = issuer.store.current_signing_key(now=NOW).kid
    backdated = issuer.token(at=NOW - days(1), kid=kid)
    assert issuer.verify(backdated).reason == "key-not-valid"


def test_a_token_from_the_future_or_not_yet_valid_fails_its_claims(issuer):
    assert issuer.verify(issuer.token(at=NOW + LEEWAY), now=NOW).valid
    assert issuer.verify(issuer.token(at=NOW + LEEWAY + days(1) / 86400), now=NOW).reason == (
        "claims"
    )
    not_yet = issuer.token(not_before=NOW + days(2), expires=NOW + days(9))
    assert issuer.verify(not_yet, now=NOW + days(1)).reason == "claims"
    assert issuer.verify(
        not_yet, now=NOW + days(3), revocations=issuer.revocations(at=NOW + days(3))
    ).valid


def test_a_verdict_gives_the_catalogue_code_and_messages_of_its_reason(issuer):
    verdict = issuer.verify(issuer.token(), revocations=issuer.revocations(revocation("revoked")))
    error = verdict.error()
    assert (verdict.code, error.code) == ("credentials.revoked", "credentials.revoked")
    assert "1405/QC/00001" in error.message("en") and "test-report-withdrawn" in error.message("en")
    assert verdict.to_dict()["reason"] == "revoked"
    assert verdict.to_dict()["revocation"]["at"] == (NOW + days(1)).isoformat()


def test_a_moment_without_a_timezone_is_refused(issuer):
    with pytest.raises(TypeError):
        issuer.verify(issuer.token(), now=datetime(2026, 3, 22))


def test_a_revocations_reason_is_named_in_the_readers_language(issuer):
    """The catalogue's message names a known reason in words (the same words on the checker,
    the command line and the offline verifier); an unknown code stays a code, isolated in
    Persian."""
    token = issuer.token()
    known = Revocation(NUMBER, RevocationStatus.REVOKED, "nonconformity", NOW + days(1))
    verdict = issuer.verify(token, revocations=issuer.revocations(known))
    assert "reason: the product no longer conforms." in verdict.error("en").message("en")
    assert "علت: کالا دیگر با استاندارد سازگار نیست." in verdict.error("fa").message("fa")
    assert "nonconformity" in verdict.error().message("en")  # no language: the code
    unknown = issuer.verify(token, revocations=issuer.revocations(revocation("revoked")))
    assert "\u2068test-report-withdrawn\u2069" in unknown.error("fa").message("fa")
