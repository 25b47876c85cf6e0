"""The sector of an HS code: the longest matching prefix of sector_rules.csv."""

import pytest


def test_ceramic_tiles_are_mining(ref):
    assert ref.sector_of("690721") == "mining"


def test_coffee_is_agriculture(ref):
    assert ref.sector_of("0901") == "agriculture"


def test_polyethylene_in_primary_form_is_petrochemical(ref):
    assert ref.sector_of("390110") == "petrochemical"


def test_plastic_boxes_are_industry(ref):
    assert ref.sector_of("392310") == "industry"


def test_codes_without_a_rule_fall_to_industry(ref):
    assert ref.sector_of("8703") == "industry"


def test_iran_tariff_codes_and_persian_digits_work(ref):
    assert ref.sector_of("۶۹۰۷۲۱۰۰") == "mining"


@pytest.mark.parametrize(
    ("hs_code", "sector"),
    [
        ("2523", "mining"),  # cement
        ("2601", "mining"),  # iron ore
        ("2710", "petrochemical"),  # oil products
        ("2713", "petrochemical"),  # bitumen
        ("2503", "petrochemical"),  # refinery sulphur
        ("2905", "petrochemical"),  # methanol
        ("2941", "industry"),  # antibiotics
        ("310210", "petrochemical"),  # urea
        ("4002", "petrochemical"),  # synthetic rubber
        ("4011", "industry"),  # tyres
        ("5701", "textiles"),  # hand-knotted carpets
        ("4602", "textiles"),  # basketwork
        ("7108", "mining"),  # gold
        ("7113", "textiles"),  # jewellery, counted with handicrafts
        ("7207", "mining"),  # semi-finished steel
        ("7308", "industry"),  # steel structures
        ("7403", "mining"),  # refined copper
        ("7413", "industry"),  # copper cables
        ("7601", "mining"),  # unwrought aluminium
        ("7610", "industry"),  # aluminium structures
        ("8201", "industry"),  # hand tools
    ],
)
def test_notable_rules(ref, hs_code, sector):
    assert ref.sector_of(hs_code) == sector


def test_every_rule_has_a_note(ref):
    assert [p for p, rule in ref.sector_rules.items() if not rule.note] == []


def test_sector_of_rejects_text_that_is_no_code(ref):
    with pytest.raises(ValueError):
        ref.sector_of("tiles")
