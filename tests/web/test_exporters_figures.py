"""A firm's own exports on its profile, from `taraz.stats.trader_figures` on the TRADERS
warehouse (figures worked out by hand in tests/fixtures/datasets/traders.py): shown to the
firm's people and the organization's staff, 404 for anyone else, never public."""

from __future__ import annotations

import re
import shutil
from datetime import date
from html.parser import HTMLParser

import pytest
import time_machine

from tests.fixtures import TRADERS
from tests.fixtures.datasets.traders import FIRM_A, FIRM_B, NO_LINES

pytestmark = pytest.mark.django_db


@pytest.fixture
def traders_warehouse(dataset_file, tmp_path, settings):
    """The web process pointed at its own copy of the TRADERS warehouse."""
    from taraz.web.hub import use_warehouse

    copy = tmp_path / "traders.duckdb"
    shutil.copy(dataset_file(TRADERS), copy)
    settings.TARAZ_UPLOAD_DIR = tmp_path / "uploads"
    use_warehouse(copy)
    yield copy
    use_warehouse(None)


@pytest.fixture
def firms(world):
    """Exporter A holds card FIRM_A, exporter B card FIRM_B."""
    model = type(world.exporter_a)
    model.objects.filter(pk=world.exporter_a.pk).update(card_number=FIRM_A)
    model.objects.filter(pk=world.exporter_b.pk).update(card_number=FIRM_B)
    return world


