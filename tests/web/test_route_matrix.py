"""Every route answers every role as the matrix (`route_matrix.py`) says, and no route exists
that the matrix does not name: a new route without its row fails here."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.web.roles import ROLES
from tests.web.route_matrix import MATRIX

pytestmark = pytest.mark.django_db


def route_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    """The name of every named route Django can resolve (namespaces joined by `:`)."""
    names: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace
            names |= route_names(entry, f"{namespace}{inner}:" if inner else namespace)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"a route without a name: {entry.pattern}"
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_route_is_in_the_matrix():
    assert sorted(route_names() - set(MATRIX)) == []


def test_every_row_of_the_matrix_is_a_route():
    assert sorted(set(MATRIX) - route_names()) == []


def test_every_row_names_every_role():
    assert {name for name, row in MATRIX.items() if set(row.expect) != set(ROLES)} == set()


@pytest.fixture
def matrix_world(world, warehouse, settings, tmp_path, monkeypatch):
    from taraz.web.accounts import services as accounts
    from taraz.web.datadesk.models import Job
    from tests.web.factories import MembershipFactory, UserFactory

    world.job = Job.objects.create(
        kind=Job.Kind.REVERT, status=Job.Status.DONE, username="staff", batch_id="B00001"
    )
    issued = accounts.invite_to_exporter(
        world.exporter_a, "member", actor=None, email="new@example.ir"
    )
    world.invitation_token = issued.token
    world.body_invitation = accounts.invite_to_body(
        world.body_routed, "reviewer", actor=None, phone="09123456789"
    ).invitation
    world.spare_membership = MembershipFactory(
        user=UserFactory(username="spare"), body=world.body_routed, role="reviewer"
    )
    settings.TARAZ_CASE_FILES = tmp_path / "case-files"
    world.case, world.case_document = _a_case_in_review(world, tmp_path)
    from datetime import date

    from taraz.web.cases import services as cases

    world.closure = cases.add_closure(
        date(2025, 7, 20), "گرما", "heat", actor=world.users["administrator"]
    )
    world.certificate, world.quality_case = _a_certificate(world, tmp_path, monkeypatch)
    world.workshop, world.workshop_booking, world.workshop_session = _a_workshop(world)
    world.certified_workshop, world.certified_booking = _a_certificate_of_attendance(world)
    return world


def _a_workshop(world):
    """A published workshop with exporter A's registration, and its first session."""
    from taraz.web.workshops import services
    from tests.web.workshops_world import an_event, firm

    event = an_event(world)
    return event, firm(event, world, "exporter_a"), services.sessions_of(event)[0]


def _a_certificate_of_attendance(world):
    """Another workshop, over, whose every session exporter A's member attended: certified
    (the keys of `_a_certificate` sign it)."""
    from taraz.web.workshops import services
    from tests.web.workshops_world import AFTER, an_event, firm

    event = an_event(world)
    reg = firm(event, world, "exporter_a")
    for session in services.sessions_of(event):
        services.record_attendance(session, {reg.pk}, actor=world.users["officer"], now=AFTER)
    services.issue_attendance_certificate(reg, actor=world.users["officer"])
    return event, reg


def _a_certificate(world, folder, monkeypatch):
    """Exporter A's quality certificate, and another approved quality-test case of A's."""
    from taraz.web.certificates import services as certificates
    from tests.web.certificates_world import approved_quality_case, load_quality, make_keys

    load_quality(folder / "quality-procedures")
    make_keys(folder / "keys", monkeypatch)
    certified = approved_quality_case(world)
    cert = certificates.issue_certificate(certified, actor=world.users["signatory"])
    return cert, approved_quality_case(world)


def _a_case_in_review(world, folder):
    """Exporter A's case under the tests' procedure, routed to the chamber, with one file."""
    from taraz.web.cases import services as cases
    from tests.web.cases_world import case_in, write_procedure

    cases.load_procedures(write_procedure(folder / "procedures"))
    case = case_in(world, "in_review")
    return case, case.documents.get()


def _value(world, path: str):
    if path.startswith("="):
        return path[1:]
    value = world
    for part in path.split("."):
        value = getattr(value, part)
    return value


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_route_answers_each_role_as_the_matrix_says(matrix_world, name):
    row = MATRIX[name]
    url = reverse(name, kwargs={k: _value(matrix_world, v) for k, v in row.kwargs.items()})
    if row.query:
        url = f"{url}?{row.query}"
    seen = {}
    for role in ROLES:
        client = matrix_world.client(role)
        response = getattr(client, row.method)(url, row.data)
        seen[role] = response.status_code
    assert seen == row.expect, url
