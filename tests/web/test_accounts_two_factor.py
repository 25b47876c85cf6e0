"""Two-factor sign-in (TOTP through django-otp) for signatories and administrators: no page
before the check, enrolment with a QR and backup codes, real codes under a frozen clock, and a
fresh check for sensitive actions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import RequestFactory
from django_otp.oath import TOTP

from taraz.web.accounts import services
from taraz.web.audit.models import AuditEvent
from tests.web.factories import PASSWORD, MembershipFactory, UserFactory
from tests.web.roles import TOTP_KEY, totp_device

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 6, 1, 6, 30, tzinfo=UTC)


def code_at(key_hex: str, moment: datetime) -> str:
    totp = TOTP(bytes.fromhex(key_hex))
    totp.time = moment.timestamp()
    return f"{totp.token():06d}"


@pytest.fixture
def signatory(client):
    person = UserFactory(username="signer")
    MembershipFactory(user=person, role="signatory")
    return person


def sign_in(client, username: str):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD})


def test_the_rfc_6238_secret_gives_its_published_code():
    # RFC 6238 appendix B: SHA-1, T = 59 s gives 94287082 (8 digits); 6 digits keep 287082
    assert code_at(TOTP_KEY, datetime.fromtimestamp(59, UTC)) == "287082"


def test_a_signatory_without_an_authenticator_is_sent_to_enrol_before_any_page(client, signatory):
    sign_in(client, "signer")
    response = client.get("/exporters/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/enrol/?next=%2Fexporters%2F")


def test_a_signatory_with_an_authenticator_is_sent_to_verify(client, signatory):
    totp_device(signatory)
    sign_in(client, "signer")
    assert client.get("/").status_code == 302
    assert client.get("/")["Location"].startswith("/accounts/2fa/verify/")


def test_an_administrator_needs_the_second_factor_too(client):
    person = UserFactory(username="admin2")
    MembershipFactory(user=person, role="administrator")
    sign_in(client, "admin2")
    assert client.get("/accounts/bodies/").status_code == 302


def test_an_officer_needs_no_second_factor(client):
    MembershipFactory(user=UserFactory(username="off"), role="officer")
    sign_in(client, "off")
    assert client.get("/exporters/").status_code == 200


def test_enrolment_shows_a_qr_and_takes_the_apps_code(client, signatory):
    with time_machine.travel(NOW, tick=False):
        sign_in(client, "signer")
        page = client.get("/accounts/2fa/enrol/")
        key = signatory.totpdevice_set.get(confirmed=False).key
        done = client.post(
            "/accounts/2fa/enrol/", {"code": code_at(key, NOW), "next": "/exporters/"}
        )
        after = client.get("/exporters/")
    assert "<svg" in page.content.decode()
    assert done.status_code == 200
    assert signatory.staticdevice_set.get().token_set.count() == 10
    assert after.status_code == 200
    assert AuditEvent.objects.filter(action="otp_enrol", outcome="ok").count() == 1


def test_a_right_code_lets_the_signatory_in(client, signatory):
    totp_device(signatory)
    with time_machine.travel(NOW, tick=False):
        sign_in(client, "signer")
        response = client.post(
            "/accounts/2fa/verify/", {"code": code_at(TOTP_KEY, NOW), "next": "/exporters/"}
        )
        after = client.get("/exporters/")
    assert (response.status_code, response["Location"]) == (302, "/exporters/")
    assert after.status_code == 200
    assert AuditEvent.objects.filter(action="otp_verify", outcome="ok").count() == 1


def test_a_code_from_five_minutes_ago_is_refused_and_audited(client, signatory):
    totp_device(signatory)
    sign_in(client, "signer")
    with time_machine.travel(NOW, tick=False):
        old = code_at(TOTP_KEY, datetime.fromtimestamp(NOW.timestamp() - 300, UTC))
        response = client.post("/accounts/2fa/verify/", {"code": old})
    assert response.status_code == 400
    assert "کد درست نیست" in response.content.decode()
    assert client.get("/exporters/").status_code == 302
    assert AuditEvent.objects.filter(action="otp_verify", outcome="failed").count() == 1


def test_a_code_is_not_taken_twice(client, signatory):
    totp_device(signatory)
    sign_in(client, "signer")
    with time_machine.travel(NOW, tick=False):
        code = code_at(TOTP_KEY, NOW)
        client.post("/accounts/2fa/verify/", {"code": code})
        other = type(client)()
        sign_in(other, "signer")
        again = other.post("/accounts/2fa/verify/", {"code": code})
    assert again.status_code == 400


def test_a_backup_code_works_once(client, signatory):
    totp_device(signatory)
    from django_otp.plugins.otp_static.models import StaticDevice

    StaticDevice.objects.create(user=signatory, name="backup").token_set.create(token="abcd2345")
    sign_in(client, "signer")
    assert client.post("/accounts/2fa/verify/", {"code": "abcd2345"}).status_code == 302
    other = type(client)()
    sign_in(other, "signer")
    assert other.post("/accounts/2fa/verify/", {"code": "abcd2345"}).status_code == 400


def test_repeated_wrong_codes_are_throttled(client, signatory):
    totp_device(signatory)
    sign_in(client, "signer")
    with time_machine.travel(NOW, tick=False):
        client.post("/accounts/2fa/verify/", {"code": "000000"})
        refused = client.post("/accounts/2fa/verify/", {"code": "000000"})
    assert refused.status_code == 429
    assert AuditEvent.objects.filter(action="otp_verify", outcome="throttled").exists()


def test_a_fresh_check_is_asked_for_after_its_minutes(signatory):
    device = totp_device(signatory)
    request = RequestFactory().post("/")
    request.user = signatory
    request.session = {}
    with time_machine.travel(NOW, tick=False):
        from django_otp import DEVICE_ID_SESSION_KEY

        signatory.otp_device = device
        request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        request.session["taraz_2fa_at"] = NOW.timestamp()
        signatory.is_verified = lambda: True
        services.require_fresh_2fa(request, minutes=5)
    with (
        time_machine.travel(NOW.timestamp() + 301, tick=False),
        pytest.raises(services.FreshTwoFactorRequired),
    ):
        services.require_fresh_2fa(request, minutes=5)


def test_a_view_that_asks_for_a_fresh_check_sends_the_person_to_it(
    signatory_client, world, monkeypatch
):
    from taraz.web.accounts.middleware import TwoFactorMiddleware

    request = RequestFactory().post("/exporters/1/verify/")
    request.user = world.users["signatory"]
    response = TwoFactorMiddleware(lambda r: None).process_exception(
        request, services.FreshTwoFactorRequired(5)
    )
    assert response["Location"].startswith(
        "/accounts/2fa/verify/?next=%2Fexporters%2F1%2Fverify%2F&fresh=1"
    )


def test_the_sign_in_throttle_holds_on_the_one_sign_in(client, settings):
    UserFactory(username="victim")
    for _ in range(settings.TARAZ_LOGIN_MAX_FAILURES):
        client.post("/accounts/login/", {"username": "victim", "password": "wrong"})
    refused = client.post("/accounts/login/", {"username": "victim", "password": PASSWORD})
    assert refused.status_code == 429


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_the_check_sends_back_only_to_this_site(client, signatory, target):
    totp_device(signatory)
    with time_machine.travel(NOW, tick=False):
        sign_in(client, "signer")
        response = client.post(
            "/accounts/2fa/verify/", {"code": code_at(TOTP_KEY, NOW), "next": target}
        )
    assert (response.status_code, response["Location"]) == (302, "/accounts/")


def test_reloading_the_enrolment_page_keeps_the_secret_the_app_scanned(client, signatory):
    sign_in(client, "signer")
    client.get("/accounts/2fa/enrol/")
    first = signatory.totpdevice_set.get().key
    client.get("/accounts/2fa/enrol/")
    assert signatory.totpdevice_set.get().key == first
