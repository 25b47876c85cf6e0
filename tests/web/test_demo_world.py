"""The demo's service world (`taraz demo`, `seeddemo`): seeded through the services on a fresh
database, cases in every state over 1404 and today, firms on the sample's cards, sign-ins that
work, and a second run that keeps the world and changes only the passwords.

Seeding takes seconds, so the module seeds twice once (in a transaction rolled back at the end)
and each test reads what it needs."""

from __future__ import annotations

from collections import Counter
from datetime import date, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from taraz.calendar import gregorian_to_jalali, jalali_to_gregorian

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SRC = Path(__file__).resolve().parents[2] / "src"
TEHRAN = ZoneInfo("Asia/Tehran")
FIRST, LAST = jalali_to_gregorian(1404, 1, 1), jalali_to_gregorian(1404, 12, 29)
NOWRUZ = {jalali_to_gregorian(1404, 1, d) for d in (1, 2, 3, 4)}
STATES = {
    "draft",
    "submitted",
    "screening",
    "returned",
    "in_review",
    "decision",
    "approved",
    "refused",
    "withdrawn",
    "lapsed",
}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The world seeded, then seeded again: (first run, second run)."""
    from django.db import transaction

    from taraz.web.cases.demo import seed_demo

    with django_db_blocker.unblock(), transaction.atomic():
        first = seed_demo()
        counts = _counts()
        second = seed_demo()
        yield first, second, counts
        transaction.set_rollback(True)


def _counts() -> dict[str, int]:
    from django.contrib.auth import get_user_model

    from taraz.web.accounts.models import ExporterMembership, Membership
    from taraz.web.cases.models import Case, CaseDocument, CaseEvent, Review
    from taraz.web.exporters.models import Exporter

    models = (get_user_model(), Membership, ExporterMembership, Exporter, Case, CaseEvent)
    models += (Review, CaseDocument)
    return {m.__name__: m.objects.count() for m in models}


def _local(moment) -> date:
    return moment.astimezone(TEHRAN).date()


def test_a_database_with_firms_of_its_own_is_refused(db):
    # first in the module: the tests after it share the seeded world
    from taraz.errors import TarazError
    from taraz.web.cases.demo import seed_demo
    from tests.web.factories import ExporterFactory

    ExporterFactory()
    with pytest.raises(TarazError) as raised:
        seed_demo()
    assert raised.value.code == "cases.demo-not-empty"


def test_the_first_run_seeds_about_two_hundred_cases_in_every_state(seeded):
    from taraz.web.cases.models import Case

    first, _, _ = seeded
    states = Counter(Case.objects.values_list("state", flat=True))
    assert first.created and 150 <= first.cases <= 250
    assert set(states) == STATES


def test_events_spread_over_1404_with_nowruz(seeded):
    from taraz.web.cases.models import CaseEvent

    days = [_local(at) for at in CaseEvent.objects.values_list("at", flat=True)]
    in_1404 = [d for d in days if FIRST <= d <= LAST]
    quarters = Counter((gregorian_to_jalali(d)[1] - 1) // 3 for d in in_1404)
    assert len(in_1404) > 0.7 * len(days)
    assert min(quarters[q] for q in range(4)) > 150
    assert NOWRUZ & set(in_1404)


def test_the_offices_act_on_working_days_in_office_hours(seeded):
    from django.utils import timezone

    from taraz.calendar.workdays import configured_calendar
    from taraz.web.cases.models import CaseEvent

    calendar, today = configured_calendar(), timezone.localdate()
    staff = CaseEvent.objects.exclude(actor__exporter_memberships__isnull=False).exclude(
        action="create"
    )
    moments = [at.astimezone(TEHRAN) for at in staff.values_list("at", flat=True)]
    past = [m for m in moments if m.date() < today]
    assert past
    assert all(calendar.is_working(m.date()) for m in past)
    assert all(time(7, 0) <= m.time() <= time(14, 30) for m in past)


def test_times_move_forward_within_each_case(seeded):
    from taraz.web.cases.models import CaseEvent

    last: dict[int, object] = {}
    for case_id, at in CaseEvent.objects.order_by("case_id", "seq").values_list("case_id", "at"):
        assert case_id not in last or last[case_id] <= at
        last[case_id] = at


def test_most_cells_of_procedure_step_and_quarter_have_five_cases(seeded):
    from taraz.web.cases.models import CaseEvent

    cells: Counter = Counter()
    rows = CaseEvent.objects.filter(action__in=("take", "advise", "approve", "refuse"))
    for code, action, body, kind, at in rows.values_list(
        "case__procedure__code", "action", "body__code", "body__kind", "at"
    ):
        day = _local(at)
        if not FIRST <= day <= LAST:
            continue
        step = {"take": "screening", "advise": body, "approve": "decision"}.get(action, "decision")
        step = "association" if kind == "association" else step
        cells[(code, step, (gregorian_to_jalali(day)[1] - 1) // 3)] += 1
    assert len(cells) == 4 * 15  # 4 quarters of 15 (procedure, step) pairs
    assert sum(n >= 5 for n in cells.values()) >= 0.85 * len(cells)


def test_exporters_hold_cards_of_the_sample_traders(seeded):
    from taraz.sample import sample_traders
    from taraz.web.exporters.identifiers import clean_card_number
    from taraz.web.exporters.models import Exporter

    cards = set(Exporter.objects.values_list("card_number", flat=True))
    assert 18 <= len(cards) <= 25
    assert cards <= {t.trader_id for t in sample_traders("IR-21")}
    assert all(clean_card_number(c) == c for c in cards)


def test_nobody_decides_a_case_they_screened(seeded):
    from django.db.models import F

    from taraz.web.cases.models import Case

    decided = Case.objects.exclude(decided_by=None)
    assert decided.exists() and not decided.filter(decided_by=F("screener")).exists()


def test_the_demo_people_find_work_in_their_queues(seeded):
    from django.contrib.auth import get_user_model

    from taraz.web.cases import services as cases

    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="demo")}
    assert cases.officer_queue("submitted").exists()
    assert cases.officer_queue("screening").filter(screener=users["demo-officer"]).exists()
    assert cases.decisions_queue(users["demo-signatory"]).exists()
    assert cases.asked_of(users["demo-firm-admin"]).exists()
    for reviewer in ("demo-chamber", "demo-lab"):
        assert cases.body_queue(users[reviewer]).filter(advised_at=None).exists()
    waiting = cases.body_queue(users["demo-lab-head"]).exclude(advised_at=None)
    assert waiting.filter(countersigned_at=None).exists()


def test_each_demo_person_signs_in_the_signatory_with_a_backup_code(seeded, client):
    _, second, _ = seeded
    for sign_in in second.sign_ins:
        client.logout()
        response = client.post(
            "/accounts/login/", {"username": sign_in.username, "password": sign_in.password}
        )
        assert response.status_code == 302, sign_in.username
        home = client.get("/accounts/")
        if sign_in.second_factor is None:
            assert home.status_code == 200, sign_in.username
            continue
        assert "/accounts/2fa/verify/" in home["Location"]
        code = sign_in.second_factor.backup_codes[0]
        client.post("/accounts/2fa/verify/", {"code": code, "next": "/accounts/"})
        assert client.get("/accounts/").status_code == 200


def test_passwords_differ_between_runs_and_are_not_in_the_source(seeded):
    from django.contrib.auth import get_user_model

    first, second, _ = seeded
    before = {s.username: s.password for s in first.sign_ins}
    after = {s.username: s.password for s in second.sign_ins}
    assert set(before) == set(after) and len(after) == 8
    assert all(before[name] != after[name] for name in after)
    users = get_user_model().objects.in_bulk(list(after), field_name="username")
    assert all(users[n].check_password(p) for n, p in after.items())
    assert not any(users[n].check_password(p) for n, p in before.items())
    source = "\n".join(p.read_text("utf-8") for p in SRC.rglob("*") if p.suffix in (".py", ".toml"))
    assert not [p for p in (*before.values(), *after.values()) if p in source]


def test_the_second_run_keeps_the_world_and_duplicates_nothing(seeded):
    first, second, counts = seeded
    assert not second.created
    assert (second.firms, second.cases, second.events) == (first.firms, first.cases, first.events)
    assert _counts() == counts


def test_the_audit_chain_holds_after_both_runs(seeded):
    from taraz.web.audit import services as audit_trail
    from taraz.web.audit.models import AuditEvent

    assert AuditEvent.objects.filter(action="password_change").count() >= 16
    assert audit_trail.verify() is None


def test_the_sign_ins_are_printed_in_persian_or_english(seeded):
    from taraz.web.cases.demo import LOGIN_URL, sign_in_lines

    first, _, _ = seeded
    fa, en = sign_in_lines(first, "fa"), sign_in_lines(first, "en")
    signatory = next(s for s in first.sign_ins if s.second_factor)
    for lines in (fa, en):
        text = "\n".join(lines)
        assert LOGIN_URL in text and signatory.second_factor.backup_codes[0] in text
        assert all(f"{s.username}  " in text and s.password in text for s in first.sign_ins)
    assert fa[0].startswith("جهان نمونهٔ خدمات ساخته شد") and not any(
        c.isascii() and c.isdigit() for c in fa[0]
    )
    assert en[0].startswith("The demo's service world was seeded: 21 firms")


# -- the demo's certificates --------------------------------------------------------------------


@pytest.fixture(scope="module")
def certified(seeded, django_db_blocker, tmp_path_factory):
    """The demo's certificates made twice in the seeded world, into one output folder, with the
    environment put back afterwards: (out folder, first run, second run)."""
    from taraz.web.certificates import services

    out = tmp_path_factory.mktemp("demo") / "taraz-demo"
    with pytest.MonkeyPatch.context() as mp, django_db_blocker.unblock():
        for name in ("TARAZ_KEYS_DIR", "TARAZ_KEYS_PASSPHRASE_FILE", "TARAZ_KEYS_PASSPHRASE"):
            mp.setenv(name, "set by the tests, replaced by the demo")
        first = services.seed_demo_certificates(out, "en")
        second = services.seed_demo_certificates(out, "en")
        yield out, first, second


def _verdict(made, token):
    from django.utils import timezone

    from taraz.credentials import KeyStore, verify

    store = KeyStore(made.keys)
    trust = store.trust_list()
    return verify(token, trust, store.revocation_list(trust), now=timezone.now())


def test_the_demo_issues_a_valid_a_revoked_and_an_expired_certificate(certified):
    _, first, _ = certified
    made = (first.valid, first.revoked, first.expired)
    assert first.created and first.keys_created
    assert [c.status for c in made] == ["issued", "revoked", "issued"]
    assert [_verdict(first, c.token).reason for c in made] == [None, "revoked", "expired"]
    assert len({c.case_id for c in made}) == 3


def test_the_expired_one_was_issued_a_year_and_more_ago_by_the_keys_before_todays(certified):
    from django.utils import timezone

    from taraz.credentials import KeyStore

    _, first, _ = certified
    expired, today = first.expired, timezone.localdate()
    signing = KeyStore(first.keys).signing_keys()
    assert expired.expires_on < today and (today - _local(expired.issued_at)).days > 365
    assert expired.issued_at > expired.case.decided_at
    assert [k.status for k in signing] == ["retired", "active"]
    assert _verdict(first, expired.token).kid == signing[0].kid


def test_a_second_run_issues_no_certificate_and_keeps_the_keys(certified):
    from taraz.web.certificates.models import Certificate

    _, first, second = certified
    assert not second.created and not second.keys_created
    assert Certificate.objects.count() == 3
    assert (second.valid, second.revoked, second.expired, second.root_kid) == (
        first.valid,
        first.revoked,
        first.expired,
        first.root_kid,
    )


def test_the_demo_keys_sit_in_the_demo_folder_their_passphrase_0600_beside_them(certified):
    out, first, _ = certified
    assert first.keys == out / "DEMO-keys" and (first.keys / "keys.json").is_file()
    assert first.passphrase_file == out / "DEMO-keys-passphrase.txt"
    assert first.passphrase_file.stat().st_mode & 0o777 == 0o600
    assert len(first.passphrase_file.read_text().strip()) >= 40


def test_the_pdf_and_the_offline_verifier_are_written_into_the_demo_folder(certified):
    out, _, second = certified
    assert second.pdf == out / f"certificate-{second.valid.number}.pdf"
    assert second.pdf.read_bytes().startswith(b"%PDF-")
    assert second.verifier == out / "verifier" / "index.html" and second.verifier.is_file()
    revocations = (out / "verifier" / "revocations.jws").read_text()
    assert revocations.strip() == (second.keys / "revocations.jws").read_text().strip()


def test_the_lines_give_the_link_the_pdf_the_verifier_and_never_the_passphrase(certified):
    from django.conf import settings

    from taraz.web.certificates import services

    _, first, _ = certified
    secret = first.passphrase_file.read_text().strip()
    en = "\n".join(services.demo_certificate_lines(first, "en"))
    fa = services.demo_certificate_lines(first, "fa")
    link = f"{settings.TARAZ_PUBLIC_URL.rstrip('/')}/verify/#t={first.valid.token}"
    assert link == first.link and link in en
    assert str(first.pdf) in en and str(first.verifier) in en
    assert f"{first.verifier.as_uri()}#t={first.valid.token}" in en
    assert "revoked  " in en and "expired  " in en
    assert secret not in en + "\n".join(fa)
    assert fa[1].startswith("گواهی‌های کیفیت نمایشی: ۳ گواهی")


@pytest.fixture(scope="module")
def workshops(certified, django_db_blocker):
    """The demo's workshops seeded twice in the certified world (they sign with its keys)."""
    from taraz.web.workshops import services

    with django_db_blocker.unblock():
        first = services.seed_demo_workshops()
        second = services.seed_demo_workshops()
        yield first, second


