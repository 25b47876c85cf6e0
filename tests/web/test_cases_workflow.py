"""The case workflow through its one service: every allowed and every forbidden step for every
role, the guards, the events and the audit records each step writes, and what the clock and the
questions do. The procedure is the tests' own (tests/web/cases_world.py)."""

from __future__ import annotations

import io
from datetime import date, datetime, time

import pytest
from django.utils import timezone

from taraz.errors import TarazError
from tests.web.cases_world import PATH, case_in, pdf, write_procedure
from tests.web.factories import MembershipFactory, UserFactory
from tests.web.roles import ROLES

pytestmark = pytest.mark.django_db

CASE_ROLES = (*ROLES, "head")


@pytest.fixture
def cw(world, tmp_path, settings):
    """The world, a head at the routed body (the chamber), and the test procedure loaded."""
    from taraz.web.cases import services as cases

    settings.TARAZ_CASE_FILES = tmp_path / "case-files"
    world.users["head"] = UserFactory(username="head")
    MembershipFactory(user=world.users["head"], body=world.body_routed, role="head")
    cases.load_procedures(write_procedure(tmp_path / "procedures"))
    return world


def test_the_whole_path_from_draft_to_approval(cw):
    from taraz.web.audit.models import AuditEvent
    from taraz.web.cases.models import CaseEvent, Notification

    case = case_in(cw, "decision")
    from taraz.web.cases import services as cases

    cases.transition(case.pk, "approve", cw.users["signatory"])
    case.refresh_from_db()
    assert case.state == "approved" and case.decided_by == cw.users["signatory"]
    assert case.reference.endswith("/TP/00001")
    events = list(CaseEvent.objects.filter(case=case).order_by("seq"))
    assert [(e.seq, e.action, e.from_state, e.to_state) for e in events] == [
        (1, "create", "", "draft"),
        (2, "submit", "draft", "submitted"),
        (3, "take", "submitted", "screening"),
        (4, "route", "screening", "in_review"),
        (5, "advise", "in_review", "in_review"),
        (6, "countersign", "in_review", "decision"),
        (7, "approve", "decision", "approved"),
    ]
    assert [e.body.code if e.body else None for e in events][3:6] == [
        None,
        "yazd-chamber",
        "yazd-chamber",
    ]
    steps = AuditEvent.objects.filter(action="case_step", subject=f"case:{case.pk}")
    assert sorted(e.detail["step"] for e in steps) == sorted([*(a for a, _, _ in PATH), "approve"])
    # the applicant was told of the routing and the approval; the chamber's people of the
    # routing; the signatory that a decision waits
    told = {
        (n.user.username, n.subject.split(" — ")[1].split(" / ")[1])
        for n in Notification.objects.all()
    }
    assert ("exporter_a", "Routed to the bodies") in told
    assert ("exporter_a", "Approved") in told
    assert ("body_routed", "A case for your advice") in told
    assert ("signatory", "A case awaits your decision") in told


def test_routing_sets_each_bodys_due_date_in_working_days(cw):
    from taraz.calendar.workdays import configured_calendar
    from taraz.web.cases import services as cases

    case = case_in(cw, "screening")
    # Saturday 3 Khordad 1404 (24 May 2025), 10:00 in Tehran: the chamber has 3 working days
    # (Sun 25, Mon 26, Tue 27 May: no holiday that week), the standards body 5 (Wed 28, and
    # Thursday 29 May, a working day in the packaged rules, whose weekend is Friday only)
    now = timezone.make_aware(datetime.combine(date(2025, 5, 24), time(10)))
    assert configured_calendar().is_working(date(2025, 5, 29))
    cases.transition(
        case.pk, "route", cw.users["officer"], now=now, bodies=["yazd-chamber", "yazd-inso"]
    )
    due = {r.body.code: r.due_on for r in case.reviews.all()}
    assert due == {"yazd-chamber": date(2025, 5, 27), "yazd-inso": date(2025, 5, 29)}


# -- every step for every role ----------------------------------------------------------------

