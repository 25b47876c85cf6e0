"""Finding codes by code, Persian or English name, whatever the spelling."""

import pytest


def test_find_province_matches_arabic_yeh(ref):
    assert ref.find_province("يزد") == "IR-21"


def test_find_province_matches_code_in_any_case(ref):
    assert ref.find_province("ir-21") == "IR-21"


def test_find_province_matches_zwnj_and_spacing_variants(ref):
    assert ref.find_province("آذربایجان‌غربی") == "IR-04"
    assert ref.find_province("آذربایجان  غربی") == "IR-04"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Khorasan Razavi", "IR-09"),
        ("Razavi Khorasan", "IR-09"),
        ("Sistan-Baluchestan", "IR-11"),
        ("Kohgiluyeh and Boyer-Ahmad", "IR-17"),
        ("چهارمحال و بختیاری", "IR-14"),
        ("استان یزد", "IR-21"),
    ],
)
def test_find_province_knows_common_variants(ref, text, code):
    assert ref.find_province(text) == code


def test_find_country_matches_short_persian_name_of_the_uae(ref):
    assert ref.find_country("امارات") == "AE"


def test_find_country_ignores_hamza_above_in_source_name(ref):
    assert ref.find_country("امارات متحده عربی") == "AE"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ترکیه", "TR"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("عراق", "IQ"),
        ("چین", "CN"),
        ("افغانستان", "AF"),
        ("روسیه", "RU"),
        ("UAE", "AE"),
        ("Korea, Republic of", "KR"),
        ("ae", "AE"),
    ],
)
def test_find_country_knows_common_variants(ref, text, code):
    assert ref.find_country(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("گمرک یزد", "IR21-YAZD"),
        ("یزد", "IR21-YAZD"),
        ("گمرک استان یزد", "IR21-YAZD"),
        ("ir21-yazd", "IR21-YAZD"),
        ("گمرک شهید رجایی", "IR22-SHAHIDRAJAEE"),
        ("بازرگان", "IR04-BAZARGAN"),
        ("باشماق", "IR12-BASHMAQ"),
        ("دوغارون", "IR09-DOGHARUN"),
        ("میلک", "IR11-MILAK"),
        ("آستارا", "IR01-ASTARA"),
        ("سرخس", "IR09-SARAKHS"),
        ("گمرک فرودگاه امام خمینی", "IR23-IMAMAIRPORT"),
        ("گمرك بازرگان", "IR04-BAZARGAN"),
    ],
)
def test_find_customs_office_knows_short_forms(ref, text, code):
    assert ref.find_customs_office(text) == code


def test_unknown_or_blank_names_find_nothing(ref):
    assert ref.find_country("Atlantis") is None
    assert ref.find_province("") is None
    assert ref.find_customs_office(None) is None


def test_hs_label_gives_persian_chapter_name(ref):
    assert ref.hs_label("69") == "محصولات سرامیکی"


def test_hs_label_of_a_tariff_line_is_that_of_its_subheading(ref):
    assert ref.hs_label("69072100", "en") == ref.hs["690721"].description_en
    assert (
        ref.hs_label("۶۹۰۷.۲۱")
        == "کاشی و سرامیک کف، دیوار یا بخاری، با ضریب جذب آب حداکثر ۰٫۵ درصد وزنی"
    )


def test_every_heading_and_subheading_has_a_persian_name(ref):
    missing = [h.code for h in ref.hs.values() if not h.description_fa]
    assert missing == []


def test_persian_falls_back_to_english_where_a_user_file_gives_no_persian(tmp_path):
    from taraz.reference import load_reference

    (tmp_path / "hs.csv").write_text(
        "code,level,section,parent,description_en,description_fa\n"
        "690721,6,XIII,6907,Tiles (user),\n",
        encoding="utf-8",
    )
    assert load_reference(tmp_path).hs_label("690721", "fa") == "Tiles (user)"


def test_hs_label_of_unknown_code_is_the_code(ref):
    assert ref.hs_label("99") == "99"
