"""The audit trail is a hash chain that the database keeps append-only: a changed or missing
row is named by `verify`, an UPDATE or DELETE is refused, concurrent appends stay one chain,
and the migration chained the events recorded before."""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, connection, transaction

from taraz.web.audit.chain import GENESIS, canonical_json, event_hash, link_hash
from taraz.web.audit.models import AuditEvent
from taraz.web.audit.services import Action, Broken, check_chain, record, verify
from tests.web.audit_trail import TABLE, tamper


def three_events(user=None) -> list[AuditEvent]:
    return [
        record(Action.LOGIN, user, username="staff", ip="10.0.0.1"),
        record(Action.UPLOAD, user, username="staff", subject="job:1", files=[{"name": "a.csv"}]),
        record(Action.IMPORT, user, username="staff", subject="job:1", batches=["B00001"]),
    ]


# -- the chain ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_events_carry_their_place_and_the_previous_hash():
    events = three_events()
    assert [e.seq for e in events] == [1, 2, 3]
    assert [e.prev_hash for e in events] == [GENESIS, events[0].hash, events[1].hash]


@pytest.mark.django_db
def test_an_untouched_chain_verifies():
    three_events()
    result = check_chain()
    assert (result.intact, result.events, result.head_seq) == (True, 3, 3)


@pytest.mark.django_db
def test_an_empty_trail_verifies():
    assert check_chain().to_dict() == {
        "intact": True,
        "events": 0,
        "head": {"seq": 0, "hash": GENESIS},
        "first_broken": None,
    }


@pytest.mark.django_db
def test_a_changed_row_is_named_by_its_hash():
    events = three_events()
    tamper(f"UPDATE {TABLE} SET subject = %s WHERE seq = 2", ["job:2"])
    assert verify() == Broken(seq=2, id=events[1].pk, reason="hash", expected_seq=2)


@pytest.mark.django_db
def test_a_changed_detail_is_named():
    events = three_events()
    tamper(
        f"UPDATE {TABLE} SET detail = %s WHERE seq = 3",
        ['{"batches": ["B00002"]}'],
    )
    assert verify() == Broken(seq=3, id=events[2].pk, reason="hash", expected_seq=3)


@pytest.mark.django_db
def test_a_row_rewritten_with_a_new_hash_breaks_the_next_link():
    events = three_events()
    changed = AuditEvent.objects.get(seq=2)
    changed.outcome = "failed"
    forged = event_hash(changed.prev_hash, changed)  # a forger who knows the chain's rule
    tamper(f"UPDATE {TABLE} SET outcome = %s, hash = %s WHERE seq = 2", ["failed", forged])
    assert verify() == Broken(seq=3, id=events[2].pk, reason="prev-link", expected_seq=3)


@pytest.mark.django_db
def test_a_deleted_row_leaves_a_gap_named_by_the_row_after_it():
    events = three_events()
    tamper(f"DELETE FROM {TABLE} WHERE seq = 2", [])
    assert verify() == Broken(seq=3, id=events[2].pk, reason="seq-gap", expected_seq=2)


@pytest.mark.django_db
def test_deleting_the_first_row_is_a_gap_too():
    events = three_events()
    tamper(f"DELETE FROM {TABLE} WHERE seq = 1", [])
    assert verify() == Broken(seq=2, id=events[1].pk, reason="seq-gap", expected_seq=1)


@pytest.mark.django_db
def test_values_come_back_from_the_database_as_they_were_hashed(staff_user):
    """Numbers, text and addresses that the database writes its own way (PostgreSQL's jsonb
    and inet) hash the same when read back."""
    record(
        Action.UPLOAD,
        staff_user,
        ip="::FFFF:10.1.2.3",
        numbers=[1e16, -0.0, 0.1, 1.5, 2**70, 5e-324, float("nan")],
        nested={"b": {"z": 1, "a": "یزد\u200cشهر"}, "a": None, 3: "int key"},
    )
    record(Action.LOGIN_FAILED, username="st\x00aff", outcome="throttled", ip="2001:DB8:0::1")
    record(Action.LOGIN_FAILED, username="x", ip="not an address, 10.0.0.1")
    assert verify() is None