# the state each action is tried from, the data it needs, and who may take it there
TRIES = {
    "submit": ("draft", {}, {"exporter_a"}),
    "take": ("submitted", {}, {"officer"}),
    "return": ("screening", {"reasons": "ناقص"}, {"officer"}),  # the officer screened it
    "resubmit": ("returned", {}, {"exporter_a"}),
    "route": ("screening", {"bodies": ["yazd-chamber"]}, {"officer"}),
    "ask": ("in_review", {"question": "سیاههٔ بسته‌بندی؟"}, {"body_routed", "officer"}),
    "advise": (
        "in_review",
        {"advice": "conditions", "reasons": "با بسته‌بندی دریایی"},
        {"body_routed"},
    ),
    "approve": ("decision", {}, {"signatory"}),
    "refuse": ("decision", {"reasons": "نظر مخالف"}, {"signatory"}),
    "withdraw": ("screening", {}, {"exporter_a"}),
}


@pytest.mark.parametrize("action", sorted(TRIES))
@pytest.mark.parametrize("role", CASE_ROLES)
def test_who_may_take_each_step(cw, action, role):
    from taraz.web.cases import services as cases

    state, data, allowed = TRIES[action]
    case = case_in(cw, state)
    actor = cw.users.get(role)
    if role in allowed:
        cases.transition(case.pk, action, actor, **data)
        case.refresh_from_db()
        assert case.events.order_by("-seq").first().action == action
    else:
        with pytest.raises(TarazError) as refused:
            cases.transition(case.pk, action, actor, **data)
        assert refused.value.code == "cases.not-allowed"
        assert case.events.count() == len(list(case.events.all()))  # nothing appended
        case.refresh_from_db()
        assert case.state == state


@pytest.mark.parametrize("action", sorted(TRIES))
def test_a_step_from_a_state_it_does_not_start_from_is_refused(cw, action):
    from taraz.web.cases import services as cases
    from taraz.web.cases.workflow import BY_ACTION

    wrong = next(s for s in ("approved", "draft", "decision") if s not in BY_ACTION[action].sources)
    case = case_in(cw, wrong)
    before = case.events.count()
    _, data, allowed = TRIES[action]
    with pytest.raises(TarazError) as refused:
        cases.transition(case.pk, action, cw.users[sorted(allowed)[0]], **data)
    assert refused.value.code == "cases.not-now"
    assert case.events.count() == before


def test_every_action_of_the_table_has_a_handler():
    from taraz.web.cases.services import HANDLERS
    from taraz.web.cases.workflow import ACTIONS

    assert set(HANDLERS) == set(ACTIONS)


# -- guards -----------------------------------------------------------------------------------


def test_a_signatory_who_screened_the_case_does_not_decide_it(cw):
    from taraz.web.cases import services as cases

    both = cw.users["signatory"]
    MembershipFactory(user=both, body=cw.organization, role="officer")
    case = case_in(cw, "submitted")
    cases.transition(case.pk, "take", both)
    cases.transition(case.pk, "route", both, bodies=["yazd-chamber"])
    cases.transition(case.pk, "advise", cw.users["body_routed"], advice="no_objection")
    cases.transition(case.pk, "countersign", cw.users["head"])
    with pytest.raises(TarazError) as refused:
        cases.transition(case.pk, "approve", both)
    assert refused.value.code == "cases.screener-decides"


def test_submitting_needs_every_required_document(cw):
    from taraz.web.cases import services as cases

    case = cases.open_case(
        cases.procedure_for("test-permit"), cw.exporter_a, actor=cw.users["exporter_a"], subject="x"
    )
    with pytest.raises(TarazError) as refused:
        cases.transition(case.pk, "submit", cw.users["exporter_a"])
    assert refused.value.code == "cases.documents-missing" and refused.value.fields["n"] == 1


def test_routing_needs_the_required_bodies(cw):
    from taraz.web.cases import services as cases

    case = case_in(cw, "screening")
    with pytest.raises(TarazError) as refused:
        cases.transition(case.pk, "route", cw.users["officer"], bodies=["yazd-inso"])
    assert refused.value.code == "cases.required-body"


