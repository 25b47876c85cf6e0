"""Who may reach what: the public pages and the API are open to everyone; every page of the
data desk is for logged-in staff only (anonymous: sent to log in; not staff: 403)."""

from __future__ import annotations

import pytest

from tests.fixtures import TRADE_PERIOD as PERIOD

pytestmark = pytest.mark.django_db

DESK_GET = [
    "/desk/",
    "/desk/jobs/1/",
    "/desk/jobs/1.json",
    "/desk/batches/B00001/",
    "/desk/batches/B00001/revert/",
    "/desk/batches/B00001/quarantine.xlsx",
    "/desk/audit/",
    "/en/desk/",
]
DESK_POST = [
    "/desk/upload/",
    "/desk/batches/B00001/revert/",
    "/desk/jobs/1/confirm/",
    "/desk/jobs/1/dismiss/",
]
PUBLIC = [
    "/",
    "/en/",
    "/definitions/",
    f"/api/v1/totals?period={PERIOD}",
    "/api/v1/codes/sectors",
    "/api/v1/docs",
    "/api/v1/openapi.json",
    "/accounts/login/",
]


@pytest.fixture
def a_job(staff_user):
    from taraz.web.datadesk.models import Job

    return Job.objects.create(
        pk=1, kind=Job.Kind.REVERT, status=Job.Status.DONE, username="staff", batch_id="B00001"
    )


@pytest.mark.parametrize("url", DESK_GET)
def test_anonymous_is_sent_to_log_in(client, warehouse, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/?next=" in response["Location"]


@pytest.mark.parametrize("url", DESK_POST)
def test_anonymous_cannot_post(client, warehouse, url):
    response = client.post(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", DESK_GET)
def test_non_staff_user_is_refused(user_client, warehouse, url):
    response = user_client.get(url)
    assert response.status_code == 403
    assert "Access denied" in response.content.decode()


@pytest.mark.parametrize("url", DESK_POST)
def test_non_staff_user_cannot_post(user_client, warehouse, url):
    assert user_client.post(url).status_code == 403


@pytest.mark.parametrize("url", DESK_GET)
def test_staff_may_enter(staff_client, warehouse, a_job, url):
    assert staff_client.get(url).status_code == 200


@pytest.mark.parametrize("url", PUBLIC)
@pytest.mark.parametrize("who", ["client", "user_client", "staff_client"])
def test_public_pages_are_open_to_everyone(request, warehouse, url, who):
    client = request.getfixturevalue(who)
    assert client.get(url).status_code == 200


def test_login_page_logs_staff_in(client, warehouse, staff_user):
    from tests.web.conftest import PASSWORD

    response = client.post("/accounts/login/", {"username": "staff", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/desk/").status_code == 200


def test_login_needs_csrf(warehouse, staff_user):
    from django.test import Client

    from tests.web.conftest import PASSWORD

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"username": "staff", "password": PASSWORD})
    assert response.status_code == 403


def test_failed_login_is_audited(client, warehouse, staff_user):
    from taraz.web.audit.models import AuditEvent

    client.post("/accounts/login/", {"username": "staff", "password": "wrong"})
    event = AuditEvent.objects.get(action="login_failed")
    assert (event.username, event.outcome) == ("staff", "failed")


def test_repeated_failed_logins_are_throttled_even_with_the_right_password(
    client, warehouse, staff_user
):
    from django.conf import settings

    from tests.web.conftest import PASSWORD

    for _ in range(settings.TARAZ_LOGIN_MAX_FAILURES):
        assert (
            client.post("/accounts/login/", {"username": "staff", "password": "wrong"}).status_code
            == 200
        )
    refused = client.post("/accounts/login/", {"username": "staff", "password": PASSWORD})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert client.get("/desk/").status_code == 302  # still not logged in


def test_a_successful_login_clears_the_failures(client, warehouse, staff_user):
    from django.conf import settings

    from tests.web.conftest import PASSWORD

    for _ in range(settings.TARAZ_LOGIN_MAX_FAILURES - 1):
        client.post("/accounts/login/", {"username": "staff", "password": "wrong"})
    assert (
        client.post("/accounts/login/", {"username": "staff", "password": PASSWORD}).status_code
        == 302
    )
    client.logout()
    assert (
        client.post("/accounts/login/", {"username": "staff", "password": "wrong"}).status_code
        == 200
    )


def failed_sign_ins(client, username: str, times: int, first_ip: int = 1) -> None:
    """`times` wrong passwords for `username`, each from another address (so that only the
    per-name count adds up)."""
    for n in range(times):
        client.post(
            "/accounts/login/",
            {"username": username, "password": "wrong"},
            REMOTE_ADDR=f"198.51.100.{first_ip + n}",
        )


@pytest.mark.parametrize(
    "spelling", ["ｓtaff", "ＳＴＡＦＦ", "𝐬𝐭𝐚𝐟𝐟", "Staff", "staff ", "ˢtaff", "ſtaff"]
)
def test_a_locked_name_stays_locked_under_any_spelling(client, warehouse, staff_user, spelling):
    from django.conf import settings

    from tests.web.conftest import PASSWORD

    failed_sign_ins(client, "staff", settings.TARAZ_LOGIN_MAX_FAILURES)
    refused = client.post(
        "/accounts/login/",
        {"username": spelling, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
    )
    assert refused.status_code == 429
    assert client.get("/desk/").status_code == 302  # not signed in


def test_failures_under_look_alike_spellings_add_up(client, warehouse, staff_user):
    from django.conf import settings

    from tests.web.conftest import PASSWORD

    spellings = ["staff", "ｓtaff", "𝐬𝐭𝐚𝐟𝐟", "STAFF", "ｓｔａｆｆ"]
    for n in range(settings.TARAZ_LOGIN_MAX_FAILURES):
        failed_sign_ins(client, spellings[n % len(spellings)], 1, first_ip=n + 1)
    refused = client.post(
        "/accounts/login/", {"username": "staff", "password": PASSWORD}, REMOTE_ADDR="203.0.113.8"
    )
    assert refused.status_code == 429


def test_refused_sign_ins_are_audited(client, warehouse, staff_user):
    from django.conf import settings

    from taraz.web.audit.models import AuditEvent
    from tests.web.conftest import PASSWORD

    failed_sign_ins(client, "staff", settings.TARAZ_LOGIN_MAX_FAILURES)
    client.post(
        "/accounts/login/", {"username": "ｓtaff", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    event = AuditEvent.objects.get(action="login_failed", outcome="throttled")
    assert (event.username, event.ip) == ("ｓtaff", "203.0.113.9")
    assert event.detail == {"code": "web.sign-in-throttled", "name": "staff"}


def test_the_throttle_follows_its_settings(client, warehouse, staff_user, settings):
    from tests.web.conftest import PASSWORD

    settings.TARAZ_LOGIN_MAX_FAILURES = 2
    settings.TARAZ_LOGIN_WINDOW = 1800
    failed_sign_ins(client, "staff", 2)
    refused = client.post("/accounts/login/", {"username": "staff", "password": PASSWORD})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "1800"
    assert "۳۰ دقیقه" in refused.content.decode()


def test_the_audit_page_numbers_each_event(staff_client, warehouse):
    from taraz.web.audit.models import AuditEvent

    last = AuditEvent.objects.latest("seq")  # the staff member's sign-in, at least
    html = staff_client.get("/en/desk/audit/").content.decode()
    assert f"<tr><td>{last.seq}</td>" in html
