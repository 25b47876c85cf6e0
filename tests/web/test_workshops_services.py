"""Workshops through their one service: capacity, the waiting list (small and medium firms
first where the event says so), cancelling and the promotion it brings (the person told
through the outbox), one registration per person, attendance and the threshold of the
certificate of attendance (signed, verified by the command line), feedback."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from taraz.errors import TarazError
from tests.web.certificates_world import make_keys
from tests.web.workshops_world import AFTER, DURING, SESSIONS, an_event, firm, public

pytestmark = pytest.mark.django_db


@pytest.fixture
def ww(world):
    from taraz.web.exporters import services as exporters

    officer = world.users["officer"]
    # exporter A: 30 employees, small (10 to 49); exporter B: 250 employees, large
    exporters.declare_size(world.exporter_a, 30, actor=officer, on=date(2026, 1, 1))
    exporters.declare_size(world.exporter_b, 250, actor=officer, on=date(2026, 1, 1))
    return world


def _told(email: str, word: str) -> int:
    from taraz.web.cases.models import Notification

    return Notification.objects.filter(to=email, subject__contains=word).count()


def test_places_up_to_the_capacity_then_the_waiting_list(ww):
    event = an_event(ww, capacity=2)
    first, second, third = public(event, 1), public(event, 2), public(event, 3)
    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waiting"]
    assert _told("guest3@example.ir", "waiting list") == 1


def test_cancelling_promotes_a_small_firm_before_an_earlier_large_one(ww):
    from taraz.web.workshops import services

    event = an_event(ww, capacity=1, sme_priority=True)
    guest = public(event, 1)  # the one place
    large = firm(event, ww, "exporter_b", now=DURING + timedelta(hours=1))
    later = public(event, 2, now=DURING + timedelta(hours=2))
    small = firm(event, ww, "exporter_a", now=DURING + timedelta(hours=3))
    assert (large.sme, small.sme) == (False, True)
    order = [r.pk for r in services.waiting_list(event)]
    assert order == [small.pk, large.pk, later.pk]
    services.cancel(guest, now=DURING + timedelta(days=1))
    small.refresh_from_db()
    large.refresh_from_db()
    assert (small.status, large.status) == ("confirmed", "waiting")
    assert _told(ww.users["exporter_a"].email, "A place at the workshop is yours") == 1
    from taraz.web.cases.models import Notification

    told = Notification.objects.get(subject__contains="is yours")
    assert f"http://localhost:8000/workshops/booking/{small.token}/" in told.text


def test_without_the_sme_priority_the_list_goes_by_time(ww):
    from taraz.web.workshops import services

    event = an_event(ww, capacity=1, sme_priority=False)
    guest = public(event, 1)
    large = firm(event, ww, "exporter_b", now=DURING + timedelta(hours=1))
    small = firm(event, ww, "exporter_a", now=DURING + timedelta(hours=3))
    services.cancel(guest, now=DURING + timedelta(days=1))
    large.refresh_from_db()
    small.refresh_from_db()
    assert (large.status, small.status) == ("confirmed", "waiting")


def test_cancelling_a_waiting_place_promotes_nobody_and_twice_is_refused(ww):
    from taraz.web.workshops import services

    event = an_event(ww, capacity=1)
    public(event, 1)
    waiting, last = public(event, 2), public(event, 3)
    services.cancel(waiting, now=DURING + timedelta(days=1))
    last.refresh_from_db()
    assert last.status == "waiting"
    assert services.places_left(event) == 0
    with pytest.raises(TarazError) as refused:
        services.cancel(waiting, now=DURING + timedelta(days=1))
    assert refused.value.code == "workshops.not-now"


def test_no_cancelling_once_the_workshop_has_started(ww):
    from taraz.web.workshops import services

    event = an_event(ww)
    reg = public(event, 1)
    with pytest.raises(TarazError) as refused:
        services.cancel(reg, now=SESSIONS[0][0] + timedelta(minutes=1))
    assert refused.value.code == "workshops.started"


def test_one_registration_per_person_and_again_after_cancelling(ww):
    from taraz.web.workshops import services

    event = an_event(ww, capacity=5)
    reg = public(event, 1)
    with pytest.raises(TarazError) as refused:
        services.register(event, name="دوباره", email="GUEST1@example.ir", now=DURING)
    assert refused.value.code == "workshops.already-registered"
    firm(event, ww, "exporter_a")
    with pytest.raises(TarazError):
        firm(event, ww, "exporter_a")
    services.cancel(reg, now=DURING + timedelta(hours=1))
    again = public(event, 1, now=DURING + timedelta(hours=2))
    assert again.status == "confirmed"


def test_registration_only_in_its_window_and_for_ones_own_firm(ww):
    from taraz.web.workshops import services

    event = an_event(ww)
    with pytest.raises(TarazError) as closed:
        public(event, 1, now=AFTER)
    assert closed.value.code == "workshops.closed"
    with pytest.raises(TarazError) as not_theirs:
        services.register(event, user=ww.users["exporter_b"], exporter=ww.exporter_a, now=DURING)
    assert not_theirs.value.code == "workshops.not-your-firm"
    draft = an_event(ww, publish=False)
    with pytest.raises(TarazError):
        public(draft, 2)


def test_a_bigger_capacity_takes_people_off_the_waiting_list(ww):
    from taraz.web.workshops import services

    event = an_event(ww, capacity=1)
    public(event, 1)
    waiting = public(event, 2)
    services.update_event(event, actor=ww.users["officer"], capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_hs_chapters_and_markets_are_checked_against_the_reference(ww):
    from taraz.web.workshops import services

    assert services.clean_chapters("۶۹، 9") == ["09", "69"]
    with pytest.raises(TarazError) as bad:
        services.clean_chapters("77")  # chapter 77 is reserved in the HS
    assert bad.value.code == "workshops.unknown-chapter"
    assert services.clean_markets("iq, AF") == ["IQ", "AF"]
    with pytest.raises(TarazError):
        services.clean_markets("ZZ")


def test_only_an_officer_or_administrator_runs_workshops(ww):
    from taraz.web.workshops import services

    with pytest.raises(TarazError) as refused:
        services.create_event(
            actor=ww.users["auditor"],
            title_fa="x",
            capacity=1,
            registration_opens=DURING,
            registration_closes=AFTER,
        )
    assert refused.value.code == "workshops.not-allowed"


def _attend(event, reg, ww, n: int):
    from taraz.web.workshops import services

    for session in services.sessions_of(event)[:n]:
        held = services.attendees_of(session) | {reg.pk}
        services.record_attendance(session, held, actor=ww.users["officer"], now=AFTER)


@pytest.fixture
def keyed(ww, tmp_path, monkeypatch):
    ww.store = make_keys(tmp_path / "keys", monkeypatch)
    return ww


def test_a_certificate_at_the_threshold_and_none_below_it(keyed):
    from django.utils import timezone

    from taraz.credentials import verify
    from taraz.web.workshops import services

    event = an_event(keyed, capacity=3, attendance_threshold=Decimal("0.75"))
    three = firm(event, keyed, "exporter_a")  # 3 of 4 sessions = 0.75: at the threshold
    two = public(event, 2)  # 2 of 4 = 0.50: below
    _attend(event, three, keyed, 3)
    _attend(event, two, keyed, 2)
    officer = keyed.users["officer"]
    with pytest.raises(TarazError) as below:
        services.issue_attendance_certificate(two, actor=officer)
    assert below.value.code == "workshops.below-threshold"
    cert = services.issue_attendance_certificate(three, actor=officer)
    trust = keyed.store.trust_list()
    verdict = verify(cert.token, trust, keyed.store.revocation_list(trust), now=timezone.now())
    assert verdict.valid, verdict.reason
    claims = verdict.claims
    assert claims["knd"] == "attendance"
    assert claims["ev"]["id"] == event.pk
    assert claims["sub"] == keyed.exporter_a.card_number
    assert claims["att"] == {"n": 3, "of": 4}
    # 16 Nov 2026 is 25 Aban 1405; 19 Nov 2026 is 28 Aban 1405 (worked by hand)
    assert (claims["dt"]["from"], claims["dt"]["from_j"]) == ("2026-11-16", "1405-08-25")
    assert (claims["dt"]["to"], claims["dt"]["to_j"]) == ("2026-11-19", "1405-08-28")
    with pytest.raises(TarazError) as again:
        services.issue_attendance_certificate(three, actor=officer)
    assert again.value.code == "workshops.certificate-exists"
    assert _told(keyed.users["exporter_a"].email, "Certificate of attendance") == 1


def test_the_due_certificates_go_to_those_at_or_above_the_threshold(keyed):
    from taraz.web.workshops import services

    event = an_event(keyed, capacity=3, attendance_threshold=Decimal("0.5"))
    half, one = public(event, 1), public(event, 2)
    _attend(event, half, keyed, 2)  # 2 of 4 = 0.5
    _attend(event, one, keyed, 1)  # 1 of 4 = 0.25
    assert services.issue_due_certificates(event, actor=keyed.users["officer"]) == 1
    assert services.certificate_of(half) is not None
    assert services.certificate_of(one) is None


def test_the_command_line_verifies_a_certificate_of_attendance(keyed):
    import json

    from click.testing import CliRunner

    from taraz.cli.main import cli
    from taraz.web.workshops import services

    event = an_event(keyed, capacity=1, attendance_threshold=Decimal("1"))
    reg = public(event, 1)
    _attend(event, reg, keyed, 4)
    cert = services.issue_attendance_certificate(reg, actor=keyed.users["officer"])
    result = CliRunner().invoke(cli, ["certificate", "verify", cert.token, "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["valid"] is True
    assert answer["claims"]["knd"] == "attendance"
    assert answer["claims"]["who"] == "شرکت‌کننده 1"
    changed = cert.token[:-5] + ("A" if cert.token[-5] != "A" else "B") + cert.token[-4:]
    assert CliRunner().invoke(cli, ["certificate", "verify", changed]).exit_code == 1


def test_attendance_only_for_confirmed_people_and_begun_sessions(ww):
    from taraz.web.workshops import services

    event = an_event(ww, capacity=1)
    public(event, 1)
    waiting = public(event, 2)
    first = services.sessions_of(event)[0]
    with pytest.raises(TarazError) as not_confirmed:
        services.record_attendance(first, [waiting.pk], actor=ww.users["officer"], now=AFTER)
    assert not_confirmed.value.code == "workshops.not-confirmed"
    with pytest.raises(TarazError) as early:
        services.record_attendance(first, [], actor=ww.users["officer"], now=DURING)
    assert early.value.code == "workshops.not-started"


def test_feedback_from_attendees_after_the_event(ww):
    from taraz.web.workshops import services

    event = an_event(ww)
    came, absent = public(event, 1), public(event, 2)
    _attend(event, came, ww, 1)
    with pytest.raises(TarazError) as early:
        services.give_feedback(came, 5, now=SESSIONS[1][0])
    assert early.value.code == "workshops.no-feedback-yet"
    with pytest.raises(TarazError):
        services.give_feedback(absent, 4, now=AFTER)
    with pytest.raises(TarazError) as bad:
        services.give_feedback(came, 6, now=AFTER)
    assert bad.value.code == "workshops.bad-rating"
    given = services.give_feedback(came, 4, "خوب بود", now=AFTER)
    assert (given.rating, given.comment) == (4, "خوب بود")
    with pytest.raises(TarazError) as twice:
        services.give_feedback(came, 5, now=AFTER)
    assert twice.value.code == "workshops.feedback-given"


def test_cancelling_the_event_tells_everyone_registered(ww):
    from taraz.web.workshops import services

    event = an_event(ww, capacity=1)
    public(event, 1)
    public(event, 2)
    services.cancel_event(event, actor=ww.users["officer"], now=DURING)
    assert _told("guest1@example.ir", "Workshop cancelled") == 1
    assert _told("guest2@example.ir", "Workshop cancelled") == 1


def test_the_calendar_says_where_each_event_stands(ww):
    from taraz.web.workshops import services
    from tests.web.workshops_world import CLOSES, OPENS, at

    event = an_event(ww, capacity=1)
    state = services.public_state
    assert state(event, OPENS - timedelta(minutes=1)) == "soon"
    assert state(event, DURING) == "open"
    public(event, 1)
    assert state(event, DURING) == "full"
    assert state(event, CLOSES) == "closed"  # booking over, the sessions still to come
    assert state(event, at(2026, 11, 19, 11, 29)) == "closed"
    assert state(event, at(2026, 11, 19, 11, 30)) == "held"  # the last session's end
    cancelled = services.cancel_event(event, actor=ww.users["officer"], now=DURING)
    assert state(cancelled, DURING) == "cancelled"
    listed = services.public_events().get(pk=event.pk)  # the calendar's rows carry their span
    assert state(listed, AFTER) == "cancelled"


def test_a_workshop_already_held_cannot_be_cancelled(ww):
    from taraz.web.workshops import services

    event = an_event(ww)
    with pytest.raises(TarazError) as refused:
        services.cancel_event(event, actor=ww.users["officer"], now=AFTER)
    assert refused.value.code == "workshops.not-now"
    event.refresh_from_db()
    assert event.status == "published"
