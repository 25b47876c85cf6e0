"""The commercial card number and the company national id, checked by hand-worked examples."""

from __future__ import annotations

import pytest

from taraz.errors import TarazError
from taraz.web.exporters.identifiers import (
    card_province,
    clean_card_number,
    clean_national_id,
    national_id_check_digit,
)


@pytest.mark.parametrize(
    ("text", "card"),
    [
        ("12100001234", "12100001234"),  # Yazd (IR-21), as the sample warehouse numbers cards
        ("۱۲۱۰۰۰۰۱۲۳۴", "12100001234"),  # Persian digits
        ("121-0000-1234", "12100001234"),  # written in groups
        ("10012345678", "10012345678"),  # Markazi (IR-00)
        ("13099999999", "13099999999"),  # Alborz (IR-30)
    ],
)
def test_a_card_number_is_eleven_digits_from_1_and_a_province(text, card):
    assert clean_card_number(text) == card


@pytest.mark.parametrize(
    "text",
    [
        "1210000123",  # 10 digits
        "121000012345",  # 12 digits
        "22100001234",  # does not start with 1
        "13100001234",  # province 31 does not exist
        "12100000000",  # serial all zero
        "1210000123x",
        "",
    ],
)
def test_other_card_numbers_are_refused(text):
    with pytest.raises(TarazError) as caught:
        clean_card_number(text)
    assert caught.value.code == "exporters.bad-card-number"


def test_a_cards_province_is_its_second_and_third_digits():
    assert card_province("12100001234") == "IR-21"


def test_the_national_id_check_digit_worked_by_hand():
    # 1038028479|0: d = 9 + 2 = 11; weights 29 27 23 19 17 29 27 23 19 17
    # (11+1)29 + (11+0)27 + (11+3)23 + (11+8)19 + (11+0)17 = 348 + 297 + 322 + 361 + 187 = 1515
    # (11+2)29 + (11+8)27 + (11+4)23 + (11+7)19 + (11+9)17 = 377 + 513 + 345 + 342 + 340 = 1917
    # 1515 + 1917 = 3432 = 11 x 312: remainder 0
    assert national_id_check_digit("1038028479") == 0
    assert clean_national_id("10380284790") == "10380284790"


def test_a_second_national_id_worked_by_hand():
    # 1231000000|?: d = 0 + 2 = 2
    # (2+1)29 + (2+2)27 + (2+3)23 + (2+1)19 + (2+0)17 = 87 + 108 + 115 + 57 + 34 = 401
    # (2+0)29 + (2+0)27 + (2+0)23 + (2+0)19 + (2+0)17 = 58 + 54 + 46 + 38 + 34 = 230
    # 631 = 11 x 57 + 4: check digit 4
    assert national_id_check_digit("1231000000") == 4
    assert clean_national_id("۱۲۳۱۰۰۰۰۰۰۴") == "12310000004"


@pytest.mark.parametrize(
    "text",
    [
        "10380284791",  # the check digit does not match
        "1038028479",  # 10 digits
        "10300000000",  # digits 4 to 9 all zero
        "1038028479a",
    ],
)
def test_other_national_ids_are_refused(text):
    with pytest.raises(TarazError) as caught:
        clean_national_id(text)
    assert caught.value.code == "exporters.bad-national-id"
