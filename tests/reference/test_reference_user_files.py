"""Users extend the code lists with files of the same names, and are told what is wrong."""

import os

import pytest

from taraz.fa import strip_isolates
from taraz.reference import ReferenceDataError, load_reference

PROVINCE_HEADER = ["code", "name_fa", "name_en", "aliases"]
OFFICE_HEADER = ["code", "name_fa", "name_en", "province", "city_fa", "aliases"]
RULE_HEADER = ["hs_prefix", "sector", "note"]
HERAT = ["AF-HER", "هرات", "Herat", "Herat Province"]
ISLAM_QALA = ["AFHER-ISLAMQALA", "گمرک اسلام‌قلعه", "Islam Qala Customs", "AF-HER", "", ""]


@pytest.fixture
def user_dir(tmp_path):
    directory = tmp_path / "reference"
    directory.mkdir()
    return directory


def problem_of(dirs):
    """The first problem of the error loading these directories raises."""
    with pytest.raises(ReferenceDataError) as raised:
        load_reference(extra_dirs=dirs)
    return raised.value.problems[0]


def test_user_dir_adds_a_foreign_province(user_dir, write_csv):
    write_csv(user_dir, "provinces.csv", PROVINCE_HEADER, HERAT)
    ref = load_reference(extra_dirs=[user_dir])
    assert (len(ref.provinces), ref.find_province("هرات")) == (32, "AF-HER")


def test_user_dir_adds_a_customs_office(user_dir, write_csv):
    write_csv(user_dir, "provinces.csv", PROVINCE_HEADER, HERAT)
    write_csv(user_dir, "customs_offices.csv", OFFICE_HEADER, ISLAM_QALA)
    ref = load_reference(extra_dirs=[user_dir])
    assert ref.find_customs_office("گمرک اسلام قلعه") == "AFHER-ISLAMQALA"


def test_user_rule_overrides_the_same_prefix(user_dir, write_csv):
    write_csv(user_dir, "sector_rules.csv", RULE_HEADER, ["69", "industry", "our practice"])
    ref = load_reference(extra_dirs=[user_dir])
    assert ref.sector_of("690721") == "industry"


def test_user_files_may_carry_a_note_column(user_dir, write_csv):
    write_csv(user_dir, "provinces.csv", [*PROVINCE_HEADER, "note"], [*HERAT, "for Herat trade"])
    assert load_reference(extra_dirs=[user_dir]).find_province("Herat") == "AF-HER"


def test_user_row_replaces_the_packaged_row_with_its_code(user_dir, write_csv):
    write_csv(user_dir, "provinces.csv", PROVINCE_HEADER, ["ir-21", "یزد", "Yazd", "Yezd"])
    ref = load_reference(extra_dirs=[user_dir])
    assert (len(ref.provinces), ref.find_province("Yezd")) == (31, "IR-21")


def test_user_files_leave_the_packaged_lists_alone(user_dir, write_csv):
    write_csv(user_dir, "provinces.csv", PROVINCE_HEADER, HERAT)
    load_reference(extra_dirs=[user_dir])
    assert load_reference(extra_dirs=[]).find_province("هرات") is None


def test_earlier_directory_wins_over_later(tmp_path, write_csv):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    write_csv(first, "sector_rules.csv", RULE_HEADER, ["69", "industry", ""])
    write_csv(second, "sector_rules.csv", RULE_HEADER, ["69", "textiles", ""])
    assert load_reference(extra_dirs=[first, second]).sector_of("6907") == "industry"


def test_default_dirs_come_from_the_environment(user_dir, write_csv, monkeypatch, tmp_path):
    write_csv(user_dir, "provinces.csv", PROVINCE_HEADER, HERAT)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("TARAZ_REFERENCE_DIR", os.pathsep.join([str(user_dir), str(tmp_path)]))
    assert load_reference().find_province("Herat") == "AF-HER"


def test_default_dirs_include_the_user_config_dir(write_csv, monkeypatch, tmp_path):
    config = tmp_path / ".config" / "taraz" / "reference"
    config.mkdir(parents=True)
    write_csv(config, "provinces.csv", PROVINCE_HEADER, HERAT)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("TARAZ_REFERENCE_DIR", raising=False)
    assert load_reference().find_province("Herat") == "AF-HER"


def test_loading_is_cached_until_a_file_changes(user_dir, write_csv):
    write_csv(user_dir, "provinces.csv", PROVINCE_HEADER, HERAT)
    first = load_reference(extra_dirs=[user_dir])
    assert load_reference(extra_dirs=[user_dir]) is first
    write_csv(user_dir, "provinces.csv", PROVINCE_HEADER, HERAT, ["AF-KAB", "کابل", "Kabul", ""])
    assert load_reference(extra_dirs=[user_dir]).find_province("Kabul") == "AF-KAB"


