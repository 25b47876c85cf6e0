"""The trust list and the revocation list are read only as their root signed them, and only
from the pinned root."""

from __future__ import annotations

import json

import pytest

from taraz.credentials import (
    Revocation,
    b64decode,
    b64encode,
    read_revocation_list,
    read_trust_list,
    sign_trust_list,
)
from taraz.errors import TarazError
from tests.credentials.conftest import NOW, days


def rewritten(text: str, change) -> str:
    """The list with its payload changed by `change(payload)` and its signature kept."""
    header, payload, signature = text.split(".")
    data = json.loads(b64decode(payload))
    change(data)
    return ".".join([header, b64encode(json.dumps(data).encode()), signature])


def code_of(call) -> str:
    with pytest.raises(TarazError) as caught:
        call()
    return caught.value.code


def test_a_trust_list_reads_back_with_its_keys(issuer):
    root = issuer.store.root().kid
    listed = read_trust_list(issuer.store.trust_list_path.read_text(), root_kid=root)
    assert listed.root.kid == root and listed.issued_at == NOW
    assert [k.kid for k in listed.keys] == [k.kid for k in issuer.store.signing_keys()]


def test_a_compromised_key_set_back_to_active_is_a_tampered_trust_list(issuer):
    kid = issuer.store.current_signing_key(now=NOW).kid
    issuer.store.compromise(kid, issuer.passphrase, now=NOW)
    text = issuer.store.trust_list_path.read_text()

    def reactivate(data):
        data["keys"][0]["status"] = "active"

    root = issuer.store.root().kid
    assert read_trust_list(text, root_kid=root).key(kid).status == "compromised"
    assert code_of(lambda: read_trust_list(rewritten(text, reactivate), root_kid=root)) == (
        "credentials.list-tampered"
    )


def test_a_key_slipped_into_the_trust_list_is_a_tampered_trust_list(issuer, other_issuer):
    text = issuer.store.trust_list_path.read_text()
    foreign = other_issuer.trust_list().keys[0].to_json()
    tampered = rewritten(text, lambda data: data["keys"].append(foreign))
    assert code_of(lambda: read_trust_list(tampered, root_kid=issuer.store.root().kid)) == (
        "credentials.list-tampered"
    )


def test_a_trust_list_that_lists_a_key_twice_is_unreadable(issuer):
    root = issuer.store.private_key(issuer.store.root().kid, issuer.passphrase)
    key = issuer.trust_list().keys[0]
    doubled = sign_trust_list(root, [key, key], now=NOW)
    assert code_of(lambda: read_trust_list(doubled, root_kid=root.kid)) == (
        "credentials.list-unreadable"
    )


def test_a_trust_list_from_another_root_is_refused_against_the_pinned_one(issuer, other_issuer):
    other = other_issuer.store.trust_list_path.read_text()
    pinned = issuer.store.root().kid
    assert code_of(lambda: read_trust_list(other, root_kid=pinned)) == "credentials.list-other-root"


def test_a_trust_list_with_its_root_swapped_for_another_is_refused(issuer, other_issuer):
    text = issuer.store.trust_list_path.read_text()
    other_root = json.loads(b64decode(other_issuer.trust_list().text.split(".")[1]))["root"]
    swapped = rewritten(text, lambda data: data.update(root=other_root))
    pinned = issuer.store.root().kid
    assert code_of(lambda: read_trust_list(swapped, root_kid=pinned)) == (
        "credentials.list-other-root"
    )
    assert code_of(lambda: read_trust_list(swapped, root_kid=other_root["kid"])) == (
        "credentials.list-tampered"
    )


def test_something_else_than_a_trust_list_is_unreadable(issuer):
    root = issuer.store.root().kid
    revocations = issuer.store.revocation_list_path.read_text()
    for text in ["", "not a list", revocations]:
        assert code_of(lambda t=text: read_trust_list(t, root_kid=root)) == (
            "credentials.list-unreadable"
        )


def test_a_revocation_entry_taken_out_is_a_tampered_revocation_list(issuer):
    entry = Revocation("1405/QC/00001", "revoked", "fraud", NOW)
    listed = issuer.revocations(entry)
    assert listed.find("1405/QC/00001").status == "revoked"
    emptied = rewritten(listed.text, lambda data: data.update(entries=[]))
    assert code_of(lambda: read_revocation_list(emptied, trust_list=issuer.trust_list())) == (
        "credentials.list-tampered"
    )


def test_a_revocation_list_pushed_forward_is_a_tampered_revocation_list(issuer):
    listed = issuer.revocations()
    later = int((NOW + days(365)).timestamp())
    forward = rewritten(listed.text, lambda data: data.update(next_update=later))
    assert code_of(lambda: read_revocation_list(forward, trust_list=issuer.trust_list())) == (
        "credentials.list-tampered"
    )


def test_a_revocation_list_of_another_root_is_refused(issuer, other_issuer):
    other = other_issuer.revocations().text
    assert code_of(lambda: read_revocation_list(other, trust_list=issuer.trust_list())) == (
        "credentials.list-other-root"
    )


def test_init_writes_an_empty_revocation_list_valid_for_a_week(issuer):
    listed = issuer.store.revocation_list()
    assert (listed.entries, listed.issued_at, listed.next_update) == ({}, NOW, NOW + days(7))


def test_published_revocations_replace_the_folders_list(issuer):
    entry = Revocation("1405/QC/00009", "suspended", "under-review", NOW + days(1))
    issuer.store.publish_revocations([entry], issuer.passphrase, now=NOW + days(1))
    listed = issuer.store.revocation_list()
    assert (listed.find("1405/QC/00009"), listed.issued_at) == (entry, NOW + days(1))
