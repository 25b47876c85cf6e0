"""The public site under load: new computations pass a bounded gate (503 with Retry-After
beyond it, or when they outlast a request's wait), each address has a budget of computations
charged by cost (429 with Retry-After), identical concurrent requests compute once, and
answers already computed never wait. Nothing here is timed: threads meet on events."""

from __future__ import annotations

import threading

import pytest
from django.test import Client

from tests.fixtures import TRADE_PERIOD as PERIOD
from tests.fixtures import YAZD
from tests.web.api_errors import assert_api_error

pytestmark = pytest.mark.django_db

A = {"province": YAZD, "period": PERIOD}  # selections of the trade warehouse
B = {"province": "IR", "period": PERIOD}
C = {"province": YAZD, "period": PERIOD, "basis": "customs"}


@pytest.fixture(autouse=True)
def fresh_gate_and_budget():
    """Each test sizes the gate and the budget afresh from its settings."""
    import taraz.web.costs
    import taraz.web.gate

    taraz.web.gate._config = None
    taraz.web.costs._config = None
    yield
    taraz.web.gate._config = None
    taraz.web.costs._config = None


class Blocker:
    """Background computations that hold the gate's slots until released."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []

    def hold(self, n: int, kind: str = "selection") -> None:
        from taraz.web import figures
        from taraz.web.gate import gate

        for _ in range(n):
            key = ("test-blocker", len(self.threads))
            work = threading.Thread(
                target=figures.cache().get, args=(key, lambda: self.release.wait(60), kind)
            )
            work.start()
            self.threads.append(work)
        wait_until(lambda: gate().running == len(self.threads), "the blockers hold the slots")

    def done(self) -> None:
        self.release.set()
        for work in self.threads:
            work.join(60)


@pytest.fixture
def blocker():
    held = Blocker()
    yield held
    held.done()


@pytest.fixture
def full_gate(settings, blocker):
    """A gate of one slot and no queue, its slot taken by another computation."""
    settings.TARAZ_COMPUTE_SLOTS, settings.TARAZ_COMPUTE_QUEUE = 1, 0
    blocker.hold(1)
    return blocker


def counted_bulletins(monkeypatch, release: threading.Event | None = None) -> list:
    """Count (and, until `release`, hold) the computations of a selection's figures."""
    import taraz.stats

    real, calls = taraz.stats.bulletin_figures, []

    def counted(*args, **kwargs):
        calls.append(args[1])
        if release is not None:
            release.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(taraz.stats, "bulletin_figures", counted)
    return calls


def bulletin_key(params):
    from taraz.web import figures
    from taraz.web.selection import parse_selection

    return ("bulletin", parse_selection(params).key, figures.data_version().tag)


def wait_until(predicate, what: str) -> None:
    """Poll until `predicate()` holds (a deadline only against hanging, never a measurement)."""
    import time

    deadline = time.monotonic() + 60
    while not predicate():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.005)


# -- the gate -----------------------------------------------------------------------------------


def test_new_selection_beyond_the_slots_and_queue_gets_503_with_retry_after(
    client, warehouse, full_gate
):
    response = client.get("/api/v1/totals", A)
    assert_api_error(response, 503, "web.computing-busy")
    assert int(response["Retry-After"]) >= 1


def test_dashboard_page_beyond_the_gate_says_busy_with_retry_after(client, warehouse, full_gate):
    response = client.get("/", A)
    assert response.status_code == 503 and int(response["Retry-After"]) >= 1
    page = response.content.decode()
    assert "web.computing-busy" in page
    assert f'http-equiv="refresh" content="{response["Retry-After"]}"' in page  # asks again


def test_queued_computation_outlasting_the_wait_answers_503_and_is_kept_for_the_retry(
    client, warehouse, settings, blocker, monkeypatch
):
    from taraz.web.gate import gate

    settings.TARAZ_COMPUTE_SLOTS, settings.TARAZ_COMPUTE_QUEUE = 1, 1
    settings.TARAZ_COMPUTE_WAIT = 0  # a request waits for no computation
    blocker.hold(1)
    calls = counted_bulletins(monkeypatch)
    response = client.get("/api/v1/totals", A)  # queued behind the blocker
    assert_api_error(response, 503, "web.computing")
    assert int(response["Retry-After"]) >= 1
    blocker.done()
    wait_until(lambda: gate().running + gate().queued == 0, "A is computed")
    assert client.get("/api/v1/totals", A).status_code == 200
    assert len(calls) == 1


def test_documents_take_at_most_half_the_slots(client, warehouse, settings, blocker):
    from taraz.web import figures

    if "pdf" not in figures.bulletin_formats():
        pytest.skip("taraz.publish cannot render documents here")
    settings.TARAZ_COMPUTE_SLOTS, settings.TARAZ_COMPUTE_QUEUE = 2, 2
    assert client.get("/", A).status_code == 200
    blocker.hold(1, kind="pdf")  # a PDF renders in one of the two slots
    refused = client.get("/bulletin.pdf", A)
    assert refused.status_code == 503 and "web.computing-busy" in refused.content.decode()
    assert client.get("/api/v1/totals", B).status_code == 200  # a selection has its slot


def test_requests_waiting_for_computations_are_at_most_slots_and_queue(
    warehouse, settings, monkeypatch
):
    from taraz.web.gate import gate

    settings.TARAZ_COMPUTE_SLOTS, settings.TARAZ_COMPUTE_QUEUE = 1, 0
    settings.TARAZ_COMPUTE_WAIT = 60
    release = threading.Event()
    counted_bulletins(monkeypatch, release)
    first = threading.Thread(target=lambda: Client().get("/api/v1/totals", A))
    first.start()
    try:
        wait_until(lambda: gate().waiting_for(bulletin_key(A)) == 1, "the first request waits")
        second = Client().get("/api/v1/totals", A)  # would wait for the same computation
        assert_api_error(second, 503, "web.computing-busy")
    finally:
        release.set()
        first.join(60)


