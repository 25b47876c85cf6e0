"""The catalogue of row problems: a stable code, a Persian and an English reason.

Quarantine reasons (the row is not loaded) and plausibility warnings (the row is loaded and the
batch report says what looks wrong) share this one catalogue, so the CLI, the API and the
exported quarantine file say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    code: str
    reason_fa: str
    reason_en: str
    quarantines: bool  # False: a warning, the row is still loaded


CATALOGUE: dict[str, Problem] = {
    p.code: p
    for p in [
        # quarantine: the row cannot be loaded as it is
        Problem("ingest.missing-value", "ارزش خالی است", "the value is missing", True),
        Problem("ingest.bad-number", "عدد خوانا نیست", "not a readable number", True),
        Problem(
            "ingest.negative", "عدد منفی پذیرفته نیست", "negative numbers are not accepted", True
        ),
        Problem("ingest.too-large", "عدد بزرگ‌تر از گنجایش است", "the number is too large", True),
        Problem("ingest.missing-date", "تاریخ خالی است", "the date is missing", True),
        Problem(
            "ingest.bad-date", "تاریخ خوانا یا معتبر نیست", "not a readable or valid date", True
        ),
        Problem(
            "ingest.date-out-of-range",
            "تاریخ بیرون از بازه تقویم انبار (۱۳۸۰ تا ۱۴۳۰) است",
            "the date is outside the warehouse calendar (1380-1430 Jalali)",
            True,
        ),
        Problem("ingest.missing-hs", "کد تعرفه خالی است", "the HS code is missing", True),
        Problem(
            "ingest.bad-hs",
            "کد تعرفه باید ۴ تا ۱۰ رقم باشد",
            "the HS code must have 4 to 10 digits",
            True,
        ),
        Problem(
            "ingest.unknown-hs",
            "کد تعرفه در نظام هماهنگ (HS) نیست",
            "the HS code is not in the Harmonized System",
            True,
        ),
        Problem(
            "ingest.hs-mismatch",
            "کد ۸ رقمی با کد ۶ رقمی همخوان نیست",
            "the 8-digit code does not start with the 6-digit code",
            True,
        ),
        Problem(
            "ingest.missing-flow", "جهت (صادرات/واردات) معلوم نیست", "the flow is missing", True
        ),
        Problem(
            "ingest.bad-flow",
            "جهت باید صادرات (X) یا واردات (M) باشد",
            "the flow must be export (X) or import (M)",
            True,
        ),
        Problem("ingest.missing-province", "استان خالی است", "the province is missing", True),
        Problem("ingest.unknown-province", "استان در فهرست استان‌ها نیست", "unknown province", True),
        Problem(
            "ingest.unknown-partner", "کشور در فهرست کشورها نیست", "unknown partner country", True
        ),
        Problem(
            "ingest.unknown-customs-office",
            "گمرک در فهرست گمرکات نیست",
            "unknown customs office",
            True,
        ),
        Problem(
            "ingest.bad-trader-size",
            "اندازه بنگاه باید «کوچک و متوسط» یا «بزرگ» باشد",
            "the trader size must be sme or large",
            True,
        ),
        Problem(
            "ingest.bad-line-no", "شماره ردیف کالا عدد صحیح نیست", "line_no is not an integer", True
        ),
        Problem(
            "ingest.no-rate",
            "نرخ تبدیل ارز برای این ماه و ارز در جدول نرخ‌ها نیست",
            "no exchange rate for this currency and month in the rates table",
            True,
        ),
        # warnings: loaded, reported, never "fixed"
        Problem("check.zero-value", "ارزش صفر است", "the value is zero", False),
        Problem("check.missing-weight", "وزن خالی است", "the weight is missing", False),
        Problem("check.zero-weight", "وزن صفر است", "the weight is zero", False),
        Problem(
            "check.unit-value",
            "ارزش هر کیلوگرم بسیار دور از معمول این کد است؛ شاید واحد وزن یا ارزش اشتباه است",
            "the value per kg is far from the usual for this HS code; perhaps a unit mistake",
            False,
        ),
        Problem(
            "check.batch-unit-value",
            "ارزش هر کیلوگرم کل فایل بسیار دور از داده‌های پیشین است؛ شاید واحد وزن (تن/کیلوگرم) اشتباه است",
            "the file's overall value per kg is far from earlier data; perhaps tonnes were given as kg",
            False,
        ),
        Problem("check.future-date", "تاریخ در آینده است", "the date is in the future", False),
        Problem(
            "check.outside-period",
            "تاریخ بیرون از دوره اعلام‌شده فایل است",
            "the date is outside the declared period",
            False,
        ),
        Problem(
            "check.totals-mismatch",
            "جمع ردیف‌ها با ردیف «جمع کل» فایل برابر نیست",
            "the rows do not add up to the file's own totals row",
            False,
        ),
    ]
}


def problem(code: str) -> Problem:
    return CATALOGUE[code]
