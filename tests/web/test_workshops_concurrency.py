"""Two people take the last place at the same moment, and two cancellations happen at once:
the event's row lock gives each place once. On PostgreSQL, with real threads, each on its own
connection (on SQLite the database's one write lock makes the question moot; the suite runs
this file again on PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections

from taraz.errors import TarazError
from tests.web.workshops_world import DURING, an_event, public

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def two_places():
    from tests.web.roles import build_world

    if connection.vendor != "postgresql":
        pytest.skip("row locks between connections: PostgreSQL (DATABASE_URL)")
    world = build_world()
    return an_event(world, capacity=2, sme_priority=False)


def _at_once(jobs) -> list[str]:
    barrier = threading.Barrier(len(jobs))
    outcomes: list[str] = []

    def run(job):
        try:
            barrier.wait(10)
            outcomes.append(job())
        except TarazError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return sorted(outcomes)


def test_two_people_for_the_last_place_one_waits(two_places):
    from taraz.web.workshops import services

    public(two_places, 1)
    jobs = [lambda n=n: public(two_places, n).status for n in (2, 3)]
    assert _at_once(jobs) == ["confirmed", "waiting"]
    assert len(services.confirmed(two_places)) == 2
    assert services.waiting_list(two_places).count() == 1


def test_two_cancellations_at_once_promote_two_in_order(two_places):
    from taraz.web.workshops import services

    first, second = public(two_places, 1), public(two_places, 2)
    third, fourth, fifth = (public(two_places, n) for n in (3, 4, 5))
    later = DURING + timedelta(days=1)
    jobs = [lambda r=r: services.cancel(r, now=later).status for r in (first, second)]
    assert _at_once(jobs) == ["cancelled", "cancelled"]
    for reg in (third, fourth, fifth):
        reg.refresh_from_db()
    assert [third.status, fourth.status, fifth.status] == ["confirmed", "confirmed", "waiting"]
    assert len(services.confirmed(two_places)) == 2
