"""Latin text inside Persian: each Latin run in its own isolate, bare Latin numbers in Persian
digits (docs/numbers.md, "Mixed directions")."""

from __future__ import annotations

from taraz.fa import FSI, PDI, first_strong, has_persian, isolate_latin


def test_a_latin_word_is_isolated():
    assert isolate_latin("تهیه‌شده با taraz") == f"تهیه‌شده با {FSI}taraz{PDI}"


def test_an_english_name_keeps_its_parentheses_inside_its_isolate():
    name = "Iron ores; agglomerated (excluding roasted iron pyrites)"
    assert isolate_latin(name) == f"{FSI}{name}{PDI}"


def test_persian_brackets_around_latin_stay_outside_the_isolate():
    assert isolate_latin("کالا (excluding pyrites) و") == f"کالا ({FSI}excluding pyrites{PDI}) و"


def test_file_names_in_a_persian_list_are_isolated_one_by_one():
    assert isolate_latin("a-01.xlsx، b.csv") == f"{FSI}a-01.xlsx{PDI}، {FSI}b.csv{PDI}"


def test_a_shortened_latin_name_keeps_its_ellipsis_at_its_own_end():
    assert isolate_latin("Machines; for sorting…") == f"{FSI}Machines; for sorting…{PDI}"


def test_a_bare_latin_number_is_written_in_persian_digits():
    assert isolate_latin("گمرک منطقه ویژه 2 بوشهر") == "گمرک منطقه ویژه ۲ بوشهر"


def test_isolates_already_made_are_left_alone():
    signed = "\u2066\u2212۳۵٫۷\u2069"
    assert isolate_latin(f"رشد {signed} و {FSI}BEC 7{PDI}") == f"رشد {signed} و {FSI}BEC 7{PDI}"


def test_isolating_twice_changes_nothing():
    once = isolate_latin("منبع taraz و 12 فایل a.csv")
    assert isolate_latin(once) == once


def test_direction_of_the_first_letter():
    assert (first_strong("(BEC) کد"), first_strong("کد BEC"), first_strong("−۳۵")) == (
        "ltr",
        "rtl",
        "ltr",
    )


def test_has_persian():
    assert (has_persian("a.xlsx، b.xlsx"), has_persian("سنگ آهن")) == (False, True)
