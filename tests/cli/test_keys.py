"""`taraz keys` and `taraz certificate verify`: the keys made, rotated, listed, exported and
declared compromised; a verdict with its exit code in Persian, English and JSON; and the
passphrase nowhere in what any of them says."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from taraz.cli.main import cli
from taraz.credentials import (
    KeyStore,
    Passphrase,
    Revocation,
    issue,
    read_trust_list,
)

PASSPHRASE = "cli tests: nine windcatchers of Yazd"
LATIN_DIGIT = re.compile("[0-9]")
FSI, PDI = "\u2068", "\u2069"


@pytest.fixture
def keys_dir(tmp_path, monkeypatch):
    folder = tmp_path / "keys"
    monkeypatch.setenv("TARAZ_KEYS_DIR", str(folder))
    monkeypatch.setenv("TARAZ_KEYS_PASSPHRASE", PASSPHRASE)
    return folder


def run(*args: str, lang: str = "fa", input: str | None = None):
    result = CliRunner().invoke(cli, ["--lang", lang, *args], input=input)
    assert PASSPHRASE not in result.output + result.stderr
    return result


@pytest.fixture
def initialised(keys_dir):
    assert run("keys", "init").exit_code == 0
    return KeyStore(keys_dir)


def certificate(store: KeyStore, number: str = "1405/QC/00001", **times) -> str:
    return issue(
        {"jti": number, "knd": "quality", "q": 1200},
        now=datetime.now(UTC),
        store=store,
        passphrase=Passphrase(PASSPHRASE),
        **times,
    )


def test_init_makes_a_root_and_a_signing_key_and_names_the_root_to_publish(keys_dir):
    result = run("--lang", "en", "keys", "init")
    store = KeyStore(keys_dir)
    assert result.exit_code == 0, result.output
    assert f"Root key: {store.root().kid}" in result.output
    assert result.output.rstrip().endswith(store.root().kid)
    assert [k.role for k in store.all_keys()] == ["root", "signing"]


def test_init_refuses_when_keys_exist(initialised):
    before = (initialised.path / "keys.json").read_text()
    result = run("keys", "init")
    assert result.exit_code == 1
    assert "[credentials.keys-exist]" in result.stderr
    assert (initialised.path / "keys.json").read_text() == before


def test_init_without_a_passphrase_is_a_usage_error(keys_dir, monkeypatch):
    monkeypatch.delenv("TARAZ_KEYS_PASSPHRASE")
    result = run("keys", "init", "--json")
    assert result.exit_code == 2
    assert json.loads(result.output)["code"] == "credentials.no-passphrase"
    assert not keys_dir.exists()


def test_list_prints_public_metadata_only(initialised):
    result = run("keys", "list", "--json")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["role"], r["status"]) for r in rows] == [("root", "active"), ("signing", "active")]
    assert set(rows[0]) == {"kid", "role", "status", "not_before", "not_after", "created"}


def test_list_in_persian_has_jalali_dates_in_persian_digits_and_isolated_key_ids(initialised):
    result = run("keys", "list")
    root = initialised.root().kid
    assert result.exit_code == 0
    assert result.output.startswith(f"{FSI}{root}{PDI}  ریشه  فعال  از ")
    assert not LATIN_DIGIT.search(re.sub(f"{FSI}[^{PDI}]*{PDI}", "", result.output))


def test_rotate_retires_the_signing_key_and_keeps_what_it_signed_valid(initialised):
    old = initialised.current_signing_key(now=datetime.now(UTC)).kid
    token = certificate(initialised)
    result = run("keys", "rotate", "--json")
    body = json.loads(result.output)
    assert result.exit_code == 0
    assert [k["kid"] for k in body["retired"]] == [old]
    assert body["signing"]["kid"] != old
    statuses = [
        json.loads(line)["status"] for line in run("keys", "list", "--json").output.splitlines()
    ]
    assert statuses == ["active", "retired", "active"]
    assert run("certificate", "verify", token).exit_code == 0


def test_export_writes_the_signed_trust_list_a_verifier_reads(initialised, tmp_path):
    target = tmp_path / "trust-list.jws"
    result = run("keys", "export-trust-list", str(target), "--json")
    assert result.exit_code == 0, result.output
    listed = read_trust_list(target.read_text(), root_kid=initialised.root().kid)
    assert json.loads(result.output)["keys"] == len(listed.keys) == 1


def test_export_to_a_missing_folder_is_a_usage_error(initialised, tmp_path):
    result = run("keys", "export-trust-list", str(tmp_path / "nowhere" / "list.jws"))
    assert (result.exit_code, "[output.no-folder]" in result.stderr) == (2, True)


def test_compromise_makes_what_the_key_signed_key_not_valid(initialised):
    token = certificate(initialised)
    kid = initialised.current_signing_key(now=datetime.now(UTC)).kid
    result = run("--lang", "en", "keys", "compromise", kid)
    assert result.exit_code == 0, result.output
    assert "taraz keys rotate" in result.output  # it was the active key
    verdict = run("certificate", "verify", token, "--json")
    assert (verdict.exit_code, json.loads(verdict.output)["reason"]) == (1, "key-not-valid")


def test_compromise_of_an_unknown_key_is_not_found(initialised):
    result = run("keys", "compromise", "no-such-kid", "--json")
    assert (result.exit_code, json.loads(result.output)["code"]) == (1, "credentials.unknown-kid")


def test_a_valid_certificate_exits_0_with_its_verdict_claims_and_lists_in_persian(initialised):
    result = run("certificate", "verify", certificate(initialised))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"گواهی معتبر است (شمارهٔ {FSI}1405/QC/00001{PDI})."
    assert "  q: ۱۲۰۰" in lines
    assert lines[-1].startswith("فهرست ابطال: امضا در ")
    assert not LATIN_DIGIT.search(re.sub(f"{FSI}[^{PDI}]*{PDI}", "", result.output))


def test_the_verdict_in_english(initialised):
    result = run("certificate", "verify", certificate(initialised), "--lang", "en")
    assert result.output.splitlines()[0] == "The certificate is valid (number 1405/QC/00001)."
    assert "  q: 1200" in result.output.splitlines()


def test_json_says_valid_reason_claims_and_the_lists_dates(initialised):
    result = run("certificate", "verify", certificate(initialised), "--json")
    body = json.loads(result.output)
    assert (body["valid"], body["reason"], body["claims"]["jti"]) == (True, None, "1405/QC/00001")
    assert set(body["revocation_list"]) == {"root", "issued_at", "next_update", "entries"}
    assert body["trust_list"]["root"] == initialised.root().kid
    assert "error" not in body


def test_one_changed_letter_exits_1_with_bad_signature(initialised):
    token = certificate(initialised)
    i = token.index(".") + 5  # a letter of the payload
    changed = token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1 :]
    result = run("certificate", "verify", changed, "--json")
    body = json.loads(result.output)
    assert (result.exit_code, body["valid"], body["reason"]) == (1, False, "bad-signature")
    assert body["error"]["code"] == "credentials.bad-signature" and body["claims"] is None


def test_a_verdict_that_is_not_valid_says_why_in_persian(initialised):
    store = initialised
    store.publish_revocations(
        [Revocation("1405/QC/00001", "revoked", "fraud", datetime.now(UTC))],
        Passphrase(PASSPHRASE),
        now=datetime.now(UTC),
    )
    result = run("certificate", "verify", certificate(store))
    assert result.exit_code == 1
    assert result.output.startswith(f"گواهی معتبر نیست ({FSI}revoked{PDI}): صادرکننده ")


def test_an_expired_certificate_exits_1(keys_dir):
    days_ago = datetime.now(UTC) - timedelta(days=3)
    store = KeyStore(keys_dir)
    store.init(Passphrase(PASSPHRASE), now=days_ago)
    token = issue(
        {"jti": "1405/QC/00002"},
        now=days_ago + timedelta(days=1),
        expires=days_ago + timedelta(days=2),
        store=store,
        passphrase=Passphrase(PASSPHRASE),
    )
    result = run("certificate", "verify", token, "--json")
    assert (result.exit_code, json.loads(result.output)["reason"]) == (1, "expired")


def test_the_verification_link_read_from_the_standard_input_verifies(initialised):
    link = f"https://taraz.example/verify#t={certificate(initialised)}\n"
    result = run("certificate", "verify", "-", input=link)
    assert result.exit_code == 0, result.output


def test_a_verifier_elsewhere_gives_the_lists_and_pins_the_root(initialised, tmp_path, monkeypatch):
    token, root = certificate(initialised), initialised.root().kid
    trust, revocations = initialised.trust_list_path, initialised.revocation_list_path
    monkeypatch.setenv("TARAZ_KEYS_DIR", str(tmp_path / "no-keys-here"))
    files = ["--trust-list", str(trust), "--revocations", str(revocations)]
    assert run("certificate", "verify", token, *files, "--root", root).exit_code == 0
    unpinned = run("certificate", "verify", token, *files, "--json")
    assert (unpinned.exit_code, json.loads(unpinned.output)["code"]) == (
        2,
        "credentials.root-not-pinned",
    )


def test_a_trust_list_of_another_root_is_refused(initialised, tmp_path):
    other = KeyStore(tmp_path / "other")
    other.init(Passphrase(PASSPHRASE), now=datetime.now(UTC))
    result = run(
        "certificate", "verify", certificate(other), "--trust-list", str(other.trust_list_path)
    )
    assert result.exit_code == 1 and "[credentials.list-other-root]" in result.stderr


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_no_command_ever_says_the_passphrase(keys_dir, tmp_path, monkeypatch, lang):
    outputs = []

    def said(*args):
        for extra in ([], ["--json"]):
            result = CliRunner().invoke(cli, ["--lang", lang, *args, *extra])
            outputs.append(result.output + result.stderr)

    said("keys", "init")
    store = KeyStore(keys_dir)
    said("keys", "init")  # refused
    said("keys", "list")
    said("keys", "rotate")
    said("keys", "export-trust-list", str(tmp_path / "list.jws"))
    said("certificate", "verify", certificate(store))
    said("keys", "compromise", store.signing_keys()[-1].kid)
    monkeypatch.setenv("TARAZ_KEYS_PASSPHRASE", "wrong: " + PASSPHRASE[::-1])
    said("keys", "rotate")  # the wrong passphrase is refused, and not repeated either
    monkeypatch.delenv("TARAZ_KEYS_PASSPHRASE")
    secret_file = tmp_path / "secret"
    secret_file.write_text(PASSPHRASE + "\n")
    secret_file.chmod(0o600)
    monkeypatch.setenv("TARAZ_KEYS_PASSPHRASE_FILE", str(secret_file))
    said("keys", "rotate")
    text = "\n".join(outputs)
    assert "[credentials.wrong-passphrase]" in text or "credentials.wrong-passphrase" in text
    assert "credentials.keys-exist" in text
    assert PASSPHRASE not in text and PASSPHRASE[::-1] not in text
    assert [k.status for k in store.all_keys()].count("active") == 2  # root and the last rotation
