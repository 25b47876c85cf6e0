"""Every change of who may do what reaches the audit trail, whichever way it is made: the
`createstaff` command, a save of the account, groups and permissions given or taken from either
side; a sign-in's own bookkeeping does not."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from taraz.web.audit.models import AuditEvent
from taraz.web.audit.services import verify
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def last(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).latest("seq")


def about(subject: str) -> list[tuple[str, dict]]:
    events = AuditEvent.objects.filter(subject=subject).order_by("seq")
    return [(e.action, e.detail) for e in events]


@pytest.fixture
def view_audit():
    return Permission.objects.get(codename="view_auditevent")


def test_createstaff_records_the_account_it_creates(monkeypatch, django_user_model):
    monkeypatch.setenv("STAFF_PW", PASSWORD)
    call_command("createstaff", "alice", password_env="STAFF_PW", stdout=None)
    alice = django_user_model.objects.get(username="alice")
    event = last("user_create")
    assert (event.username, event.subject) == ("system", f"user:{alice.pk}")
    assert event.detail["via"] == "createstaff" and event.detail["os_user"]
    assert {k: event.detail[k] for k in ("account", "is_staff", "is_superuser")} == {
        "account": "alice",
        "is_staff": True,
        "is_superuser": False,
    }


def test_createstaff_records_what_it_changes_on_an_account(monkeypatch, plain_user):
    monkeypatch.setenv("STAFF_PW", "another-long-password-1404")
    call_command("createstaff", "reader", password_env="STAFF_PW", superuser=True, stdout=None)
    actions = [action for action, _ in about(f"user:{plain_user.pk}")]
    assert actions == ["user_create", "access_change", "password_change"]
    assert last("access_change").detail == {
        "via": "createstaff",
        "os_user": last("access_change").detail["os_user"],
        "account": "reader",
        "is_staff": [False, True],
        "is_superuser": [False, True],
    }


def test_taking_staff_away_is_recorded_by_system(staff_user):
    staff_user.is_staff = False
    staff_user.save()
    event = last("access_change")
    assert (event.username, event.detail) == (
        "system",
        {"account": "staff", "is_staff": [True, False]},
    )


def test_a_sign_in_records_the_sign_in_only(client, staff_user):
    before = AuditEvent.objects.count()
    client.post("/accounts/login/", {"username": "staff", "password": PASSWORD})
    added = AuditEvent.objects.filter(seq__gt=before).values_list("action", flat=True)
    assert list(added) == ["login"]


def test_a_group_given_and_taken_from_either_side(staff_user):
    editors = Group.objects.create(name="editors")
    staff_user.groups.add(editors)
    editors.user_set.remove(staff_user)
    assert about(f"user:{staff_user.pk}")[-1] == (
        "access_change",
        {"of": "staff", "groups_added": ["editors"]},
    )
    assert about(f"group:{editors.pk}") == [
        ("access_change", {"of": "editors", "users_removed": ["staff"]})
    ]


def test_clearing_an_accounts_groups_names_them(staff_user):
    staff_user.groups.add(Group.objects.create(name="b"), Group.objects.create(name="a"))
    staff_user.groups.clear()
    assert last("access_change").detail == {"of": "staff", "groups_removed": ["a", "b"]}


def test_permissions_of_an_account_and_of_a_group(staff_user, view_audit):
    staff_user.user_permissions.add(view_audit)
    auditors = Group.objects.create(name="auditors")
    auditors.permissions.add(view_audit)
    assert about(f"user:{staff_user.pk}")[-1][1] == {
        "of": "staff",
        "permissions_added": ["taraz_audit.view_auditevent"],
    }
    assert about(f"group:{auditors.pk}")[-1][1] == {
        "of": "auditors",
        "permissions_added": ["taraz_audit.view_auditevent"],
    }


def test_deleting_a_group_names_its_members_and_permissions(staff_user, view_audit):
    auditors = Group.objects.create(name="auditors")
    auditors.permissions.add(view_audit)
    staff_user.groups.add(auditors)
    auditors.delete()
    assert last("access_change").detail == {
        "group_deleted": "auditors",
        "members": ["staff"],
        "permissions": ["taraz_audit.view_auditevent"],
    }


def test_deleting_an_account_that_never_acted_is_recorded(plain_user):
    pk = plain_user.pk
    plain_user.delete()
    assert about(f"user:{pk}")[-1] == ("user_delete", {"account": "reader"})


def test_the_changes_are_links_of_the_chain(staff_user, view_audit):
    staff_user.groups.add(Group.objects.create(name="g"))
    staff_user.user_permissions.add(view_audit)
    staff_user.set_password("yet-another-password-1404")
    staff_user.save()
    assert verify() is None