def test_the_past_workshop_fills_its_places_and_keeps_a_waiting_list(workshops):
    from taraz.web.workshops import services
    from taraz.web.workshops.models import BookingStatus

    first, _ = workshops
    past = first.past
    rows = list(past.registrations.all())
    # 21 firms and 2 members of the public booked 14 places; one firm cancelled
    assert len(rows) == 23
    status = Counter(r.status for r in rows)
    assert status == {
        BookingStatus.CONFIRMED: 14,
        BookingStatus.WAITING: 23 - 14 - 1,
        BookingStatus.CANCELLED: 1,
    }
    promoted = [r for r in rows if r.confirmed_at and r.confirmed_at > r.queued_at]
    assert len(promoted) == 1
    left = list(services.waiting_list(past))
    if any(r.sme for r in left):  # the place went to a small or medium firm when one waited
        assert promoted[0].sme


def test_certificates_of_attendance_only_for_both_sessions_and_they_verify(workshops, certified):
    from taraz.web.workshops.models import AttendanceCertificate

    first, _ = workshops
    _, made, _ = certified
    # 14 came to the first session, 3 of them missed the second: 1 of 2 is below 75%
    assert first.certificates == 14 - 3
    certs = list(AttendanceCertificate.objects.filter(registration__event=first.past))
    assert len(certs) == 11
    for cert in certs:
        assert cert.registration.attendance.count() == 2
        verdict = _verdict(made, cert.token)
        assert verdict.valid, verdict.reason


