"""The sector rule, read once: the figures by sector (the warehouse's `dim_product`) give each
tariff code the sector of its longest rule, as `Reference.sector_of` does.

The user's rules below add prefixes of 4, 6 and 8 digits to the packaged ones (0, 2 and 4):
`2516` gives HS 2516 to industry out of chapter 25 (mining); `690721` gives HS 690721 to
industry out of chapter 69 (mining), and `69072110` gives that one tariff line back to mining.
"""

from __future__ import annotations

import pytest

from taraz.calendar import parse_period
from taraz.reference import load_reference
from taraz.stats import Query, breakdown, open_engine
from tests.stats.data import T0, YAZD, line, load

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
        line("", "", "X", "2025-04-10", code, "IQ", "IR21-YAZD", YAZD, "", "", value, "1")
        for code, (value, _) in CODES.items()
    ]
    load(wh, tmp_path, "ruled.csv", rows, now=T0)
    with open_engine(wh) as engine:
        yield wh, engine
    wh.close()


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
