"""The code lists as Arrow tables for the warehouse."""

from taraz.fa import name_key

TABLES = {
    "ref_hs",
    "ref_hs_sections",
    "ref_sectors",
    "ref_sector_rules",
    "ref_stages",
    "ref_countries",
    "ref_provinces",
    "ref_customs_offices",
    "ref_names",
}


def test_tables_are_named_as_the_contract_says(ref):
    assert set(ref.tables()) == TABLES


def test_ref_names_keys_are_unique_per_kind(ref):
    names = ref.tables()["ref_names"].to_pylist()
    pairs = [(n["kind"], n["key"]) for n in names]
    assert len(pairs) == len(set(pairs))


def test_ref_names_holds_every_alias_key(ref):
    names = {(n["kind"], n["key"]): n["code"] for n in ref.tables()["ref_names"].to_pylist()}
    assert names[("country", name_key("امارات"))] == "AE"
    assert names[("province", name_key("IR-21"))] == "IR-21"
    assert names[("customs_office", name_key("گمرک یزد"))] == "IR21-YAZD"


def test_ref_hs_carries_each_code_sector(ref):
    hs = {r["code"]: r["sector"] for r in ref.tables()["ref_hs"].to_pylist()}
    assert (hs["690721"], hs["0901"]) == ("mining", "agriculture")


def test_default_rule_is_the_empty_prefix(ref):
    rules = {r["hs_prefix"]: r["sector"] for r in ref.tables()["ref_sector_rules"].to_pylist()}
    assert rules[""] == "industry"
