"""The keys folder: private keys encrypted and private to their owner, key ids that anyone can
recompute from the public key, rotation and compromise as the trust list says them."""

from __future__ import annotations

import base64
import hashlib
import json
import stat

import pytest
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from taraz.credentials import KeyStore, Passphrase, passphrase_from_environment
from taraz.errors import TarazError
from tests.credentials.conftest import NOW, PASSPHRASE, days


def rfc7638_thumbprint(x: int, y: int) -> str:
    """RFC 7638 for an EC key, by hand: the required members in lexicographic order, no
    whitespace, UTF-8, SHA-256, base64url without padding (coordinates as 32 big-endian bytes,
    RFC 7518 section 6.2.1.2)."""

    def b64(n: int) -> str:
        return base64.urlsafe_b64encode(n.to_bytes(32, "big")).rstrip(b"=").decode()

    members = f'{{"crv":"P-256","kty":"EC","x":"{b64(x)}","y":"{b64(y)}"}}'
    digest = hashlib.sha256(members.encode("utf-8")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def test_every_kid_is_the_rfc7638_thumbprint_of_its_public_key(issuer):
    keys = issuer.store.all_keys()
    for key in keys:
        pem = (issuer.store.path / key.file).read_bytes()
        numbers = load_pem_private_key(pem, PASSPHRASE.encode()).public_key().public_numbers()
        assert key.kid == rfc7638_thumbprint(numbers.x, numbers.y)
    assert len({k.kid for k in keys}) == 2


def test_the_trust_list_names_each_key_by_the_thumbprint_of_the_jwk_it_carries(issuer):
    payload = issuer.trust_list().text.split(".")[1]
    listed = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    for entry in [listed["root"], *listed["keys"]]:
        x, y = (
            int.from_bytes(base64.urlsafe_b64decode(entry["jwk"][c] + "="), "big") for c in "xy"
        )
        assert entry["kid"] == rfc7638_thumbprint(x, y)


def test_private_keys_are_encrypted_pkcs8_that_does_not_open_without_the_passphrase(issuer):
    for key in issuer.store.all_keys():
        pem = (issuer.store.path / key.file).read_bytes()
        assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
        with pytest.raises(TypeError, match="encrypted"):
            load_pem_private_key(pem, password=None)
        with pytest.raises(ValueError):
            load_pem_private_key(pem, password=b"not the passphrase at all")


def test_the_folder_is_0700_and_every_file_in_it_0600(issuer):
    folder = issuer.store.path
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = sorted(p.name for p in folder.iterdir())
    assert {"keys.json", "trust-list.jws", "revocations.jws"} <= set(files)
    assert sum(name.endswith(".pem") for name in files) == 2
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}


def test_a_wrong_passphrase_is_said_without_the_passphrase(issuer):
    wrong = "a wrong passphrase that must not show"
    with pytest.raises(TarazError) as caught:
        issuer.store.signing_key(Passphrase(wrong), now=NOW)
    assert caught.value.code == "credentials.wrong-passphrase"
    said = str(caught.value) + caught.value.message("fa") + json.dumps(caught.value.to_dict())
    assert wrong not in said and PASSPHRASE not in said


def test_a_passphrase_never_shows_itself():
    secret = Passphrase(PASSPHRASE)
    assert PASSPHRASE not in repr(secret) + str(secret) + f"{secret}"
    assert secret.reveal() == PASSPHRASE.encode()


def test_a_private_key_that_others_can_read_is_refused(issuer):
    kid = issuer.store.root().kid
    (issuer.store.path / f"{kid}.pem").chmod(0o644)
    with pytest.raises(TarazError) as caught:
        issuer.store.private_key(kid, issuer.passphrase)
    assert caught.value.code == "credentials.unsafe-permissions"


def test_init_refuses_a_folder_that_holds_keys(issuer):
    before = (issuer.store.path / "keys.json").read_bytes()
    with pytest.raises(TarazError) as caught:
        KeyStore(issuer.store.path).init(issuer.passphrase, now=NOW + days(1))
    assert caught.value.code == "credentials.keys-exist"
    assert (issuer.store.path / "keys.json").read_bytes() == before


def test_init_refuses_a_short_passphrase(tmp_path):
    with pytest.raises(TarazError) as caught:
        KeyStore(tmp_path / "keys").init(Passphrase("short"), now=NOW)
    assert caught.value.code == "credentials.weak-passphrase"
    assert not (tmp_path / "keys" / "keys.json").exists()


def test_rotation_retires_the_active_key_at_the_moment_of_rotation(issuer):
    old = issuer.store.current_signing_key(now=NOW)
    new, retired = issuer.store.rotate(issuer.passphrase, now=NOW + days(100))
    assert [k.kid for k in retired] == [old.kid]
    assert issuer.store.current_signing_key(now=NOW + days(100)).kid == new.kid
    listed = {k.kid: k for k in issuer.trust_list().keys}
    assert (listed[old.kid].status, listed[old.kid].not_after) == ("retired", NOW + days(100))
    assert (listed[new.kid].status, listed[new.kid].not_after) == ("active", NOW + days(465))


def test_compromise_marks_the_key_in_the_signed_trust_list(issuer):
    kid = issuer.store.current_signing_key(now=NOW).kid
    issuer.store.compromise(kid, issuer.passphrase, now=NOW + days(1))
    assert issuer.trust_list().key(kid).status == "compromised"
    assert issuer.trust_list().issued_at == NOW + days(1)
    with pytest.raises(TarazError) as caught:
        issuer.store.signing_key(issuer.passphrase, now=NOW + days(1))
    assert caught.value.code == "credentials.no-signing-key"


def test_the_root_cannot_be_declared_compromised_in_its_own_list(issuer):
    with pytest.raises(TarazError) as caught:
        issuer.store.compromise(issuer.store.root().kid, issuer.passphrase, now=NOW)
    assert caught.value.code == "credentials.root-compromise"


def test_the_default_folder_is_under_xdg_data_home_unless_taraz_keys_dir_says(
    monkeypatch, tmp_path
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert KeyStore.default().path == tmp_path / "data" / "taraz" / "keys"
    monkeypatch.setenv("TARAZ_KEYS_DIR", str(tmp_path / "elsewhere"))
    assert KeyStore.default().path == tmp_path / "elsewhere"


def test_the_passphrase_comes_from_the_environment_or_a_file(tmp_path):
    file = tmp_path / "passphrase"
    file.write_text(PASSPHRASE + "\n")
    from_file = passphrase_from_environment({"TARAZ_KEYS_PASSPHRASE_FILE": str(file)})
    inline = passphrase_from_environment({"TARAZ_KEYS_PASSPHRASE": PASSPHRASE})
    assert from_file.reveal() == inline.reveal() == PASSPHRASE.encode()


@pytest.mark.parametrize(
    ("environ", "code"),
    [
        ({}, "credentials.no-passphrase"),
        (
            {"TARAZ_KEYS_PASSPHRASE": "x", "TARAZ_KEYS_PASSPHRASE_FILE": "/nowhere"},
            "credentials.passphrase-twice",
        ),
        ({"TARAZ_KEYS_PASSPHRASE_FILE": "/nowhere/passphrase"}, "credentials.passphrase-file"),
    ],
)
def test_a_missing_or_doubled_passphrase_is_a_usage_error(environ, code):
    with pytest.raises(TarazError) as caught:
        passphrase_from_environment(environ)
    assert (caught.value.code, caught.value.exit_code) == (code, 2)
