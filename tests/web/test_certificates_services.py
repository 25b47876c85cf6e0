"""Certificates through their one service: issued from an approved quality-test case by a
signatory who did not screen it, signed so that `taraz.credentials.verify` holds; suspended,
reinstated, revoked and reissued, the revocation list republished at once."""

from __future__ import annotations

import pytest

from taraz.credentials import verify
from taraz.errors import TarazError
from tests.web.certificates_world import approved_quality_case, load_quality, make_keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def qw(world, tmp_path, settings, monkeypatch):
    settings.TARAZ_CASE_FILES = tmp_path / "case-files"
    load_quality(tmp_path / "procedures")
    world.store = make_keys(tmp_path / "keys", monkeypatch)
    world.case = approved_quality_case(world)
    return world


def _issue(qw):
    from taraz.web.certificates import services

    return services.issue_certificate(qw.case, actor=qw.users["signatory"])


def _verdict(qw, cert):
    from django.utils import timezone

    trust = qw.store.trust_list()
    return verify(cert.token, trust, qw.store.revocation_list(trust), now=timezone.now())


def test_an_issued_certificates_token_verifies_with_its_claims(qw):
    cert = _issue(qw)
    verdict = _verdict(qw, cert)
    assert (verdict.valid, verdict.claims["jti"], verdict.claims["sub"]) == (
        True,
        cert.number,
        qw.exporter_a.card_number,
    )


def test_number_and_check_code_are_random_letters_of_the_alphabet(qw):
    from taraz.web.certificates.services import ALPHABET

    cert = _issue(qw)
    assert cert.number.startswith("YZ-") and len(cert.number) == 13
    assert len(cert.check_code) == 8 and set(cert.check_code + cert.number[3:]) <= set(ALPHABET)


def test_the_claims_hold_the_case_product_destination_and_dates(qw):
    claims = _issue(qw).claims
    assert (claims["pr"]["hs"], claims["pr"]["desc"], claims["dst"], claims["res"]) == (
        "69072100",
        "کاشی لعابی",
        "IQ",
        "pass",
    )
    assert claims["dt"]["iss_j"].startswith("14")


def test_only_a_signatory_issues(qw):
    from taraz.web.certificates import services

    with pytest.raises(TarazError) as refused:
        services.issue_certificate(qw.case, actor=qw.users["officer"])
    assert refused.value.code == "certificates.not-allowed"


def test_a_case_with_a_live_certificate_gets_no_second(qw):
    _issue(qw)
    with pytest.raises(TarazError) as refused:
        _issue(qw)
    assert refused.value.code == "certificates.exists"


def test_without_keys_the_operator_is_told_to_run_keys_init(qw, monkeypatch, tmp_path):
    monkeypatch.setenv("TARAZ_KEYS_DIR", str(tmp_path / "none"))
    with pytest.raises(TarazError) as refused:
        _issue(qw)
    assert refused.value.code == "certificates.no-keys"
    assert "taraz keys init" in refused.value.message("en")


def test_a_revoked_certificate_is_revoked_by_the_republished_list(qw):
    from taraz.web.certificates import services

    cert = _issue(qw)
    services.revoke(cert, "nonconformity", actor=qw.users["signatory"])
    verdict = _verdict(qw, cert)
    assert (verdict.reason, verdict.revocation.reason) == ("revoked", "nonconformity")


def test_suspended_then_reinstated_verifies_again(qw):
    from taraz.web.certificates import services

    cert = _issue(qw)
    services.suspend(cert, "under-review", actor=qw.users["signatory"])
    assert _verdict(qw, cert).reason == "suspended"
    services.reinstate(cert, actor=qw.users["signatory"])
    assert _verdict(qw, cert).valid


def test_reissue_supersedes_the_old_one(qw):
    from taraz.web.certificates import services

    old = _issue(qw)
    new = services.reissue(old, "correction", actor=qw.users["signatory"])
    old.refresh_from_db()
    assert (old.status, old.superseded_by_id, _verdict(qw, old).reason) == (
        "superseded",
        new.pk,
        "revoked",
    )
    assert _verdict(qw, new).valid


def test_a_reason_outside_the_list_is_refused(qw):
    from taraz.web.certificates import services

    cert = _issue(qw)
    with pytest.raises(TarazError) as refused:
        services.revoke(cert, "whim", actor=qw.users["signatory"])
    assert refused.value.code == "certificates.bad-reason"


def test_each_change_is_audited_and_the_firm_told(qw):
    from taraz.web.audit import services as audit_trail
    from taraz.web.certificates import services

    cert = _issue(qw)
    services.suspend(cert, "under-review", actor=qw.users["signatory"])
    actions = [e.action for e in audit_trail.about(cert.audit_subject)]
    assert sorted(actions) == ["certificate_issue", "certificate_status"]
    from taraz.web.cases.models import Notification

    told = Notification.objects.filter(user=qw.users["exporter_a"], subject__contains="suspended")
    assert told.exists()


def test_a_signatory_who_screened_the_case_does_not_issue_its_certificate(qw):
    from taraz.web.cases.models import Case
    from taraz.web.certificates import services

    Case.objects.filter(pk=qw.case.pk).update(screener=qw.users["signatory"])
    qw.case.refresh_from_db()
    with pytest.raises(TarazError) as refused:
        services.issue_certificate(qw.case, actor=qw.users["signatory"])
    assert refused.value.code == "certificates.not-allowed"


def test_a_signatory_sees_the_approved_case_awaiting_its_certificate_until_issued(qw):
    from taraz.web.certificates import services

    before = services.awaiting_certificate(qw.users["signatory"])
    _issue(qw)
    assert (before, services.awaiting_certificate(qw.users["signatory"])) == ([qw.case], [])


def test_every_reason_a_certificate_can_be_withdrawn_for_has_its_words():
    """The web's choices of reason and the verifiers' words are one list: none falls back to a
    bare code."""
    from taraz.credentials.summary import REASONS
    from taraz.web.certificates.models import Reason

    assert {r.value for r in Reason} == set(REASONS)
