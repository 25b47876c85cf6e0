"""One character changed anywhere in a token: never valid, and the reason says where it broke.

Each letter is replaced by the letter 32 places on in the base64url alphabet, which flips the
top bit of its six: a bit every letter carries, the last one of a part included, so the bytes
always change."""

from __future__ import annotations

import base64

import pytest

from taraz.credentials import verify
from tests.credentials.conftest import NOW

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def changed(token: str, i: int) -> str:
    letter = token[i]
    other = ALPHABET[(ALPHABET.index(letter) + 32) % 64] if letter != "." else "A"
    return token[:i] + other + token[i + 1 :]


@pytest.fixture
def token(issuer) -> str:
    return issuer.token(expires=NOW.replace(year=2027), lot="L-7", q=1200)


def _reasons(issuer, token: str, positions: range) -> set[str]:
    lists = issuer.trust_list(), issuer.revocations()
    verdicts = [verify(changed(token, i), *lists, now=NOW) for i in positions]
    assert not any(v.valid for v in verdicts)
    return {str(v.reason) for v in verdicts}


def test_a_change_in_the_payload_is_always_bad_signature(issuer, token):
    header, payload, _ = token.split(".")
    start = len(header) + 1
    assert _reasons(issuer, token, range(start, start + len(payload))) == {"bad-signature"}


def test_a_change_in_the_signature_is_always_bad_signature(issuer, token):
    header, payload, signature = token.split(".")
    start = len(header) + len(payload) + 2
    assert _reasons(issuer, token, range(start, start + len(signature))) == {"bad-signature"}


def test_a_change_in_the_header_breaks_it_or_names_another_key_or_fails_the_signature(
    issuer, token
):
    header = token.split(".")[0]
    reasons = _reasons(issuer, token, range(len(header)))
    assert reasons <= {"unreadable", "bad-format", "unknown-key", "bad-signature"}
    assert {"unreadable", "unknown-key"} <= reasons  # broken JSON; a changed letter of the kid


def test_a_changed_dot_is_unreadable(issuer, token):
    dots = [i for i, c in enumerate(token) if c == "."]
    assert [issuer.verify(changed(token, i)).reason for i in dots] == ["unreadable", "unreadable"]


def test_the_unused_bits_of_the_last_letter_cannot_make_a_second_spelling(issuer, token):
    # 64 bytes of signature take 86 letters; the last one carries 4 bits and 2 unused ones.
    # A lenient decoder reads the same bytes from both spellings; the verdict must not.
    last = ALPHABET.index(token[-1])
    twin = token[:-1] + ALPHABET[last ^ 1]
    signature, twin_signature = token.split(".")[2], twin.split(".")[2]
    assert base64.urlsafe_b64decode(signature + "==") == base64.urlsafe_b64decode(
        twin_signature + "=="
    )
    assert issuer.verify(twin).reason == "unreadable"
