"""A firm sees and edits only its own profile; its size is classed over time by the size bands
file; HS lines are checked against the reference; markets keep their history; every change is
in the audit trail."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from taraz.errors import TarazError
from taraz.web.audit.models import AuditEvent
from taraz.web.exporters import services
from taraz.web.exporters.size_bands import read_bands, size_bands
from tests.web.factories import ExporterFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def firm():
    return ExporterFactory()


@pytest.fixture
def person():
    return UserFactory(username="firm-person")


def test_exporter_b_gets_404_on_exporter_as_profile(exporter_b_client, world):
    assert exporter_b_client.get(f"/exporters/{world.exporter_a.pk}/").status_code == 404
    assert exporter_b_client.get(f"/exporters/{world.exporter_b.pk}/").status_code == 200


def test_exporter_b_cannot_change_exporter_as_profile(exporter_b_client, world):
    response = exporter_b_client.post(
        f"/exporters/{world.exporter_a.pk}/hs/", {"hs_code": "690721"}
    )
    assert response.status_code == 404
    assert not world.exporter_a.hs_lines.exists()


def test_a_firm_that_does_not_exist_answers_like_one_that_is_not_yours(exporter_b_client):
    assert exporter_b_client.get("/exporters/999999/").status_code == 404


def test_the_visible_firms_match_the_predicate(world):
    a, b = world.exporter_a, world.exporter_b
    assert list(services.visible_exporters(world.users["exporter_a"])) == [a]
    assert set(services.visible_exporters(world.users["auditor"])) == {a, b}
    assert list(services.visible_exporters(world.users["body_routed"])) == []


def test_the_bands_file_names_its_legal_source():
    bands = size_bands()
    assert "Ministry of Industry, Mine and Trade" in bands.source("en")
    assert "وزارت صنعت، معدن و تجارت" in bands.source("fa")
    assert [(b.size_class, b.low, b.high) for b in bands.bands] == [
        ("micro", 0, 9),
        ("small", 10, 49),
        ("medium", 50, 99),
        ("large", 100, None),
    ]


@pytest.mark.parametrize(
    ("employees", "size"),
    [
        (0, "micro"),
        (9, "micro"),
        (10, "small"),
        (49, "small"),
        (50, "medium"),
        (99, "medium"),
        (100, "large"),
    ],
)
def test_each_band_edge_gives_its_class(employees, size):
    assert size_bands().classify(employees) == size


def test_size_class_over_time_worked_by_hand(firm, person):
    # 8 employees on 1402/01/15, 45 on 1403/06/01, 120 on 1404/02/10:
    # micro from 4 Apr 2023, small from 22 Aug 2024, large from 30 Apr 2025
    with time_machine.travel(date(2025, 6, 1), tick=False):
        services.declare_size(firm, 8, actor=person, on=date(2023, 4, 4))
        services.declare_size(firm, "۴۵", actor=person, on=date(2024, 8, 22))
        services.declare_size(firm, 120, actor=person, on=date(2025, 4, 30))
    assert [
        services.size_class_on(firm, d)
        for d in (date(2023, 4, 3), date(2023, 4, 4), date(2025, 3, 19), date(2025, 4, 30))
    ] == [
        None,
        "micro",
        "small",
        "large",
    ]
    assert AuditEvent.objects.filter(action="size_declare", subject=firm.subject).count() == 3
    assert {d.bands for d in services.size_history(firm)} == {"mimt-employees/1"}


def test_a_declaration_in_the_future_is_refused(firm, person):
    with time_machine.travel(date(2025, 6, 1), tick=False), pytest.raises(TarazError) as caught:
        services.declare_size(firm, 8, actor=person, on=date(2025, 6, 2))
    assert caught.value.code == "exporters.declared-in-future"


def test_a_bands_file_with_a_gap_is_refused(tmp_path):
    text = (size_bands_path := tmp_path / "bands.toml")
    text.write_text(
        '[source]\nfa = "منبع"\nen = "source"\n[[band]]\nclass = "micro"\nmin = 0\nmax = 9\nwarehouse = "sme"\n'
        '[[band]]\nclass = "large"\nmin = 11\nwarehouse = "large"\n',
        "utf-8",
    )
    with pytest.raises(TarazError) as caught:
        read_bands(size_bands_path)
    assert caught.value.code == "exporters.size-bands"


@pytest.mark.parametrize(
    ("text", "code"), [("6907", "6907"), ("۶۹۰۷.۲۱", "690721"), ("69072100", "69072100")]
)
def test_hs_lines_are_checked_against_the_reference(firm, person, text, code):
    assert services.add_hs_line(firm, text, actor=person).hs_code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("69", "exporters.bad-hs"), ("690799", "exporters.unknown-hs"), ("abcd", "exporters.bad-hs")],
)
def test_other_hs_codes_are_refused(firm, person, text, code):
    with pytest.raises(TarazError) as caught:
        services.add_hs_line(firm, text, actor=person)
    assert caught.value.code == code


def test_a_removed_hs_line_is_kept_and_can_come_back(firm, person):
    services.add_hs_line(firm, "690721", actor=person)
    services.remove_hs_line(firm, "690721", actor=person)
    services.add_hs_line(firm, "690721", actor=person)
    assert (firm.hs_lines.count(), services.hs_lines(firm).count()) == (2, 1)
    assert AuditEvent.objects.filter(action="hs_line_change").count() == 3


def test_a_market_change_adds_a_row_and_the_latest_holds(firm, person):
    with time_machine.travel(date(2025, 6, 1), tick=False):
        services.set_market(firm, "Iraq", "target", actor=person, on=date(2025, 1, 1))
        services.set_market(firm, "عراق", "exporting", actor=person, on=date(2025, 5, 1))
        services.set_market(firm, "TR", "not_interested", actor=person)
    now = {m.country: m.status for m in services.current_markets(firm, date(2025, 6, 1))}
    then = {m.country: m.status for m in services.current_markets(firm, date(2025, 2, 1))}
    assert (now, then) == ({"IQ": "exporting", "TR": "not_interested"}, {"IQ": "target"})
    assert len(services.market_history(firm)) == 3
    assert AuditEvent.objects.filter(action="market_change").count() == 3


def test_an_unknown_country_is_refused(firm, person):
    with pytest.raises(TarazError) as caught:
        services.set_market(firm, "Atlantis", "target", actor=person)
    assert caught.value.code == "exporters.unknown-country"


def test_the_firms_admin_edits_names_and_city_but_not_the_national_id(exporter_a_client, world):
    a = world.exporter_a
    response = exporter_a_client.post(
        f"/exporters/{a.pk}/edit/",
        {
            "name_fa": "کاشی نو",
            "name_en": "New Tile",
            "city": "اردکان",
            "national_id": "10380284790",
        },
    )
    a.refresh_from_db()
    assert (response.status_code, a.name_fa, a.city) == (302, "کاشی نو", "اردکان")
    assert a.national_id != "10380284790"
    event = AuditEvent.objects.get(action="exporter_change")
    assert (event.username, event.detail["city"]) == ("exporter_a", ["یزد", "اردکان"])


def test_an_officer_verifies_a_firm_once(officer_client, world):
    a = world.exporter_a
    assert officer_client.post(f"/exporters/{a.pk}/verify/").status_code == 302
    a.refresh_from_db()
    assert (a.verified_by.username, a.verified_at is not None) == ("officer", True)
    with pytest.raises(TarazError, match="already-verified"):
        services.verify_exporter(a, actor=world.users["officer"])
    assert AuditEvent.objects.filter(action="exporter_verify").count() == 1


def test_a_firm_cannot_verify_itself(exporter_a_client, world):
    assert exporter_a_client.post(f"/exporters/{world.exporter_a.pk}/verify/").status_code == 403


def test_a_second_firm_with_the_same_card_is_refused(person):
    services.register_exporter(card_number="12100000077", name_fa="الف", actor=person)
    with pytest.raises(TarazError) as caught:
        services.register_exporter(card_number="۱۲۱۰۰۰۰۰۰۷۷", name_fa="ب", actor=person)
    assert caught.value.code == "exporters.card-exists"


def test_the_profile_page_reads_in_persian_with_persian_digits(exporter_a_client, world):
    services.declare_size(world.exporter_a, 1234, actor=world.users["exporter_a"])
    page = exporter_a_client.get(f"/exporters/{world.exporter_a.pk}/").content.decode()
    assert 'dir="rtl"' in page and "۱٬۲۳۴" in page and "بزرگ" in page


def test_the_profile_page_in_english_shows_gregorian_beside_jalali(exporter_a_client, world):
    page = exporter_a_client.get(f"/en/exporters/{world.exporter_a.pk}/").content.decode()
    assert "29 Esfand 1405 (20 March 2027)" in page  # the card's expiry


FORMS = [
    ("size/", {"employees": "many"}, "باید عددی درست", "must be a whole number"),
    ("hs/", {"hs_code": "12"}, "کد تعرفه", "is not an HS code"),
    (
        "hs/remove/",
        {"hs_code": "690721"},
        "در فهرست این صادرکننده نیست",
        "is not on this exporter's list",
    ),
    ("markets/", {"country": "Atlantis", "status": "target"}, "شناخته نیست", "No country is known"),
    ("markets/", {"country": "IQ", "status": "maybe"}, "پذیرفته نیست", "is not a choice"),
    ("edit/", {"name_fa": ""}, "را پر کنید", "Fill in Persian name"),
    ("invite/", {"role": "member", "phone": "123"}, "شمارهٔ همراه نیست", "is not a mobile number"),
    (
        "invite/",
        {"role": "member"},
        "رایانامه یا شمارهٔ همراه",
        "Give an e-mail address or a mobile number",
    ),
    ("size/", {"employees": "5", "declared_on": "1404/13/01"}, "روز نیست", "is not a day"),
]


@pytest.mark.parametrize(("path", "data", "fa", "en"), FORMS)
def test_every_forms_bad_input_gets_a_message_in_both_languages(
    exporter_a_client, world, path, data, fa, en
):
    base = f"/exporters/{world.exporter_a.pk}/{path}"
    persian = exporter_a_client.post(base, data)
    english = exporter_a_client.post(f"/en{base}", data)
    assert (persian.status_code, english.status_code) == (400, 400)
    assert fa in persian.content.decode()
    assert en in english.content.decode().replace("&#x27;", "'")
