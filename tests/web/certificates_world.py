"""A quality-test procedure of the tests' own (the cases tests' procedure, resulting in a
quality certificate), an approved case of exporter A under it, and a keys folder made with
`KeyStore.init` and named in the environment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.web.cases_world import PATH, PROCEDURE, pdf, write_procedure

QUALITY = (
    PROCEDURE.replace('code = "test-permit"', 'code = "test-quality"')
    .replace('abbrev = "TP"', 'abbrev = "TQ"')
    .replace('certificate = ""', 'certificate = "quality"')
)
PASSPHRASE = "a-test-passphrase-of-the-keys-1404"


def load_quality(folder: Path) -> None:
    from taraz.web.cases import services as cases

    cases.load_procedures(write_procedure(folder, QUALITY, "test-quality-v1.toml"))


def make_keys(folder: Path, monkeypatch):
    """A keys folder (root and signing key made a day ago), named in the environment."""
    from taraz.credentials import KeyStore, Passphrase

    store = KeyStore(folder)
    store.init(Passphrase(PASSPHRASE), now=datetime.now(UTC) - timedelta(days=1))
    monkeypatch.setenv("TARAZ_KEYS_DIR", str(folder))
    monkeypatch.setenv("TARAZ_KEYS_PASSPHRASE", PASSPHRASE)
    return store


def approved_quality_case(world, code: str = "test-quality"):
    """A case of exporter A under `code`, approved by the signatory through the service."""
    from taraz.web.cases import services as cases
    from tests.web.factories import MembershipFactory, UserFactory

    if "head" not in world.users:
        world.users["head"] = UserFactory(username="head")
        MembershipFactory(user=world.users["head"], body=world.body_routed, role="head")
    a = world.users["exporter_a"]
    case = cases.open_case(
        cases.procedure_for(code),
        world.exporter_a,
        actor=a,
        subject="کاشی لعابی",
        hs_code="69072100",
        destination="IQ",
        quantity="20 t",
    )
    cases.add_document(case, pdf(), "card", actor=a)
    for action, role, data in (*PATH, ("approve", "signatory", {})):
        cases.transition(case.pk, action, world.users[role], **data)
    case.refresh_from_db()
    assert case.state == "approved"
    return case
