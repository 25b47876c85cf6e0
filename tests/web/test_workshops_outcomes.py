"""Workshop outcomes on the staff event page and on the public aggregate, on the OUTCOMES
warehouse (tests/fixtures/datasets/outcomes.py; its firms worked out by hand in
tests/stats/test_outcomes.py). Every workshop here ends on 15 Farvardin 1403 (3 Apr 2024),
the fixture's workshop day, unless it says otherwise.

The firms A1-A7 are exporters here. D1 registers with every workshop and attends one of its
two sessions, below the threshold of 0.75: it is not an attendee. Were it one, its stratum
(sme, V) would change the figures (8 attendees, 6 matched).

    small 1:  A1 A2 A3 attend both sessions       -> 3 attendees: too few
    small 2:  A4 A5 A6 A7 attend both sessions    -> 4 attendees: too few
    together: the 7 attendees, 5 matched, 7 comparison firms of test_outcomes.py:
              exported within 6 months 4 of 7 = 57.14 % -> «57.1%», and so on (below)
"""

from __future__ import annotations

import re
import secrets
import shutil
from datetime import datetime, timedelta

import pytest

from tests.fixtures import OUTCOMES
from tests.fixtures.datasets.outcomes import A1, A2, A3, A4, A5, A6, A7, D1
from tests.web.test_cases_pages import latin_digits
from tests.web.test_exporters_figures import tables
from tests.web.workshops_world import an_event, at

pytestmark = pytest.mark.django_db

# two sessions, on 14 and 15 Farvardin 1403: the workshop's day is the last one's, 1403-01-15
FARVARDIN = [(at(2024, 4, d, 9, 30), at(2024, 4, d, 11, 30)) for d in (2, 3)]
WINDOW = {"registration_opens": at(2024, 3, 1, 8), "registration_closes": at(2024, 3, 30, 8)}
HEAD = [
    "Window",
    "Measure",
    "Attendees",
    "Attendees that exported in the year before",
    "Comparison: similar firms that did not attend",
]
# the hand-worked shares of tests/stats/test_outcomes.py, one decimal (half up) as the site
# writes percentages: 4/7 = 57.14 -> 57.1, 2/7 = 28.57 -> 28.6, 1/7 = 14.29 -> 14.3 ...
SEVEN = [
    HEAD,
    ["Firms", "7", "5", "7"],
    ["6 months after", "exported", "57.1% (4 of 7)", "60.0% (3 of 5)", "42.9% (3 of 7)"],
    [
        "6 months after",
        "exported to a new market",
        "28.6% (2 of 7)",
        "20.0% (1 of 5)",
        "14.3% (1 of 7)",
    ],
    [
        "6 months after",
        "exported a new HS6 line",
        "14.3% (1 of 7)",
        "0.0% (0 of 5)",
        "0.0% (0 of 7)",
    ],
    ["12 months after", "exported", "71.4% (5 of 7)", "80.0% (4 of 5)", "57.1% (4 of 7)"],
    [
        "12 months after",
        "exported to a new market",
        "42.9% (3 of 7)",
        "40.0% (2 of 5)",
        "14.3% (1 of 7)",
    ],
    [
        "12 months after",
        "exported a new HS6 line",
        "28.6% (2 of 7)",
        "20.0% (1 of 5)",
        "0.0% (0 of 7)",
    ],
]
CAVEAT = "The attending firms chose to come"


@pytest.fixture
def outcomes_warehouse(dataset_file, tmp_path, settings):
    from taraz.web.hub import use_warehouse

    copy = tmp_path / "outcomes.duckdb"
    shutil.copy(dataset_file(OUTCOMES), copy)
    settings.TARAZ_UPLOAD_DIR = tmp_path / "uploads"
    use_warehouse(copy)
    yield copy
    use_warehouse(None)


@pytest.fixture
def ow(world, outcomes_warehouse):
    """The firms as exporters; two small workshops of 1403-01-15, published and over."""
    from taraz.web.exporters.models import Exporter

    world.firms = {
        card: Exporter.objects.create(card_number=card, name_fa=f"بنگاه {i}", name_en=f"Firm {i}")
        for i, card in enumerate((A1, A2, A3, A4, A5, A6, A7, D1), start=1)
    }
    world.small_1 = workshop(world, [A1, A2, A3])
    world.small_2 = workshop(world, [A4, A5, A6, A7])
    return world


def workshop(world, cards, *, sessions=FARVARDIN, **fields):
    """A published workshop: `cards` attend every session, D1 only the first."""
    from taraz.web.workshops import services
    from taraz.web.workshops.models import Registration

    event = an_event(world, sessions=sessions, capacity=20, **{**WINDOW, **fields})
    regs = {
        card: Registration.objects.create(
            event=event,
            person=f"email:{card}@example.ir",
            exporter=world.firms[card],
            name=f"Person {card}",
            email=f"{card}@example.ir",
            token=secrets.token_urlsafe(24),
            status="confirmed",
        )
        for card in [*cards, D1]
    }
    officer = world.users["officer"]
    for i, session in enumerate(services.sessions_of(event)):
        present = [r.pk for c, r in regs.items() if c != D1 or i == 0]
        services.record_attendance(session, present, actor=officer, now=session.ends_at)
    return event


def manage(world, event, lang="en"):
    prefix = "" if lang == "fa" else "/en"
    return world.client("officer").get(f"{prefix}/workshops/staff/{event.pk}/")


def section(response) -> str:
    html = response.content.decode()
    return html.split('id="outcomes"', 1)[1].split("</section>", 1)[0]


