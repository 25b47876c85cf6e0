"""Memberships are ended, never edited; bodies come from their data file; every change is in
the audit trail; the predicates read what holds today."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from taraz.errors import TarazError
from taraz.web.accounts import permissions as may
from taraz.web.accounts import services
from taraz.web.audit.models import AuditEvent
from tests.web.factories import BodyFactory, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return UserFactory(username="admin-person")


def test_a_membership_starts_today_and_is_audited(admin):
    person, org = UserFactory(), OrganizationFactory()
    membership = services.start_membership(person, org, "officer", actor=admin)
    event = AuditEvent.objects.get(action="membership_start")
    assert (event.username, event.subject, event.detail["role"]) == (
        "admin-person",
        f"membership:{membership.pk}",
        "officer",
    )


def test_ending_a_membership_writes_the_end_once(admin):
    membership = MembershipFactory(start=date(2025, 3, 21))
    services.end_membership(membership, actor=admin, on=date(2025, 9, 23), reason="moved")
    membership.refresh_from_db()
    assert (membership.end, membership.ended_by, membership.end_reason) == (
        date(2025, 9, 23),
        admin,
        "moved",
    )
    assert AuditEvent.objects.filter(
        action="membership_end", subject=f"membership:{membership.pk}"
    ).exists()


def test_a_membership_ends_only_once(admin):
    membership = MembershipFactory()
    services.end_membership(membership, actor=admin, on=date(2025, 9, 23))
    with pytest.raises(TarazError) as caught:
        services.end_membership(membership, actor=admin)
    assert caught.value.code == "accounts.already-ended"


def test_an_end_before_the_start_is_refused(admin):
    membership = MembershipFactory(start=date(2025, 3, 21))
    with pytest.raises(TarazError) as caught:
        services.end_membership(membership, actor=admin, on=date(2025, 3, 20))
    assert caught.value.code == "accounts.end-before-start"


def test_editing_a_membership_is_refused_and_audited(admin):
    membership = MembershipFactory(role="officer")
    with pytest.raises(TarazError) as caught:
        services.amend_membership(membership, actor=admin, role="signatory")
    event = AuditEvent.objects.get(action="membership_edit")
    assert (caught.value.code, event.outcome, event.detail["fields"]) == (
        "accounts.ended-not-edited",
        "refused",
        ["role"],
    )


def test_the_model_refuses_an_edit_whoever_saves_it():
    membership = MembershipFactory(role="officer")
    membership.role = "signatory"
    with pytest.raises(TarazError, match="ended-not-edited"):
        membership.save()


def test_the_model_refuses_to_change_an_end_once_written(admin):
    membership = services.end_membership(MembershipFactory(), actor=admin, on=date(2025, 9, 23))
    membership.end = date(2025, 10, 1)
    with pytest.raises(TarazError, match="ended-not-edited"):
        membership.save()


def test_a_membership_is_never_deleted():
    with pytest.raises(TarazError, match="ended-not-edited"):
        MembershipFactory().delete()


def test_an_organization_role_is_refused_at_another_body(admin):
    with pytest.raises(TarazError) as caught:
        services.start_membership(UserFactory(), BodyFactory(), "signatory", actor=admin)
    assert caught.value.code == "accounts.role-not-at-body"


def test_the_same_role_twice_at_once_is_refused(admin):
    person, org = UserFactory(), OrganizationFactory()
    services.start_membership(person, org, "officer", actor=admin)
    with pytest.raises(TarazError) as caught:
        services.start_membership(person, org, "officer", actor=admin)
    assert caught.value.code == "accounts.membership-exists"


def test_a_role_holds_from_its_start_up_to_the_day_before_its_end(admin):
    started = MembershipFactory(role="officer", start=date(2025, 3, 21))
    membership = services.end_membership(started, actor=admin, on=date(2025, 9, 23))
    assert [
        membership.holds_on(d)
        for d in (date(2025, 3, 20), date(2025, 3, 21), date(2025, 9, 22), date(2025, 9, 23))
    ] == [
        False,
        True,
        True,
        False,
    ]


def test_an_ended_role_gives_no_permission(admin):
    membership = MembershipFactory(role="officer")
    person = membership.user
    assert may.is_officer.test(person)
    services.end_membership(membership, actor=admin)
    assert not may.is_officer.test(type(person).objects.get(pk=person.pk))


def test_predicates_tell_bodies_apart():
    routed, other = BodyFactory(), BodyFactory()
    person = MembershipFactory(body=routed, role="reviewer").user
    assert (may.is_body_member.test(person, routed), may.is_body_member.test(person, other)) == (
        True,
        False,
    )


def test_loading_the_bodies_file_creates_each_body_once_and_audits_it():
    call_command("loadbodies")
    call_command("loadbodies")
    from taraz.web.accounts.models import Body

    kinds = sorted(set(Body.objects.values_list("kind", flat=True)))
    assert (Body.objects.count(), kinds) == (
        10,
        ["association", "chamber", "laboratory", "organization", "regulator"],
    )
    assert AuditEvent.objects.filter(action="body_change").count() == 10


def test_a_changed_body_in_the_file_is_updated_and_audited(tmp_path):
    services.load_bodies()
    text = services.BODIES_FILE.read_text("utf-8").replace(
        'code = "yazd-stone"\nkind = "association"',
        'code = "yazd-stone"\nkind = "association"\nactive = false',
    )
    (tmp_path / "bodies.toml").write_text(text, "utf-8")
    result = services.load_bodies(tmp_path / "bodies.toml")
    assert result.changed == {"yazd-stone": {"active": [True, False]}}
    assert AuditEvent.objects.filter(action="body_change", detail__change="updated").count() == 1


def test_a_dry_run_of_the_bodies_file_changes_nothing():
    from taraz.web.accounts.models import Body

    result = services.load_bodies(dry_run=True)
    assert (len(result.created), Body.objects.count()) == (10, 0)


def test_the_administrator_starts_and_ends_a_membership_from_the_body_page(
    administrator_client, world
):
    response = administrator_client.post(
        f"/accounts/bodies/{world.body_routed.code}/members/",
        {"username": "body_other", "role": "reviewer", "start": "1404/01/01"},
    )
    membership = world.body_routed.memberships.get(user__username="body_other")
    assert (response.status_code, membership.start) == (302, date(2025, 3, 21))
    response = administrator_client.post(
        f"/accounts/memberships/{membership.pk}/end/", {"reason": "left"}
    )
    membership.refresh_from_db()
    assert (response.status_code, membership.end_reason) == (302, "left")


def test_the_auditor_reads_bodies_but_changes_nothing(auditor_client, world):
    assert auditor_client.get(f"/accounts/bodies/{world.body_routed.code}/").status_code == 200
    response = auditor_client.post(
        f"/accounts/bodies/{world.body_routed.code}/members/",
        {"username": "auditor", "role": "reviewer"},
    )
    assert response.status_code == 403