def test_a_changed_advice_ends_the_countersign_and_the_case_waits_again(cw):
    from taraz.web.cases import services as cases

    case = case_in(cw, "decision")
    cases.transition(
        case.pk, "advise", cw.users["body_routed"], advice="conditions", reasons="بسته‌بندی"
    )
    case.refresh_from_db()
    review = case.reviews.get(body__code="yazd-chamber")
    assert case.state == "in_review" and review.countersigned_at is None
    assert case.events.order_by("-seq").first().detail["countersign_ended"] is True
    cases.transition(case.pk, "countersign", cw.users["head"])
    case.refresh_from_db()
    assert case.state == "decision"


def test_the_head_does_not_countersign_their_own_advice(cw):
    from taraz.web.cases import services as cases

    MembershipFactory(user=cw.users["head"], body=cw.body_routed, role="reviewer")
    case = case_in(cw, "in_review")
    cases.transition(case.pk, "advise", cw.users["head"], advice="no_objection")
    with pytest.raises(TarazError) as refused:
        cases.transition(case.pk, "countersign", cw.users["head"])
    assert refused.value.code == "cases.countersign-own"


def test_an_objection_cannot_be_approved_only_refused(cw):
    from taraz.web.cases import services as cases

    case = case_in(cw, "in_review")
    cases.transition(
        case.pk, "advise", cw.users["body_routed"], advice="objection", reasons="آلودگی"
    )
    cases.transition(case.pk, "countersign", cw.users["head"])
    with pytest.raises(TarazError) as refused:
        cases.transition(case.pk, "approve", cw.users["signatory"])
    assert refused.value.code == "cases.objection"
    cases.transition(case.pk, "refuse", cw.users["signatory"], reasons="مخالفت اتاق")
    case.refresh_from_db()
    assert case.state == "refused"


def test_silence_approves_nothing(cw):
    from taraz.web.cases import services as cases

    case = case_in(cw, "in_review")
    with pytest.raises(TarazError) as refused:
        cases.transition(case.pk, "approve", cw.users["signatory"])
    assert refused.value.code == "cases.not-now"  # still in review: no decision to take
    case.refresh_from_db()
    assert case.state == "in_review"


def test_a_question_stops_the_bodys_advice_until_the_answer(cw):
    from taraz.web.cases import services as cases

    case = case_in(cw, "in_review")
    chamber = cw.users["body_routed"]
    cases.transition(case.pk, "ask", chamber, question="گواهی مبدأ را بفرستید")
    with pytest.raises(TarazError) as refused:
        cases.transition(case.pk, "advise", chamber, advice="no_objection")
    assert refused.value.code == "cases.question-open"
    with pytest.raises(TarazError):
        cases.transition(case.pk, "ask", chamber, question="و دیگر؟")
    cases.add_document(case, pdf("origin.pdf"), "other", actor=cw.users["exporter_a"])
    cases.transition(case.pk, "answer", cw.users["exporter_a"], answer="پیوست شد")
    cases.transition(case.pk, "advise", chamber, advice="no_objection")
    actions = list(case.events.order_by("seq").values_list("action", "body__code"))
    assert actions[-3:] == [
        ("ask", "yazd-chamber"),
        ("answer", "yazd-chamber"),
        ("advise", "yazd-chamber"),
    ]


def test_an_overdue_review_is_escalated_once_and_a_silent_applicant_lapses(cw):
    from taraz.web.cases import services as cases

    start = timezone.make_aware(datetime(2025, 5, 24, 10))
    case = case_in(cw, "screening", now=start)
    cases.transition(case.pk, "route", cw.users["officer"], now=start, bodies=["yazd-chamber"])
    cases.transition(case.pk, "ask", cw.users["officer"], now=start, question="وزن خالص؟")
    later = timezone.make_aware(datetime(2025, 6, 30, 10))
    done = cases.run_casework(now=later)
    assert done.escalated == [f"{case.reference} yazd-chamber"]
    # asked on 24 May; 10 working days later the applicant's silence lapses the case
    assert done.lapsed == [case.reference]
    again = cases.run_casework(now=later)
    assert again.escalated == [] and again.lapsed == []
    case.refresh_from_db()
    assert case.state == "lapsed"