def test_the_staff_page_shows_the_hand_worked_shares_beside_the_comparison(ow):
    every = workshop(ow, [A1, A2, A3, A4, A5, A6, A7])
    response = manage(ow, every)
    assert tables(response)["outcomes-table"] == SEVEN
    text = section(response)
    assert CAVEAT in text
    assert "attending firms: 7" in text  # D1, below the threshold, is not one
    assert "Export data loaded through 31 Khordad 1404" in text


def test_a_small_workshop_shows_too_few_and_no_figure(ow):
    response = manage(ow, ow.small_1)
    rows = tables(response)["outcomes-table"]
    assert rows[1] == ["Firms", "too few (under 5 firms)"] + ["too few (under 5 firms)"] * 2
    assert {cell for row in rows[2:] for cell in row[2:]} == {"too few (under 5 firms)"}
    assert "%" not in section(response)


def test_the_public_aggregate_counts_every_past_workshop_together(ow, client):
    from taraz.web.workshops import services

    # neither a draft nor a cancelled workshop counts, nor one not over
    an_event(ow, sessions=FARVARDIN, publish=False, **WINDOW)
    cancelled = workshop(ow, [A1, A2])
    before = cancelled.registration_opens  # called off before it was held
    services.cancel_event(cancelled, actor=ow.users["officer"], now=before)
    for path in ("/en/workshops/outcomes/", "/workshops/outcomes/"):
        response = client.get(path)
        assert response.status_code == 200
    english = client.get("/en/workshops/outcomes/")
    assert tables(english)["outcomes-table"] == SEVEN
    text = english.content.decode()
    assert CAVEAT in text
    assert "2 workshop(s), from 15 Farvardin 1403 (3 April 2024) to 15 Farvardin 1403" in text


def test_the_public_aggregate_hides_groups_under_five(ow, client):
    from taraz.web.workshops.models import Event

    Event.objects.filter(pk=ow.small_2.pk).update(status="cancelled")
    rows = tables(client.get("/en/workshops/outcomes/"))["outcomes-table"]
    # small 1 alone: 3 attendees, 3 matched (A1-A3), 3 comparison firms (C1-C3)
    assert rows[1] == ["Firms"] + ["too few (under 5 firms)"] * 3
    assert "%" not in section(client.get("/en/workshops/outcomes/"))


def test_a_workshop_not_over_says_when_its_first_figures_will_exist(ow):
    # sessions on 10 Dec 2026 = 19 Azar 1405: 6 months after it end on 19 Khordad 1406
    day = datetime(2026, 12, 10, 9, 30, tzinfo=at(2026, 1, 1).tzinfo)
    future = an_event(ow, sessions=[(day, day + timedelta(hours=2))])
    text = section(manage(ow, future))
    assert "The workshop is not over yet" in text
    assert "after 19 Khordad 1406 (9 June 2027) (6 months after it)" in text
    assert "outcomes-table" not in text


def test_a_too_recent_workshop_says_not_loaded_yet_never_zero(ow):
    # 11 Esfand 1403 (1 Mar 2025): its 6 months end on 11 Shahrivar 1404, past the last day
    # loaded (31 Khordad 1404)
    recent = workshop(
        ow,
        [A1, A2, A3, A4, A5, A6, A7],
        sessions=[(at(2025, 3, 1, 9, 30), at(2025, 3, 1, 11, 30))],
        registration_opens=at(2025, 2, 1),
        registration_closes=at(2025, 2, 28),
    )
    response = manage(ow, recent)
    rows = tables(response)["outcomes-table"]
    assert {cell for row in rows[2:] for cell in row[2:]} == {"not loaded yet"}
    assert "loaded through 11 Shahrivar 1404" in section(response)


def test_the_persian_pages_have_no_latin_digit(ow, client):
    every = workshop(ow, [A1, A2, A3, A4, A5, A6, A7])
    staff = manage(ow, every, "fa").content.decode()
    public = client.get("/workshops/outcomes/").content.decode()
    for html in (staff, public):
        assert 'dir="rtl"' in html
        assert latin_digits(html) == []
    rows = tables(manage(ow, every, "fa"))["outcomes-table"]
    assert rows[2][2] == "۵۷٫۱٪ (۴ از ۷)"
    # the aggregate: small 1, small 2 and this one, 14 pairs: 8 of 14 exported within 6 months
    assert tables(client.get("/workshops/outcomes/"))["outcomes-table"][2][2] == "۵۷٫۱٪ (۸ از ۱۴)"
    assert re.search("داوطلب", staff)


def test_the_pages_work_with_no_data_loaded(world, empty_warehouse, client):
    from taraz.web.exporters.models import Exporter

    world.firms = {A1: Exporter.objects.create(card_number=A1, name_fa="بنگاه")}
    world.firms[D1] = Exporter.objects.create(card_number=D1, name_fa="بنگاه د")
    event = workshop(world, [A1])
    assert "No trade data has been loaded yet" in section(manage(world, event))
    assert (
        "No trade data has been loaded yet"
        in client.get("/en/workshops/outcomes/").content.decode()
    )


def test_the_api_gives_the_aggregate_as_json(ow, client):
    response = client.get("/api/v1/workshops/outcomes")
    assert response.status_code == 200
    body = response.json()
    assert body["schema"] == "taraz.workshop-outcomes-pooled/1"
    assert body["workshops"] == {"count": 2, "first": "2024-04-03", "last": "2024-04-03"}
    groups = body["groups"]
    assert [groups[g]["firms"] for g in ("attendees", "matched_attendees", "comparison")] == [
        7,
        5,
        7,
    ]
    assert groups["attendees"]["months_6"]["exported"] == {
        "status": "ok",
        "base": 7,
        "firms": 4,
        "share_pct": "57.14",
    }
    assert groups["comparison"]["months_12"]["new_hs6"]["share_pct"] == "0.00"
    assert body["caveats"][0]["code"] == "self_selection"
    assert "ETag" not in response
