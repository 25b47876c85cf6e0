"""A revision held for confirmation on the data desk (issue 8.9): the job page shows what would
change and asks; landing it or dismissing it is a staff member's deliberate, audited step, and
nothing is replaced silently."""

from __future__ import annotations

import json

import pytest

from tests.web.test_datadesk_jobs import csv_file, exports, finished_job, upload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def held(staff_client, warehouse, tmp_path):
    """D12 alone (250.00 USD, 25 Ordibehesht 1404) uploaded as the `canonical` source: it would
    replace Ordibehesht's D2 (2000.00) and D3 (1500.00), 3500.00 USD in 2 lines, and is held."""
    job = finished_job(staff_client, upload(staff_client, csv_file(tmp_path), source="canonical"))
    assert job["status"] == "held"
    return job


def files_of(settings, job_id: int) -> list[str]:
    folder = settings.TARAZ_UPLOAD_DIR / f"job-{job_id}"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_the_status_says_held_with_each_cell_before_and_after(held):
    [cell] = held["held"]
    assert {k: cell[k] for k in ("source", "flow", "province", "date_from", "date_to")} == {
        "source": "canonical",
        "flow": "X",
        "province": "IR-21",
        "date_from": "2025-04-21",  # 1 Ordibehesht 1404
        "date_to": "2025-05-21",  # 31 Ordibehesht 1404
    }
    assert (cell["value_usd_before"], cell["value_usd_after"]) == ("3500.00", "250.00")
    assert (cell["lines_before"], cell["lines_after"]) == (2, 1)
    assert (held["finished"], held["decision"]) == (True, None)


def test_the_job_page_lists_the_cells_in_persian_with_english_beside_and_asks(staff_client, held):
    html = staff_client.get(f"/desk/jobs/{held['id']}/").content.decode()
    row = html[html.index('data-cell="X IR-21 2025-04-21"') :]
    row = row[: row.index("</tr>")]
    for text in ("صادرات", "Exports", "یزد", "Yazd", "اردیبهشت ۱۴۰۴", "Ordibehesht 1404"):
        assert text in row
    assert "۳٬۵۰۰٫۰۰" in row and "۲۵۰٫۰۰" in row
    assert '<td class="n" data-value="lines_before">۲</td>' in row
    assert f'action="/desk/jobs/{held["id"]}/confirm/"' in html and "تأیید بازنگری" in html
    assert f'action="/desk/jobs/{held["id"]}/dismiss/"' in html
    assert "csrfmiddlewaretoken" in html


def test_the_english_page_shows_the_cells_with_persian_beside(staff_client, held):
    html = staff_client.get(f"/en/desk/jobs/{held['id']}/").content.decode()
    assert "Land this revision" in html and "Dismiss" in html
    assert "Ordibehesht 1404" in html and "اردیبهشت ۱۴۰۴" in html and "3,500.00" in html


def test_a_held_jobs_files_are_kept(settings, held):
    assert files_of(settings, held["id"]) == ["extra.csv"]


def test_landing_the_revision_replaces_the_month_and_is_audited(staff_client, settings, held):
    from taraz.web.audit.models import AuditEvent
    from taraz.web.datadesk.models import Job
    from taraz.web.datadesk.runner import runner

    assert exports(staff_client) == "5000.00"  # Farvardin 1500.00 + Ordibehesht 3500.00
    response = staff_client.post(f"/desk/jobs/{held['id']}/confirm/")
    assert response.status_code == 302
    assert runner().wait_idle(60)
    decided = Job.objects.get(pk=held["id"])
    landing = decided.follow_up
    assert response["Location"] == f"/desk/jobs/{landing.pk}/"
    assert (decided.status, decided.decided_by) == ("confirmed", "staff")
    [report] = landing.result
    assert (landing.status, report["status"], report["rows_loaded"]) == ("done", "loaded", 1)
    assert landing.options["confirms"] == held["id"]
    assert exports(staff_client) == "1750.00"  # Farvardin 1500.00 + Ordibehesht now 250.00
    event = AuditEvent.objects.get(action="confirm_revision")
    assert (event.username, event.subject, event.detail["job"]) == (
        "staff",
        f"job:{held['id']}",
        landing.pk,
    )
    assert event.at == decided.decided_at
    landed = AuditEvent.objects.get(action="import", subject=f"job:{landing.pk}")
    assert (landed.username, landed.outcome) == ("staff", "ok")
    assert files_of(settings, held["id"]) == files_of(settings, landing.pk) == []


