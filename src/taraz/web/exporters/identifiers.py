"""A firm's identifiers, checked: the commercial card number and the company's national id.

Commercial card number (شمارهٔ کارت بازرگانی), as the warehouse keys traders (`trader_id`):
11 digits, `1`, then the province's two-digit number (the `NN` of ISO 3166-2 `IR-NN`, 00 to
30), then eight digits that are not all zero; e.g. 12100001234 for a card of Yazd (IR-21).
The national card system publishes no check digit for it, so the check is of shape only.

National id of a legal person (شناسهٔ ملی اشخاص حقوقی), as the Registration Organization
issues it: 11 digits, the last a check digit. With d the tenth digit plus 2, and the weights
29, 27, 23, 19, 17 repeated over the first ten digits, the check digit is
sum((d + digit_i) * weight_i) mod 11, and 0 where that is 10. Digits 4 to 9 are never all zero.
E.g. 10380284790: d = 9 + 2 = 11; the sum is 3432 = 11 x 312, so the check digit is 0.
"""

from __future__ import annotations

import re

from taraz.errors import TarazError
from taraz.fa import to_latin_digits

CARD = re.compile(r"1(?P<province>\d{2})(?P<serial>\d{8})")
PROVINCES = range(0, 31)  # IR-00 .. IR-30
NATIONAL_ID_WEIGHTS = (29, 27, 23, 19, 17)


def _digits(text: object) -> str:
    """Persian or Arabic-Indic digits as Latin; spaces, dashes and dots between them dropped."""
    return re.sub(r"[\s\-._/\u200c]", "", to_latin_digits(str(text if text is not None else "")))


def clean_card_number(text: object) -> str:
    """The card number as 11 Latin digits, or `exporters.bad-card-number`."""
    digits = _digits(text)
    match = CARD.fullmatch(digits) if digits.isascii() else None
    if match is None or int(match["province"]) not in PROVINCES or match["serial"] == "0" * 8:
        raise TarazError("exporters.bad-card-number", value=str(text))
    return digits


def card_province(card_number: str) -> str:
    """The ISO 3166-2 code of the province a (clean) card number belongs to: IR-21."""
    return f"IR-{card_number[1:3]}"


def national_id_check_digit(first_ten: str) -> int:
    d = int(first_ten[9]) + 2
    total = sum((d + int(c)) * NATIONAL_ID_WEIGHTS[i % 5] for i, c in enumerate(first_ten))
    rest = total % 11
    return 0 if rest == 10 else rest


def clean_national_id(text: object) -> str:
    """The national id as 11 Latin digits whose check digit holds, or
    `exporters.bad-national-id`."""
    digits = _digits(text)
    if (
        not (digits.isascii() and re.fullmatch(r"\d{11}", digits))
        or digits[3:9] == "000000"
        or national_id_check_digit(digits[:10]) != int(digits[10])
    ):
        raise TarazError("exporters.bad-national-id", value=str(text))
    return digits
