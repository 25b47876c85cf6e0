"""Two signatories click "approve" at the same moment: one event, one decision. On PostgreSQL,
with real threads, each on its own connection (on SQLite the database's one write lock makes the
question moot; the suite runs this file again on PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from taraz.errors import TarazError
from tests.web.cases_world import case_in, write_procedure
from tests.web.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def decided_twice(tmp_path, settings):
    from taraz.web.cases import services as cases
    from tests.web.roles import build_world

    if connection.vendor != "postgresql":
        pytest.skip("row locks between connections: PostgreSQL (DATABASE_URL)")
    settings.TARAZ_CASE_FILES = tmp_path / "case-files"
    world = build_world()
    world.users["head"] = UserFactory(username="head")
    MembershipFactory(user=world.users["head"], body=world.body_routed, role="head")
    second = UserFactory(username="signatory2")
    MembershipFactory(user=second, body=world.organization, role="signatory")
    cases.load_procedures(write_procedure(tmp_path / "procedures"))
    case = case_in(world, "decision")
    return case, [world.users["signatory"], second]


def test_two_simultaneous_approvals_give_one_event(decided_twice):
    from taraz.web.cases import services as cases
    from taraz.web.cases.models import CaseEvent

    case, signatories = decided_twice
    barrier = threading.Barrier(len(signatories))
    outcomes: list[str] = []

    def approve(user):
        try:
            barrier.wait(10)
            cases.transition(case.pk, "approve", user)
            outcomes.append("approved")
        except TarazError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(u,)) for u in signatories]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["approved", "cases.not-now"]
    assert CaseEvent.objects.filter(case=case, action="approve").count() == 1
    case.refresh_from_db()
    assert case.state == "approved"
