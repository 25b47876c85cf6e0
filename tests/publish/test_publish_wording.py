"""Amounts in words, the way Persian and English releases write them (rules in publish.amount_words)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from taraz.publish import amount_words


def test_dollars_are_written_in_millions_with_about():
    assert str(amount_words.usd(401_234_567)) == "حدود ۴۰۱ میلیون دلار"


def test_dollars_in_english():
    assert str(amount_words.usd(401_234_567, "en")) == "about 401 million dollars"


def test_an_exact_amount_has_no_about():
    assert str(amount_words.usd(85_000_000)) == "۸۵ میلیون دلار"


def test_plain_drops_about():
    assert amount_words.usd("401234567.00").plain == "۴۰۱ میلیون دلار"


def test_three_significant_figures_keep_a_decimal_below_a_hundred():
    assert amount_words.usd("85234566.93").plain == "۸۵٫۲ میلیون دلار"


def test_billions():
    assert amount_words.usd(1_250_000_000, "en").plain == "1.25 billion dollars"


def test_thousands_of_dollars():
    assert amount_words.usd(12_345).plain == "۱۲٫۳ هزار دلار"


def test_two_million_tonnes_are_written_in_millions():
    assert str(amount_words.tonnes(2_161_000.5)) == "حدود ۲٫۱۶ میلیون تن"


def test_two_million_tonnes_in_english():
    assert str(amount_words.tonnes(2_161_000.5, "en")) == "about 2.16 million tonnes"


def test_tonnes_below_a_million_are_thousands():
    assert amount_words.tonnes(130_000).plain == "۱۳۰ هزار تن"


def test_a_figure_rounding_up_to_a_thousand_takes_the_next_word():
    assert amount_words.tonnes(999_600).plain == "۱ میلیون تن"


def test_tonnes_in_thousands_the_customs_way():
    assert amount_words.thousand_tonnes("2161000.5") == "۲٬۱۶۱ هزار تن"


def test_small_amounts_have_no_scale_word():
    assert amount_words.tonnes(850, "en").plain == "850 tonnes"


@pytest.mark.parametrize(
    ("pct", "fa", "en"),
    [
        ("12.4", "رشد ۱۲ درصدی", "up 12%"),
        ("-5", "کاهش ۵ درصدی", "down 5%"),
        ("5.41", "رشد ۵٫۴ درصدی", "up 5.4%"),
        ("9.96", "رشد ۱۰ درصدی", "up 10%"),
        ("0.04", "بدون تغییر", "unchanged"),
        ("-0.06", "کاهش ۰٫۱ درصدی", "down 0.1%"),
    ],
)
def test_growth_has_its_sign_in_words(pct, fa, en):
    assert (amount_words.growth(pct), amount_words.growth(pct, "en")) == (fa, en)


def test_positive_balance():
    assert amount_words.balance("85000000.16", "surplus") == "مثبت ۸۵ میلیون دلار"


def test_negative_balance():
    assert amount_words.balance("-30400000", "deficit") == "منفی ۳۰٫۴ میلیون دلار"


def test_negative_balance_in_english():
    assert amount_words.balance("-30400000", "deficit", "en") == "a deficit of 30.4 million dollars"


def test_balance_sign_from_the_value_when_not_given():
    assert amount_words.balance(Decimal("85000000"), lang="en") == "a surplus of 85 million dollars"


def test_even_balance():
    assert amount_words.balance("0.00", "even") == "صفر"


@pytest.mark.parametrize(
    ("pct", "text"), [("48.00", "۴۸٪"), ("9.79", "۹٫۸٪"), ("4.15", "۴٫۲٪"), ("10.76", "۱۱٪")]
)
def test_shares_whole_from_ten_one_decimal_below(pct, text):
    assert amount_words.percent(pct) == text


def test_counts_are_grouped_with_persian_separator():
    assert amount_words.count(2771) == "۲٬۷۷۱"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        amount_words.usd(1, "de")
