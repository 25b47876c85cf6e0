"""Reading one messy value of a categorical field: a flow, a date, an HS code, a country...

A file has few distinct values in these fields even when it has millions of rows, so each
distinct value is read once here, in Python, with the same functions the rest of taraz uses
(`taraz.fa`, `taraz.calendar`, `taraz.reference`), and the result is joined back in DuckDB.
Each reader returns `(value, None)` or `(None, problem_code)`.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from taraz.calendar import gregorian_to_jalali, jalali_to_gregorian
from taraz.fa import name_key, normalize_text, parse_number, to_latin_digits
from taraz.reference import Flow, Reference

Result = tuple[object, str | None]

FIRST_JALALI_YEAR = 1380
LAST_JALALI_YEAR = 1430
MAX_AMOUNT = Decimal("9999999999999999")  # DECIMAL(18, 2) and (18, 3) both hold this

# the words files use for a flow, beyond its code and names (`Flow.find`)
_FLOW_WORDS = {
    Flow.EXPORTS: ("e", "exp", "صادراتی", "صادره", "ص"),
    Flow.IMPORTS: ("i", "imp", "وارداتی", "وارده", "و"),
}
_FLOW_KEYS = {name_key(word): flow for flow, words in _FLOW_WORDS.items() for word in words}

_SIZES = {
    "sme": (
        "sme",
        "small",
        "medium",
        "smallandmedium",
        "کوچک",
        "متوسط",
        "کوچکومتوسط",
        "کوچک‌ومتوسط",
    ),
    "large": ("large", "big", "بزرگ"),
}
_SIZE_KEYS = {name_key(word): size for size, words in _SIZES.items() for word in words}

_YMD = re.compile(r"(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?:[ T].*)?")
_DMY = re.compile(r"(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})")
_YM = re.compile(r"(\d{4})\s*[/\-.]\s*(\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})?")


def read_flow(text: str | None) -> Result:
    if text is None:
        return None, "ingest.missing-flow"
    flow = Flow.find(text) or _FLOW_KEYS.get(name_key(text))
    return (flow.value, None) if flow else (None, "ingest.bad-flow")


def read_trader_size(text: str | None) -> Result:
    if text is None:
        return None, None
    size = _SIZE_KEYS.get(name_key(text).replace("\u200c", ""))
    return (size, None) if size else (None, "ingest.bad-trader-size")


def read_number(text: str | None, *, required: bool) -> Result:
    """A non-negative amount as Decimal; blank is a problem only when `required`."""
    try:
        value = parse_number(text)
    except ValueError:
        return None, "ingest.bad-number"
    if value is None:
        return None, "ingest.missing-value" if required else None
    if value < 0:
        return None, "ingest.negative"
    if value > MAX_AMOUNT:
        return None, "ingest.too-large"
    return value, None


def _ymd(y: int, m: int, d: int, calendar: str | None) -> Result:
    cal = calendar or ("gregorian" if y >= 1700 else "jalali")
    try:
        if cal == "jalali":
            if not FIRST_JALALI_YEAR <= y <= LAST_JALALI_YEAR:
                return None, "ingest.date-out-of-range"
            return jalali_to_gregorian(y, m, d), None
        day = date(y, m, d)
    except ValueError:
        return None, "ingest.bad-date"
    if not FIRST_JALALI_YEAR <= gregorian_to_jalali(day)[0] <= LAST_JALALI_YEAR:
        return None, "ingest.date-out-of-range"
    return day, None


def read_date(
    text: str | None,
    year: str | None = None,
    month: str | None = None,
    day: str | None = None,
    *,
    calendar: str | None = None,
    fmt: str | None = None,
) -> Result:
    """A date from text (`1404/03/15`, `۱۴۰۴-۳-۱۵`, `2025-06-05`, `1404/03` for a month) or
    from separate year, month (and day) columns. Monthly data is dated the month's first day.
    The calendar is the mapping's, else told by the year: 1700 and later is Gregorian."""
    if text is None and year is not None:
        try:
            y = int(to_latin_digits(year).strip())
            m = int(to_latin_digits(month).strip()) if month else 1
            d = int(to_latin_digits(day).strip()) if day else 1
        except ValueError:
            return None, "ingest.bad-date"
        return _ymd(y, m, d, calendar)
    if text is None:
        return None, "ingest.missing-date"
    s = to_latin_digits(normalize_text(text)).strip()
    if fmt:
        from datetime import datetime

        try:
            return _ymd(*datetime.strptime(s, fmt).timetuple()[:3], calendar or "gregorian")
        except ValueError:
            return None, "ingest.bad-date"
    for pattern, order in ((_YMD, "ymd"), (_DMY, "dmy"), (_YM, "ym"), (_COMPACT, "compact")):
        match = pattern.fullmatch(s)
        if match:
            parts = [int(g) if g else 1 for g in match.groups()]
            if order == "dmy":
                parts = parts[::-1]
            elif order == "ym":
                parts = [*parts, 1]
            return _ymd(*parts, calendar)
    return None, "ingest.bad-date"


def read_hs(text: str | None, hs6: str | None, ref: Reference) -> Result:
    """An HS code of 4 to 10 digits, the leading zero that Excel dropped put back.

    HS codes have an even number of digits, so an odd count means a lost leading zero
    (`901` is `0901`). The heading must exist, and the subheading when there are 6 digits.
    """
    code = _hs_digits(text) if text is not None else None
    six = _hs_digits(hs6) if hs6 is not None else None
    if code is None and six is None:
        return None, "ingest.missing-hs"
    if code == "" or six == "":
        return None, "ingest.bad-hs"
    if code and six and not code.startswith(six):
        return None, "ingest.hs-mismatch"
    code = code or six
    if not 4 <= len(code) <= 10:
        return None, "ingest.bad-hs"
    if code[:4] not in ref.hs or (len(code) >= 6 and code[:6] not in ref.hs):
        return None, "ingest.unknown-hs"
    return code, None


def _hs_digits(text: str) -> str:
    """Digits of an HS code, `''` if it has other characters.

    `7208.51` and `7208.51.00` are read by their parts (a number cell may also give `7208.5`
    for 7208.50); a plain code with an odd number of digits lost its leading zero to Excel.
    """
    s = to_latin_digits(text).strip().replace(" ", "")
    if "." in s:
        head, *rest = s.split(".")
        tail = "".join(rest)
        if not (head.isdigit() and len(head) <= 4 and (tail.isdigit() or not tail)):
            return ""
        s = head.zfill(4) + tail
        return s + "0" if len(s) % 2 else s
    if not s.isdigit():
        return ""
    return "0" + s if len(s) % 2 else s


def read_code(text: str | None, kind: str, ref: Reference, crosswalk: dict[str, str]) -> Result:
    """A country, province or customs office given by code or by Persian/English name."""
    if text is None:
        return None, None
    text = crosswalk.get(name_key(text), text)
    finder = {
        "country": ref.find_country,
        "province": ref.find_province,
        "customs_office": ref.find_customs_office,
    }[kind]
    code = finder(text)
    if code:
        return code, None
    return None, {
        "country": "ingest.unknown-partner",
        "province": "ingest.unknown-province",
        "customs_office": "ingest.unknown-customs-office",
    }[kind]
