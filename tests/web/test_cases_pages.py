"""The cases' pages in Persian: no Latin digit in their text outside an isolate (`<bdi>`, a
code), at every state of a case; the English pages speak English; bad input on a step shows
the form's message in the page's language."""

from __future__ import annotations

import re

import pytest

from tests.web.cases_world import case_in, pdf, write_procedure
from tests.web.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cw(world, tmp_path, settings):
    from taraz.web.cases import services as cases
    from taraz.web.cases.measured import forget

    settings.TARAZ_CASE_FILES = tmp_path / "case-files"
    world.users["head"] = UserFactory(username="head")
    MembershipFactory(user=world.users["head"], body=world.body_routed, role="head")
    cases.load_procedures(write_procedure(tmp_path / "procedures"))
    # the factories number their firms in Latin digits: a Persian name as a firm writes it
    type(world.exporter_a).objects.filter(pk=world.exporter_a.pk).update(
        name_fa="کاشی یزد", name_en="Yazd Tile"
    )
    world.exporter_a.refresh_from_db()
    from taraz.fa import to_persian_digits
    from taraz.web.accounts.models import Body

    for body in Body.objects.all():
        Body.objects.filter(pk=body.pk).update(name_fa=to_persian_digits(body.name_fa))
    forget()
    yield world
    forget()