def test_the_status_of_a_confirmed_revision_says_who_and_which_job_lands_it(staff_client, held):
    staff_client.post(f"/desk/jobs/{held['id']}/confirm/")
    from taraz.web.datadesk.runner import runner

    assert runner().wait_idle(60)
    data = json.loads(staff_client.get(f"/desk/jobs/{held['id']}.json").content)
    assert (data["status"], data["decision"]["by"], len(data["held"])) == ("confirmed", "staff", 1)
    page = staff_client.get(f"/desk/jobs/{held['id']}/").content.decode()
    assert f'href="/desk/jobs/{data["decision"]["job"]}/"' in page
    assert "/confirm/" not in page  # asked once


def test_dismissing_removes_the_files_and_changes_nothing(staff_client, settings, held):
    from taraz.web.audit.models import AuditEvent
    from taraz.web.datadesk.models import Job

    response = staff_client.post(f"/desk/jobs/{held['id']}/dismiss/")
    assert (response.status_code, response["Location"]) == (302, f"/desk/jobs/{held['id']}/")
    job = Job.objects.get(pk=held["id"])
    assert (job.status, job.decided_by, job.follow_up) == ("dismissed", "staff", None)
    assert files_of(settings, held["id"]) == []
    assert exports(staff_client) == "5000.00"
    event = AuditEvent.objects.get(action="dismiss_revision")
    assert (event.username, event.subject, event.detail["files"]) == (
        "staff",
        f"job:{held['id']}",
        ["extra.csv"],
    )


def test_a_revision_is_decided_once(staff_client, held):
    from taraz.web.datadesk.models import Job

    staff_client.post(f"/desk/jobs/{held['id']}/dismiss/")
    again = staff_client.post(f"/desk/jobs/{held['id']}/confirm/", follow=True)
    assert "datadesk.not-held" in again.content.decode()
    assert Job.objects.get(pk=held["id"]).status == "dismissed"
    assert Job.objects.count() == 1  # no import was queued


@pytest.mark.parametrize("decision", ["confirm", "dismiss"])
def test_a_decision_needs_csrf(staff_user, held, decision):
    from django.test import Client

    from taraz.web.datadesk.models import Job

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff_user)
    assert strict.post(f"/desk/jobs/{held['id']}/{decision}/").status_code == 403
    assert Job.objects.get(pk=held["id"]).status == "held"


@pytest.mark.parametrize("decision", ["confirm", "dismiss"])
def test_a_user_who_is_not_staff_cannot_decide(client, plain_user, held, decision):
    from taraz.web.datadesk.models import Job

    client.force_login(plain_user)
    assert client.post(f"/desk/jobs/{held['id']}/{decision}/").status_code == 403
    assert Job.objects.get(pk=held["id"]).status == "held"


@pytest.mark.parametrize("decision", ["confirm", "dismiss"])
def test_a_decision_is_a_post(staff_client, held, decision):
    assert staff_client.get(f"/desk/jobs/{held['id']}/{decision}/").status_code == 405


def test_a_restart_keeps_a_held_jobs_files(settings, held):
    from taraz.web.datadesk.runner import runner

    runner().recover()
    assert runner().wait_idle(60)
    assert files_of(settings, held["id"]) == ["extra.csv"]
