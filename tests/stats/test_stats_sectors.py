"""The sector rule, read once: the figures by sector (the warehouse's `dim_product`) and the
drill-down from a sector to the HS codes it holds whole (`taraz.stats.in_sector`) agree.

The user's rules below add prefixes of 4, 6 and 8 digits to the packaged ones (0, 2 and 4):
`2516` gives HS 2516 to industry out of chapter 25 (mining); `690721` gives HS 690721 to
industry out of chapter 69 (mining), and `69072110` gives that one tariff line back to mining.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from taraz.calendar import parse_period
from taraz.reference import load_reference
from taraz.stats import Query, breakdown, in_sector, open_engine, shared_chapters
from tests.fixtures import T0, YAZD, Line, load

FARVARDIN = Query(province=YAZD, period=parse_period("1404-01"))
RULES = [("2516", "industry"), ("690721", "industry"), ("69072110", "mining")]
# tariff code -> (value, the sector of its longest rule, worked out by hand)
CODES = {
    "69072110": ("100.00", "mining"),  # 69072110
    "69072190": ("200.00", "industry"),  # 690721
    "69074000": ("300.00", "mining"),  # 69
    "25161100": ("400.00", "industry"),  # 2516
    "25151200": ("500.00", "mining"),  # 25
    "2516": ("600.00", "industry"),  # 2516; an aggregated source's 4-digit code
    "08025100": ("700.00", "agriculture"),  # 08
    "84719000": ("800.00", "industry"),  # the default rule ""
}


@pytest.fixture
def ruled(tmp_path, monkeypatch):
    """A warehouse built under the user's rules, and an engine on it."""
    from taraz.warehouse import Warehouse

    rules = tmp_path / "reference"
    rules.mkdir()
    text = "hs_prefix,sector,note\n" + "".join(f"{p},{s},test\n" for p, s in RULES)
    (rules / "sector_rules.csv").write_text(text, "utf-8")
    monkeypatch.setenv("TARAZ_REFERENCE_DIR", str(rules))
    wh = Warehouse.open(tmp_path / "ruled.duckdb")
    rows = [
        Line("", "", "X", "2025-04-10", code, "IQ", "IR21-YAZD", YAZD, "", "", value, "1")
        for code, (value, _) in CODES.items()
    ]
    load(wh, tmp_path, "ruled.csv", rows, now=T0)
    with open_engine(wh) as engine:
        yield wh, engine
    wh.close()


def codes(items):
    return [i["code"] for i in items]


def test_each_tariff_code_takes_the_sector_of_its_longest_rule(ruled):
    wh, _ = ruled
    got = dict(wh.con.execute("SELECT hs_code, sector FROM dim_product").fetchall())
    assert got == {code: sector for code, (_, sector) in CODES.items()}


def test_the_warehouse_and_the_reference_read_the_rule_alike(ruled):
    wh, _ = ruled
    ref = load_reference()
    rows = wh.con.execute("SELECT hs_code, sector FROM dim_product").fetchall()
    assert all(sector == ref.sector_of(code) for code, sector in rows)


def test_figures_by_sector_follow_the_longest_rule(ruled):
    _, engine = ruled
    items = breakdown(engine, FARVARDIN, "sector", "X")
    # industry 200 + 400 + 600 + 800; mining 100 + 300 + 500; agriculture 700
    assert [(i["code"], i["value_usd"]) for i in items] == [
        ("industry", "2000.00"),
        ("mining", "900.00"),
        ("agriculture", "700.00"),
    ]


@pytest.mark.parametrize(
    ("dimension", "sector", "expected"),
    [
        # chapters 69 and 25 are split by longer rules; 08 and 84 are whole
        ("hs2", "mining", []),
        ("hs2", "industry", ["84"]),
        ("hs2", "agriculture", ["08"]),
        # heading 6907 is split by 690721 and 69072110
        ("hs4", "mining", ["2515"]),
        ("hs4", "industry", ["2516", "8471"]),  # 2516: 400 + 600
        # subheading 690721 is industry but 69072110 gives part of it to mining
        ("hs6", "mining", ["251512", "690740"]),
        ("hs6", "industry", ["847190", "251611"]),
        ("hs6", "agriculture", ["080251"]),
    ],
)
def test_a_sector_holds_whole_the_codes_no_longer_rule_splits(ruled, dimension, sector, expected):
    _, engine = ruled
    assert codes(in_sector(breakdown(engine, FARVARDIN, dimension, "X"), dimension, sector)) == (
        expected
    )


def test_what_a_sector_holds_whole_is_wholly_the_sector_in_the_figures(ruled):
    wh, engine = ruled
    products = wh.con.execute("SELECT hs_code, hs2, hs4, hs6, sector FROM dim_product").fetchall()
    column = {"hs2": 1, "hs4": 2, "hs6": 3}
    for dimension, i in column.items():
        items = breakdown(engine, FARVARDIN, dimension, "X")
        for sector in load_reference().sectors:
            for code in codes(in_sector(items, dimension, sector)):
                assert {p[4] for p in products if p[i] == code} == {sector}, (dimension, code)


def test_chapters_a_sector_shares_are_those_a_longer_rule_splits(ruled):
    assert {"25", "69"} <= set(shared_chapters("mining"))
    assert {"25", "69"} <= set(shared_chapters("industry"))
    assert "84" not in shared_chapters("industry")
    assert "08" not in shared_chapters("agriculture")


def test_whole_chapters_and_the_headings_of_shared_ones_add_up_to_the_sector(yazd):
    """Under the packaged rules (none longer than a heading), the drill-down of a sector
    covers exactly its figure."""
    query = Query(province=YAZD, period=parse_period("1404-Q1"))
    for flow in ("X", "M"):
        sectors = {i["code"]: i["value_usd"] for i in breakdown(yazd, query, "sector", flow)}
        chapters = breakdown(yazd, query, "hs2", flow)
        headings = breakdown(yazd, query, "hs4", flow)
        for sector, value in sectors.items():
            shared = shared_chapters(sector)
            drilled = in_sector(chapters, "hs2", sector) + [
                h for h in in_sector(headings, "hs4", sector) if h["code"][:2] in shared
            ]
            assert sum(Decimal(i["value_usd"]) for i in drilled) == Decimal(value), sector