def persian_text(html: str) -> str:
    body = html.split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0]
    body = re.sub(r"<(bdi|code)\b[^>]*>.*?</\1>", " ", body, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\u2068[^\u2069]*\u2069", " ", text)


def latin_digits(html: str) -> list[str]:
    return re.findall(r".{0,20}[0-9]+", persian_text(html))


@pytest.mark.parametrize(
    "state", ["draft", "screening", "returned", "in_review", "decision", "approved"]
)
def test_a_persian_case_page_has_no_latin_digit(cw, state):
    from taraz.web.cases import services as cases

    case = case_in(cw, state)
    if state == "in_review":
        cases.transition(case.pk, "ask", cw.users["body_routed"], question="وزن ۱۲ تن درست است؟")
    for role in ("exporter_a", "officer", "body_routed", "signatory"):
        response = cw.client(role).get(f"/cases/{case.pk}/")
        unseen = (role != "exporter_a" and state == "draft") or (
            role == "body_routed" and state in ("draft", "screening", "returned")
        )
        if unseen:
            assert response.status_code == 404, (role, state)
        else:
            assert response.status_code == 200, role
            assert latin_digits(response.content.decode()) == [], (role, state)


def test_the_persian_queues_and_home_have_no_latin_digit(cw):
    case_in(cw, "decision")
    for role, url in (
        ("exporter_a", "/cases/"),
        ("officer", "/cases/queue/"),
        ("body_routed", "/cases/body/"),
        ("signatory", "/cases/decisions/"),
        ("anonymous", "/procedures/"),
        ("anonymous", "/procedures/test-permit/"),
    ):
        response = cw.client(role).get(url)
        assert response.status_code == 200, url
        assert latin_digits(response.content.decode()) == [], url


def test_the_english_case_page_speaks_english(cw):
    case = case_in(cw, "in_review")
    html = cw.client("exporter_a").get(f"/en/cases/{case.pk}/").content.decode()
    assert "with the bodies" in html and "timeline" in html and "Route to the bodies" in html
    assert "پرونده" not in persian_text(html).replace(case.subject, "")


def test_an_empty_reason_shows_the_message_in_the_pages_language(cw):
    case = case_in(cw, "screening")
    client = cw.client("officer")
    response = client.post(f"/cases/{case.pk}/do/return/", {"reasons": ""})
    assert response.status_code == 400
    assert "دلیل" in response.content.decode() and "را پر کنید" in response.content.decode()
    response = client.post(f"/en/cases/{case.pk}/do/return/", {"reasons": ""})
    assert response.status_code == 400 and "Reasons" in response.content.decode()


def test_a_step_someone_else_took_first_says_so(cw):
    from taraz.web.cases import services as cases

    case = case_in(cw, "submitted")
    other = UserFactory(username="officer2")
    MembershipFactory(user=other, body=cw.organization, role="officer")
    cases.transition(case.pk, "take", other)
    response = cw.client("officer").post(f"/cases/{case.pk}/do/take/", {}, follow=True)
    assert response.status_code == 200
    assert "شدنی نیست" in response.content.decode()


def test_a_document_is_served_as_an_attachment_to_those_who_see_the_case(cw):
    case = case_in(cw, "in_review")
    doc = case.documents.get()
    response = cw.client("body_routed").get(f"/cases/{case.pk}/documents/{doc.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert cw.client("body_other").get(f"/cases/{case.pk}/documents/{doc.pk}/").status_code == 404


def test_an_upload_of_the_wrong_type_is_refused_on_the_page(cw):
    from taraz.web.cases import services as cases

    case = cases.open_case(
        cases.procedure_for("test-permit"), cw.exporter_a, actor=cw.users["exporter_a"], subject="x"
    )
    response = cw.client("exporter_a").post(
        f"/cases/{case.pk}/documents/",
        {"kind": "card", "file": pdf("card.pdf", b"<html>not a pdf</html>")},
    )
    assert response.status_code == 400
    assert "PDF" in response.content.decode() and case.documents.count() == 0


def test_a_bodys_queue_puts_the_overdue_first_and_counts_working_days(cw):
    from django.utils import timezone

    from taraz.web.cases import services as cases

    recent = case_in(cw, "in_review")
    old = case_in(cw, "screening")
    long_ago = timezone.now() - timezone.timedelta(days=30)
    cases.transition(old.pk, "route", cw.users["officer"], now=long_ago, bodies=["yazd-chamber"])
    advised = case_in(cw, "in_review")
    cases.transition(advised.pk, "advise", cw.users["body_routed"], advice="no_objection")
    queue = list(cases.body_queue(cw.users["body_routed"]))
    assert [r.case_id for r in queue] == [old.pk, recent.pk, advised.pk]
    cases.days_left(queue)
    # 30 calendar days ago the chamber had 3 working days: overdue by every working day since
    calendar = cases.work_calendar()
    due = queue[0].due_on
    assert queue[0].days_left == -calendar.working_days(due, timezone.localdate())
    assert queue[0].days_left < 0 and queue[1].days_left >= 0
    html = cw.client("body_routed").get("/cases/body/").content.decode()
    assert "روز کاری دیرکرد" in html and latin_digits(html) == []


def test_the_public_measures_count_every_finished_case(cw):
    from taraz.web.cases import services as cases
    from taraz.web.cases.measured import measured

    decided = [case_in(cw, "approved") for _ in range(5)]
    asked = case_in(cw, "in_review")
    cases.transition(asked.pk, "ask", cw.users["officer"], question="وزن؟")  # the organization's
    case_in(cw, "draft")
    figures = measured(fresh=True)
    total = next(c for c in figures.cells if c.step == "total" and c.quarter is None)
    assert total.cases == len(decided) and not total.too_few
    assert total.median == 0  # each was decided the day it was submitted
    assert figures.cases == 6  # five decided, one in review; the draft is not measured
    payload = cw.client("anonymous").get("/api/v1/procedures/test-permit").json()
    cells = {(c["step"], c["quarter"]): c for c in payload["procedures"][0]["measured"]}
    assert cells[("total", None)]["cases"] == 5 and cells[("total", None)]["median"] == "0.0"


def test_the_queue_pages_keep_the_order_of_submission(cw, monkeypatch):
    from taraz.web.cases import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    submitted = [case_in(cw, "submitted") for _ in range(3)]
    client = cw.client("officer")
    pages = [client.get(f"/cases/queue/?state=submitted&page={n}") for n in (1, 2)]
    shown = [re.findall(r'href="/cases/(\d+)/"', p.content.decode()) for p in pages]
    assert shown == [[str(c.pk) for c in submitted[:2]], [str(submitted[2].pk)]]


def test_a_kept_procedure_page_shows_a_body_s_new_name(cw):
    from taraz.web.accounts.models import Body

    client = cw.client("anonymous")
    chamber = Body.objects.get(code="yazd-chamber")
    assert chamber.name_en in client.get("/en/procedures/test-permit/").content.decode()
    Body.objects.filter(pk=chamber.pk).update(name_en="The chamber, renamed")
    assert "The chamber, renamed" in client.get("/en/procedures/test-permit/").content.decode()


def _queue_table_made(response) -> bool:
    return "cases/_queue_table.html" in [t.name for t in response.templates]


def test_the_queue_shows_each_change_at_once_and_keeps_an_unchanged_table(cw):
    """The queue's table is kept under what it shows, read afresh on every request: asked
    again unchanged, it is not made again; a step, a new case or a firm's new name shows on the
    very next request."""
    from taraz.web.answers import answers
    from taraz.web.cases import services as cases

    answers().clear()
    case = case_in(cw, "submitted")
    client = cw.client("officer")
    row = re.compile(rf'href="(?:/en)?/cases/{case.pk}/".*?</tr>', re.S)

    first = client.get("/en/cases/queue/")
    assert _queue_table_made(first)
    assert "state-submitted" in row.search(first.content.decode()).group(0)
    again = client.get("/en/cases/queue/")
    assert not _queue_table_made(again)  # kept: nothing it shows changed
    assert again.content.decode().count("</tr>") == first.content.decode().count("</tr>")

    cases.transition(case.pk, "take", cw.users["officer"])
    taken = client.get("/en/cases/queue/")
    assert _queue_table_made(taken)
    shown = row.search(taken.content.decode()).group(0)
    assert "state-screening" in shown and "officer" in shown  # the new state, the screener

    type(cw.exporter_a).objects.filter(pk=cw.exporter_a.pk).update(name_en="Yazd Tile, renamed")
    assert "Yazd Tile, renamed" in row.search(client.get("/en/cases/queue/").content.decode())[0]
    fa = client.get("/cases/queue/").content.decode()  # the Persian table is its own
    assert "کاشی یزد" in row.search(fa).group(0)

    other = case_in(cw, "submitted")
    assert f'href="/en/cases/{other.pk}/"' in client.get("/en/cases/queue/").content.decode()
    screening = "/en/cases/queue/?state=screening"
    assert f'href="/en/cases/{case.pk}/"' in client.get(screening).content.decode()
    cases.transition(case.pk, "return", cw.users["officer"], reasons="پیش‌فاکتور را بیفزایید")
    assert f'href="/en/cases/{case.pk}/"' not in client.get(screening).content.decode()


def test_the_other_language_link_keeps_the_page_and_its_query(cw):
    client = cw.client("officer")
    for url, other in (
        ("/cases/queue/?state=screening&page=2", "/en/cases/queue/?state=screening&amp;page=2"),
        ("/en/cases/queue/?state=screening", "/cases/queue/?state=screening"),
        ("/cases/queue/", "/en/cases/queue/"),
        ("/en/procedures/test-permit/", "/procedures/test-permit/"),
    ):
        for _ in range(2):  # made, then kept
            html = client.get(url).content.decode()
            assert f'<a href="{other}" lang=' in html, url
