"""What can be wrong in a reference data file, said in Persian and English with its place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from taraz.errors import TarazError
from taraz.fa import to_persian_digits

# code -> (Persian reason, English reason); `{detail}` is filled in where a reason needs it.
REASONS: dict[str, tuple[str, str]] = {
    "reference.missing-dir": (
        "پوشهٔ داده‌های مرجع وجود ندارد",
        "the reference data folder does not exist",
    ),
    "reference.unreadable": (
        "پرونده خوانده نشد؛ باید CSV با کدگذاری UTF-8 باشد ({detail})",
        "the file cannot be read; it must be CSV in UTF-8 ({detail})",
    ),
    "reference.missing-column": ("ستون لازم در سرآیند نیست", "a required column is missing"),
    "reference.unknown-column": ("ستون ناشناخته است", "unknown column"),
    "reference.extra-cells": (
        "ردیف بیش از ستون‌های سرآیند خانه دارد",
        "the row has more cells than the header",
    ),
    "reference.missing-value": ("مقدار خالی است", "the value is missing"),
    "reference.bad-code": (
        "کد نادرست است؛ شکل درست: {detail}",
        "malformed code; expected {detail}",
    ),
    "reference.bad-hs-code": (
        "کد HS نادرست است؛ باید ۲، ۴ یا ۶ رقم و هم‌اندازهٔ سطح آن باشد",
        "malformed HS code; it must have 2, 4 or 6 digits, as many as its level",
    ),
    "reference.bad-hs-prefix": (
        "پیشوند HS باید خالی یا از ۱ تا ۱۰ رقم باشد",
        "an HS prefix must be empty or 1 to 10 digits",
    ),
    "reference.bad-number": ("عدد صحیح نیست", "not a whole number"),
    "reference.duplicate-code": (
        "کد تکراری است (در ردیف {detail} همین پرونده هم آمده)",
        "duplicate code (also in row {detail} of this file)",
    ),
    "reference.unknown-section": ("بخش HS ناشناخته است", "unknown HS section"),
    "reference.unknown-parent": ("کد بالادستی HS ناشناخته است", "unknown parent HS code"),
    "reference.unknown-province": ("استان ناشناخته است", "unknown province"),
    "reference.unknown-sector": ("بخش اقتصادی ناشناخته است", "unknown sector"),
    "reference.missing-default-rule": (
        "قاعدهٔ پیش‌فرض (پیشوند خالی) نیست",
        "the default rule (empty prefix) is missing",
    ),
    "reference.name-conflict": (
        "این نام به کد دیگری هم رسیده است: {detail}",
        "this name already belongs to another code: {detail}",
    ),
}

SHOWN_PROBLEMS = 10


@dataclass(frozen=True)
class DataProblem:
    """One problem in a reference file: a stable code and where it is (file, row, column, value).

    `row` is the line number in the file (the header is line 1); None when the whole file or
    folder is concerned.
    """

    code: str
    file: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    detail: str = ""

    @property
    def message_fa(self) -> str:
        reason = REASONS[self.code][0].format(detail=to_persian_digits(self.detail))
        place = [self.file]
        if self.row is not None:
            place.append(f"ردیف {to_persian_digits(str(self.row))}")
        if self.column is not None:
            place.append(f"ستون «{self.column}»")
        if self.value is not None:
            place.append(f"مقدار «{self.value}»")
        return "، ".join(place) + ": " + reason

    @property
    def message_en(self) -> str:
        reason = REASONS[self.code][1].format(detail=self.detail)
        place = [self.file]
        if self.row is not None:
            place.append(f"row {self.row}")
        if self.column is not None:
            place.append(f"column '{self.column}'")
        if self.value is not None:
            place.append(f"value '{self.value}'")
        return ", ".join(place) + ": " + reason


class ReferenceDataError(TarazError, ValueError):
    """Reference data files that cannot be used; lists every problem found, not just the first."""

    def __init__(self, problems: Sequence[DataProblem]) -> None:
        if not problems:
            raise ValueError("a ReferenceDataError needs at least one problem")
        self.problems = tuple(problems)
        first = self.problems[0]
        rest = len(self.problems) - SHOWN_PROBLEMS
        super().__init__(
            first.code,
            _joined(
                [p.message_fa for p in self.problems], f"و {to_persian_digits(str(rest))} مشکل دیگر"
            ),
            _joined([p.message_en for p in self.problems], f"and {rest} more problems"),
            {"file": first.file, "row": first.row, "column": first.column, "value": first.value},
        )


def _joined(messages: list[str], more: str) -> str:
    """The first SHOWN_PROBLEMS messages, one per line, then how many more there are."""
    if len(messages) > SHOWN_PROBLEMS:
        return "\n".join([*messages[:SHOWN_PROBLEMS], more])
    return "\n".join(messages)