def test_the_coming_workshop_is_open_and_full_with_three_waiting(workshops):
    from django.utils import timezone

    from taraz.web.workshops import services

    first, _ = workshops
    coming = first.coming
    assert services.registration_open(coming, timezone.now()), (
        coming.status,
        coming.registration_opens,
        coming.registration_closes,
    )
    assert len(services.confirmed(coming)) == 6
    assert services.waiting_list(coming).count() == 3
    assert services.span_of(coming).starts > timezone.now()


def test_a_second_run_seeds_no_workshop_and_the_past_ones_attendees_hold_sample_cards(workshops):
    from taraz.sample.world import service_world
    from taraz.web.workshops.models import Event, Feedback

    first, second = workshops
    assert (first.created, second.created) == (True, False)
    assert (second.past, second.certificates) == (first.past, 11)  # what is there, counted
    assert Event.objects.count() == 2 and Feedback.objects.count() == 7
    cards = {f.card_number for f in service_world().firms}
    firms = [r.exporter for r in first.past.registrations.all() if r.exporter is not None]
    assert len(firms) == 21 and {f.card_number for f in firms} <= cards


def test_the_workshop_lines_in_persian_carry_no_latin_digit_outside_an_isolate(workshops):
    import re

    from taraz.fa import strip_isolates
    from taraz.web.workshops import services

    first, _ = workshops
    fa = services.demo_workshop_lines(first, "fa")
    en = services.demo_workshop_lines(first, "en")
    outside = re.sub("\u2068[^\u2069]*\u2069", "", "\n".join(fa))
    assert not re.search("[0-9]", outside), outside
    assert "۱۱ گواهی حضور" in strip_isolates("\n".join(fa))
    assert "11 certificates of attendance" in "\n".join(en)
    assert "/en/workshops/" in en[-1]