def test_bad_user_file_error_names_file_and_row_in_persian_and_english(user_dir, write_csv):
    path = write_csv(user_dir, "customs_offices.csv", OFFICE_HEADER, ISLAM_QALA)
    with pytest.raises(ReferenceDataError) as raised:
        load_reference(extra_dirs=[user_dir])
    error = raised.value
    assert (error.code, error.context["file"], error.context["row"]) == (
        "reference.unknown-province",
        str(path),
        2,
    )
    assert f"{path}, row 2, column 'province', value 'AF-HER'" in error.message_en
    assert f"فایل «{path}»، ردیف ۲، ستون «province»، مقدار «AF-HER»" in strip_isolates(
        error.message_fa
    )
    assert "استان ناشناخته است" in error.message_fa


def test_duplicate_code_in_a_file_is_an_error(user_dir, write_csv):
    write_csv(user_dir, "provinces.csv", PROVINCE_HEADER, HERAT, HERAT)
    problem = problem_of([user_dir])
    assert (problem.code, problem.row, problem.detail) == ("reference.duplicate-code", 3, "2")


def test_rule_naming_an_unknown_sector_is_an_error(user_dir, write_csv):
    write_csv(user_dir, "sector_rules.csv", RULE_HEADER, ["69", "ceramics", ""])
    problem = problem_of([user_dir])
    assert (problem.code, problem.column, problem.value) == (
        "reference.unknown-sector",
        "sector",
        "ceramics",
    )


def test_malformed_hs_code_is_an_error(user_dir, write_csv):
    header = ["code", "level", "section", "parent", "description_en", "description_fa"]
    write_csv(user_dir, "hs.csv", header, ["69072", "6", "XIII", "6907", "Tiles", ""])
    problem = problem_of([user_dir])
    assert (problem.code, problem.value) == ("reference.bad-hs-code", "69072")


def test_malformed_rule_prefix_is_an_error(user_dir, write_csv):
    write_csv(user_dir, "sector_rules.csv", RULE_HEADER, ["69.07", "mining", ""])
    assert problem_of([user_dir]).code == "reference.bad-hs-prefix"


def test_name_reaching_two_codes_is_an_error(user_dir, write_csv):
    write_csv(user_dir, "provinces.csv", PROVINCE_HEADER, ["AF-HER", "یزد", "Herat", ""])
    problem = problem_of([user_dir])
    assert (problem.code, problem.column, problem.detail) == (
        "reference.name-conflict",
        "name_fa",
        "IR-21",
    )


def test_missing_column_is_an_error(user_dir, write_csv):
    write_csv(user_dir, "provinces.csv", ["code", "name_fa"], ["AF-HER", "هرات"])
    problem = problem_of([user_dir])
    assert (problem.code, problem.row, problem.column) == ("reference.missing-column", 1, "name_en")


def test_malformed_province_code_is_an_error(user_dir, write_csv):
    write_csv(user_dir, "provinces.csv", PROVINCE_HEADER, ["Herat", "هرات", "Herat", ""])
    assert problem_of([user_dir]).code == "reference.bad-code"


def test_missing_directory_is_an_error(tmp_path):
    assert problem_of([tmp_path / "nowhere"]).code == "reference.missing-dir"


def test_every_problem_is_reported_not_just_the_first(user_dir, write_csv):
    write_csv(
        user_dir,
        "sector_rules.csv",
        RULE_HEADER,
        ["69", "ceramics", ""],
        ["70", "glassware", ""],
    )
    with pytest.raises(ReferenceDataError) as raised:
        load_reference(extra_dirs=[user_dir])
    assert [p.row for p in raised.value.problems] == [2, 3]


def test_a_province_is_found_from_its_file_alone_as_from_every_list(
    user_dir, write_csv, monkeypatch
):
    """The command line's --province reads only provinces.csv (so that a failing command answers
    at once); it must find what the whole code lists find, the user's rows included."""
    from taraz.reference.loading import find_province

    write_csv(user_dir, "provinces.csv", PROVINCE_HEADER, HERAT)
    monkeypatch.setenv("TARAZ_REFERENCE_DIR", str(user_dir))
    full = load_reference()
    for text in ("هرات", "Herat Province", "یزد", "yazd", "IR-21", "nowhere"):
        assert find_province(text) == full.find_province(text)
    assert find_province("herat") == "AF-HER"


def test_a_broken_provinces_file_is_reported_by_the_province_lookup_too(
    user_dir, write_csv, monkeypatch
):
    from taraz.reference.loading import find_province

    write_csv(user_dir, "provinces.csv", PROVINCE_HEADER, ["AF-HER", "", "Herat", ""])
    monkeypatch.setenv("TARAZ_REFERENCE_DIR", str(user_dir))
    with pytest.raises(ReferenceDataError):
        find_province("Herat")