@pytest.mark.django_db
def test_an_address_that_is_not_one_is_kept_in_the_detail():
    event = record(Action.LOGIN_FAILED, username="x", ip="unknown")
    event.refresh_from_db()
    assert (event.ip, event.detail) == (None, {"address": "unknown"})


def test_canonical_json_is_the_documented_bytes():
    at = datetime(2026, 11, 26, 10, 46, 0, 123, tzinfo=UTC)
    text = canonical_json(
        seq=7,
        at=at,
        user_id=3,
        username="staff",
        action="upload",
        outcome="ok",
        subject="job:12",
        detail={"z": 1.0, "files": ["یزد.csv"]},
        ip="::ffff:10.0.0.1",
    )
    assert (
        text
        == (
            '{"action":"upload","at":"2026-11-26T10:46:00.000123Z","detail":{"files":["یزد.csv"],'
            '"z":1},"ip":"0000:0000:0000:0000:0000:ffff:0a00:0001","outcome":"ok","seq":7,'
            '"subject":"job:12","user_id":3,"username":"staff"}'
        ).encode()
    )
    assert link_hash(GENESIS, text) == hashlib.sha256(GENESIS.encode() + text).hexdigest()


# -- the database refuses changes -------------------------------------------------------------


def _orm_save(event):
    event.outcome = "failed"
    event.save()


CHANGES = {
    "orm-save": _orm_save,
    "orm-update": lambda e: AuditEvent.objects.filter(pk=e.pk).update(outcome="failed"),
    "orm-delete": lambda e: e.delete(),
    "orm-delete-all": lambda e: AuditEvent.objects.all().delete(),
    "sql-update": lambda e: connection.cursor().execute(
        f"UPDATE {TABLE} SET detail = '{{}}' WHERE id = %s", [e.pk]
    ),
    "sql-delete": lambda e: connection.cursor().execute(f"DELETE FROM {TABLE}"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("change", CHANGES)
def test_the_database_refuses_to_change_or_delete_an_event(change):
    event = record(Action.LOGIN, username="staff")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        CHANGES[change](event)
    assert verify() is None and AuditEvent.objects.count() == 1


@pytest.mark.django_db
def test_postgresql_refuses_truncate():
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    record(Action.LOGIN, username="staff")
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the insert's foreign key checked now
        cursor.execute(f"TRUNCATE {TABLE}")


@pytest.mark.django_db
def test_an_account_in_the_trail_cannot_be_deleted(staff_user):
    from django.db.models import ProtectedError

    record(Action.LOGIN, staff_user)
    with pytest.raises(ProtectedError):
        staff_user.delete()


# -- concurrent appends ------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_concurrent_appends_make_one_gapless_chain():
    """Real threads, each on its own connection, appending at once (on PostgreSQL in CI)."""
    threads, each = 8, 25
    start = threading.Barrier(threads)
    failures: list[BaseException] = []

    def append(n: int) -> None:
        try:
            start.wait()
            for i in range(each):
                record(Action.LOGIN_FAILED, username=f"t{n}", outcome="failed", subject=str(i))
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=append, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert failures == []
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, threads * each + 1))
    assert verify() is None


# -- the migration -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_chains_the_events_recorded_before(staff_user):
    from django.db.migrations.executor import MigrationExecutor

    before = [("taraz_audit", "0001_initial")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps.get_model("taraz_audit", "AuditEvent")
        later = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
        earlier = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
        second = old.objects.create(
            at=later, username="staff", action="upload", user_id=staff_user.pk
        )
        first = old.objects.create(at=earlier, username="staff", action="login", ip="10.0.0.1")
        third = old.objects.create(at=later, username="x", action="logout", detail={"a": [1]})
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    ids = list(AuditEvent.objects.order_by("seq").values_list("id", flat=True))
    assert [i for i in ids if i in (first.pk, second.pk, third.pk)] == [
        first.pk,
        second.pk,
        third.pk,
    ]
    assert verify() is None
    assert record(Action.LOGIN, username="staff").seq == len(ids) + 1 and verify() is None
