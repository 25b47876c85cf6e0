"""Normalising text and the name key."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taraz.fa import ARABIC_LETTERS, PERSIAN_LETTERS, ZWNJ, name_key, normalize_text


def test_letter_tables_have_the_same_length_for_sql_translate():
    assert len(ARABIC_LETTERS) == len(PERSIAN_LETTERS)


def test_letter_tables_map_arabic_yeh_kaf_alef_maksura_teh_marbuta_heh_yeh():
    pairs = dict(zip(ARABIC_LETTERS, PERSIAN_LETTERS, strict=True))
    assert pairs == {
        "\u064a": "\u06cc",  # Arabic yeh -> Farsi yeh
        "\u0643": "\u06a9",  # Arabic kaf -> keheh
        "\u0649": "\u06cc",  # alef maksura -> Farsi yeh
        "\u0629": "\u0647",  # teh marbuta -> heh
        "\u06c0": "\u0647",  # heh with yeh above -> heh
    }


def test_zwnj_is_u200c():
    assert ZWNJ == "\u200c"


@pytest.mark.parametrize(
    ("arabic", "persian"),
    [
        ("\u0639\u0644\u064a", "\u0639\u0644\u06cc"),  # علي -> علی
        ("\u0643\u0631\u0645\u0627\u0646", "\u06a9\u0631\u0645\u0627\u0646"),  # كرمان -> کرمان
        ("\u0645\u0648\u0633\u0649", "\u0645\u0648\u0633\u06cc"),  # موسى -> موسی
        ("\u062a\u062c\u0627\u0631\u0629", "\u062a\u062c\u0627\u0631\u0647"),  # تجارة -> تجاره
        ("\u062e\u0627\u0646\u06c0", "\u062e\u0627\u0646\u0647"),  # خانۀ -> خانه
    ],
)
def test_arabic_letters_become_persian(arabic, persian):
    assert normalize_text(arabic) == persian


def test_digits_become_latin():
    assert normalize_text("کد ۱۲۳ و ٤٥") == "کد 123 و 45"


def test_tatweel_is_removed():
    assert normalize_text("یـــزد") == "یزد"


def test_diacritics_are_removed():
    assert normalize_text("مُحَمَّد") == "محمد"


def test_hamza_above_written_as_a_mark_is_removed():
    assert normalize_text("خانه\u0654") == "خانه"


def test_precomposed_alef_madda_stays():
    assert normalize_text("آب") == "آب"


def test_decomposed_alef_madda_composes_to_the_same_letter():
    assert normalize_text("\u0627\u0653\u0628") == "آب"


def test_zwnj_inside_a_word_stays():
    assert normalize_text("می\u200cروم") == "می\u200cروم"


def test_zwnj_at_the_ends_is_removed():
    assert normalize_text("\u200cکالا\u200c") == "کالا"


def test_doubled_zwnj_becomes_one():
    assert normalize_text("می\u200c\u200cروم") == "می\u200cروم"


def test_zwnj_beside_a_space_is_removed():
    assert normalize_text("ارزش\u200c  \u200cدلاری") == "ارزش دلاری"


def test_whitespace_runs_become_one_space_and_ends_are_trimmed():
    assert normalize_text(" \tوزن\n\u00a0 خالص  ") == "وزن خالص"


def test_bidi_marks_are_removed():
    assert normalize_text("\u200fکد\u200e \u202bکالا\u202c") == "کد کالا"


@given(st.text(alphabet="يكىةۀیکه ابـ\u200c\u064e\u200f ۱٢3\t", max_size=40))
def test_normalize_text_is_idempotent(s):
    once = normalize_text(s)
    assert normalize_text(once) == once


def test_name_key_matches_arabic_and_persian_spellings_with_different_zwnj_and_spaces():
    assert name_key("سيستان و بلوچستان") == name_key("سیستان\u200cو\u200cبلوچستان")


def test_name_key_ignores_case_hyphens_and_spaces():
    assert name_key("Kohgiluyeh and Boyer-Ahmad") == name_key("kohgiluyeh AND boyer ahmad")


def test_name_key_ignores_dots():
    assert name_key("U.A.E.") == "uae"


def test_name_key_keeps_different_names_apart():
    assert name_key("یزد") != name_key("یزدان")