def test_computed_answers_and_status_do_not_wait_while_the_gate_is_full(
    client, warehouse, settings, blocker
):
    assert client.get("/", A).status_code == 200  # A's figures are computed
    settings.TARAZ_COMPUTE_SLOTS, settings.TARAZ_COMPUTE_QUEUE = 1, 0
    blocker.hold(1)
    assert client.get("/api/v1/status").status_code == 200
    assert client.get("/api/v1/totals", A).status_code == 200
    assert client.get("/api/v1/breakdowns/partner", {**A, "flow": "M"}).status_code == 200
    assert client.get("/", {**A, "flow": "M"}).status_code == 200
    assert client.get("/api/v1/codes/countries").status_code == 200
    assert client.get("/api/v1/totals", B).status_code == 503  # B is new: it would compute


def test_status_answers_while_a_request_waits_for_a_computation(warehouse, settings, monkeypatch):
    settings.TARAZ_COMPUTE_SLOTS, settings.TARAZ_COMPUTE_QUEUE = 1, 0
    settings.TARAZ_COMPUTE_WAIT = 60
    release = threading.Event()
    calls = counted_bulletins(monkeypatch, release)
    asked = []
    computing = threading.Thread(
        target=lambda: asked.append(Client().get("/api/v1/totals", A).status_code)
    )
    computing.start()
    try:
        wait_until(lambda: calls, "A is being computed")
        assert Client().get("/api/v1/status").status_code == 200
    finally:
        release.set()
        computing.join(60)
    assert asked == [200]


# -- the budget of each address -----------------------------------------------------------------


def test_over_budget_new_selections_get_429_while_computed_answers_pass(
    client, warehouse, settings
):
    settings.TARAZ_COMPUTE_BUDGET, settings.TARAZ_COMPUTE_BUDGET_WINDOW = 1, 3600
    assert client.get("/api/v1/totals", A).status_code == 200  # a new selection: 1 unit
    refused = client.get("/api/v1/totals", B)
    assert_api_error(refused, 429, "web.compute-limited")
    assert int(refused["Retry-After"]) >= 1
    assert client.get("/api/v1/totals", A).status_code == 200
    assert client.get("/", A).status_code == 200
    assert client.get("/api/v1/status").status_code == 200


def test_budget_is_per_address(client, warehouse, settings):
    settings.TARAZ_COMPUTE_BUDGET, settings.TARAZ_COMPUTE_BUDGET_WINDOW = 1, 3600
    client.get("/api/v1/totals", A)
    assert client.get("/api/v1/totals", B).status_code == 429
    other = Client(REMOTE_ADDR="10.0.0.2")
    assert other.get("/api/v1/totals", B).status_code == 200


def test_over_budget_dashboard_page_says_so_with_retry_after(client, warehouse, settings):
    settings.TARAZ_COMPUTE_BUDGET, settings.TARAZ_COMPUTE_BUDGET_WINDOW = 1, 3600
    client.get("/", A)
    response = client.get("/", B)
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1
    assert "web.compute-limited" in response.content.decode()


def test_pdf_bulletin_costs_more_than_a_new_selection(client, warehouse, settings):
    from taraz.web import figures
    from taraz.web.costs import COSTS

    if "pdf" not in figures.bulletin_formats():
        pytest.skip("taraz.publish cannot render documents here")
    settings.TARAZ_COMPUTE_BUDGET = COSTS["selection"] + COSTS["pdf"] - 1
    settings.TARAZ_COMPUTE_BUDGET_WINDOW = 3600
    assert client.get("/", A).status_code == 200
    refused = client.get("/bulletin.pdf", A)  # A is computed; its PDF is not, and costs most
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert client.get("/api/v1/totals", B).status_code == 200  # a new selection still fits
    assert client.get("/", A).status_code == 200


def test_a_computation_refused_by_the_gate_costs_nothing(client, warehouse, settings, blocker):
    settings.TARAZ_COMPUTE_BUDGET, settings.TARAZ_COMPUTE_BUDGET_WINDOW = 1, 3600
    settings.TARAZ_COMPUTE_SLOTS, settings.TARAZ_COMPUTE_QUEUE = 1, 0
    blocker.hold(1)
    assert client.get("/api/v1/totals", A).status_code == 503
    blocker.done()
    assert client.get("/api/v1/totals", A).status_code == 200


def test_background_work_is_charged_to_no_one(warehouse, settings):
    from taraz.web import figures
    from taraz.web.selection import parse_selection

    settings.TARAZ_COMPUTE_BUDGET, settings.TARAZ_COMPUTE_BUDGET_WINDOW = 1, 3600
    for params in (A, B, C):  # as prewarming does, outside any request
        figures.bulletin(parse_selection(params))


# -- one computation for identical requests -----------------------------------------------------


def test_identical_concurrent_requests_compute_once(warehouse, settings, monkeypatch):
    from taraz.web.gate import gate

    settings.TARAZ_COMPUTE_WAIT = 60
    release = threading.Event()
    calls = counted_bulletins(monkeypatch, release)
    answers = []
    asks = [
        threading.Thread(target=lambda: answers.append(Client().get("/api/v1/totals", A)))
        for _ in range(2)
    ]
    for ask in asks:
        ask.start()
    wait_until(lambda: gate().waiting_for(bulletin_key(A)) == 2, "both requests wait")
    release.set()
    for ask in asks:
        ask.join(60)
    assert len(calls) == 1
    assert [r.status_code for r in answers] == [200, 200]
    assert answers[0].content == answers[1].content