class Tables(HTMLParser):
    """The text of each cell of each table, by the table's id."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._table = dict(attrs).get("id") or ""
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            text = re.sub(r"[\u2066-\u2069]", "", "".join(self._cell))
            self._row.append(" ".join(text.split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(response) -> dict[str, list[list[str]]]:
    assert response.status_code == 200
    parser = Tables()
    parser.feed(response.content.decode())
    return parser.tables


def section(response) -> str:
    html = response.content.decode()
    return html.split('id="own-exports"', 1)[1].split("</section>", 1)[0]


def test_exporter_b_gets_404_on_exporter_as_figures(traders_warehouse, firms):
    b = firms.client("exporter_b")
    assert b.get(f"/exporters/{firms.exporter_a.pk}/").status_code == 404
    assert b.get(f"/en/exporters/{firms.exporter_a.pk}/").status_code == 404
    # B's own page holds B's figures (1500 USD in 1403-Q3), none of A's (3600 USD)
    own = tables(b.get(f"/en/exporters/{firms.exporter_b.pk}/"))["own-quarters"]
    assert own[-1][:3] == ["Period total", "1,500 USD", "0.1 t"]


def test_the_quarters_shown_are_the_hand_worked_figures(traders_warehouse, firms):
    rows = tables(firms.client("exporter_a").get(f"/exporters/{firms.exporter_a.pk}/"))
    assert rows["own-quarters"][1:] == [
        [
            "فصل دوم (تابستان) ۱۴۰۳",
            "۱٬۲۰۰ دلار",
            "۶٫۰ تن",
            "فصل دوم (تابستان) ۱۴۰۲",
            "بارگذاری نشده",
            "—",
        ],
        ["فصل سوم (پاییز) ۱۴۰۳", "۰ دلار", "۰٫۰ تن", "فصل سوم (پاییز) ۱۴۰۲", "بارگذاری نشده", "—"],
        [
            "فصل چهارم (زمستان) ۱۴۰۳",
            "۶۰۰ دلار",
            "۱۲٫۰ تن",
            "فصل چهارم (زمستان) ۱۴۰۲",
            "بارگذاری نشده",
            "—",
        ],
        [
            "فصل اول (بهار) ۱۴۰۴",
            "۱٬۸۰۰ دلار",
            "۷٫۶ تن",
            "فصل اول (بهار) ۱۴۰۳",
            "۱٬۲۰۰ دلار",
            "رشد ۵۰٫۰٪",
        ],
        ["جمع دوره", "۳٬۶۰۰ دلار", "۲۵٫۶ تن", ""],
    ]


def test_the_products_and_markets_shown_are_the_hand_worked_figures(traders_warehouse, firms):
    rows = tables(firms.client("exporter_a").get(f"/en/exporters/{firms.exporter_a.pk}/"))
    assert [r[:2] + r[3:] for r in rows["own-products"][1:]] == [
        ["1", "690721", "2,700 USD", "13.5 t", "75.0%"],
        ["2", "251611", "600 USD", "12.0 t", "16.7%"],
        ["3", "080251", "300 USD", "0.1 t", "8.3%"],
    ]
    assert rows["own-products"][3][2] == "Nuts, edible; pistachios, fresh or dried, in shell"
    assert rows["own-markets"][1:] == [
        ["Iraq", "2,800 USD", "77.8%", "not declared"],
        ["United Arab Emirates", "800 USD", "22.2%", "not declared"],
    ]


def test_markets_reached_stand_against_markets_declared(traders_warehouse, firms):
    from taraz.web.exporters import services

    person = firms.users["exporter_a"]
    with time_machine.travel(date(2025, 7, 5), tick=False):
        services.set_market(firms.exporter_a, "IQ", "exporting", actor=person)
        services.set_market(firms.exporter_a, "DE", "target", actor=person)
        response = firms.client("exporter_a").get(f"/en/exporters/{firms.exporter_a.pk}/")
    assert tables(response)["own-markets"][1:] == [
        ["Iraq", "2,800 USD", "77.8%", "exporting"],
        ["United Arab Emirates", "800 USD", "22.2%", "not declared"],
        ["Germany", "no export", "—", "target"],
    ]


def test_the_organizations_staff_see_the_firms_figures(traders_warehouse, firms):
    for role in ("officer", "auditor"):
        rows = tables(firms.client(role).get(f"/en/exporters/{firms.exporter_a.pk}/"))
        assert rows["own-quarters"][-1][:2] == ["Period total", "3,600 USD"]


def test_the_figures_say_their_coverage_basis_and_as_of(traders_warehouse, firms):
    text = section(firms.client("exporter_a").get(f"/en/exporters/{firms.exporter_a.pk}/"))
    assert "Data complete for the period" in text
    assert "whichever province it is attributed to; data of 2 province(s) is loaded" in text
    assert "Data last changed: 10 Tir 1404" in text
    assert "Tir 1403 - Khordad 1404" in text


def test_a_card_with_no_line_says_so_and_shows_no_zero_table(traders_warehouse, firms):
    type(firms.exporter_a).objects.filter(pk=firms.exporter_a.pk).update(card_number=NO_LINES)
    response = firms.client("exporter_a").get(f"/en/exporters/{firms.exporter_a.pk}/")
    text = section(response)
    assert "No export by card number 12100000909 in the loaded data for Tir 1403" in text
    assert "Data complete for the period" in text
    assert not {"own-quarters", "own-products", "own-markets"} & set(tables(response))


def test_an_empty_warehouse_says_nothing_is_loaded_yet(empty_warehouse, firms):
    response = firms.client("exporter_a").get(f"/en/exporters/{firms.exporter_a.pk}/")
    assert "No trade data has been loaded yet" in section(response)
    assert "own-quarters" not in tables(response)


def test_figures_still_being_computed_leave_the_rest_of_the_profile(
    traders_warehouse, firms, settings
):
    settings.TARAZ_COMPUTE_WAIT = 0  # the request waits for no computation
    response = firms.client("exporter_a").get(f"/en/exporters/{firms.exporter_a.pk}/")
    assert response.status_code == 200
    text = section(response)
    assert "not available right now: The figures you asked for are being computed" in text
    assert "Commercial card number" in response.content.decode()
    # the computation went on: asked again outside a request, it is waited for and kept
    from taraz.web import figures

    assert figures.trader(FIRM_A)["totals"]["value_usd"] == "3600.00"


def test_a_persian_profile_with_figures_has_no_latin_digit_in_its_text(traders_warehouse, firms):
    type(firms.exporter_a).objects.filter(pk=firms.exporter_a.pk).update(
        name_fa="کاشی یزد", name_en="Yazd Tile"
    )
    html = firms.client("exporter_a").get(f"/exporters/{firms.exporter_a.pk}/").content.decode()
    body = html.split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0]
    text = re.sub(r"<[^>]+>", " ", body)
    text = re.sub(r"\u2068[^\u2069]*\u2069", " ", text)
    assert "۳٬۶۰۰" in text
    assert re.findall(r".{20}[0-9]+", text) == []


def test_the_open_api_knows_no_trader(traders_warehouse, client):
    # a trader parameter narrows nothing public: it is ignored, and the answer is Yazd's
    params = {"province": "IR-21", "period": "1404-Q1"}
    plain = client.get("/api/v1/totals", params).json()["totals"]
    asked = client.get("/api/v1/totals", {**params, "trader": FIRM_A}).json()["totals"]
    # Yazd's exports of 1404-Q1: A5 1000 + A6 500 + A7 300 + the aggregated line 300, not A's
    assert asked == plain
    assert asked["exports"]["value_usd"] == "2100.00"
