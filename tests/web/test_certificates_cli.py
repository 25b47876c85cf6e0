"""`taraz certificate revoke|suspend|reinstate NUMBER --reason CODE` and `publish-revocations`
(and the daily `publishrevocations` command): through the certificates app's services on the
tests' service database, audited as the system and the operating system's user, the firm told,
the revocation list signed again; refusals with their catalogue codes and exit codes."""

from __future__ import annotations

import json
import os
from datetime import timedelta

import pytest
from click.testing import CliRunner

from taraz.cli.main import cli
from tests.web.certificates_world import approved_quality_case, load_quality, make_keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def cert(world, tmp_path, settings, monkeypatch):
    from taraz.web.certificates import services

    settings.TARAZ_CASE_FILES = tmp_path / "case-files"
    load_quality(tmp_path / "procedures")
    world.store = make_keys(tmp_path / "keys", monkeypatch)
    cert = services.issue_certificate(approved_quality_case(world), actor=world.users["signatory"])
    cert.world = world
    return cert


def taraz(*args: str):
    return CliRunner().invoke(cli, ["--lang", "en", *args])


def _revocations(store):
    return store.revocation_list()


def test_revoke_from_the_command_line_is_in_the_republished_list(cert):
    result = taraz("certificate", "revoke", cert.number, "--reason", "false-documents")
    entries = _revocations(cert.world.store).entries
    assert result.exit_code == 0, result.output + result.stderr
    assert f"Certificate {cert.number}: issued -> revoked (false-documents)" in result.output
    assert [(e.number, str(e.status), e.reason) for e in entries.values()] == [
        (cert.number, "revoked", "false-documents")
    ]


def test_the_change_is_audited_as_the_system_and_the_command(cert):
    from taraz.web.audit import services as audit_trail

    taraz("certificate", "suspend", cert.number, "--reason", "under-review")
    event = next(
        e for e in audit_trail.about(cert.audit_subject) if e.action == "certificate_status"
    )
    assert (event.username, event.detail["via"], event.detail["after"]) == (
        "system",
        "taraz certificate suspend",
        "suspended",
    )
    assert "os_user" in event.detail


def test_the_firm_is_told(cert):
    from taraz.web.cases.models import Notification

    taraz("certificate", "revoke", cert.number, "--reason", "nonconformity")
    told = Notification.objects.filter(user=cert.world.users["exporter_a"])
    assert told.filter(subject__contains="revoked").exists()


def test_suspend_then_reinstate_leaves_the_list_empty(cert):
    suspended = taraz("certificate", "suspend", cert.number.lower(), "--reason", "under-review")
    assert list(_revocations(cert.world.store).entries) == [cert.number]
    result = taraz("certificate", "reinstate", cert.number, "--json")
    assert (suspended.exit_code, result.exit_code) == (0, 0)
    assert json.loads(result.output) == {
        "number": cert.number,
        "action": "reinstate",
        "before": "suspended",
        "status": "issued",
        "reason": "",
    }
    assert not _revocations(cert.world.store).entries


def test_an_unknown_number_exits_1_with_its_code():
    result = taraz("certificate", "revoke", "YZ-AAAAAAAAAA", "--reason", "nonconformity")
    assert result.exit_code == 1
    assert "[certificates.unknown]" in result.stderr


def test_a_reason_that_does_not_fit_the_change_exits_1(cert):
    # false documents revoke a certificate; they do not suspend one
    result = taraz("certificate", "suspend", cert.number, "--reason", "false-documents")
    cert.refresh_from_db()
    assert (result.exit_code, cert.status) == (1, "issued")
    assert "[certificates.bad-reason]" in result.stderr


def test_an_unknown_reason_code_is_a_usage_error(cert):
    result = taraz("certificate", "revoke", cert.number, "--reason", "whim")
    assert result.exit_code == 2
    assert "[cli.bad-choice]" in result.stderr


def test_reinstating_an_issued_certificate_exits_1_not_now(cert):
    result = taraz("certificate", "reinstate", cert.number)
    assert result.exit_code == 1
    assert "[certificates.not-now]" in result.stderr


def test_publish_revocations_signs_an_unchanged_list_again(cert):
    import time

    path = cert.world.store.revocation_list_path
    old = _revocations(cert.world.store)
    before = path.read_text()
    time.sleep(1.05)  # a NumericDate has whole seconds
    result = taraz("certificate", "publish-revocations", "--json")
    new = _revocations(cert.world.store)
    assert result.exit_code == 0
    assert path.read_text() != before and new.issued_at > old.issued_at
    assert new.next_update - new.issued_at == timedelta(days=7)
    assert json.loads(result.output)["next_update"] == new.next_update.isoformat()


def test_the_daily_command_signs_the_list_again(cert):
    from django.core.management import call_command

    taraz("certificate", "revoke", cert.number, "--reason", "nonconformity")
    before = cert.world.store.revocation_list_path.read_text()
    call_command("publishrevocations", stdout=open(os.devnull, "w"))  # noqa: SIM115
    after = _revocations(cert.world.store)
    assert cert.world.store.revocation_list_path.read_text() != before
    assert list(after.entries) == [cert.number]
