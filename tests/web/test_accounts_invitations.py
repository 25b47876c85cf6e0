"""Invitations: a token from `secrets`, kept only as its hash, used once, before it expires,
revocable; each step audited; taking one up makes the membership it names."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from taraz.errors import TarazError
from taraz.web.accounts import services
from taraz.web.accounts.models import Invitation
from taraz.web.audit.models import AuditEvent
from tests.web.factories import PASSWORD, BodyFactory, ExporterFactory, UserFactory

pytestmark = pytest.mark.django_db
TEHRAN = ZoneInfo("Asia/Tehran")
MADE = datetime(2025, 6, 1, 9, 0, tzinfo=TEHRAN)


@pytest.fixture
def officer():
    return UserFactory(username="an-officer")


def test_only_the_tokens_hash_is_kept(officer):
    issued = services.invite_to_exporter(
        ExporterFactory(), "admin", actor=officer, email="a@example.ir"
    )
    stored = Invitation.objects.get()
    assert stored.token_hash == hashlib.sha256(issued.token.encode()).hexdigest()
    assert issued.token not in str(list(Invitation.objects.values()))
    assert len(issued.token) >= 43  # 32 bytes from secrets


def test_making_an_invitation_is_audited_without_its_token(officer):
    issued = services.invite_to_body(
        BodyFactory(), "reviewer", actor=officer, phone="۰۹۱۲ ۳۴۵ ۶۷۸۹"
    )
    event = AuditEvent.objects.get(action="invite")
    assert (event.username, event.detail["phone"], event.detail["role"]) == (
        "an-officer",
        "09123456789",
        "reviewer",
    )
    assert issued.token not in str(event.detail)


def test_an_invitation_works_once(officer):
    exporter = ExporterFactory()
    issued = services.invite_to_exporter(exporter, "member", actor=officer, email="a@example.ir")
    first = services.accept_invitation(issued.token, UserFactory())
    with pytest.raises(TarazError) as caught:
        services.accept_invitation(issued.token, UserFactory())
    assert (first.exporter, first.role, caught.value.code) == (
        exporter,
        "member",
        "accounts.invitation-used",
    )
    assert AuditEvent.objects.filter(action="invite_accept", outcome="refused").count() == 1


def test_an_invitation_expires_after_its_days(officer):
    with time_machine.travel(MADE, tick=False):
        issued = services.invite_to_body(
            BodyFactory(), "head", actor=officer, email="h@example.ir", days=7
        )
    with time_machine.travel(MADE + timedelta(days=7, seconds=-1), tick=False):
        assert services.find_invitation(issued.token).pk
    with (
        time_machine.travel(MADE + timedelta(days=7), tick=False),
        pytest.raises(TarazError) as caught,
    ):
        services.accept_invitation(issued.token, UserFactory())
    assert caught.value.code == "accounts.invitation-expired"


def test_a_revoked_invitation_cannot_be_used(officer):
    issued = services.invite_to_body(BodyFactory(), "reviewer", actor=officer, email="r@example.ir")
    services.revoke_invitation(issued.invitation, actor=officer)
    with pytest.raises(TarazError) as caught:
        services.find_invitation(issued.token)
    assert caught.value.code == "accounts.invitation-revoked"
    assert AuditEvent.objects.filter(action="invite_revoke").count() == 1


def test_an_unknown_token_opens_nothing(client):
    response = client.get("/accounts/invitations/not-a-token/")
    assert response.status_code == 404
    assert "accounts.invitation-unknown" in response.content.decode()


def test_an_invitation_needs_an_address(officer):
    with pytest.raises(TarazError) as caught:
        services.invite_to_body(BodyFactory(), "reviewer", actor=officer)
    assert caught.value.code == "accounts.invitation-address"


def test_a_newcomer_makes_an_account_from_the_link_and_joins_the_firm(client, officer):
    exporter = ExporterFactory()
    issued = services.invite_to_exporter(exporter, "admin", actor=officer, email="boss@example.ir")
    response = client.post(
        f"/accounts/invitations/{issued.token}/",
        {"username": "boss", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert client.get(f"/exporters/{exporter.pk}/").status_code == 200
    person = exporter.memberships.get().user
    assert (person.username, person.email) == ("boss", "boss@example.ir")


def test_bad_input_on_the_invitation_page_is_said_in_each_language(client, officer):
    issued = services.invite_to_exporter(
        ExporterFactory(), "admin", actor=officer, email="x@example.ir"
    )
    fa = client.post(
        f"/accounts/invitations/{issued.token}/",
        {"username": "", "password1": "a", "password2": "b"},
    )
    en = client.post(
        f"/en/accounts/invitations/{issued.token}/",
        {"username": "", "password1": "a", "password2": "b"},
    )
    assert (fa.status_code, en.status_code) == (400, 400)
    assert "را پر کنید" in fa.content.decode() and "دو گذرواژه یکی نیستند" in fa.content.decode()
    assert (
        "Fill in User name." in en.content.decode()
        and "The two passwords differ." in en.content.decode()
    )