def test_a_lapse_before_the_lapse_days_is_refused(cw):
    from taraz.web.cases import services as cases

    start = timezone.make_aware(datetime(2025, 5, 24, 10))
    case = case_in(cw, "returned", now=start)
    with pytest.raises(TarazError) as refused:
        cases.transition(case.pk, "lapse", None, now=start)
    assert refused.value.code == "cases.not-silent"


# -- documents --------------------------------------------------------------------------------


def test_a_document_is_checked_by_content_and_its_hash_recorded(cw, tmp_path):
    import hashlib

    from taraz.web.audit.models import AuditEvent
    from taraz.web.cases import services as cases

    case = cases.open_case(
        cases.procedure_for("test-permit"), cw.exporter_a, actor=cw.users["exporter_a"], subject="x"
    )
    with pytest.raises(TarazError) as refused:
        cases.add_document(
            case, pdf("card.pdf", b"MZ\x90\x00 not a pdf"), "card", actor=cw.users["exporter_a"]
        )
    assert refused.value.code == "cases.document-type"
    content = b"%PDF-1.7\n" + b"x" * 1000
    doc = cases.add_document(case, pdf("card.pdf", content), "card", actor=cw.users["exporter_a"])
    assert doc.sha256 == hashlib.sha256(content).hexdigest() and doc.size == len(content)
    stored = tmp_path / "case-files" / doc.stored_as
    assert stored.read_bytes() == content and stored.stat().st_mode & 0o077 == 0
    audited = AuditEvent.objects.get(action="case_document")
    assert audited.detail["sha256"] == doc.sha256
    with pytest.raises(TarazError) as refused:
        cases.add_document(case, pdf(), "card", actor=cw.users["exporter_b"])
    assert refused.value.code == "cases.not-allowed"


def test_a_document_over_the_cap_is_refused(cw, settings):
    from taraz.web.cases import services as cases

    settings.TARAZ_CASE_FILE_MAX_MB = 1
    case = cases.open_case(
        cases.procedure_for("test-permit"), cw.exporter_a, actor=cw.users["exporter_a"], subject="x"
    )
    big = b"%PDF-1.7\n" + b"0" * (1024 * 1024)
    with pytest.raises(TarazError) as refused:
        cases.add_document(case, pdf("big.pdf", big), "card", actor=cw.users["exporter_a"])
    assert refused.value.code == "cases.document-size"
    assert case.documents.count() == 0


# -- who sees which case ------------------------------------------------------------------------


def test_who_sees_a_case(cw):
    from taraz.web.cases import services as cases

    draft = case_in(cw, "draft")
    routed = case_in(cw, "in_review")
    seen = {
        role: set(cases.visible_cases(cw.users.get(role)).values_list("pk", flat=True))
        for role in CASE_ROLES
    }
    both, only_routed = {draft.pk, routed.pk}, {routed.pk}
    assert seen == {
        "anonymous": set(),
        "exporter_a": both,
        "exporter_b": set(),
        "body_routed": only_routed,
        "body_other": set(),
        "officer": only_routed,
        "signatory": only_routed,
        "auditor": only_routed,
        "administrator": only_routed,
        "staff": set(),
        "head": only_routed,
    }


# -- the procedures' files ----------------------------------------------------------------------


def test_a_loaded_version_is_never_changed(cw, tmp_path):
    from taraz.web.cases import services as cases
    from tests.web.cases_world import PROCEDURE

    folder = write_procedure(
        tmp_path / "changed", PROCEDURE.replace("target_days = 3", "target_days = 4")
    )
    with pytest.raises(TarazError) as refused:
        cases.load_procedures(folder)
    assert refused.value.code == "cases.procedure-changed"


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (('abbrev = "TP"', 'abbrev = "tp"'), "abbrev"),
        (('valid_from = "1403-01-01"', 'valid_from = "1403-13-01"'), "valid_from"),
        (('body = "yazd-inso"', 'body = "nobody"'), "advice[2].body"),
        (("target_days = 5", "target_days = 0"), "advice[2].target_days"),
        (
            ('form = "copy"\nrequired = false', 'form = "scan"\nrequired = false'),
            "documents[2].form",
        ),
    ],
)
def test_a_bad_procedure_file_names_the_key(cw, tmp_path, change, key):
    from taraz.web.cases import services as cases
    from tests.web.cases_world import PROCEDURE

    assert change[0] in PROCEDURE
    text = PROCEDURE.replace(*change).replace("version = 1", "version = 2")
    with pytest.raises(TarazError) as refused:
        cases.load_procedures(write_procedure(tmp_path / "bad", text, "test-permit-v2.toml"))
    assert refused.value.code == "cases.procedure-file" and refused.value.fields["key"] == key


def test_the_commands_load_procedures_and_run_the_daily_work(cw, tmp_path):
    from django.core.management import call_command

    out = io.StringIO()
    folder = write_procedure(tmp_path / "again")
    call_command("loadprocedures", str(folder), stdout=out)
    assert "Stored 0" in out.getvalue() and "Unchanged 1" in out.getvalue()
    out = io.StringIO()
    call_command("casework", stdout=out)
    assert "Escalated 0" in out.getvalue() and "Lapsed 0" in out.getvalue()


def test_the_outbox_sends_by_email_and_keeps_what_fails(
    cw, mailoutbox, settings, django_capture_on_commit_callbacks
):
    from taraz.web.cases import services as cases
    from taraz.web.cases.models import Notification
    from taraz.web.cases.outbox import send_pending

    case = case_in(cw, "screening")
    with django_capture_on_commit_callbacks(execute=True):
        cases.transition(case.pk, "return", cw.users["officer"], reasons="پیش‌فاکتور")
    sent = [m for m in mailoutbox if m.to == ["exporter_a@example.ir"]]
    assert sent and "Returned to you" in sent[-1].subject and case.reference in sent[-1].body
    assert not Notification.objects.filter(sent_at=None, channel="email").exists()
    Notification.objects.create(channel="sms", to="09123456789", subject="s", text="متن")
    settings.TARAZ_SMS_PROVIDER = "tests.web.test_cases_workflow.FailingSms"
    send_pending()
    failed = Notification.objects.get(channel="sms")
    assert failed.sent_at is None and failed.attempts == 1 and "provider down" in failed.last_error
    settings.TARAZ_SMS_PROVIDER = "tests.web.test_cases_workflow.RecordingSms"
    send_pending()
    assert RecordingSms.sent == [("09123456789", "متن")]


class FailingSms:
    def send(self, to, text):
        raise ConnectionError("provider down")


class RecordingSms:
    sent: list = []  # noqa: RUF012

    def send(self, to, text):
        RecordingSms.sent.append((to, text))


# -- the organization's closures ------------------------------------------------------------------


def test_a_closure_moves_a_due_date_and_is_audited(cw, tmp_path):
    from taraz.calendar.closures import read_closures
    from taraz.web.audit.models import AuditEvent
    from taraz.web.cases import services as cases

    admin = cw.users["administrator"]
    # Monday 26 May 2025 (5 Khordad 1404) closed for heat: routed on Saturday 24 May, the
    # chamber's 3 working days are Sun 25, Tue 27, Wed 28 May
    closure = cases.add_closure(date(2025, 5, 26), "گرما", "heat", actor=admin)
    case = case_in(cw, "screening")
    now = timezone.make_aware(datetime(2025, 5, 24, 10))
    cases.transition(case.pk, "route", cw.users["officer"], now=now, bodies=["yazd-chamber"])
    assert case.reviews.get().due_on == date(2025, 5, 28)
    with pytest.raises(TarazError) as refused:
        cases.add_closure(date(2025, 5, 26), "دوباره", "again", actor=admin)
    assert refused.value.code == "cases.closure-exists"
    exported = tmp_path / "closures.csv"
    assert cases.export_closures(exported) == 1
    assert [(c.day, c.reason_en) for c in read_closures(exported)] == [(date(2025, 5, 26), "heat")]
    cases.remove_closure(closure.pk, actor=admin)
    assert cases.export_closures(exported) == 0
    actions = list(
        AuditEvent.objects.filter(subject=f"closure:{closure.pk}").values_list("action", flat=True)
    )
    assert sorted(actions) == ["closure_add", "closure_remove"]
